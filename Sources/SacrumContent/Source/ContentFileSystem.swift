/// What the content layer reads a site's folders through: listing a folder, telling what is at a path,
/// and reading a file. `DiskFileSystem` is the real one; tests give `ContentLoader` and `FolderScanner`
/// a file system of their own (files held in memory), so that tree, link and front-matter logic is
/// tested without writing a site to disk.
public protocol ContentFileSystem: Sendable {
    /// What is at `path`, without following a symbolic link; `nil` if nothing is.
    func type(atPath path: String) -> FileIO.EntryType?
    /// The entries of the folder at `path`, without `.` and `..`, sorted by their names' bytes.
    func list(_ path: String) throws(FileIO.Failure) -> [FileIO.Entry]
    /// The whole file at `path` (at most `FileIO.maximumFileSize` bytes).
    func read(_ path: String) throws(FileIO.Failure) -> [UInt8]
}

/// The machine's file system, through `FileIO` (POSIX calls, symbolic links never followed).
public struct DiskFileSystem: ContentFileSystem {
    /// The file system.
    public init() {}

    public func type(atPath path: String) -> FileIO.EntryType? { FileIO.type(atPath: path) }
    public func list(_ path: String) throws(FileIO.Failure) -> [FileIO.Entry] { try FileIO.list(path) }
    public func read(_ path: String) throws(FileIO.Failure) -> [UInt8] { try FileIO.read(path) }
}
