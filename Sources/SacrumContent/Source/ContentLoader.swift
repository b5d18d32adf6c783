/// Reads a site's `content/` folder: every Markdown file with its front matter decoded (in parallel),
/// and the list of other files, which are published as they are.
public struct ContentLoader: Sendable {
    /// The `content/` folder (absolute or relative to the working directory).
    public var contentFolder: String
    /// How diagnostics name the folder.
    public var displayPrefix: String

    /// Creates a loader.
    public init(contentFolder: String, displayPrefix: String = "content") {
        self.contentFolder = contentFolder
        self.displayPrefix = displayPrefix
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
    }

    /// Reads everything. `reuse` returns an already loaded page for a content path whose file has not
    /// changed (the preview server's incremental rebuilds); by default every file is read.
    public func load(reuse: @escaping @Sendable (String) -> PageSource? = { _ in nil }) async -> Result {
        let scan = FolderScanner().scan(root: contentFolder, displayPrefix: displayPrefix)
        let markdown = scan.files.filter { $0.hasSuffix(".md") }
        let others = scan.files.filter { !$0.hasSuffix(".md") }
        let folder = contentFolder
        let prefix = displayPrefix
        let loaded = await parallelMap(markdown) { path -> (PageSource, [Diagnostic]) in
            if let page = reuse(path) { return (page, []) }
            return PageSource.load(path: folder + "/" + path, contentPath: path, displayPrefix: prefix)
        }
        var diagnostics = scan.diagnostics
        for (_, pageDiagnostics) in loaded { diagnostics.append(contentsOf: pageDiagnostics) }
        return Result(pages: loaded.map(\.0), staticFiles: others, folders: scan.folders, diagnostics: diagnostics)
    }
}
