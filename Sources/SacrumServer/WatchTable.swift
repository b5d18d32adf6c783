#if canImport(Glibc)
internal import Glibc

/// The inotify watches of one file watcher: one per folder, recursive for watched folders, and
/// on the containing folder, filtered by name, for watched single files.
struct WatchTable: Sendable {
    /// What one watch descriptor stands for.
    struct Watch: Sendable, Equatable {
        /// The folder, as a path built from the watched path.
        var directory: String
        /// Whether every entry is reported and new subfolders are watched too.
        var recursive: Bool
        /// Watched single files in this folder: name → the path as the caller gave it.
        var files: [String: String]
    }

    /// A path the caller asked to watch.
    enum Root: Sendable, Equatable {
        /// A folder, watched with everything below it.
        case directory(String)
        /// A single file, watched through its folder so that saves by rename are seen.
        case file(path: String, directory: String, name: String)

        /// The path as the caller gave it (without trailing slashes).
        var path: String {
            switch self {
            case .directory(let path): path
            case .file(let path, _, _): path
            }
        }
    }

    /// The events every watch asks for.
    static let mask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
        | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_ATTRIB) | UInt32(IN_ONLYDIR)

    /// The inotify descriptor the watches belong to.
    let descriptor: Int32
    /// The watched paths.
    let roots: [Root]
    /// The watches by descriptor.
    private(set) var watches: [Int32: Watch] = [:]

    /// Classifies `paths` and adds a watch for every folder to watch.
    /// - Throws: ``FileWatcherError/pathNotFound(_:)`` for a path that is neither a folder nor a
    ///   file in an existing folder; ``FileWatcherError/watchLimitReached(path:)`` on ENOSPC.
    init(descriptor: Int32, paths: [String]) throws(FileWatcherError) {
        self.descriptor = descriptor
        self.roots = try paths.map { path throws(FileWatcherError) in try Self.classify(path) }
        try addRoots()
    }

    /// Adds watches for the roots and every folder below the folder roots; on an overflow this
    /// picks up folders created while events were lost.
    mutating func addRoots() throws(FileWatcherError) {
        var ignored = Set<String>()
        for root in roots {
            switch root {
            case .directory(let path):
                try addTree(path, reportingFilesInto: &ignored)
            case .file(let path, let directory, let name):
                let watch = try addWatch(directory)
                watches[watch, default: Watch(directory: directory, recursive: false, files: [:])].files[name] = path
            }
        }
    }

    /// Applies a batch of events: keeps the watches up to date and adds the changed paths to
    /// `changes`. Failures to watch new folders go to `errors`.
    mutating func handle(_ events: [InotifyEvent], changes: inout Set<String>, errors: inout [FileWatcherError]) {
        for event in events {
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                changes.formUnion(roots.map(\.path))
                do {
                    try addRoots()
                } catch {
                    errors.append(error)
                }
                continue
            }
            if event.mask & UInt32(IN_IGNORED) != 0 {
                watches.removeValue(forKey: event.watch)
                continue
            }
            guard let watch = watches[event.watch] else { continue }
            if event.name.isEmpty {
                if watch.recursive { changes.insert(watch.directory) }
                continue
            }
            if let file = watch.files[event.name] {
                changes.insert(file)
                continue
            }
            guard watch.recursive, !IgnoredNames.contains(event.name) else { continue }
            let path = Self.join(watch.directory, event.name)
            changes.insert(path)
            guard event.mask & UInt32(IN_ISDIR) != 0 else { continue }
            if event.mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                do {
                    try addTree(path, reportingFilesInto: &changes)
                } catch {
                    errors.append(error)
                }
            } else if event.mask & UInt32(IN_MOVED_FROM) != 0 {
                removeTree(path)
            }
        }
    }

    /// Watches `directory` and every folder below it, adding the files found to `files` (so
    /// files written into a new folder before its watch existed are not missed).
    private mutating func addTree(_ directory: String, reportingFilesInto files: inout Set<String>) throws(FileWatcherError) {
        let watch: Int32
        do {
            watch = try addWatch(directory)
        } catch .systemCallFailed(_, _, let code) where code == ENOENT || code == ENOTDIR {
            return  // removed or replaced before we got to it; its parent reports that
        }
        watches[watch, default: Watch(directory: directory, recursive: true, files: [:])].recursive = true
        for (name, isDirectory) in Self.entries(of: directory) where !IgnoredNames.contains(name) {
            let path = Self.join(directory, name)
            if isDirectory {
                try addTree(path, reportingFilesInto: &files)
            } else {
                files.insert(path)
            }
        }
    }

    /// Stops watching `directory` and the folders below it (it was moved away).
    private mutating func removeTree(_ directory: String) {
        let prefix = directory + "/"
        for (watch, entry) in watches where entry.directory == directory || entry.directory.hasPrefix(prefix) {
            inotify_rm_watch(descriptor, watch)
            watches.removeValue(forKey: watch)
        }
    }

    private func addWatch(_ directory: String) throws(FileWatcherError) -> Int32 {
        let watch = inotify_add_watch(descriptor, directory, Self.mask)
        guard watch >= 0 else {
            let code = errno
            if code == ENOSPC { throw .watchLimitReached(path: directory) }
            throw .systemCallFailed(call: "inotify_add_watch", path: directory, errno: code)
        }
        return watch
    }

    /// Decides how to watch `path`: a folder recursively, anything else through its folder.
    static func classify(_ rawPath: String) throws(FileWatcherError) -> Root {
        let path = trimmingTrailingSlashes(rawPath)
        if isDirectory(path) { return .directory(path) }
        let directory: String
        let name: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            directory = "."
            name = path
        }
        guard !name.isEmpty, isDirectory(directory) else { throw .pathNotFound(rawPath) }
        return .file(path: path, directory: directory, name: name)
    }

    /// `directory/name`, without doubling the slash of the root folder.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// Whether `path` is a folder, following symbolic links unless `followingLinks` is false.
    /// (Opening with `O_DIRECTORY` rather than `stat`, whose struct is claimed by several C
    /// modules and then cannot be named with member import visibility.)
    private static func isDirectory(_ path: String, followingLinks: Bool = true) -> Bool {
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { return false }
        _ = close(descriptor)
        return true
    }

    /// The names in `directory` and whether each is a folder (symbolic links are not followed).
    private static func entries(of directory: String) -> [(name: String, isDirectory: Bool)] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var result: [(name: String, isDirectory: Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let isDirectory: Bool
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): isDirectory = true
            case Int32(DT_UNKNOWN):
                isDirectory = Self.isDirectory(join(directory, name), followingLinks: false)
            default: isDirectory = false
            }
            result.append((name, isDirectory))
        }
        return result
    }
}
#endif
