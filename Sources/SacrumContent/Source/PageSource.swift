/// One Markdown file of `content/`, read and with its front matter decoded.
///
/// An immutable reference type: pages are copied often (sorting, building contexts), and copying a
/// reference is one retain where copying the front matter and body would be dozens.
public final class PageSource: Sendable, Hashable {
    /// The path inside `content/` (`treatments/si-joint-fusion.md`).
    public let contentPath: String
    /// The path from the site's root, as diagnostics show it (`content/treatments/si-joint-fusion.md`).
    public let file: String
    /// The decoded front matter (empty when the file has none or it is broken).
    public let frontMatter: FrontMatter
    /// The Markdown body.
    public let body: String
    /// The line of the file on which the body starts.
    public let bodyFirstLine: Int
    /// Whether the file and its front matter could be read; a page whose YAML is broken is left out of
    /// the site (the build fails on the diagnostic anyway) so it causes no follow-on errors.
    public let isReadable: Bool

    /// Creates a page source.
    public init(
        contentPath: String, file: String, frontMatter: FrontMatter, body: String, bodyFirstLine: Int,
        isReadable: Bool = true
    ) {
        self.contentPath = contentPath
        self.file = file
        self.frontMatter = frontMatter
        self.body = body
        self.bodyFirstLine = bodyFirstLine
        self.isReadable = isReadable
    }

    public static func == (lhs: PageSource, rhs: PageSource) -> Bool {
        lhs === rhs
            || (lhs.contentPath == rhs.contentPath && lhs.bodyFirstLine == rhs.bodyFirstLine && lhs.isReadable == rhs.isReadable
                && lhs.file == rhs.file && lhs.body == rhs.body && lhs.frontMatter == rhs.frontMatter)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(contentPath)
        hasher.combine(body)
    }

    /// `_index.md`: the page of the folder it is in (the home page, or a section).
    public var isSectionIndex: Bool { fileName == "_index.md" }

    /// `index.md`: a page whose folder holds its images (a leaf bundle, in Hugo's words).
    public var isBundleIndex: Bool { fileName == "index.md" }

    /// The file name (`si-joint-fusion.md`).
    public var fileName: String {
        guard let slash = contentPath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return contentPath }
        return String(contentPath[contentPath.index(after: slash)...])
    }

    /// The folder inside `content/` (`treatments`; empty for the top).
    public var folder: String {
        guard let slash = contentPath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(contentPath[..<slash])
    }

    /// Reads and decodes the file at `path` (absolute), whose content path is `contentPath`.
    public static func load(path: String, contentPath: String, displayPrefix: String = "content") -> (PageSource, [Diagnostic]) {
        decode(Result { () throws(FileIO.Failure) in try FileIO.read(path) }, contentPath: contentPath, displayPrefix: displayPrefix)
    }

    /// Decodes a file's bytes (or reports why they could not be read).
    public static func decode(
        _ read: Result<[UInt8], FileIO.Failure>, contentPath: String, displayPrefix: String = "content"
    ) -> (PageSource, [Diagnostic]) {
        let file = displayPrefix + "/" + contentPath
        let unreadable = PageSource(
            contentPath: contentPath, file: file, frontMatter: FrontMatter(), body: "", bodyFirstLine: 1,
            isReadable: false)
        let bytes: [UInt8]
        switch read {
        case .success(let value):
            bytes = value
        case .failure(let error):
            let message =
                error.code == EFBIG_CODE
                ? "the file is larger than \(FileIO.maximumFileSize >> 20) MiB"
                : "the file cannot be read: \(error.reason)"
            return (unreadable, [Diagnostic(.error, id: "file.unreadable", file: file, message: message)])
        }
        let source: SourceText
        do {
            source = try SourceText.decode(bytes)
        } catch {
            return (
                unreadable,
                [
                    Diagnostic(
                        .error, id: "file.encoding", file: file, line: error.line, column: error.column, message: error.message,
                        hint: error.hint)
                ]
            )
        }
        let block: FrontMatterBlock
        do {
            block = try FrontMatterBlock.split(source.text)
        } catch {
            return (
                unreadable,
                [Diagnostic(.error, id: "frontmatter.fence", file: file, line: error.line, column: 1, message: error.message, hint: error.hint)]
            )
        }
        guard let yaml = block.yaml else {
            return (PageSource(contentPath: contentPath, file: file, frontMatter: FrontMatter(), body: block.body, bodyFirstLine: 1), [])
        }
        let decoded = FrontMatterDecoder().decode(yaml: yaml, firstLine: block.yamlFirstLine, file: file)
        let page = PageSource(
            contentPath: contentPath, file: file, frontMatter: decoded.frontMatter, body: block.body,
            bodyFirstLine: block.bodyFirstLine, isReadable: decoded.isParsed)
        return (page, decoded.diagnostics)
    }
}
