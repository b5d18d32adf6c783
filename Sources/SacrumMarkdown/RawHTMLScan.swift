internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#endif

/// Finds the raw HTML that safe mode leaves out (cmark renders `<!-- raw HTML omitted -->` in its
/// place), so that it is reported instead of vanishing: one problem for every HTML block and every
/// inline tag, comment or declaration; a closing inline tag only when nothing before it in the same
/// block was reported (its opening tag was).
enum RawHTMLScan {
    /// The problems, at positions in the page: nodes that the block extensions moved in from a helper
    /// document (table cells, footnotes) are placed through `roles`.
    static func problems(
        in document: OpaquePointer, source: UnsafeBufferPointer<UInt8>, lineOffset: Int,
        roles: ExtensionNodeRoles = ExtensionNodeRoles()
    ) -> [MarkdownProblem] {
        guard let base = source.baseAddress, memchr(base, Int32(UInt8(ascii: "<")), source.count) != nil,
            let iterator = cmark_iter_new(document)
        else { return [] }
        defer { cmark_iter_free(iterator) }
        var problems: [MarkdownProblem] = []
        var reportedIn: OpaquePointer?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE else { continue }
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let tag = tagName(literal)
            if type == CMARK_NODE_HTML_INLINE {
                let block = cmark_node_parent(node)
                if tag.hasPrefix("</") && reportedIn == block { continue }
                reportedIn = block
            }
            let start =
                roles.isEmpty
                ? SourcePosition(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
                : ExtensionPositions.position(of: node, roles: roles)
            problems.append(
                MarkdownProblem(
                    kind: .rawHTMLOmitted(tag: tag), position: SourcePosition(line: start.line + lineOffset, column: start.column)))
        }
        return problems
    }

    /// What the HTML starts with, for a message: `<table>`, `</div>`, `<!-- -->` for a comment,
    /// `<!DOCTYPE>`, `<?php ?>`, `<![CDATA[ ]]>`.
    static func tagName(_ html: String) -> String {
        let text = html.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        if text.hasPrefix("<!--") { return "<!-- -->" }
        if text.hasPrefix("<![CDATA[") { return "<![CDATA[ ]]>" }
        if text.hasPrefix("<?") {
            let name = text.dropFirst(2).prefix { $0.isLetter || $0.isNumber }
            return "<?\(name) ?>"
        }
        if text.hasPrefix("<!") {
            let name = text.dropFirst(2).prefix { $0.isLetter }
            return "<!\(name)>"
        }
        let closing = text.hasPrefix("</")
        let name = text.dropFirst(closing ? 2 : 1).prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return (closing ? "</" : "<") + name.lowercased() + ">"
    }
}
