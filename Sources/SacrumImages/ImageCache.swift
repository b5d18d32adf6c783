import Foundation
internal import SacrumCompression

/// Processed images on disk, keyed by the SHA-256 of the source's bytes and of every parameter that
/// changes the output (request, pixel limit, libvips version, this layout's version), so a rebuild
/// with unchanged images decodes nothing.
///
/// Each entry is a folder named by its key holding one file per published image (`0.webp`, `1.jpg`,
/// …, `full.jpg`) and `meta`, which lists them with their sizes. A build publishes an entry's files
/// by copying them, without reading them into memory first. An entry is written as a folder under a
/// temporary name and renamed into place: a build killed mid-write leaves at most a `.tmp-` folder,
/// never an entry with the right name and the wrong bytes. Two builds at once may both write an entry;
/// both write the same bytes, the first rename wins and the second build uses it. An entry whose
/// files do not match its `meta` (a disk error, a foreign file) is a miss and is written again.
public struct ImageCache: Sendable {
    /// The folder of the entries (e.g. `.sacrum-cache/images`); created on the first store.
    public let directory: String

    /// Bumped whenever the processing or the entry layout changes, so old entries stop matching.
    static let formatVersion = "sacrum-images-3"
    private static let magic = "SACRUMIMG3"
    private static let metaName = "meta"
    /// Temporary folders older than this are left by a killed build and removed by `prune`; younger
    /// ones may belong to a build running now.
    private static let abandonedAfter: TimeInterval = 600

    /// A cache in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The key of `bytes` processed with these parameters.
    public static func key(for bytes: [UInt8], claimed: ImageFormat?, request: ImageRequest, maxPixels: Int) -> String {
        ContentDigest.sha256([Array(parameters(claimed: claimed, request: request, maxPixels: maxPixels).utf8), [0], bytes])
    }

    /// Every parameter besides the source's bytes that changes an entry, as one line of text.
    public static func parameters(claimed: ImageFormat?, request: ImageRequest, maxPixels: Int) -> String {
        "\(formatVersion);vips=\(ImageProcessor.engineVersion);claimed=\(claimed?.rawValue ?? "-");max=\(maxPixels);\(request.fingerprint)"
    }

    /// The entry for `key` with its files' paths, or nil when there is none or its files are not the
    /// sizes its `meta` says. Reads `meta` and one `stat` per file, none of the images.
    public func entry(_ key: String) -> ImageCacheEntry? {
        let folder = path(of: key)
        guard let data = FileManager.default.contents(atPath: folder + "/" + Self.metaName),
            let entry = Self.decodeMeta(String(decoding: data, as: UTF8.self), folder: folder)
        else { return nil }
        for file in entry.variants + [entry.fullSize] {
            var info = stat()
            guard stat(file.path, &info) == 0, Int(info.st_size) == file.length else { return nil }
        }
        return entry
    }

    /// The entry for `key` with its files' bytes, or nil (see `entry(_:)`).
    public func load(_ key: String) -> ProcessedImage? {
        guard let entry = entry(key) else { return nil }
        func read(_ file: ImageCacheEntry.File) -> ImageVariant? {
            guard let data = FileManager.default.contents(atPath: file.path), data.count == file.length else { return nil }
            return ImageVariant(format: file.format, width: file.width, height: file.height, bytes: [UInt8](data))
        }
        var variants: [ImageVariant] = []
        for file in entry.variants {
            guard let variant = read(file) else { return nil }
            variants.append(variant)
        }
        guard let fullSize = read(entry.fullSize) else { return nil }
        return ProcessedImage(
            format: entry.format, width: entry.width, height: entry.height, fallback: entry.fallback, variants: variants,
            fullSize: fullSize, frames: entry.frames)
    }

    /// Writes the entry for `key` atomically and returns it as `entry(_:)` would.
    @discardableResult
    public func store(_ image: ProcessedImage, key: String) throws(ImageCacheError) -> ImageCacheEntry {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ImageCacheError(path: directory, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let temporary = directory + "/.tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        guard mkdir(temporary, 0o755) == 0 else {
            throw ImageCacheError(path: temporary, reason: "cannot create the entry: \(String(cString: strerror(errno)))")
        }
        let names = image.variants.indices.map { "\($0).\(image.variants[$0].format.fileExtension)" } + ["full.\(image.fullSize.format.fileExtension)"]
        for (name, file) in zip(names, image.variants + [image.fullSize]) {
            guard FileManager.default.createFile(atPath: temporary + "/" + name, contents: Data(file.bytes)) else {
                Self.removeFolder(temporary)
                throw ImageCacheError(path: temporary + "/" + name, reason: "cannot write the entry")
            }
        }
        guard FileManager.default.createFile(atPath: temporary + "/" + Self.metaName, contents: Data(Self.encodeMeta(image, names: names).utf8)) else {
            Self.removeFolder(temporary)
            throw ImageCacheError(path: temporary + "/" + Self.metaName, reason: "cannot write the entry")
        }
        if rename(temporary, path(of: key)) != 0 {
            let code = errno
            Self.removeFolder(temporary)
            // Another build stored the same entry first: its bytes are the same.
            guard code == ENOTEMPTY || code == EEXIST, let existing = entry(key) else {
                throw ImageCacheError(path: path(of: key), reason: "cannot rename the entry into place: \(String(cString: strerror(code)))")
            }
            return existing
        }
        guard let stored = entry(key) else { throw ImageCacheError(path: path(of: key), reason: "the entry cannot be read back") }
        return stored
    }

