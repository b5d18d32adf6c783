internal import Foundation
public import SacrumContent

#if canImport(Glibc)
    internal import Glibc
#endif

/// Writes a built site so that the output folder always holds either the previous complete site or
/// the new one: files go to a staging folder beside it, which is then swapped in with one atomic
/// `renameat2(RENAME_EXCHANGE)`; the previous site is deleted afterwards. A failed write (full disk,
/// read-only folder) removes the staging folder and leaves the previous site as it was. A lock file
/// beside the output serialises builds that run at the same time.
///
/// `sacrum build` begins the staging folder before it renders (`begin`), so that each page is written
/// there as soon as it is rendered and not kept in memory; it then either `finish`es (the rest of the
/// files, and the swap) or, when the build has an error, `discard`s the staging folder.
public struct OutputWriter: Sendable {
    /// Where to write.
    public let location: OutputLocation

    /// Creates a writer.
    public init(location: OutputLocation) {
        self.location = location
    }

    private var parent: String { PathText.parent(location.path) }
    private var name: String { PathText.lastComponent(location.path) }
    private var lockPath: String { parent + "/." + name + ".lock" }
    private var stagingPrefix: String { "." + name + ".staging-" }

    /// A staging folder being filled, with the lock held: pass it to `finish` or `discard`.
    public struct Staging: Sendable {
        /// The folder's absolute path (`.output.staging-1234` beside the output folder).
        public let path: String
        /// The lock file's descriptor, held until `finish` or `discard`.
        let lock: Int32
    }

    /// Writes `files` and swaps them in.
    public func write(_ files: [OutputFile]) async throws(Diagnostic) {
        try await finish(try await begin(), writing: files)
    }

    /// Takes the lock and makes an empty staging folder beside the output folder (removing those that
    /// killed builds left).
    public func begin() async throws(Diagnostic) -> Staging {
        let parentType = FileIO.type(atPath: parent)
        guard parentType == .directory else {
            throw Diagnostic(
                .error, id: "output.write", file: "",
                message: "cannot write the site to \(location.path): \(parent) "
                    + (parentType == nil ? "does not exist" : "is not a folder"),
                hint: "create the folder (mkdir -p \(parent)) or choose another --output; nothing was written")
        }
        if isMountPoint {
            throw Diagnostic(
                .error, id: "output.write", file: "",
                message: "cannot write the site to \(location.path): it is a mount point, and a build replaces the output folder as a whole",
                hint: "mount the file system one folder higher and build into a folder inside it, or choose another --output; "
                    + "the previous site in \(location.path) is unchanged")
        }
        let lock = try await acquireLock()
        removeStaleStagingFolders()
        let staging = parent + "/" + stagingPrefix + String(getpid())
        guard mkdir(staging, 0o755) == 0 else {
            let code = errno
            Self.unlock(lock)
            throw failure("cannot create the staging folder \(staging)", code: code)
        }
        return Staging(path: staging, lock: lock)
    }

    /// Writes `files` into the staging folder (beside what is already there), swaps it in and releases
    /// the lock. On failure the staging folder is removed and the previous site stays as it was.
    public func finish(_ staging: Staging, writing files: [OutputFile]) async throws(Diagnostic) {
        defer { Self.unlock(staging.lock) }
        do {
            try await writeFiles(files, into: staging.path)
            try swap(staging.path)
        } catch {
            Self.removeTree(staging.path)
            throw error
        }
        Self.removeTree(staging.path)  // now holding the previous site
    }

    /// Removes the staging folder and what was written into it, and releases the lock: the output
    /// folder stays as it was.
    public func discard(_ staging: Staging) {
        Self.removeTree(staging.path)
        Self.unlock(staging.lock)
    }

    private static func unlock(_ lock: Int32) {
        flock(lock, LOCK_UN)
        close(lock)
    }

    // MARK: - Lock

