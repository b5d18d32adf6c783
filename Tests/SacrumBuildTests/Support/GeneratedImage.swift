import Foundation

/// Images for build tests, made on the spot with the `vips` and `exiftool` command-line tools: no
/// binary fixtures, no third-party photos.
enum GeneratedImage {
    /// A grey-gradient JPEG of `width` x `height` with a phone's EXIF (make, serial number, GPS) and XMP.
    static func jpeg(width: Int, height: Int) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-image-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try run("vips", ["xyz", "\(folder)/xy.v", "\(width)", "\(height)"])
        try run("vips", ["bandjoin", "\(folder)/xy.v \(folder)/xy.v", "\(folder)/xyxy.v"])
        try run("vips", ["extract_band", "\(folder)/xyxy.v", "\(folder)/rgb.v", "0", "--n", "3"])
        try run("vips", ["cast", "\(folder)/rgb.v", "\(folder)/photo.jpg", "uchar"])
        try run("exiftool", [
            "-q", "-overwrite_original", "-Make=PhoneMaker", "-SerialNumber=SN-4711", "-GPSLatitude=41.8781",
            "-GPSLatitudeRef=N", "-XMP-dc:Creator=Patient Name", "\(folder)/photo.jpg",
        ])
        return try Array(Data(contentsOf: URL(fileURLWithPath: "\(folder)/photo.jpg")))
    }

    /// A PNG of grey noise, which compresses badly: a 1600 px copy of it weighs over 1 MB.
    static func noisePNG(width: Int, height: Int) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-image-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try run("vips", ["gaussnoise", "\(folder)/noise.v", "\(width)", "\(height)", "--sigma", "60"])
        try run("vips", ["cast", "\(folder)/noise.v", "\(folder)/noise.png", "uchar"])
        return try Array(Data(contentsOf: URL(fileURLWithPath: "\(folder)/noise.png")))
    }

    /// A GIF of two 1x1 frames (an animation), written byte by byte.
    static let animatedGIF: [UInt8] =
        Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF]
        + [0x21, 0xF9, 4, 0, 10, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0]
        + [0x21, 0xF9, 4, 0, 10, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0] + [0x3B]

    /// exiftool's `[Group] Tag` lines for the file at `path`.
    static func metadata(atPath path: String) throws -> [String] {
        try run("exiftool", ["-G0", "-s", "-a", "-u", path]).split(separator: "\n").map(String.init)
    }

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
        guard process.terminationStatus == 0 else { throw Failure(command: ([tool] + arguments).joined(separator: " ")) }
        return String(decoding: data, as: UTF8.self)
    }

    struct Failure: Error { var command: String }
}
