internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#endif

/// The GitHub-flavoured block extensions (pipe tables, footnotes, alerts) as steps of one
/// `CmarkRenderPass`: `prepare` takes the footnote definitions out of the text before cmark parses
/// it, `apply` changes the parsed tree before the scan, `finish` sets the footnotes' ids once the
/// headings are known. Each step does nothing unless its syntax can occur in the text.
struct CmarkBlockExtensions {
    let options: MarkdownOptions
    let memory: UnsafeMutablePointer<cmark_mem>
    let parseOptions: Int32

    /// Nodes made by the extensions, for the scan.
    private(set) var roles = ExtensionNodeRoles()
    /// Problems at positions in the parsed text (the page's line offset is added by the caller).
    private(set) var problems: [MarkdownProblem] = []
    private var definitions: [FootnoteDefinitions.Definition] = []
    private var footnotes: CmarkFootnoteTransform?

    init(options: MarkdownOptions, memory: UnsafeMutablePointer<cmark_mem>, parseOptions: Int32) {
        self.options = options
        self.memory = memory
        self.parseOptions = parseOptions
    }

    /// The text cmark should parse instead of `markdown` (footnote definitions blanked), or nil to
    /// parse `markdown` as it is.
    mutating func prepare(_ markdown: String) -> [UInt8]? {
        guard options.footnotes, Self.contains(markdown, "[^") else { return nil }
        guard let found = FootnoteDefinitions.extract(from: Array(markdown.utf8)) else { return nil }
        definitions = found.definitions
        return found.source
    }

    /// Tables, then footnotes, then alerts, on the tree cmark parsed from `parsed` (the prepared text
    /// if there was one, else `markdown`).
    mutating func apply(to document: OpaquePointer, markdown: String, prepared: [UInt8]?) {
        var text = markdown
        // A delimiter row has a `|`, or a `:` beside a `-`; memchr finds out fast for most pages.
        let mayHaveTables = options.tables
            && (Self.contains(markdown, "|") || Self.contains(markdown, ":-") || Self.contains(markdown, "-:"))
            && text.withUTF8 { GFMTableSyntax.mayHaveDelimiterRow($0) }
        let mayHaveFootnotes = options.footnotes && Self.contains(markdown, "[^")
        let mayHaveAlerts = options.alerts && Self.contains(markdown, "[!")
        guard mayHaveTables || mayHaveFootnotes || mayHaveAlerts else { return }
        let source = prepared ?? Array(markdown.utf8)
        // Pieces parsed apart see the page's link reference definitions when it has any.
        let trailer = Self.contains(markdown, "]:") ? source : nil
        let tables = mayHaveTables
            ? CmarkTableTransform(
                memory: memory, parseOptions: parseOptions, accessible: options.accessibleHTML,
                sourcePositionsInHTML: options.sourcePositionsInHTML)
            : nil
        tables?.apply(to: document, source: source, trailer: trailer, roles: &roles, problems: &problems)
        if mayHaveFootnotes {
            var transform = CmarkFootnoteTransform(memory: memory, parseOptions: parseOptions, accessible: options.accessibleHTML)
            transform.apply(to: document, definitions: definitions, trailer: trailer, tables: tables, roles: &roles, problems: &problems)
            footnotes = transform
        }
        if mayHaveAlerts {
            problems += CmarkAlertTransform(memory: memory).apply(to: document, roles: &roles)
        }
        problems.sort { $0.position < $1.position }
    }

    /// Sets the footnotes' ids so that no heading id (given as the headings' first choices) starts
    /// like them.
    func finish(headings: [CmarkTreeScan.HeadingRecord]) {
        guard let footnotes else { return }
        let firstChoices = headings.map { record in
            let split = ExplicitHeadingID.split(
                String(decoding: record.text, as: UTF8.self), trailingTextByteCount: record.trailingTextByteCount)
            return split.id ?? HeadingSlug.make(from: split.text)
        }
        footnotes.finish(avoiding: firstChoices)
    }

    private static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        var text = text
        return text.withUTF8 { buffer in
            guard buffer.count >= pattern.count else { return false }
            var index = 0
            let last = buffer.count - pattern.count
            while index <= last {
                guard let found = memchr(buffer.baseAddress! + index, Int32(first), last - index + 1) else { return false }
                let offset = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - buffer.baseAddress!
                if memcmp(buffer.baseAddress! + offset, pattern.baseAddress!, pattern.count) == 0 { return true }
                index = offset + 1
            }
            return false
        }
    }
}
