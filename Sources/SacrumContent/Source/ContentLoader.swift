public import Foundation

/// Reads a site's `content/` folder: every Markdown file with its front matter decoded (in parallel),
/// and the list of other files, which are published as they are. The steps are separate so a build
/// can time them: `scan`, `read`, `decode`.
public struct ContentLoader: Sendable {
    /// The `content/` folder (absolute or relative to the working directory).
    var contentFolder: String
    /// How diagnostics name the folder.
    var displayPrefix: String
    /// The site's `timezone:`: what a date with a time but no UTC offset means (UTC, with a warning,
    /// when it is `nil`).
    var timeZone: TimeZone?
    /// Where the files are read: the disk, or a test's own file system.
    var fileSystem: any ContentFileSystem

    /// Creates a loader.
    public init(
        contentFolder: String, displayPrefix: String = "content", timeZone: TimeZone? = nil,
        fileSystem: any ContentFileSystem = DiskFileSystem()
    ) {
        self.contentFolder = contentFolder
        self.displayPrefix = displayPrefix
        self.timeZone = timeZone
        self.fileSystem = fileSystem
    }

    /// The files of `content/`.
    public struct Scan: Sendable {
        /// Markdown files, as paths inside `content/`, in path order.
        public var markdown: [String]
        /// Every other file (images, PDFs).
        public var staticFiles: [String]
        /// Every folder.
        public var folders: [String]
        /// Symbolic links, unusable names, unreadable folders.
        public var diagnostics: [Diagnostic]
    }

    /// A Markdown file's bytes, or why they could not be read.
    public struct RawFile: Sendable {
        /// The path inside `content/`.
        public var contentPath: String
        /// The bytes.
        public var bytes: Swift.Result<[UInt8], FileIO.Failure>
    }

    /// What was read.
    public struct Result: Sendable {
        /// Every Markdown file, in path order.
        public var pages: [PageSource]
        /// Every other file (images, PDFs), as paths inside `content/`.
        public var staticFiles: [String]
        /// Every folder, as paths inside `content/`.
        public var folders: [String]
        /// Problems found while reading.
        public var diagnostics: [Diagnostic]

        /// Creates a result.
        public init(pages: [PageSource], staticFiles: [String], folders: [String], diagnostics: [Diagnostic]) {
            self.pages = pages
            self.staticFiles = staticFiles
            self.folders = folders
            self.diagnostics = diagnostics
        }
    }

    /// Lists the folder.
    public func scan() -> Scan {
        let scan = FolderScanner(fileSystem: fileSystem).scan(root: contentFolder, displayPrefix: displayPrefix)
        return Scan(
            markdown: scan.files.filter { $0.hasSuffix(".md") }, staticFiles: scan.files.filter { !$0.hasSuffix(".md") },
            folders: scan.folders, diagnostics: scan.diagnostics)
    }

    /// Reads the files, in parallel.
    public func read(_ paths: [String]) async -> [RawFile] {
        let folder = contentFolder
        let fileSystem = fileSystem
        return await parallelMap(paths) { path in
            RawFile(contentPath: path, bytes: Swift.Result { () throws(FileIO.Failure) in try fileSystem.read(folder + "/" + path) })
        }
    }

    /// Decodes the files and their front matter, in parallel.
    public func decode(_ files: [RawFile]) async -> [(PageSource, [Diagnostic])] {
        let prefix = displayPrefix
        let timeZone = timeZone
        return await parallelMap(files) { file in
            PageSource.decode(file.bytes, contentPath: file.contentPath, displayPrefix: prefix, timeZone: timeZone)
        }
    }

    /// Scans, reads and decodes everything.
    public func load() async -> Result {
        let scan = scan()
        let decoded = await decode(await read(scan.markdown))
        return Self.result(scan: scan, decoded: decoded)
    }

    /// Puts the steps' outputs together.
    static func result(scan: Scan, decoded: [(PageSource, [Diagnostic])]) -> Result {
        var diagnostics = scan.diagnostics
        for (_, pageDiagnostics) in decoded { diagnostics.append(contentsOf: pageDiagnostics) }
        return Result(pages: decoded.map(\.0), staticFiles: scan.staticFiles, folders: scan.folders, diagnostics: diagnostics)
    }
}
