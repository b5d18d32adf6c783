internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#endif

/// One walk over a parsed cmark tree that records headings, links and images (with the nodes, for
/// the changes that follow) and builds the plain text. It does not change the tree: cmark's iterator
/// must not see nodes replaced under it.
struct CmarkTreeScan {
    struct HeadingRecord {
        let node: OpaquePointer
        let level: Int
        let position: SourcePosition
        var text: [UInt8] = []
        /// Bytes of text in the run of text nodes that ends the heading, where an explicit id can be.
        var trailingTextByteCount = 0
    }

    struct LinkRecord {
        let node: OpaquePointer
        let kind: MarkdownLink.Kind
        let destination: String
        let title: String
        let position: SourcePosition
        var text: [UInt8] = []
    }

    private enum Capture {
        case heading(Int)
        case link(Int)
    }

    let lineOffset: Int
    /// Positions of nodes made after the parse (cmark cannot set them), such as extended autolinks.
    /// Most pages have a few: they are searched in order, and hashed only when there are many.
    var positionOverrides: [(node: OpaquePointer, position: SourcePosition)] = [] {
        didSet {
            overridesByNode =
                positionOverrides.count > 16
                ? Dictionary(positionOverrides.map { ($0.node, $0.position) }, uniquingKeysWith: { _, last in last }) : [:]
        }
    }
    private var overridesByNode: [OpaquePointer: SourcePosition] = [:]
    /// Nodes made by the block extensions (tables, footnotes, alerts), with where their content is.
    var extensionRoles = ExtensionNodeRoles()
    /// The roles (indices in `extensionRoles`) of the table cells and helper blocks around the node.
    private var extensionOrigins: [Int] = []
    private(set) var headings: [HeadingRecord] = []
    private(set) var links: [LinkRecord] = []
    private var plainBytes: [UInt8] = []
    private var summaryBytes: [UInt8] = []

    /// The document's plain text.
    var plainText: String { String(decoding: plainBytes, as: UTF8.self) }
    /// The plain text of the first top-level paragraph.
    var summary: String { String(decoding: summaryBytes, as: UTF8.self) }

    private var captures: [Capture] = []
    private var imageDepth = 0
    private var summaryParagraph: OpaquePointer?
    private var summaryDone = false

    /// - Parameter expectedTextLength: room to reserve for the plain text (the source's length is
    ///   enough for most pages), so that it is not grown step by step.
    init(lineOffset: Int, expectedTextLength: Int = 0) {
        self.lineOffset = lineOffset
        plainBytes.reserveCapacity(expectedTextLength)
    }

