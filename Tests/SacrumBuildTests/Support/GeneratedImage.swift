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
