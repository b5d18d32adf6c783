internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#endif

/// GitHub-flavoured pipe tables on cmark 0.30, which parses a table as a paragraph.
///
/// The transform finds paragraphs with a delimiter row among their lines (read from the source by
/// the paragraph's lines, container prefixes removed), parses the text before the table and every
/// cell on its own in one helper document, and replaces the paragraph with a custom block of custom
/// inline cells holding the parsed inlines. The link hook, the plain text and the inline extensions
/// then see the cells' content like any other, and the table's HTML is cmark's rendering of it.
struct CmarkTableTransform {
    let memory: UnsafeMutablePointer<cmark_mem>
    let parseOptions: Int32
    /// Scope on header cells and a focusable, labelled scroll region around the table.
    let accessible: Bool
    let sourcePositionsInHTML: Bool

    /// The prefix that keeps a cell from starting a block: a no-break space, which CommonMark counts
    /// as white space for emphasis, as the start of a line is.
    private static let cellPrefix: [UInt8] = [0xC2, 0xA0]

    /// The opening tag of a cell. With `accessible`: `scope` on header cells, and the alignment as a
    /// class (HTML5 calls the `align` attribute obsolete).
    private static func opening(header: Bool, _ alignment: GFMTableSyntax.Alignment, accessible: Bool) -> StaticString {
        switch (header, accessible, alignment) {
        case (false, false, .unspecified): "<td>"
        case (false, false, .left): "<td align=\"left\">"
        case (false, false, .center): "<td align=\"center\">"
        case (false, false, .right): "<td align=\"right\">"
        case (true, false, .unspecified): "<th>"
        case (true, false, .left): "<th align=\"left\">"
        case (true, false, .center): "<th align=\"center\">"
        case (true, false, .right): "<th align=\"right\">"
        case (false, true, .unspecified): "<td>"
        case (false, true, .left): "<td class=\"align-left\">"
        case (false, true, .center): "<td class=\"align-center\">"
        case (false, true, .right): "<td class=\"align-right\">"
        case (true, true, .unspecified): "<th scope=\"col\">"
        case (true, true, .left): "<th scope=\"col\" class=\"align-left\">"
        case (true, true, .center): "<th scope=\"col\" class=\"align-center\">"
        case (true, true, .right): "<th scope=\"col\" class=\"align-right\">"
        }
    }

    /// Most empty cells added to short rows in one table, as cmark-gfm (a 10,000-column header over
    /// short rows would otherwise make billions); the lines after the limit stay a paragraph.
    static let maximumPaddedCells = 0x80000

    private struct ContentLine {
        /// The line in the source (1-based).
        var line: Int
        /// Where its content starts in the source line (0-based byte offset) and the content.
        var offset: Int
        var bytes: ArraySlice<UInt8>
    }

    private struct Plan {
        var paragraph: OpaquePointer
        var lines: [ContentLine]
        var headerIndex: Int
        var alignments: [GFMTableSyntax.Alignment]
        var rows: [[GFMTableSyntax.Cell]]
        var endIndex: Int  // lines from here on follow the table as a paragraph
        var stoppedAtPaddingLimit = false
        /// The table was read from a setext heading whose `---` underline becomes a thematic break.
        var thematicBreakAfter = false
        var beforeChunk: Int?
        var afterChunk: Int?
        /// Each cell's chunk in the helper document, or nil for a plain-text cell that was not parsed;
        /// empty for a row of plain cells.
        var cellChunks: [[Int?]] = []
    }

