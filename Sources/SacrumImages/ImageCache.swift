import Foundation
internal import SacrumCompression

/// Processed images on disk, keyed by the SHA-256 of the source's bytes and of every parameter that
/// changes the output (request, pixel limit, libvips version, this format's version), so a rebuild
/// with unchanged images decodes nothing.
///
/// Each entry is one file, written under a temporary name in the same folder and renamed into place:
/// a build killed mid-write leaves at most a `.tmp-` file, never an entry with the right name and the
/// wrong bytes. Two builds at once may both write an entry; both write the same bytes and the last
/// rename wins. An entry that cannot be read or parsed (a disk error, a foreign file) is a miss and is
/// written again.
public struct ImageCache: Sendable {
    /// The folder of the entries (e.g. `.sacrum-cache/images`); created on the first store.
    public let directory: String

    /// Bumped whenever the processing or the entry layout changes, so old entries stop matching.
    static let formatVersion = "sacrum-images-1"
    private static let magic = Array("SACRUMIMG1\n".utf8)
    private static let entrySuffix = ".entry"
    /// Temporary files older than this are left by a killed build and removed by `prune`; younger
    /// ones may belong to a build running now.
    private static let abandonedAfter: TimeInterval = 600

    /// A cache in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The key of `bytes` processed with these parameters.
    public static func key(for bytes: [UInt8], claimed: ImageFormat?, request: ImageRequest, maxPixels: Int) -> String {
        let parameters = "\(formatVersion);vips=\(ImageProcessor.engineVersion);claimed=\(claimed?.rawValue ?? "-");max=\(maxPixels);\(request.fingerprint)"
        return ContentDigest.sha256([Array(parameters.utf8), [0], bytes])
    }

    /// The entry for `key`, or nil when there is none (or it cannot be read).
    public func load(_ key: String) -> ProcessedImage? {
        guard let data = FileManager.default.contents(atPath: path(of: key)) else { return nil }
        return Self.decode([UInt8](data))
    }

    /// Writes the entry for `key` atomically.
    public func store(_ image: ProcessedImage, key: String) throws(ImageCacheError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ImageCacheError(path: directory, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let temporary = directory + "/.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        let bytes = Self.encode(image)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw ImageCacheError(path: temporary, reason: "cannot write the entry")
        }
        if rename(temporary, path(of: key)) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ImageCacheError(path: path(of: key), reason: "cannot rename the entry into place: \(reason)")
        }
    }

    /// Removes every entry whose key is not in `used`, and temporary files a killed build left.
    /// Returns how many files were removed.
    @discardableResult
    public func prune(keeping used: Set<String>) -> Int {
        let now = Date()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names {
            let file = directory + "/" + name
            if name.hasSuffix(Self.entrySuffix) {
                guard !used.contains(String(name.dropLast(Self.entrySuffix.count))) else { continue }
            } else if name.hasPrefix(".tmp-") {
                let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? now
                guard now.timeIntervalSince(modified) > Self.abandonedAfter else { continue }
            } else {
                continue
            }
            if unlink(file) == 0 { removed += 1 }
        }
        return removed
    }

    private func path(of key: String) -> String { directory + "/" + key + Self.entrySuffix }

    // MARK: - Entry layout: magic, one text line per file ("format width height length"), the bytes.

    static func encode(_ image: ProcessedImage) -> [UInt8] {
        let files = image.variants + [image.fullSize]
        var header = "\(image.format.rawValue) \(image.width) \(image.height) \(image.fallback.rawValue) \(files.count)\n"
        for file in files { header += "\(file.format.rawValue) \(file.width) \(file.height) \(file.bytes.count)\n" }
        var bytes = magic + Array(header.utf8)
        bytes.reserveCapacity(bytes.count + files.reduce(0) { $0 + $1.bytes.count })
        for file in files { bytes += file.bytes }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> ProcessedImage? {
        guard bytes.starts(with: magic) else { return nil }
        var offset = magic.count
        func line() -> [Substring]? {
            guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            defer { offset = end + 1 }
            return String(decoding: bytes[offset..<end], as: UTF8.self).split(separator: " ")
        }
        guard let first = line(), first.count == 5, let format = ImageFormat(rawValue: String(first[0])),
            let width = Int(first[1]), let height = Int(first[2]), let fallback = ImageFormat(rawValue: String(first[3])),
            let count = Int(first[4]), count >= 1, count < 10_000
        else { return nil }
        var layout: [(ImageFormat, Int, Int, Int)] = []
        for _ in 0..<count {
            guard let fields = line(), fields.count == 4, let format = ImageFormat(rawValue: String(fields[0])),
                let width = Int(fields[1]), let height = Int(fields[2]), let length = Int(fields[3]), length >= 0
            else { return nil }
            layout.append((format, width, height, length))
        }
        var files: [ImageVariant] = []
        for (format, width, height, length) in layout {
            guard bytes.count - offset >= length else { return nil }
            files.append(ImageVariant(format: format, width: width, height: height, bytes: Array(bytes[offset..<offset + length])))
            offset += length
        }
        guard offset == bytes.count, let fullSize = files.popLast() else { return nil }
        return ProcessedImage(format: format, width: width, height: height, fallback: fallback, variants: files, fullSize: fullSize)
    }
}

/// The cache folder cannot be written (full disk, permissions). The build still publishes its images;
/// the next build processes them again.
public struct ImageCacheError: Error, Sendable, Hashable {
    /// The file or folder.
    public var path: String
    /// What went wrong.
    public var reason: String
}
