#if canImport(Glibc)
    import Glibc
#endif
@testable import SacrumContent

/// A site's files held in memory (path → bytes), for testing the content layer without a disk.
/// Folders are implied by the paths; `symbolicLinks` are reported as links, as the disk would.
struct MemoryFileSystem: ContentFileSystem {
    var files: [String: [UInt8]]
    var symbolicLinks: Set<String> = []

    /// Files given as text under `root` (`content/a.md` → `/site/content/a.md`).
    init(root: String = "/site", _ texts: [String: String], symbolicLinks: Set<String> = []) {
        files = Dictionary(uniqueKeysWithValues: texts.map { (root + "/" + $0.key, Array($0.value.utf8)) })
        self.symbolicLinks = Set(symbolicLinks.map { root + "/" + $0 })
    }

    func type(atPath path: String) -> FileIO.EntryType? {
        if symbolicLinks.contains(path) { return .symbolicLink }
        if files[path] != nil { return .file }
        let prefix = path + "/"
        if files.keys.contains(where: { $0.hasPrefix(prefix) }) || symbolicLinks.contains(where: { $0.hasPrefix(prefix) }) {
            return .directory
        }
        return nil
    }

    func list(_ path: String) throws(FileIO.Failure) -> [FileIO.Entry] {
        guard type(atPath: path) == .directory else { throw FileIO.Failure(path: path, code: ENOENT) }
        let prefix = path + "/"
        var entries: [String: FileIO.EntryType] = [:]
        for child in Array(files.keys) + Array(symbolicLinks) where child.hasPrefix(prefix) {
            let rest = child.dropFirst(prefix.count)
            let name = String(rest.prefix { $0 != "/" })
            entries[name] = rest.contains("/") ? .directory : (symbolicLinks.contains(child) ? .symbolicLink : .file)
        }
        return entries.map { FileIO.Entry(nameBytes: Array($0.key.utf8), type: $0.value) }
            .sorted { $0.nameBytes.lexicographicallyPrecedes($1.nameBytes) }
    }

    func read(_ path: String) throws(FileIO.Failure) -> [UInt8] {
        if symbolicLinks.contains(path) { throw FileIO.Failure(path: path, code: ELOOP) }
        guard let bytes = files[path] else { throw FileIO.Failure(path: path, code: type(atPath: path) == .directory ? EISDIR : ENOENT) }
        return bytes
    }
}