    /// Replaces every table in `document`, whose positions are lines of `source`.
    /// - Parameters:
    ///   - lineStarts: where the lines of `source` start (`SourceLineStarts`).
    ///   - trailer: the page's text, parsed after the pieces for its link reference definitions.
    func apply(
        to document: OpaquePointer, source: UnsafeBufferPointer<UInt8>, lineStarts: [Int], trailer: [UInt8]?,
        roles: inout ExtensionNodeRoles, problems: inout [MarkdownProblem]
    ) {
        let candidates = multiLineParagraphs(in: document)
        guard !candidates.isEmpty else { return }
        var helper = CmarkHelperDocument()
        var plans: [Plan] = []
        for paragraph in candidates {
            guard var plan = plan(for: paragraph, source: source, lineStarts: lineStarts) else { continue }
            if plan.stoppedAtPaddingLimit {
                let start = ExtensionPositions.position(of: paragraph, roles: roles)
                let line = plan.lines[plan.endIndex]
                problems.append(
                    MarkdownProblem(
                        kind: .tableTooManyEmptyCells,
                        position: SourcePosition(line: start.line + line.line - plan.lines[0].line, column: line.offset + 1)))
            }
            if plan.headerIndex > 0 {
                plan.beforeChunk = helper.append(join(plan.lines[..<plan.headerIndex])).index
            }
            plan.cellChunks.reserveCapacity(plan.rows.count)
            for rowIndex in plan.rows.indices {
                // A row of plain cells (most rows) has nothing to parse: no chunks (see `replace`).
                if plan.rows[rowIndex].allSatisfy(\.isPlainText) {
                    plan.cellChunks.append([])
                    continue
                }
                var chunks: [Int?] = []
                chunks.reserveCapacity(plan.rows[rowIndex].count)
                for column in plan.rows[rowIndex].indices {
                    // Most cells are words and numbers: cmark would make them one text node, so they
                    // become one here without a parse (and without copying the cell to ask).
                    chunks.append(
                        plan.rows[rowIndex][column].isPlainText
                            ? nil : helper.append(Self.cellPrefix, plan.rows[rowIndex][column].text).index)
                }
                plan.cellChunks.append(chunks)
            }
            if plan.endIndex < plan.lines.count {
                plan.afterChunk = helper.append(join(plan.lines[plan.endIndex...])).index
            }
            plans.append(plan)
        }
        guard !plans.isEmpty else { return }
        // Tables of plain cells alone leave nothing to parse.
        var parsed: OpaquePointer?
        if !helper.isEmpty {
            guard let document = helper.parse(options: parseOptions, memory: memory, trailer: trailer) else { return }
            parsed = document
        }
        defer { if let parsed { cmark_node_free(parsed) } }
        let blocks = parsed.map { helper.blocksByChunk(of: $0) } ?? []
        for plan in plans {
            replace(plan, blocks: blocks, helper: helper, roles: &roles)
        }
    }

    // MARK: - Finding tables

