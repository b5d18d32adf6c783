#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif
internal import Foundation
// Glibc's `stat` is also seen through Foundation's CoreFoundation and Dispatch's CDispatch modules,
// which other files of this module import; which of them the compiler takes as the defining module
// depends on the build (debug or whole-module), and its members need that module imported here.
#if canImport(CoreFoundation)
    internal import CoreFoundation
#endif
#if canImport(CDispatch)
    internal import CDispatch
#endif

/// Plain POSIX file access for the hot paths: reading whole files and listing folders without
/// Foundation's per-file overhead.
public enum FileIO {
    /// A failed file operation, with the path and the system's reason.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The path that failed.
        public var path: String
        /// `strerror` of the error number.
        public var reason: String
        /// The error number.
        public var code: Int32

        /// A failure of `path` with the error number `code` (`ENOENT`, `EACCES`…); the reason is its `strerror`.
        init(path: String, code: Int32) {
            self.path = path
            self.code = code
            self.reason = String(cString: strerror(code))
        }

        public var description: String { "\(path): \(reason)" }
    }

    /// The largest file Sacrum reads (64 MiB).
    public static let maximumFileSize = 64 << 20

    /// The whole file at `path`. Does not follow a symbolic link at the last component.
    public static func read(_ path: String, maximumSize: Int = maximumFileSize) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(path: path, code: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw Failure(path: path, code: EISDIR) }
        let size = Int(info.st_size)
        guard size <= maximumSize else { throw Failure(path: path, code: EFBIG) }
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + total, size - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, code: errno)
            }
            if count == 0 { break }
            total += count
        }
        if total < size { bytes.removeLast(size - total) }
        return bytes
    }

    /// What a folder entry is.
    public enum EntryType: Sendable, Hashable {
        case file
        case directory
        case symbolicLink
        case other
    }

    /// An entry of a folder: its name's bytes (which need not be UTF-8) and its type.
    public struct Entry: Sendable, Hashable {
        /// The name as the file system stores it.
        public var nameBytes: [UInt8]
        /// What it is (symbolic links are reported as such, never followed).
        public var type: EntryType

        /// An entry named by `nameBytes`.
        init(nameBytes: [UInt8], type: EntryType) {
            self.nameBytes = nameBytes
            self.type = type
        }
    }

    /// The entries of the folder at `path`, without `.` and `..`, sorted by name.
    public static func list(_ path: String) throws(Failure) -> [Entry] {
        guard let directory = opendir(path) else { throw Failure(path: path, code: errno) }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let nameBytes: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if nameBytes == [0x2E] || nameBytes == [0x2E, 0x2E] { continue }
            var type: EntryType
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): type = .file
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = .symbolicLink
            default: type = .other
            }
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                type = entryType(atPath: path + "/" + String(decoding: nameBytes, as: UTF8.self))
            }
            entries.append(Entry(nameBytes: nameBytes, type: type))
        }
        entries.sort { $0.nameBytes.lexicographicallyPrecedes($1.nameBytes) }
        return entries
    }

    /// What is at `path`, without following a symbolic link; `nil` if nothing is.
    public static func type(atPath path: String) -> EntryType? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return entryType(from: info)
    }

    private static func entryType(atPath path: String) -> EntryType {
        type(atPath: path) ?? .other
    }

    private static func entryType(from info: stat) -> EntryType {
        switch info.st_mode & S_IFMT {
        case S_IFREG: .file
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
    }

    /// The file's modification time in nanoseconds and its size, for change detection.
    public static func fingerprint(_ path: String) -> FileFingerprint? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileFingerprint(
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }
}

/// What identifies a version of a file cheaply: modification time, size and inode.
public struct FileFingerprint: Sendable, Hashable {
    /// Modification time in nanoseconds since the epoch.
    public var modified: Int64
    /// Size in bytes.
    public var size: Int64
    /// Inode number (an atomic save replaces it).
    public var inode: UInt64

    /// Creates a fingerprint (as read back from a record of one).
    public init(modified: Int64, size: Int64, inode: UInt64) {
        self.modified = modified
        self.size = size
        self.inode = inode
    }
}

enum SystemInfo {
    static var activeProcessorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// `EFBIG`, for callers that do not import the C library.
let EFBIG_CODE = EFBIG
