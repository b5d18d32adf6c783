import Foundation

/// Test images made on the spot with the `vips` and `exiftool` command-line tools (Debian's
/// libvips-tools and libimage-exiftool-perl, installed by `make setup`): no binary fixtures.
enum TestImages {
    /// A fresh folder for one test.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a test's folder (a failure to remove it fails no test).
    static func remove(_ folder: URL) {
        do { try FileManager.default.removeItem(at: folder) } catch { print("could not remove \(folder.path): \(error)") }
    }

    /// Runs a tool and returns its standard output; throws when it exits non-zero.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolFailure(command: ([tool] + arguments).joined(separator: " ")) }
        return String(decoding: data, as: UTF8.self)
    }

    struct ToolFailure: Error { var command: String }

    /// A noisy RGB photo-like image of the given size in `format` (by file extension), like a phone's:
    /// EXIF with camera make, serial number and GPS position, XMP, IPTC, and `orientation`.
    static func photo(width: Int, height: Int, ext: String = "jpg", orientation: Int = 1, in folder: URL) throws -> [UInt8] {
        let noise = folder.appendingPathComponent("noise.v").path
        let rgb = folder.appendingPathComponent("rgb.v").path
        let out = folder.appendingPathComponent("photo.\(ext)").path
        try run("vips", ["gaussnoise", noise, "\(width)", "\(height)", "--mean", "128", "--sigma", "40"])
        try run("vips", ["bandjoin", "\(noise) \(noise) \(noise)", rgb])
        try run("vips", ["cast", rgb, out, "uchar"])
        try run("exiftool", [
            "-q", "-overwrite_original", "-Orientation#=\(orientation)", "-Make=PhoneMaker", "-SerialNumber=SN-4711",
            "-GPSLatitude=41.8781", "-GPSLatitudeRef=N", "-GPSLongitude=87.6298", "-GPSLongitudeRef=W",
            "-XMP-dc:Creator=Patient Name", "-IPTC:Keywords=patient", out,
        ])
        return try Array(Data(contentsOf: URL(fileURLWithPath: out)))
    }

    /// exiftool's `[Group] Tag` (family-0 group, tag name) for every field it reads in `bytes`.
    static func metadata(of bytes: [UInt8], ext: String, in folder: URL) throws -> [String] {
        let file = folder.appendingPathComponent("read-\(UUID().uuidString).\(ext)")
        try Data(bytes).write(to: file)
        return try run("exiftool", ["-G0", "-s", "-a", "-u", file.path]).split(separator: "\n").map { line in
            String(line.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces)
        }
    }

    /// A PNG of `width` x `height` pixels whose IDAT holds almost nothing: a decompression bomb's header.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        let ihdr = bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
        let idat: [UInt8] = [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", [])
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
