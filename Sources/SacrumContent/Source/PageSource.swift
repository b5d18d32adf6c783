public import Foundation

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
    /// The language code the file name carries (`es` of `contact.es.md`), or `nil` for a page in the
    /// default language; see `TranslationFileName`.
    let languageCode: String?
    /// The file name without its language code (`contact.md` for `contact.es.md`).
    let baseFileName: String

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
        let fileName = Self.fileName(of: contentPath)
        if let translation = TranslationFileName.split(fileName) {
            languageCode = translation.code
            baseFileName = translation.original
        } else {
            languageCode = nil
            baseFileName = fileName
        }
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
    var isSectionIndex: Bool { baseFileName == "_index.md" }

    /// `index.md`: a page whose folder holds its images (a leaf bundle, in Hugo's words).
    var isBundleIndex: Bool { baseFileName == "index.md" }

    /// The file name (`si-joint-fusion.md`) of a content path.
    private static func fileName(of contentPath: String) -> String {
        guard let slash = contentPath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return contentPath }
        return String(contentPath[contentPath.index(after: slash)...])
    }

    /// The folder inside `content/` (`treatments`; empty for the top).
    var folder: String {
        guard let slash = contentPath.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(contentPath[..<slash])
    }

    /// Reads and decodes the file at `path` (absolute), whose content path is `contentPath`; a date with
    /// a time but no offset is a local time of `timeZone` (UTC, with a warning, when it is `nil`).
    public static func load(
        path: String, contentPath: String, displayPrefix: String = "content", timeZone: TimeZone? = nil
    ) -> (PageSource, [Diagnostic]) {
        decode(
            Result { () throws(FileIO.Failure) in try FileIO.read(path) }, contentPath: contentPath, displayPrefix: displayPrefix,
            timeZone: timeZone)
    }

    /// Decodes a file's bytes (or reports why they could not be read). A file without front matter is a
    /// page too. A page without `title` is named by its first block when that is a `# heading`, which
    /// then leaves the body (the theme shows the title as the page's h1); a page with a `title` loses a
    /// first `# heading` that repeats it, with a warning.
    public static func decode(
        _ read: Result<[UInt8], FileIO.Failure>, contentPath: String, displayPrefix: String = "content",
        timeZone: TimeZone? = nil
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
        var decoded = FrontMatterDecoder.Decoded(frontMatter: FrontMatter(), diagnostics: [], isParsed: true)
        if let yaml = block.yaml {
            decoded = FrontMatterDecoder(timeZone: timeZone).decode(yaml: yaml, firstLine: block.yamlFirstLine, file: file)
        }
        var frontMatter = decoded.frontMatter
        var diagnostics = decoded.diagnostics
        var body = block.body
        if decoded.isParsed, let heading = LeadingHeading.find(in: body, firstLine: block.bodyFirstLine) {
            if let title = frontMatter.title {
                if Self.sameTitle(title, heading.text) {
                    body = heading.bodyWithoutHeading
                    diagnostics.append(
                        Diagnostic(
                            .warning, id: "frontmatter.title-repeated", file: file, line: heading.line, column: heading.column,
                            message: "this heading repeats the page's 'title', which the theme already shows as the page's heading; it is left out so the page has one h1",
                            hint: "delete the heading, or delete 'title' from the front matter and let the heading name the page"))
                }
            } else {
                frontMatter.title = heading.text
                body = heading.bodyWithoutHeading
                diagnostics.append(
                    Diagnostic(
                        .note, id: "frontmatter.title-from-heading", file: file, line: heading.line, column: heading.column,
                        message: "the page has no 'title', so its first heading, '\(heading.text)', is the title (and the page's one h1)"))
            }
        }
        let page = PageSource(
            contentPath: contentPath, file: file, frontMatter: frontMatter, body: body,
            bodyFirstLine: block.bodyFirstLine, isReadable: decoded.isParsed)
        return (page, diagnostics)
    }

    /// Whether a heading says the same as a title, ignoring case and runs of spaces.
    static func sameTitle(_ title: String, _ heading: String) -> Bool {
        title.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
            == heading.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
