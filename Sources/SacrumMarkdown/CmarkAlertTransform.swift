internal import CCmark

extension MarkdownRenderer {
    /// The alert kinds, as written after `> [!` (any case).
    public static let alertKinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
    /// Most empty cells added to a table's short rows; see `MarkdownProblem.Kind.tableTooManyEmptyCells`.
    public static var maximumEmptyTableCells: Int { CmarkTableTransform.maximumPaddedCells }
}

/// GitHub's alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` (any case) becomes `<aside class="alert alert-note" role="note">`
/// with a visible title that is not a heading (so it does not enter the outline), read first by a
/// screen reader. Any other `[!WORD]` stays a block quote and is reported.
struct CmarkAlertTransform {
    let memory: UnsafeMutablePointer<cmark_mem>

    private static let titles = ["note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"]

    /// Replaces the alerts in `document`; returns the unknown kinds' problems (positions in the parsed text).
    func apply(to document: OpaquePointer, roles: inout ExtensionNodeRoles) -> [MarkdownProblem] {
        var quotes: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
                if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_BLOCK_QUOTE
                {
                    quotes.append(node)
                }
            }
        }
        var problems: [MarkdownProblem] = []
        for quote in quotes {
            guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let (word, marker) = Self.marker(in: paragraph)
            else { continue }
            guard let title = Self.titles[word.lowercased()] else {
                if let first = marker.first {
                    problems.append(MarkdownProblem(kind: .unknownAlert(word), position: ExtensionPositions.position(of: first, roles: roles)))
                }
                continue
            }
            for node in marker { cmark_node_free(node) }
            if cmark_node_first_child(paragraph) == nil { cmark_node_free(paragraph) }
            let kind = word.lowercased()
            guard let aside = CmarkNodes.custom(
                CMARK_NODE_CUSTOM_BLOCK, enter: "<aside class=\"alert alert-\(kind)\" role=\"note\">\n<p class=\"alert-title\">\(title)</p>",
                exit: "</aside>", memory: memory)
            else { continue }
            if cmark_node_replace(quote, aside) != 1 {
                cmark_node_free(aside)
                continue
            }
            CmarkNodes.moveChildren(of: quote, to: aside)
            roles.transfer(from: quote, to: aside)
            cmark_node_free(quote)
        }
        return problems
    }

    /// The word of a first line `[!WORD]` and its nodes (with the line break after it).
    private static func marker(in paragraph: OpaquePointer) -> (String, [OpaquePointer])? {
        var nodes: [OpaquePointer] = []
        var bytes: [UInt8] = []
        var child = cmark_node_first_child(paragraph)
        while let node = child {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                nodes.append(node)
                break
            }
            guard type == CMARK_NODE_TEXT, bytes.count < 64 else { return nil }
            bytes += CmarkNodes.literal(of: node)
            nodes.append(node)
            child = cmark_node_next(node)
        }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        guard bytes.count > 3, bytes.starts(with: [UInt8(ascii: "["), UInt8(ascii: "!")]), bytes.last == UInt8(ascii: "]") else { return nil }
        let word = bytes[2..<(bytes.count - 1)]
        guard !word.isEmpty, word.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) else { return nil }
        return (String(decoding: word, as: UTF8.self), nodes)
    }
}
