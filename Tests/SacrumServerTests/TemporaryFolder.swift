import Foundation
import Testing

/// A folder under the system's temporary folder, removed by ``remove()``.
struct TemporaryFolder {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = base + "/sacrum-watch-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The absolute path of `relative` inside the folder.
    func url(_ relative: String) -> String { path + "/" + relative }

    /// Writes `text` to `relative` (opens, writes, closes).
    func write(_ relative: String, _ text: String = "changed") throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: url(relative)))
    }

    /// Saves like an editor: writes a temporary file next to `relative`, then renames it over it.
    func atomicSave(_ relative: String, _ text: String = "saved", temporaryName: String) throws {
        try write(temporaryName, text)
        guard rename(url(temporaryName), url(relative)) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: url(relative), withIntermediateDirectories: true)
    }

    func delete(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: url(relative))
    }

    /// Removes the folder; a failure is recorded as a test issue.
    func remove() {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            Issue.record("could not remove \(path): \(error)")
        }
    }
}