    /// Paragraphs and headings of more than one line, in document order. Only blocks are walked:
    /// a paragraph's or heading's inlines cannot hold a table.
    private func multiLineParagraphs(in document: OpaquePointer) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        found.reserveCapacity(8)
        var blocks: [OpaquePointer] = []
        blocks.reserveCapacity(64)  // most pages' blocks fit: the walk does not grow it step by step
        blocks.append(document)
        while let block = blocks.popLast() {
            let type = cmark_node_get_type(block)
            // A setext heading is a paragraph whose last line is `---` or `===` for cmark; in GFM the
            // table ends before that line (`---` is then a thematic break, `===` a row).
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                if cmark_node_get_end_line(block) > cmark_node_get_start_line(block) { found.append(block) }
                continue
            }
            guard type == CMARK_NODE_DOCUMENT || type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST
                || type == CMARK_NODE_ITEM || type == CMARK_NODE_CUSTOM_BLOCK
            else { continue }
            var child = cmark_node_last_child(block)
            while let current = child {
                blocks.append(current)
                child = cmark_node_previous(current)
            }
        }
        return found
    }

    private func plan(for paragraph: OpaquePointer, source: UnsafeBufferPointer<UInt8>, lineStarts: [Int]) -> Plan? {
        let first = Int(cmark_node_get_start_line(paragraph))
        var last = Int(cmark_node_get_end_line(paragraph))
        guard first >= 1, last < lineStarts.count + 1, first < last else { return nil }
        let containers = Self.containers(of: paragraph)
        var thematicBreakAfter = false
        if cmark_node_get_type(paragraph) == CMARK_NODE_HEADING {
            let start = lineStarts[last - 1]
            let raw = source[start..<(last < lineStarts.count ? lineStarts[last] : source.count)]
            let underline = raw.dropFirst(Self.contentOffset(of: raw, containers: containers)).first { $0 != 0x20 && $0 != 0x09 }
            if underline == UInt8(ascii: "-") {
                last -= 1
                thematicBreakAfter = true
            }
            guard first < last else { return nil }
        }
        let rangeStart = lineStarts[first - 1]
        let rangeEnd = last < lineStarts.count ? lineStarts[last] : source.count
        guard GFMTableSyntax.mayHaveDelimiterRow(UnsafeBufferPointer(rebasing: source[rangeStart..<rangeEnd])) else { return nil }

        // The paragraph's bytes, copied once (not the page): its lines are slices of them, at the
        // source's offsets minus `rangeStart`.
        let block = Array(UnsafeBufferPointer(rebasing: source[rangeStart..<rangeEnd]))
        var lines: [ContentLine] = []
        lines.reserveCapacity(last - first + 1)
        for line in first...last {
            let start = lineStarts[line - 1] - rangeStart
            var end = (line < lineStarts.count ? lineStarts[line] : source.count) - rangeStart
            while end > start && (block[end - 1] == 0x0A || block[end - 1] == 0x0D) { end -= 1 }
            let raw = block[start..<end]
            var offset: Int
            if line == first {
                offset = max(0, Int(cmark_node_get_start_column(paragraph)) - 1)
            } else {
                offset = Self.contentOffset(of: raw, containers: containers)
            }
            offset = min(offset, raw.count)
            while offset < raw.count && (raw[start + offset] == 0x20 || raw[start + offset] == 0x09) { offset += 1 }
            lines.append(ContentLine(line: line, offset: offset, bytes: raw[(start + offset)...]))
        }

        // As cmark-gfm: the first line after the first that looks like a delimiter row decides.
        var found: (index: Int, alignments: [GFMTableSyntax.Alignment])?
        for index in lines.indices.dropFirst() {
            if let alignments = GFMTableSyntax.delimiterRow(lines[index].bytes) {
                found = (index, alignments)
                break
            }
        }
        guard let (delimiter, alignments) = found,
            let header = GFMTableSyntax.row(lines[delimiter - 1].bytes), header.count == alignments.count
        else { return nil }
        var rows: [[GFMTableSyntax.Cell]] = []
        rows.reserveCapacity(lines.count - delimiter)
        rows.append(header)
        var end = delimiter + 1
        var padded = 0
        while end < lines.count, padded <= Self.maximumPaddedCells, let row = GFMTableSyntax.row(lines[end].bytes) {
            // Cells past the header's count are dropped; most rows keep their array as it is.
            var row = row
            if row.count > alignments.count { row.removeLast(row.count - alignments.count) }
            rows.append(row)
            padded += max(0, alignments.count - row.count)
            end += 1
        }
        return Plan(
            paragraph: paragraph, lines: lines, headerIndex: delimiter - 1, alignments: alignments, rows: rows,
            endIndex: end, stoppedAtPaddingLimit: end < lines.count && padded > Self.maximumPaddedCells,
            thematicBreakAfter: thematicBreakAfter)
    }

    private enum Container {
        case blockQuote
        /// A list item whose content starts at this 0-based byte offset in the line.
        case item(Int)
    }

    /// The block quotes and list items around `node`, outermost first.
    private static func containers(of node: OpaquePointer) -> [Container] {
        var result: [Container] = []
        var parent = cmark_node_parent(node)
        while let current = parent {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_BLOCK_QUOTE:
                result.append(.blockQuote)
            case CMARK_NODE_ITEM:
                if let child = cmark_node_first_child(current) {
                    result.append(.item(max(0, Int(cmark_node_get_start_column(child)) - 1)))
                }
            default:
                break
            }
            parent = cmark_node_parent(current)
        }
        return result.reversed()
    }

    /// Where a continuation line's content starts, after the prefixes of its containers (a lazy
    /// continuation line has fewer; its content starts where they stop).
    private static func contentOffset<Bytes: Collection<UInt8>>(of raw: Bytes, containers: [Container]) -> Int
    where Bytes.Index == Int {
        var index = raw.startIndex
        for container in containers {
            switch container {
            case .blockQuote:
                var probe = index
                while probe < raw.endIndex && probe - index < 3 && raw[probe] == 0x20 { probe += 1 }
                guard probe < raw.endIndex && raw[probe] == UInt8(ascii: ">") else { return index - raw.startIndex }
                index = probe + 1
                if index < raw.endIndex && (raw[index] == 0x20 || raw[index] == 0x09) { index += 1 }
            case .item(let column):
                while index < raw.endIndex && index - raw.startIndex < column && raw[index] == 0x20 { index += 1 }
                if index - raw.startIndex < column { return index - raw.startIndex }
            }
        }
        return index - raw.startIndex
    }

    private func join(_ lines: ArraySlice<ContentLine>) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { bytes.append(0x0A) }
            bytes.append(contentsOf: line.bytes)
        }
        return bytes
    }

    // MARK: - Building the table

    private func replace(
        _ plan: Plan, blocks: [[OpaquePointer]], helper: CmarkHelperDocument, roles: inout ExtensionNodeRoles
    ) {
        let paragraph = plan.paragraph
        if let chunk = plan.beforeChunk {
            moveBlocks(blocks[chunk], before: paragraph, lines: plan.lines[..<plan.headerIndex], helperLine: helper.firstLine(of: chunk), roles: &roles)
        }
        let headerLine = plan.lines[plan.headerIndex]
        guard let table = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, memory) else { return }
        // The label of the scroll region comes from the header cells: the table's opening HTML is
        // written once they are built.
        var label: [UInt8] = []
        if accessible { label.reserveCapacity(plan.lines[plan.headerIndex].bytes.count + 16) }
        let prefixLength = Self.cellPrefix.count
        // Tags and plain-text cells (most cells) go into one node per run, with the run's plain
        // text beside it; only a parsed cell is a node of its own, between two runs.
        let tableBytes = plan.lines[plan.headerIndex..<plan.endIndex].reduce(0) { $0 + $1.bytes.count }
        var run = StaticRun(capacity: tableBytes)
        for (rowIndex, row) in plan.rows.enumerated() {
            let isHeader = rowIndex == 0
            let line = plan.lines[rowIndex == 0 ? plan.headerIndex : plan.headerIndex + rowIndex + 1]
            for column in plan.alignments.indices {
                run.append(Self.opening(header: isHeader, plan.alignments[column], accessible: accessible))
                if column < row.count {
                    if !plan.cellChunks[rowIndex].isEmpty, let chunk = plan.cellChunks[rowIndex][column] {
                        if let paragraph = blocks[chunk].first, cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                            let node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, memory)
                        {
                            run.flush(into: table, memory: memory, roles: &roles)
                            CmarkNodes.dropPrefix(prefixLength, ofFirstTextIn: paragraph)
                            CmarkNodes.moveChildren(of: paragraph, to: node)
                            roles.set(
                                .tableCell(
                                    .init(
                                        line: line.line, column: line.offset + row[column].start + 1,
                                        helperLine: helper.firstLine(of: chunk), helperColumn: prefixLength + 1,
                                        removedBackslashes: row[column].removedBackslashes)),
                                for: node)
                            if isHeader && accessible {
                                Self.addToLabel(Array(CmarkNodes.plainText(of: node).utf8)[...], label: &label)
                            }
                            if cmark_node_append_child(table, node) != 1 { cmark_node_free(node) }
                        }
                    } else {
                        // A plain cell's bytes need no escaping (see `GFMTableSyntax.Cell.isPlainText`).
                        run.appendPlainCell(row[column].text)
                        if isHeader && accessible { Self.addToLabel(row[column].text, label: &label) }
                    }
                }
                run.append(isHeader ? "</th>\n" : "</td>\n")
            }
            let isLast = rowIndex + 1 == plan.rows.count
            switch (isHeader, isLast) {
            case (true, false): run.append("</tr>\n</thead>\n<tbody>\n<tr>\n")
            case (true, true): run.append("</tr>\n</thead>\n")
            case (false, false): run.append("</tr>\n<tr>\n")
            case (false, true): run.append("</tr>\n</tbody>\n")
            }
            run.text.append(UInt8(ascii: "\n"))
        }
        run.flush(into: table, memory: memory, roles: &roles)

        var opening: [UInt8] = []
        opening.reserveCapacity(label.count + 128)
        func append(_ text: StaticString) {
            opening.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        if accessible {
            append("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"")
            if label.isEmpty { append("Table: ") } else { HTMLText.appendEscaped(label, to: &opening) }
            append("\">\n")
        }
        append("<table")
        if sourcePositionsInHTML {
            let lastLine = plan.lines[plan.endIndex - 1]
            opening += " data-sourcepos=\"\(headerLine.line):\(headerLine.offset + 1)-\(lastLine.line):\(lastLine.offset + lastLine.bytes.count)\"".utf8
        }
        append(">\n<thead>\n<tr>\u{0}")
        let entered = opening.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_node_set_on_enter(table, $0.baseAddress) }
        }
        let exited = cmark_node_set_on_exit(table, accessible ? "</table>\n</div>" : "</table>")
        guard entered == 1, exited == 1 else {
            cmark_node_free(table)
            return
        }
        if cmark_node_insert_before(paragraph, table) != 1 {
            cmark_node_free(table)
            return
        }
        if let chunk = plan.afterChunk {
            moveBlocks(blocks[chunk], before: paragraph, lines: plan.lines[plan.endIndex...], helperLine: helper.firstLine(of: chunk), roles: &roles)
        }
        if plan.thematicBreakAfter, let rule = cmark_node_new_with_mem(CMARK_NODE_THEMATIC_BREAK, memory),
            cmark_node_insert_before(paragraph, rule) != 1
        {
            cmark_node_free(rule)
        }
        cmark_node_free(paragraph)
    }

    private static func addToLabel(_ text: ArraySlice<UInt8>, label: inout [UInt8]) {
        guard !text.isEmpty else { return }
        let separator: StaticString = label.isEmpty ? "Table: " : ", "
        label.append(contentsOf: UnsafeBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount))
        label += text
    }

    /// Table HTML gathered since the last parsed cell, and its plain text.
    private struct StaticRun: ~Copyable {
        var html: ByteBuffer
        var text: ByteBuffer

        init(capacity: Int) {
            html = ByteBuffer(capacity: capacity * 2 + 64)
            text = ByteBuffer(capacity: capacity)
        }

        mutating func append(_ tag: StaticString) {
            html.append(tag)
        }

        /// A cell that needed no parse: its text in the HTML, and in the plain text with a space after it.
        mutating func appendPlainCell(_ cell: ArraySlice<UInt8>) {
            cell.withUnsafeBufferPointer { cell in
                html.append(cell)
                text.append(cell)
            }
            text.append(UInt8(ascii: " "))
        }

        /// Appends the run to `table` as one custom inline and starts a new run.
        mutating func flush(into table: OpaquePointer, memory: UnsafeMutablePointer<cmark_mem>, roles: inout ExtensionNodeRoles) {
            guard !html.isEmpty else { return }
            defer {
                html.removeAll()
                text.removeAll()
            }
            guard let node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, memory) else { return }
            html.append(0)
            let entered = html.withBytes { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_node_set_on_enter(node, $0.baseAddress) }
            }
            guard entered == 1, cmark_node_append_child(table, node) == 1 else {
                cmark_node_free(node)
                return
            }
            text.withBytes { roles.setTableText($0, for: node) }
        }
    }

    private func moveBlocks(
        _ blocks: [OpaquePointer], before anchor: OpaquePointer, lines: ArraySlice<ContentLine>, helperLine: Int,
        roles: inout ExtensionNodeRoles
    ) {
        guard let firstLine = lines.first?.line else { return }
        let shifts = lines.map(\.offset)
        for block in blocks {
            cmark_node_unlink(block)
            if cmark_node_insert_before(anchor, block) == 1 {
                roles.set(.lines(.init(helperLine: helperLine, line: firstLine, columnShifts: shifts)), for: block)
            } else {
                cmark_node_free(block)
            }
        }
    }
}
