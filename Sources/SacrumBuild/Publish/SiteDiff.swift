internal import Foundation
public import SacrumContent

/// The files added, changed and removed between two builds of a site (`sacrum diff OLD NEW`). Each
/// side is an output folder (its `.sacrum-manifest.json` when it has one, else every file hashed) or a
/// manifest file (kept from the last deploy).
public struct SiteDiff: Sendable, Hashable {
    /// Paths only in the new site.
    public var added: [String]
    /// Paths in both whose size or SHA-256 differ.
    public var changed: [String]
    /// Paths only in the old site.
    public var removed: [String]

    /// Creates a diff.
    public init(added: [String], changed: [String], removed: [String]) {
        self.added = added
        self.changed = changed
        self.removed = removed
    }

    /// Whether the two sites hold the same files.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// The difference from `old` to `new`.
    public init(old: SiteManifest, new: SiteManifest) {
        var before: [String: SiteManifest.Entry] = [:]
        for entry in old.entries { before[entry.path] = entry }
        var added: [String] = []
        var changed: [String] = []
        for entry in new.entries {
            guard let previous = before.removeValue(forKey: entry.path) else {
                added.append(entry.path)
                continue
            }
            if previous.size != entry.size || previous.sha256 != entry.sha256 { changed.append(entry.path) }
        }
        let removed = old.entries.map(\.path).filter { before[$0] != nil }
        self.init(added: added, changed: changed, removed: removed)
    }

    /// `A path`, `M path` and `D path` lines (as `git diff --name-status`), in path order.
    public var text: String {
        let lines = added.map { ("A", $0) } + changed.map { ("M", $0) } + removed.map { ("D", $0) }
        return lines.sorted { $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) }.map { "\($0.0) \($0.1)\n" }.joined()
    }

    /// The manifest of an output folder or a manifest file.
    public static func manifest(at path: String) throws(Diagnostic) -> SiteManifest {
        switch FileIO.type(atPath: path) {
        case .directory:
            let manifestPath = path + "/" + SiteManifest.fileName
            if FileIO.type(atPath: manifestPath) != nil { return try read(manifestPath) }
            return try hashTree(path)
        case .some:
            return try read(path)
        case nil:
            throw Diagnostic(
                .error, id: "diff.missing", file: path, message: "there is no folder or manifest at \(path)",
                hint: "give an output folder or a \(SiteManifest.fileName) file")
        }
    }

    private static func read(_ path: String) throws(Diagnostic) -> SiteManifest {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            throw Diagnostic(.error, id: "diff.unreadable", file: path, message: "cannot read \(path): \(error.reason)")
        }
        guard let manifest = SiteManifest.parse(bytes) else {
            throw Diagnostic(
                .error, id: "diff.manifest", file: path, message: "\(path) is not a Sacrum manifest (version 1)",
                hint: "give the \(SiteManifest.fileName) that 'sacrum build' wrote, or the output folder itself")
        }
        return manifest
    }

    /// Every regular file under `root` hashed (symbolic links are not followed; the manifest itself is left out).
    private static func hashTree(_ root: String) throws(Diagnostic) -> SiteManifest {
        var entries: [SiteManifest.Entry] = []
        var folders = [""]
        while let folder = folders.popLast() {
            let entriesOfFolder: [FileIO.Entry]
            do {
                entriesOfFolder = try FileIO.list(folder.isEmpty ? root : root + "/" + folder)
            } catch {
                throw Diagnostic(.error, id: "diff.unreadable", file: root + "/" + folder, message: "cannot list \(root)/\(folder): \(error.reason)")
            }
            for entry in entriesOfFolder {
                let name = String(decoding: entry.nameBytes, as: UTF8.self)
                let relative = folder.isEmpty ? name : folder + "/" + name
                switch entry.type {
                case .directory: folders.append(relative)
                case .file:
                    if relative == SiteManifest.fileName { continue }
                    do {
                        entries.append(SiteManifest.entry(path: relative, bytes: try FileIO.read(root + "/" + relative)))
                    } catch {
                        throw Diagnostic(.error, id: "diff.unreadable", file: root + "/" + relative, message: "cannot read \(root)/\(relative): \(error.reason)")
                    }
                default: continue
                }
            }
        }
        return SiteManifest(entries: entries)
    }
}
