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
    /// Whether `prepare` found a `[^` (so that `apply` need not look again).
    private var hasFootnoteMarker = false
    /// Where the page's lines start, when `apply` needed them for the page's own text (not a
    /// prepared one): the inline extensions use them too.
    private(set) var markdownLineStarts: [Int]?

    init(options: MarkdownOptions, memory: UnsafeMutablePointer<cmark_mem>, parseOptions: Int32) {
        self.options = options
        self.memory = memory
        self.parseOptions = parseOptions
    }

    /// The text cmark should parse instead of `markdown` (footnote definitions blanked), or nil to
    /// parse `markdown` as it is.
    mutating func prepare(_ markdown: String) -> [UInt8]? {
        hasFootnoteMarker = options.footnotes && Self.contains(markdown, "[^", anchor: 1)
        guard hasFootnoteMarker else { return nil }
        guard let found = FootnoteDefinitions.extract(from: Self.bytes(of: markdown)) else { return nil }
        definitions = found.definitions
        return found.source
    }

    /// Tables, then footnotes, then alerts (after `prepare`), on the tree cmark parsed from `parsed`
    /// (the prepared text if there was one, else `markdown`).
    mutating func apply(to document: OpaquePointer, markdown: String, prepared: [UInt8]?) {
        var text = markdown
        // A delimiter row has a `|`, or a `:` beside a `-`; memchr finds out fast for most pages.
        let mayHaveTables = options.tables
            && (Self.contains(markdown, "|") || Self.contains(markdown, ":-") || Self.contains(markdown, "-:", anchor: 1))
            && text.withUTF8 { GFMTableSyntax.mayHaveDelimiterRow($0) }
        let mayHaveFootnotes = hasFootnoteMarker
        let mayHaveAlerts = options.alerts && Self.contains(markdown, "[!", anchor: 1)
        guard mayHaveTables || mayHaveFootnotes || mayHaveAlerts else { return }
        // The passes read the text in place: the page is not copied (only a prepared text is an array).
        if let prepared {
            prepared.withUnsafeBufferPointer { source in
                apply(to: document, source: source, markdown: markdown, isPrepared: true,
                      tables: mayHaveTables, footnotes: mayHaveFootnotes, alerts: mayHaveAlerts)
            }
        } else {
            text.withUTF8 { source in
                apply(to: document, source: source, markdown: markdown, isPrepared: false,
                      tables: mayHaveTables, footnotes: mayHaveFootnotes, alerts: mayHaveAlerts)
            }
        }
    }

    private mutating func apply(
        to document: OpaquePointer, source: UnsafeBufferPointer<UInt8>, markdown: String, isPrepared: Bool,
        tables mayHaveTables: Bool, footnotes mayHaveFootnotes: Bool, alerts mayHaveAlerts: Bool
    ) {
        // Pieces parsed apart see the page's link reference definitions when it has any.
        let trailer = Self.contains(markdown, "]:", anchor: 1) ? Self.referenceDefinitionLines(of: Array(source)) : nil
        let tables: CmarkTableTransform? = mayHaveTables
            ? CmarkTableTransform(
                memory: memory, parseOptions: parseOptions, accessible: options.accessibleHTML,
                sourcePositionsInHTML: options.sourcePositionsInHTML)
            : nil
        let lineStarts = (tables != nil || mayHaveFootnotes) ? SourceLineStarts.of(source) : []
        if !isPrepared && !lineStarts.isEmpty { markdownLineStarts = lineStarts }
        tables?.apply(to: document, source: source, lineStarts: lineStarts, trailer: trailer, roles: &roles, problems: &problems)
        if mayHaveFootnotes {
            var transform = CmarkFootnoteTransform(memory: memory, parseOptions: parseOptions, accessible: options.accessibleHTML)
            transform.apply(
                to: document, definitions: definitions, referenceLines: Self.linesHoldingFootnoteMarkers(source, lineStarts: lineStarts),
                trailer: trailer, tables: tables, roles: &roles, problems: &problems)
            footnotes = transform
        }
        if mayHaveAlerts {
            problems += CmarkAlertTransform(memory: memory).apply(to: document, roles: &roles)
        }
        problems.sort { $0.position < $1.position }
    }

    /// The 1-based lines of `source` that hold `[^` (where a footnote reference can be), in order.
    static func linesHoldingFootnoteMarkers(_ source: UnsafeBufferPointer<UInt8>, lineStarts: [Int]) -> [Int] {
        var lines: [Int] = []
        guard let base = source.baseAddress else { return lines }
        var offset = 0
        var line = 0  // index into lineStarts of the line holding `offset`
        while offset < source.count, let found = memchr(base + offset, Int32(UInt8(ascii: "[")), source.count - offset) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            offset = index + 1
            guard index + 1 < source.count, source[index + 1] == UInt8(ascii: "^") else { continue }
            while line + 1 < lineStarts.count && lineStarts[line + 1] <= index { line += 1 }
            if lines.last != line + 1 { lines.append(line + 1) }
        }
        return lines
    }

    /// Sets the footnotes' ids so that no heading id (given as the headings' first choices) starts
    /// like them.
    func finish(headings: [CmarkTreeScan.HeadingRecord]) {
        guard let footnotes else { return }
        // Only a heading whose id could start like a footnote id matters: one with an explicit id, or
        // whose text starts (after ASCII punctuation and spaces) with f, n, s or a non-ASCII letter.
        let firstChoices = headings.compactMap { record -> String? in
            let first = record.text.first { !($0 < 0x80 && !(($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) && !($0 >= 0x30 && $0 <= 0x39)) }
            let hasExplicitID = record.text.indices.contains { $0 + 1 < record.text.count && record.text[$0] == UInt8(ascii: "{") && record.text[$0 + 1] == UInt8(ascii: "#") }
            if let first, first < 0x80, ![UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "s")].contains(first | 0x20), !hasExplicitID {
                return nil
            }
            let split = ExplicitHeadingID.split(
                String(decoding: record.text, as: UTF8.self), trailingTextByteCount: record.trailingTextByteCount)
            return split.id ?? HeadingSlug.make(from: split.text)
        }
        footnotes.finish(avoiding: firstChoices)
    }

    /// The lines that may hold link reference definitions (a line with `]:` and up to two lines after
    /// it, for the destination and title), without their quote and list markers, each group after a
    /// blank line: what the helper documents need of the page, instead of the whole page again.
    static func referenceDefinitionLines(of source: [UInt8]) -> [UInt8]? {
        func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
        func lineEnd(from index: Int) -> Int {
            var end = index
            while end < source.count && !isLineEnd(source[end]) { end += 1 }
            return end
        }
        var result: [UInt8] = []
        var searchFrom = 0
        while searchFrom < source.count {
            let found = source.withUnsafeBufferPointer { buffer -> Int? in
                guard let base = buffer.baseAddress,
                    let hit = memchr(base + searchFrom, Int32(UInt8(ascii: "]")), buffer.count - searchFrom)
                else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            guard let at = found else { break }
            searchFrom = at + 1
            guard at + 1 < source.count, source[at + 1] == UInt8(ascii: ":") else { continue }
            var start = at
            while start > 0 && !isLineEnd(source[start - 1]) { start -= 1 }
            var end = lineEnd(from: at)
            result += [0x0A, 0x0A]
            result += FootnoteDefinitions.withoutContainerMarkers(source[start..<end])
            for _ in 0..<2 {
                var next = end
                if next < source.count && source[next] == 0x0D && next + 1 < source.count && source[next + 1] == 0x0A { next += 1 }
                next += 1
                guard next < source.count else { break }
                let nextEnd = lineEnd(from: next)
                let line = source[next..<nextEnd]
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { break }
                if line.indices.contains(where: { $0 + 1 < nextEnd && line[$0] == UInt8(ascii: "]") && line[$0 + 1] == UInt8(ascii: ":") }) { break }
                result.append(0x0A)
                result += FootnoteDefinitions.withoutContainerMarkers(line)
                end = nextEnd
            }
            searchFrom = max(searchFrom, end)
        }
        if result.isEmpty { return nil }
        result.append(0x0A)
        return result
    }

    private static func contains(_ text: String, _ needle: StaticString, anchor: Int = 0) -> Bool {
        var text = text
        return text.withUTF8 { GFMInlineTransform.contains(needle, anchor: anchor, in: UnsafeRawBufferPointer($0)) }
    }

    /// The text's UTF-8 bytes, copied in one go (`Array(text.utf8)` goes byte by byte).
    private static func bytes(of text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { Array($0) }
    }
}
