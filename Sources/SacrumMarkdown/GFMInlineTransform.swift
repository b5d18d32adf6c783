internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#endif

/// The GitHub-flavoured inline extensions as a transform of cmark's finished tree: strikethrough
/// (`~~text~~`, `~text~`), extended autolinks (`www.`, `http(s)://`, `ftp://`, e-mail addresses) and
/// task list items (`- [x] done`).
///
/// It runs after the parse and before `CmarkTreeScan`, so the links it makes are checked and
/// rewritten like any other, and it walks every node that holds inlines (paragraphs, headings,
/// emphasis, links, custom inlines such as table cells). A byte prescan of the source decides which
/// extensions can apply at all, so a page without `~`, `www.`, `://`, `@` or `[` costs nothing more.
struct GFMInlineTransform {
    let memory: UnsafeMutablePointer<cmark_mem>
    let source: UnsafeBufferPointer<UInt8>
    let lineOffset: Int
    let smart: Bool
    /// Checkboxes get an accessible name (`MarkdownOptions.accessibleHTML`).
    let accessible: Bool
    private var strikethrough: Bool
    private var autolinks: Bool
    private var taskLists: Bool
    /// Which starts of an autolink the source holds at all (until `hitLines` has looked: whether
    /// autolinks are on).
    private var hasAt: Bool
    private var hasWWW: Bool
    private var hasScheme: Bool

    /// The roles of the nodes the block extensions made (table cells, footnotes): nodes under them
    /// carry positions in a helper document, which are mapped back to the source through these.
    var roles = ExtensionNodeRoles()
    /// Where the links this transform made start in the source (cmark's API cannot set a position).
    private(set) var linkPositions: [(node: OpaquePointer, position: SourcePosition)] = []
    /// Columns the transform removed from the start of a text node (a task marker).
    private var columnShift: [OpaquePointer: Int] = [:]
    /// Where the source's lines start: computed when first needed, unless the caller has them.
    var lineStarts: [Int] = []

    init(
        options: MarkdownOptions, source: UnsafeBufferPointer<UInt8>, lineOffset: Int,
        memory: UnsafeMutablePointer<cmark_mem>
    ) {
        self.memory = memory
        self.source = source
        self.lineOffset = lineOffset
        self.smart = options.smartPunctuation
        self.accessible = options.accessibleHTML
        // Whether the source holds a tilde or the start of an autolink is learned by `hitLines`, in
        // the same scan that finds their lines.
        self.strikethrough = options.strikethrough
        self.hasAt = options.autolinks
        self.hasWWW = options.autolinks
        self.hasScheme = options.autolinks
        self.autolinks = options.autolinks
        self.taskLists = options.taskLists && Self.containsTaskMarker(UnsafeRawBufferPointer(source))
    }

    mutating func apply(to document: OpaquePointer) {
        let hits = (strikethrough || autolinks) ? hitLines() : []
        guard strikethrough || autolinks || taskLists else { return }
        // The inlines of a block are looked at only when a line of it holds a tilde or the start of an
        // autolink, so the cost follows the number of blocks, not of inline nodes.
        // Capacities that fit most pages, so that the walk does not grow its arrays step by step.
        var items: [OpaquePointer] = []
        items.reserveCapacity(16)
        var containers: [(node: OpaquePointer, linksAllowed: Bool)] = []
        containers.reserveCapacity(8)
        BlockLines.forEachBlock(under: document, roles: roles) { block, inExtension, holdsInlines in
            if taskLists && cmark_node_get_type(block) == CMARK_NODE_ITEM { items.append(block) }
            if holdsInlines && !hits.isEmpty && (inExtension || BlockLines.mayHold(block, anyOf: hits)) {
                collectContainers(in: block, into: &containers)
            }
        }
        for item in items { markTask(item, hits: hits) }
        var done = Set<OpaquePointer>()
        for (container, linksAllowed) in containers where containers.count == 1 || done.insert(container).inserted {
            transformInlines(of: container, type: cmark_node_get_type(container), linksAllowed: linksAllowed)
        }
    }

