internal import Foundation
internal import SacrumCompression

/// `.sacrum-manifest.json`: the path, size and SHA-256 of every file of a published site (itself
/// excepted), sorted by path, one file per line; the same site gives the same bytes. A deploy compares
/// it with the previous one (`sacrum diff`) to upload only what changed and delete what vanished.
public struct SiteManifest: Sendable, Hashable {
    /// The file name, at the root of the output folder.
    public static let fileName = ".sacrum-manifest.json"

    /// One published file.
    public struct Entry: Sendable, Hashable, Codable {
        /// The path inside the output folder.
        public var path: String
        /// Bytes.
        public var size: Int
        /// SHA-256 of the bytes, 64 lower-case hex digits.
        public var sha256: String

        /// Creates an entry.
        public init(path: String, size: Int, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The files, sorted by the bytes of their paths.
    public private(set) var entries: [Entry]

    /// A manifest of `entries` (sorted here).
    public init(entries: [Entry]) {
        self.entries = entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The entry of `bytes` at `path`.
    static func entry(path: String, bytes: [UInt8]) -> Entry {
        Entry(path: path, size: bytes.count, sha256: ContentDigest.sha256([bytes]))
    }

    /// The file's text.
    public var json: String {
        var text = "{\n  \"version\": 1,\n  \"files\": [\n"
        for (index, entry) in entries.enumerated() {
            text += "    {\"path\": \(Self.quoted(entry.path)), \"size\": \(entry.size), \"sha256\": \"\(entry.sha256)\"}"
            text += index == entries.count - 1 ? "\n" : ",\n"
        }
        return text + "  ]\n}\n"
    }

    private struct File: Codable {
        var version: Int
        var files: [Entry]
    }

    /// Reads a manifest's text; `nil` when it is not one.
    public static func parse(_ bytes: [UInt8]) -> SiteManifest? {
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(bytes))
            guard file.version == 1 else { return nil }
            return SiteManifest(entries: file.files)
        } catch {
            return nil
        }
    }

    /// A JSON string literal (the same escaping as the pages' JSON-LD).
    static func quoted(_ text: String) -> String {
        JSONValue.string(text).serialized()
    }
}