    mutating func scan(_ document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, entering: event == CMARK_EVENT_ENTER, document: document)
        }
        while plainBytes.last == UInt8(ascii: "\n") { plainBytes.removeLast() }
    }

    private mutating func visit(_ node: OpaquePointer, entering: Bool, document: OpaquePointer) {
        let type = cmark_node_get_type(node)
        // Roles are only ever set on blocks and custom inlines, never on cmark's own inlines.
        if !extensionRoles.isEmpty && (type == CMARK_NODE_CUSTOM_INLINE || type.rawValue < CMARK_NODE_FIRST_INLINE.rawValue),
            let role = extensionRoles.index(of: node)
        {
            visitExtension(role, entering: entering)
        }
        switch type {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            appendInline(literalBytes(of: node))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            appendInline(CollectionOfOne(UInt8(ascii: " ")))
        case CMARK_NODE_CODE_BLOCK:
            plainBytes.append(contentsOf: literalBytes(of: node))
            endBlock()
        case CMARK_NODE_HEADING:
            if entering {
                headings.append(
                    HeadingRecord(node: node, level: Int(cmark_node_get_heading_level(node)), position: position(of: node)))
                captures.append(.heading(headings.count - 1))
            } else {
                captures.removeLast()
                headings[headings.count - 1].trailingTextByteCount = trailingTextByteCount(of: node)
                endBlock()
            }
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let isImage = type == CMARK_NODE_IMAGE
            if entering {
                if imageDepth == 0 {
                    links.append(
                        LinkRecord(
                            node: node, kind: isImage ? .image : .link, destination: string(cmark_node_get_url(node)),
                            title: string(cmark_node_get_title(node)), position: position(of: node)))
                    captures.append(.link(links.count - 1))
                }
                if isImage { imageDepth += 1 }
            } else {
                if isImage { imageDepth -= 1 }
                if imageDepth == 0 { captures.removeLast() }
            }
        case CMARK_NODE_PARAGRAPH:
            if entering {
                if !summaryDone && summaryParagraph == nil && cmark_node_parent(node) == document {
                    summaryParagraph = node
                }
            } else {
                if summaryParagraph == node {
                    summaryParagraph = nil
                    summaryDone = true
                }
                endBlock()
            }
        case CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
            if !entering { endBlock() }
        default:
            break  // raw HTML is markup, not text; emphasis and containers only group their children
        }
    }

    /// Block extensions: table cells and footnote bodies map positions back to the page.
    private mutating func visitExtension(_ role: Int, entering: Bool) {
        let kind = extensionRoles.kind(at: role)
        switch kind {
        case .tableCell, .lines:
            if entering {
                extensionOrigins.append(role)
            } else {
                extensionOrigins.removeLast()
                if kind == .tableCell { appendInline(CollectionOfOne(UInt8(ascii: " "))) } else { endBlock() }
            }
        case .tableText:
            // A run of static table HTML has no children: its plain text is read once, on entering.
            guard entering, case .tableText(let range) = extensionRoles[role] else { return }
            let text = extensionRoles.tableText[range]
            var start = text.startIndex
            while let end = text[start...].firstIndex(of: UInt8(ascii: "\n")) {
                plainBytes += text[start..<end]
                if plainBytes.last == UInt8(ascii: " ") { plainBytes.removeLast() }
                endBlock()
                start = end + 1
            }
            plainBytes += text[start...]
        }
    }

    private mutating func appendInline(_ text: some Collection<UInt8>) {
        plainBytes.append(contentsOf: text)
        if summaryParagraph != nil { summaryBytes.append(contentsOf: text) }
        for capture in captures {
            switch capture {
            case .heading(let index):
                headings[index].text.append(contentsOf: text)
            case .link(let index):
                links[index].text.append(contentsOf: text)
            }
        }
    }

    private mutating func endBlock() {
        if let last = plainBytes.last, last != UInt8(ascii: "\n") { plainBytes.append(UInt8(ascii: "\n")) }
    }

    /// Bytes in the run of text nodes that ends `heading`: only there can an explicit `{#id}` be removed.
    private func trailingTextByteCount(of heading: OpaquePointer) -> Int {
        var count = 0
        var child = cmark_node_last_child(heading)
        while let node = child, cmark_node_get_type(node) == CMARK_NODE_TEXT {
            count += cmark_node_get_literal(node).map { strlen($0) } ?? 0
            child = cmark_node_previous(node)
        }
        return count
    }

    private func position(of node: OpaquePointer) -> SourcePosition {
        // Only nodes made after the parse (line 0) can have an override: most nodes skip the hashing.
        if !positionOverrides.isEmpty, cmark_node_get_start_line(node) == 0,
            let position = overridesByNode.isEmpty
                ? positionOverrides.last(where: { $0.node == node })?.position : overridesByNode[node]
        {
            return position
        }
        if !extensionOrigins.isEmpty {
            // Each origin maps positions in its helper document to the one it sits in, innermost first.
            var mapped = (line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
            for origin in extensionOrigins.reversed() {
                switch extensionRoles[origin] {
                case .tableCell(let cell): mapped = cell.position(line: mapped.line, column: mapped.column)
                case .lines(let lines): mapped = lines.position(line: mapped.line, column: mapped.column)
                case .tableText: break
                }
            }
            return SourcePosition(line: mapped.line + lineOffset, column: mapped.column)
        }
        return SourcePosition(
            line: Int(cmark_node_get_start_line(node)) + lineOffset,
            column: Int(cmark_node_get_start_column(node)))
    }

    /// The node's literal, borrowed from cmark: valid until the node changes.
    private func literalBytes(of node: OpaquePointer) -> UnsafeBufferPointer<UInt8> {
        guard let literal = cmark_node_get_literal(node) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let count = strlen(literal)
        return UnsafeRawPointer(literal).withMemoryRebound(to: UInt8.self, capacity: count) {
            UnsafeBufferPointer(start: $0, count: count)
        }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