    /// The inline nodes under `root` whose text may change: parents of text with a tilde or the start
    /// of an autolink; images are skipped, and autolinks are not made inside links.
    private func collectContainers(in root: OpaquePointer, into containers: inout [(node: OpaquePointer, linksAllowed: Bool)]) {
        var stack: [(node: OpaquePointer, inLink: Bool)] = []
        stack.reserveCapacity(8)
        stack.append((root, false))
        while let (node, inLink) = stack.popLast() {
            var recorded = false
            var child = cmark_node_first_child(node)
            while let current = child {
                child = cmark_node_next(current)
                let type = cmark_node_get_type(current)
                if type == CMARK_NODE_TEXT {
                    guard !recorded, let literal = cmark_node_get_literal(current) else { continue }
                    let raw = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
                    let linksAllowed = autolinks && !inLink
                    if (strikethrough && Self.contains(UInt8(ascii: "~"), in: raw)) || (linksAllowed && Self.mayHoldAutolink(raw)) {
                        containers.append((node, linksAllowed))
                        recorded = true
                    }
                } else if type != CMARK_NODE_IMAGE && cmark_node_first_child(current) != nil {
                    stack.append((current, inLink || type == CMARK_NODE_LINK))
                }
            }
        }
    }

    /// The 1-based lines of the source that hold a tilde, `@`, `www.` or `://`, in order; turns off
    /// `strikethrough`, `hasAt`, `hasWWW`, `hasScheme` and `autolinks` where the source has none.
    private mutating func hitLines() -> [Int] {
        defer { autolinks = hasAt || hasWWW || hasScheme }
        guard let base = source.baseAddress else {
            (strikethrough, hasAt, hasWWW, hasScheme) = (false, false, false, false)
            return []
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(16)
        let lineFeedsOnly = !Self.contains(UInt8(ascii: "\r"), in: UnsafeRawBufferPointer(source))
        /// Adds the offsets of `byte` where `accept` holds (one a line); whether there was one.
        func scan(_ byte: UInt8, _ accept: (Int) -> Bool) -> Bool {
            let count = offsets.count
            var offset = 0
            while offset < source.count, let found = memchr(base + offset, Int32(byte), source.count - offset) {
                let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                offset = index + 1
                if accept(index) {
                    offsets.append(index)
                    // One hit is enough for a line: go on after its end.
                    guard lineFeedsOnly else { continue }
                    guard let end = memchr(base + offset, Int32(UInt8(ascii: "\n")), source.count - offset) else { break }
                    offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(end)) + 1
                }
            }
            return offsets.count > count
        }
        if strikethrough { strikethrough = scan(UInt8(ascii: "~")) { _ in true } }
        let bytes = source
        if hasAt { hasAt = scan(UInt8(ascii: "@")) { _ in true } }
        if hasScheme {
            hasScheme = scan(UInt8(ascii: ":")) { index in
                index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/")
            }
        }
        if hasWWW {
            hasWWW = scan(UInt8(ascii: ".")) { index in
                index >= 3 && bytes[index - 1] == UInt8(ascii: "w") && bytes[index - 2] == UInt8(ascii: "w")
                    && bytes[index - 3] == UInt8(ascii: "w")
            }
        }
        guard !offsets.isEmpty else { return [] }
        if lineStarts.isEmpty { lineStarts = SourceLineStarts.of(source) }
        var lines: [Int] = []
        lines.reserveCapacity(offsets.count)
        for offset in offsets {
            var low = 0
            var high = lineStarts.count
            while low + 1 < high {
                let middle = (low + high) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle }
            }
            lines.append(low + 1)
        }
        lines.sort()
        return lines
    }

    private static func mayHoldAutolink(_ raw: UnsafeRawBufferPointer) -> Bool {
        contains(UInt8(ascii: "@"), in: raw) || contains("www.", anchor: 3, in: raw) || contains("://", in: raw)
    }

    // MARK: - Task list items

    private static let uncheckedBox = "<input disabled=\"\" type=\"checkbox\">".utf8CString
    private static let checkedBox = "<input checked=\"\" disabled=\"\" type=\"checkbox\">".utf8CString
    /// With `MarkdownOptions.accessibleHTML`: a form control needs a name for screen readers (axe's
    /// `label` rule); the item's text follows it, so the name says only the state.
    private static let accessibleUncheckedBox = "<input disabled=\"\" type=\"checkbox\" aria-label=\"To do\">".utf8CString
    private static let accessibleCheckedBox = "<input checked=\"\" disabled=\"\" type=\"checkbox\" aria-label=\"Done\">".utf8CString

    /// A list item whose first paragraph starts with `[ ]`, `[x]` or `[X]` and whitespace gets a checkbox
    /// in place of the marker.
    private mutating func markTask(_ item: OpaquePointer, hits: [Int]) {
        guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(text)
        else { return }
        let length = strlen(literal)
        guard length >= 3 else { return }
        let bytes = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
        guard bytes[0] == UInt8(ascii: "["), bytes[2] == UInt8(ascii: "]") else { return }
        let mark = bytes[1]
        guard mark == UInt8(ascii: " ") || mark == UInt8(ascii: "\t") || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X")
        else { return }
        if length == 3 {
            // `- [ ]` and the rest on the next line: the line end is the whitespace.
            guard let next = cmark_node_next(text),
                cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(next) == CMARK_NODE_LINEBREAK
            else { return }
        } else {
            guard bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "\t") else { return }
        }
        // `\[ ]` is an escaped bracket, not a marker: the source must show the bracket itself.
        let start = sourcePosition(of: text)
        if let line = sourceLine(start.line) {
            let column = start.column
            if column >= 1 && column <= line.count && line[column - 1] != UInt8(ascii: "[") { return }
        }
        guard let box = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, memory) else { return }
        let checked = mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X")
        let html = accessible
            ? (checked ? Self.accessibleCheckedBox : Self.accessibleUncheckedBox)
            : (checked ? Self.checkedBox : Self.uncheckedBox)
        html.withUnsafeBufferPointer { _ = cmark_node_set_on_enter(box, $0.baseAddress) }
        guard cmark_node_insert_before(text, box) == 1 else {
            cmark_node_free(box)
            return
        }
        // Only text that the strikethrough and autolink pass will map needs its shift recorded: that
        // pass looks at a paragraph only if its lines hold a hit or it is inside an extension's block.
        let rest = UnsafeRawBufferPointer(start: bytes + 3, count: length - 3)
        if (BlockLines.mayHold(paragraph, anyOf: hits) || isInsideExtension(paragraph))
            && (Self.contains(UInt8(ascii: "~"), in: rest) || Self.mayHoldAutolink(rest))
        {
            columnShift[text] = 3
        }
        // cmark copies the new literal before it frees the old one.
        cmark_node_set_literal(text, literal + 3)
    }

    // MARK: - Strikethrough and autolinks

    private enum Token {
        /// A child kept as it is.
        case node(OpaquePointer)
        /// Scan bytes of a mapped text.
        case text(map: Int, range: Range<Int>)
        /// A tilde run.
        case tildes(map: Int, range: Range<Int>)
        /// An extended autolink.
        case link(map: Int, range: Range<Int>, kind: ExtendedAutolinkScanner.Match.Kind)
    }

    private mutating func transformInlines(of container: OpaquePointer, type: cmark_node_type, linksAllowed: Bool) {
        guard let first = cmark_node_first_child(container) else { return }
        // Boundaries of emphasis and links are their delimiters (punctuation); of blocks and table
        // cells, the line's start and end (whitespace).
        let boundary: InlineCharacter =
            type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_LINK ? .punctuation : .whitespace
        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        var maps: [TextSourceMap] = []
        maps.reserveCapacity(4)
        var nodes: [(node: OpaquePointer, line: Int)] = []
        nodes.reserveCapacity(4)
        var delimiters = StrikethroughDelimiters()
        var linkCount = 0
        var sawText = false

        var child: OpaquePointer? = first
        var previousClass = boundary
        while let node = child {
            child = cmark_node_next(node)
            guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) else {
                tokens.append(.node(node))
                previousClass = Self.trailingClass(of: node)
                continue
            }
            sawText = true
            let length = strlen(literal)
            let raw = UnsafeRawBufferPointer(start: literal, count: length)
            let hasTilde = strikethrough && Self.contains(UInt8(ascii: "~"), in: raw)
            let mayLink = linksAllowed && Self.mayHoldAutolink(raw)
            let followingClass = child.map { Self.leadingClass(of: $0) } ?? boundary
            guard hasTilde || mayLink else {
                tokens.append(.node(node))
                previousClass = raw.isEmpty ? previousClass : Self.lastClass(raw)
                continue
            }
            let start = sourcePosition(of: node)
            let line = start.line
            let map = TextSourceMap(
                literal: Array(raw), line: sourceLine(line), reportedColumn: start.column + (columnShift[node] ?? 0), smart: smart)
            let mapIndex = maps.count
            maps.append(map)
            nodes.append((node, line))
            // No closure here captures the locals it changes (that would cost a dynamic exclusivity
            // check for every access).
            let wwwAllowedAtStart = previousClass == .whitespace || Self.allowsWWW(afterNode: node)
            let links = mayLink
                ? map.scan.withUnsafeBufferPointer { ExtendedAutolinkScanner.matches(in: $0, wwwAllowedAtStart: wwwAllowedAtStart) }
                : []
            linkCount += links.count
            var position = 0
            for link in links {
                Self.appendText(
                    position..<link.range.lowerBound, of: map, index: mapIndex, hasTilde: hasTilde, previousClass: previousClass,
                    followingClass: followingClass, tokens: &tokens, delimiters: &delimiters)
                tokens.append(.link(map: mapIndex, range: link.range, kind: link.kind))
                position = link.range.upperBound
            }
            Self.appendText(
                position..<map.scan.count, of: map, index: mapIndex, hasTilde: hasTilde, previousClass: previousClass,
                followingClass: followingClass, tokens: &tokens, delimiters: &delimiters)
            previousClass = raw.isEmpty ? previousClass : Self.lastClass(raw)
        }
        guard sawText, !maps.isEmpty else { return }
        let pairs = delimiters.isEmpty ? [] : delimiters.pairs()
        guard linkCount > 0 || !pairs.isEmpty else { return }
        rebuild(container, tokens: tokens, maps: maps, nodes: nodes, pairs: pairs)
    }

    /// Appends the tokens for the scan bytes `range` of `map` (the `mapIndex`th map): text, and tilde
    /// runs with their delimiters when `hasTilde`.
    private static func appendText(
        _ range: Range<Int>, of map: TextSourceMap, index mapIndex: Int, hasTilde: Bool, previousClass: InlineCharacter,
        followingClass: InlineCharacter, tokens: inout [Token], delimiters: inout StrikethroughDelimiters
    ) {
        guard hasTilde else {
            if !range.isEmpty { tokens.append(.text(map: mapIndex, range: range)) }
            return
        }
        let scan = map.scan
        var start = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            guard scan[index] == UInt8(ascii: "~"), !map.isLiteralTilde(index) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < range.upperBound && scan[end] == UInt8(ascii: "~") && !map.isLiteralTilde(end) { end += 1 }
            if start < index { tokens.append(.text(map: mapIndex, range: start..<index)) }
            let (before, after) = scan.withUnsafeBufferPointer { scan in
                (index > 0 ? InlineCharacter.classOfCharacter(endingBefore: index, in: scan) : previousClass,
                 end < scan.count ? InlineCharacter.classOfCharacter(startingAt: end, in: scan) : followingClass)
            }
            delimiters.add(token: tokens.count, count: end - index, before: before, after: after)
            tokens.append(.tildes(map: mapIndex, range: index..<end))
            start = end
            index = end
        }
        if start < range.upperBound { tokens.append(.text(map: mapIndex, range: start..<range.upperBound)) }
    }

    /// Replaces the container's children by the tokens: text nodes for text and unmatched tildes,
    /// strikethrough nodes around what lies between a matched pair, link nodes for autolinks.
    private mutating func rebuild(
        _ container: OpaquePointer, tokens: [Token], maps: [TextSourceMap], nodes: [(node: OpaquePointer, line: Int)],
        pairs: [(opener: Int, closer: Int)]
    ) {
        // For each token, whether it opens (1) or closes (2) a strikethrough.
        var pairing = [UInt8](repeating: 0, count: tokens.count)
        for pair in pairs {
            pairing[pair.opener] = 1
            pairing[pair.closer] = 2
        }
        while let child = cmark_node_first_child(container) { cmark_node_unlink(child) }
        var parents: [OpaquePointer] = []
        parents.reserveCapacity(4)
        parents.append(container)
        // Room for all the text at once (smart punctuation can make it longer: it grows then).
        var pending: [UInt8] = []
        pending.reserveCapacity(maps.reduce(16) { $0 + $1.literal.count })
        for index in tokens.indices {
            switch tokens[index] {
            case .node(let node):
                flush(&pending, into: parents[parents.count - 1])
                cmark_node_append_child(parents[parents.count - 1], node)
            case .text(let map, let range):
                maps[map].appendLiteralBytes(range, to: &pending)
            case .tildes(let map, let range):
                if pairing[index] == 1, let strike = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, memory) {
                    flush(&pending, into: parents[parents.count - 1])
                    cmark_node_set_on_enter(strike, "<del>")
                    cmark_node_set_on_exit(strike, "</del>")
                    cmark_node_append_child(parents[parents.count - 1], strike)
                    parents.append(strike)
                } else if pairing[index] == 2 && parents.count > 1 {
                    flush(&pending, into: parents[parents.count - 1])
                    parents.removeLast()
                } else {
                    pending.append(contentsOf: maps[map].scan[range])
                }
            case .link(let map, let range, let kind):
                flush(&pending, into: parents[parents.count - 1])
                appendLink(maps[map], range: range, kind: kind, line: nodes[map].line, to: parents[parents.count - 1])
            }
        }
        flush(&pending, into: parents[parents.count - 1])
        for (node, _) in nodes { cmark_node_free(node) }
    }

    /// Appends `pending` (text bytes, no NUL) to `parent` as a text node, and empties it.
    private func flush(_ pending: inout [UInt8], into parent: OpaquePointer) {
        guard !pending.isEmpty, let text = cmark_node_new_with_mem(CMARK_NODE_TEXT, memory) else { return }
        pending.append(0)
        pending.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(text, $0.baseAddress) }
        }
        cmark_node_append_child(parent, text)
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func appendLink(
        _ map: TextSourceMap, range: Range<Int>, kind: ExtendedAutolinkScanner.Match.Kind, line: Int, to parent: OpaquePointer
    ) {
        let text = map.scan[range]
        let prefix: StaticString
        switch kind {
        case .www: prefix = "http://"
        case .url: prefix = ""
        case .email: prefix = "mailto:"
        }
        guard let link = cmark_node_new_with_mem(CMARK_NODE_LINK, memory) else { return }
        guard let label = CmarkNodes.text(text, memory: memory) else {
            cmark_node_free(link)
            return
        }
        // The destination as a C string on the stack: the prefix, then the text.
        let prefixCount = prefix.utf8CodeUnitCount
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefixCount + text.count + 1) { buffer in
            guard let base = buffer.baseAddress else { return }
            base.update(from: prefix.utf8Start, count: prefixCount)
            _ = UnsafeMutableBufferPointer(rebasing: buffer[prefixCount...]).initialize(fromContentsOf: text)
            buffer[prefixCount + text.count] = 0
            base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { _ = cmark_node_set_url(link, $0) }
        }
        cmark_node_append_child(link, label)
        cmark_node_append_child(parent, link)
        if linkPositions.isEmpty { linkPositions.reserveCapacity(4) }
        linkPositions.append(
            (link, SourcePosition(line: line + lineOffset, column: max(1, map.column(ofScanOffset: range.lowerBound)))))
    }

    /// Where a node starts in the source (1-based line, without the page's line offset): through the
    /// block extensions' roles for a node that came from one of their helper documents; otherwise its
    /// own line, or its nearest ancestor's for a node made after parsing (line 0), and its column.
    private func sourcePosition(of node: OpaquePointer) -> (line: Int, column: Int) {
        if isInsideExtension(node) {
            let mapped = ExtensionPositions.position(of: node, roles: roles)
            return (max(1, mapped.line), mapped.column)
        }
        return (Self.knownLine(of: node), Int(cmark_node_get_start_column(node)))
    }

    /// Whether a node or one of its ancestors was made by the block extensions.
    private func isInsideExtension(_ node: OpaquePointer) -> Bool {
        guard !roles.isEmpty else { return false }
        var current: OpaquePointer? = node
        while let candidate = current {
            if roles.role(of: candidate) != nil { return true }
            current = cmark_node_parent(candidate)
        }
        return false
    }

    /// The node's line, or its nearest ancestor's for a node made after parsing (line 0), or 1.
    private static func knownLine(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let candidate = current {
            let line = Int(cmark_node_get_start_line(candidate))
            if line > 0 { return line }
            current = cmark_node_parent(candidate)
        }
        return 1
    }

    // MARK: - Neighbours

    /// The class of the last character a node shows in the source (a closing delimiter, a bracket, a
    /// line end).
    private static func trailingClass(of node: OpaquePointer) -> InlineCharacter {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return .whitespace
        case CMARK_NODE_TEXT:
            guard let literal = cmark_node_get_literal(node) else { return .whitespace }
            let raw = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
            return raw.isEmpty ? .whitespace : lastClass(raw)
        default: return .punctuation
        }
    }

    /// The class of the first character a node shows in the source.
    private static func leadingClass(of node: OpaquePointer) -> InlineCharacter {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: return .whitespace
        case CMARK_NODE_TEXT:
            guard let literal = cmark_node_get_literal(node), literal.pointee != 0 else { return .whitespace }
            let raw = UnsafeRawBufferPointer(start: literal, count: strlen(literal))
            return InlineCharacter.classOfCharacter(startingAt: 0, in: raw.bindMemory(to: UInt8.self))
        default: return .punctuation
        }
    }

    /// Whether the node before a text node ends in `*` or `_` (emphasis), after which a `www.` link may start.
    private static func allowsWWW(afterNode node: OpaquePointer) -> Bool {
        guard let previous = cmark_node_previous(node) else {
            guard let parent = cmark_node_parent(node) else { return true }
            let type = cmark_node_get_type(parent)
            return type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE
        }
        let type = cmark_node_get_type(previous)
        return type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK
    }

    private static func lastClass(_ raw: UnsafeRawBufferPointer) -> InlineCharacter {
        InlineCharacter.classOfCharacter(endingBefore: raw.count, in: raw.bindMemory(to: UInt8.self))
    }

    // MARK: - Source

    /// The bytes of a 1-based line of the source, without its line ending.
    private mutating func sourceLine(_ line: Int) -> UnsafeBufferPointer<UInt8>? {
        if lineStarts.isEmpty { lineStarts = SourceLineStarts.of(source) }
        guard line >= 1 && line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : source.count
        while end > start && (source[end - 1] == UInt8(ascii: "\n") || source[end - 1] == UInt8(ascii: "\r")) { end -= 1 }
        return UnsafeBufferPointer(rebasing: source[start..<end])
    }


    /// Whether `[ ]`, `[x]` or `[X]` occurs anywhere (most pages have brackets, few have task markers).
    private static func containsTaskMarker(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= 3 else { return false }
        var offset = 0
        while offset + 3 <= bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "[")), bytes.count - offset - 2) {
            let index = base.distance(to: UnsafeRawPointer(found))
            let mark = bytes[index + 1]
            if bytes[index + 2] == UInt8(ascii: "]")
                && (mark == UInt8(ascii: " ") || mark == UInt8(ascii: "\t") || mark == UInt8(ascii: "x") || mark == UInt8(ascii: "X"))
            {
                return true
            }
            offset = index + 1
        }
        return false
    }

    static func contains(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    /// Whether `needle` occurs in `bytes`. memchr looks for the needle's byte at `anchor` (pick the
    /// rarest in prose: the `.` of `www.`, the `^` of `[^`; each hit costs a call), then the rest is
    /// compared (Glibc's module does not export memmem).
    static func contains(_ needle: StaticString, anchor: Int = 0, in bytes: UnsafeRawBufferPointer) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard let base = bytes.baseAddress, bytes.count >= length, anchor >= 0, anchor < length else { return false }
        let anchorByte = Int32(needle.utf8Start[anchor])
        // Where the needle may start: 0...bytes.count - length; its anchor byte lies `anchor` further on.
        var start = 0
        while start + length <= bytes.count,
            let found = memchr(base + start + anchor, anchorByte, bytes.count - length + 1 - start)
        {
            let at = base.distance(to: UnsafeRawPointer(found)) - anchor
            if memcmp(base + at, needle.utf8Start, length) == 0 { return true }
            start = at + 1
        }
        return false
    }
}