    /// Removes every entry whose key is not in `used`, temporary folders a killed build left, and the
    /// entries of older layouts. Returns how many entries were removed.
    @discardableResult
    public func prune(keeping used: Set<String>) -> Int {
        let now = Date()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names {
            let file = directory + "/" + name
            if Self.isKey(name) {
                guard !used.contains(name) else { continue }
            } else if name.hasPrefix(".tmp-") {
                let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? now
                guard now.timeIntervalSince(modified) > Self.abandonedAfter else { continue }
            } else if !name.hasSuffix(".entry") {
                continue  // the build's own files (its source index) and anything foreign
            }
            Self.removeFolder(file)
            removed += 1
        }
        return removed
    }

    private func path(of key: String) -> String { directory + "/" + key }

    private static func isKey(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func removeFolder(_ path: String) {
        if unlink(path) == 0 { return }
        try? FileManager.default.removeItem(atPath: path)
    }

    // MARK: - meta: the magic, one line for the image, one per file ("format width height length name").

    static func encodeMeta(_ image: ProcessedImage, names: [String]) -> String {
        let files = image.variants + [image.fullSize]
        var text = "\(magic)\n\(image.format.rawValue) \(image.width) \(image.height) \(image.fallback.rawValue) \(files.count) \(image.frames)\n"
        for (file, name) in zip(files, names) { text += "\(file.format.rawValue) \(file.width) \(file.height) \(file.bytes.count) \(name)\n" }
        return text
    }

    static func decodeMeta(_ text: String, folder: String) -> ImageCacheEntry? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == magic else { return nil }
        let first = lines[1].split(separator: " ")
        guard first.count == 6, let format = ImageFormat(rawValue: String(first[0])), let width = Int(first[1]), let height = Int(first[2]),
            let fallback = ImageFormat(rawValue: String(first[3])), let count = Int(first[4]), count >= 1, count < 10_000,
            let frames = Int(first[5]), frames >= 1, lines.count == count + 3, lines[count + 2].isEmpty
        else { return nil }
        var files: [ImageCacheEntry.File] = []
        for line in lines[2..<(count + 2)] {
            let fields = line.split(separator: " ")
            guard fields.count == 5, let format = ImageFormat(rawValue: String(fields[0])), let width = Int(fields[1]),
                let height = Int(fields[2]), let length = Int(fields[3]), length >= 0, !fields[4].contains("/"), !fields[4].hasPrefix(".")
            else { return nil }
            files.append(ImageCacheEntry.File(format: format, width: width, height: height, length: length, path: folder + "/" + fields[4]))
        }
        guard let fullSize = files.popLast() else { return nil }
        return ImageCacheEntry(format: format, width: width, height: height, fallback: fallback, frames: frames, variants: files, fullSize: fullSize)
    }
}

/// A cache entry as found on disk: what `ProcessedImage` says, with file paths instead of bytes.
public struct ImageCacheEntry: Sendable, Hashable {
    /// One published file of the entry.
    public struct File: Sendable, Hashable {
        public var format: ImageFormat
        public var width: Int
        public var height: Int
        /// Its size in bytes.
        public var length: Int
        /// Where it is.
        public var path: String
    }

    /// The source's format and upright size.
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    /// The format of the `<img>` fallback.
    public var fallback: ImageFormat
    /// The source's frames (more than 1: an animation, published as its first frame).
    public var frames: Int
    /// The responsive variants, in `ProcessedImage.variants` order.
    public var variants: [File]
    /// The metadata-free full-size copy.
    public var fullSize: File
}

/// The cache folder cannot be written (full disk, permissions). The build still publishes its images;
/// the next build processes them again.
public struct ImageCacheError: Error, Sendable, Hashable {
    /// The file or folder.
    public var path: String
    /// What went wrong.
    public var reason: String
}
