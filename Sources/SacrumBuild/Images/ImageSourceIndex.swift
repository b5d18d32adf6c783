import Foundation
import SacrumContent

/// What the last build learned about each source image, kept beside the image cache (`sources` in
/// its folder): the file's fingerprint (size, modification time in nanoseconds, inode), the
/// processing parameters and the cache key its bytes gave. A rebuild whose source still has that
/// fingerprint and parameters takes the key from here without reading or hashing the source, the way
/// git trusts its index. A line that cannot be read is ignored (the source is then hashed again).
struct ImageSourceIndex: Sendable {
    struct Record: Sendable, Hashable {
        var fingerprint: FileFingerprint
        var parameters: String
        var key: String
    }

    /// Records by source path.
    var records: [String: Record] = [:]

    static func file(in directory: String) -> String { directory + "/sources" }

    /// The index in `directory`, or an empty one.
    static func load(directory: String) -> ImageSourceIndex {
        var index = ImageSourceIndex()
        guard let data = FileManager.default.contents(atPath: file(in: directory)) else { return index }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 6, let size = Int64(fields[1]), let modified = Int64(fields[2]), let inode = UInt64(fields[3]) else { continue }
            index.records[String(fields[5])] = Record(
                fingerprint: FileFingerprint(modified: modified, size: size, inode: inode), parameters: String(fields[4]), key: String(fields[0]))
        }
        return index
    }

    /// The key of `path` if its fingerprint and parameters are the recorded ones.
    func key(of path: String, fingerprint: FileFingerprint?, parameters: String) -> String? {
        guard let fingerprint, let record = records[path], record.fingerprint == fingerprint, record.parameters == parameters else { return nil }
        return record.key
    }

    /// Writes the index to `directory` atomically (a temporary file renamed into place). A failure
    /// only costs the next build a hash of each source; it is not reported.
    func save(directory: String) {
        var text = ""
        for (path, record) in records.sorted(by: { $0.key < $1.key }) where !path.contains("\t") && !path.contains("\n") {
            let fingerprint = record.fingerprint
            text += "\(record.key)\t\(fingerprint.size)\t\(fingerprint.modified)\t\(fingerprint.inode)\t\(record.parameters)\t\(path)\n"
        }
        let temporary = directory + "/.tmp-sources-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else { return }
        if rename(temporary, Self.file(in: directory)) != 0 { unlink(temporary) }
    }
}