    private func acquireLock() async throws(Diagnostic) -> Int32 {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw failure("cannot open the lock file \(lockPath) beside the output folder", code: errno) }
        var waited = 0
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw failure("cannot lock \(lockPath)", code: errno)
            }
            if waited == 0 {
                FileHandle.standardError.write(Data("waiting for another build writing to \(location.path)...\n".utf8))
            }
            waited += 1
            do {
                try await Task.sleep(nanoseconds: 50_000_000)
            } catch {
                close(fd)
                throw Diagnostic(.error, id: "output.write", file: "", message: "the build was cancelled while waiting for the lock")
            }
        }
        return fd
    }

    /// Staging folders of builds that were killed; safe to remove while the lock is held.
    private func removeStaleStagingFolders() {
        guard let entries = try? FileIO.list(parent) else { return }
        for entry in entries where entry.type == .directory {
            let entryName = String(decoding: entry.nameBytes, as: UTF8.self)
            if entryName.hasPrefix(stagingPrefix) { Self.removeTree(parent + "/" + entryName) }
        }
    }

    // MARK: - Writing

    private func writeFiles(_ files: [OutputFile], into staging: String) async throws(Diagnostic) {
        var folders: Set<String> = []
        for file in files {
            guard Self.isSafeRelativePath(file.path) else {
                throw Diagnostic(.error, id: "output.path", file: "", message: "refusing to write '\(file.path)': it is not a plain path inside the output folder")
            }
            var folder = PathText.parent(file.path)
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = PathText.parent(folder)
            }
        }
        for folder in folders.sorted() {
            guard mkdir(staging + "/" + folder, 0o755) == 0 || errno == EEXIST else {
                throw failure("cannot create the folder \(folder) of the new site in \(staging)", code: errno, partial: true, files: files)
            }
        }
        let failures = await parallelMap(files, chunksPerCore: 2) { file -> WriteFailure? in
            Self.writeFile(file, into: staging)
        }
        guard let first = failures.lazy.compactMap({ $0 }).first else { return }
        switch first {
        case .unreadable(let diagnostic):
            throw diagnostic
        case .system(let path, let code):
            throw failure("cannot write \(path) of the new site in \(staging)", code: code, partial: true, files: files)
        }
    }

    /// Makes `folder` (relative) and its parents inside `staging`; an error number when it cannot.
    private static func makeFolders(_ folder: String, in staging: String) -> Int32? {
        guard !folder.isEmpty else { return nil }
        if mkdir(staging + "/" + folder, 0o755) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT else { return errno }
        if let code = makeFolders(PathText.parent(folder), in: staging) { return code }
        return mkdir(staging + "/" + folder, 0o755) == 0 || errno == EEXIST ? nil : errno
    }

    /// Why a file could not be written.
    enum WriteFailure: Sendable {
        /// The file to copy could not be read.
        case unreadable(Diagnostic)
        /// The system refused a write: the file's path in the site, and the error number.
        case system(path: String, code: Int32)
    }

    /// Writes one file whose folders exist (or, with `makingFolders`, are made as needed).
    static func writeFile(_ file: OutputFile, into staging: String, makingFolders: Bool = false) -> WriteFailure? {
        let path = staging + "/" + file.path
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0, errno == ENOENT, makingFolders {
            if let code = makeFolders(PathText.parent(file.path), in: staging) { return .system(path: file.path, code: code) }
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return .system(path: file.path, code: errno) }
        var code: Int32
        switch file.contents {
        case .text(var text):
            code = text.withUTF8 { FileDescriptor.writeAll(fd, $0) }
        case .bytes(let bytes):
            code = bytes.withUnsafeBufferPointer { FileDescriptor.writeAll(fd, $0) }
        case .copy(let source):
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(source)
            } catch {
                close(fd)
                return .unreadable(
                    Diagnostic(.error, id: "output.write", file: "", message: "cannot read \(source) to publish it: \(error.reason)"))
            }
            code = bytes.withUnsafeBufferPointer { FileDescriptor.writeAll(fd, $0) }
        }
        // Some file systems (NFS, quotas) report a full disk only when the file is closed.
        if close(fd) != 0, code == 0, errno != EINTR { code = errno }
        return code == 0 ? nil : .system(path: file.path, code: code)
    }

    // MARK: - Swapping

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32

    /// `renameat2` is in glibc since 2.28 but not in Swift's view of it; it is looked up by name.
    private static let renameExchange: RenameAt2? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    private func swap(_ staging: String) throws(Diagnostic) {
        if FileIO.type(atPath: location.path) == nil {
            guard rename(staging, location.path) == 0 else { throw failure("cannot move the new site into place", code: errno, partial: true) }
            return
        }
        if let exchange = Self.renameExchange {
            if exchange(AT_FDCWD, staging, AT_FDCWD, location.path, 2 /* RENAME_EXCHANGE */) == 0 { return }
            let code = errno
            guard code == EINVAL || code == ENOSYS || code == EOPNOTSUPP else {
                throw failure("cannot swap the new site into place", code: code, partial: true)
            }
        }
        // A file system without RENAME_EXCHANGE: two renames, with a moment between them without output.
        let previous = staging + ".previous"
        guard rename(location.path, previous) == 0 else { throw failure("cannot move the previous site aside", code: errno, partial: true) }
        guard rename(staging, location.path) == 0 else {
            let code = errno
            _ = rename(previous, location.path)
            throw failure("cannot move the new site into place", code: code, partial: true)
        }
        // The caller removes the staging folder, now holding the previous site; should this rename
        // fail, the next build removes `.previous` with the other stale staging folders.
        _ = rename(previous, staging)
    }

    // MARK: - Helpers

    /// Whether the output folder is on another file system than its parent (a mount point), which
    /// cannot be renamed.
    private var isMountPoint: Bool {
        var outputInfo = stat()
        var parentInfo = stat()
        guard lstat(location.path, &outputInfo) == 0, lstat(parent, &parentInfo) == 0 else { return false }
        return outputInfo.st_dev != parentInfo.st_dev
    }

    /// A relative path of plain segments: no `/` at the start, no empty, `.` or `..` segment, no NUL.
    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.containsUTF8Byte(0), !path.containsUTF8Byte(UInt8(ascii: "\\")) else { return false }
        // Bytes, not Characters: this runs once for every file a build writes.
        return path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && !$0.elementsEqual(".".utf8) && !$0.elementsEqual("..".utf8)
        }
    }

    /// Deletes a folder tree without following symbolic links (a link is removed, not its target).
    static func removeTree(_ path: String) {
        guard FileIO.type(atPath: path) == .directory else {
            unlink(path)
            return
        }
        if let entries = try? FileIO.list(path) {
            for entry in entries {
                let child = path + "/" + String(decoding: entry.nameBytes, as: UTF8.self)
                if entry.type == .directory { removeTree(child) } else { unlink(child) }
            }
        }
        rmdir(path)
    }

    /// A failed file operation as a diagnostic: the system's reason, what it means for this build and
    /// what to do, and the state of the output folder (the previous site, untouched, or none).
    /// `partial`: the failure happened after the staging folder was made (which the caller removes).
    func failure(_ message: String, code: Int32, partial: Bool = false, files: [OutputFile]? = nil) -> Diagnostic {
        let hasPrevious = FileIO.type(atPath: location.path) != nil
        let previous = hasPrevious ? "the previous site in \(location.path) is unchanged" : "nothing was written to \(location.path)"
        let advice: String
        switch code {
        case ENOSPC, EDQUOT:
            var space = statvfs()
            let noInodes = code == ENOSPC && statvfs(parent, &space) == 0 && space.f_files > 0 && space.f_favail == 0
            let need =
                noInodes
                ? (files.map { "\($0.count) files and their folders" } ?? "a file for each of its files")
                : (files.map { "about \(Self.megabytes(Self.approximateSize(of: $0)))" } ?? "all of it")
            advice =
                (noInodes
                    ? "the file system holding \(parent) has no free inodes left for new files: "
                    : "the disk holding \(parent) is full: ")
                + (hasPrevious
                    ? "the new site is written beside the previous one before it replaces it, so it needs room for \(need)"
                    : "the new site needs room for \(need)")
                + "; free some space or choose another --output, then build again"
        case EROFS:
            advice = "the file system holding \(parent) is mounted read-only; remount it read-write or choose another --output"
        case EBUSY, EXDEV:
            advice = "\(location.path) is in use as a mount point, so it cannot be replaced; mount the file system one folder higher "
                + "and build into a folder inside it, or choose another --output"
        case EACCES, EPERM:
            advice = "you may not write in \(parent); change its permissions or owner, or choose another --output"
        default:
            advice = "check the folder \(parent) and its file system"
        }
        return Diagnostic(
            .error, id: "output.write", file: "",
            message: "\(message): \(String(cString: strerror(code)))",
            hint: advice + "; " + previous + (partial ? ", and the partly written new site was removed" : ""))
    }

    /// The bytes the site's files take (files copied from the site by their current size).
    private static func approximateSize(of files: [OutputFile]) -> Int {
        files.reduce(0) { total, file in
            switch file.contents {
            case .text(let text): total + text.utf8.count
            case .bytes(let bytes): total + bytes.count
            case .copy(let source):
                total + Int(FileIO.fingerprint(source)?.size ?? 0)
            }
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes < 1_000_000 ? "\(max(1, bytes / 1000)) KB" : String(format: "%.1f MB", Double(bytes) / 1e6)
    }
}
