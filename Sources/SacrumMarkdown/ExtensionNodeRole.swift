internal import CCmark

/// What a node made by the block extensions (tables, footnotes, alerts) is, for the tree scan: its
/// content was parsed in a helper document, so the positions cmark gives its descendants are in that
/// document and are mapped back to the page here; and table cells and rows separate plain text.
enum ExtensionNodeRole {
    /// A table cell whose content was parsed: every node inside comes from one line of the page.
    case tableCell(CellOrigin)
    /// A run of a table's HTML (tags, and cells of plain text that needed no parse) in one node; its
    /// plain text is these bytes of `ExtensionNodeRoles.tableText`: each plain cell's text and a space,
    /// and a line feed for each row's end.
    case tableText(Range<Int>)
    /// Blocks parsed from a run of the page's lines, each moved right by its own number of bytes.
    case lines(LinesOrigin)

    /// Where a table cell's text is in the page.
    struct CellOrigin {
        /// The cell's line in the page.
        var line: Int
        /// The 1-based byte column of the cell's first character in the page.
        var column: Int
        /// The line the cell is on in the helper document.
        var helperLine: Int
        /// The 1-based column of the cell's first character in the helper document.
        var helperColumn: Int
        /// Offsets in the cell's text before which a `\` of `\|` was removed.
        var removedBackslashes: [Int]

        func position(line helperLine: Int, column helperColumn: Int) -> (line: Int, column: Int) {
            let offset = max(0, helperColumn - self.helperColumn)
            var removed = 0
            for index in removedBackslashes where index <= offset { removed += 1 }
            return (line, column + offset + removed)
        }
    }

    /// Where a run of lines of a helper document is in the page.
    struct LinesOrigin {
        /// The first of the lines in the helper document.
        var helperLine: Int
        /// The page's line that the first helper line comes from.
        var line: Int
        /// For each helper line, the bytes to add to a helper column to get the page's column.
        var columnShifts: [Int]

        func position(line helperLine: Int, column: Int) -> (line: Int, column: Int) {
            let index = helperLine - self.helperLine
            guard index >= 0 && index < columnShifts.count else { return (line + max(0, index), column) }
            return (line + index, column + columnShifts[index])
        }
    }
}

/// The roles of the nodes the block extensions made, kept in an array and found through each node's
/// cmark user data (its index + 1), so that the scan's look-up for every node costs no hashing.
/// Nothing else in SacrumMarkdown sets a node's user data.
struct ExtensionNodeRoles {
    /// What a role is, without its payload: cheap to look up for every node of a walk.
    enum Kind {
        case tableCell, tableText, lines
    }

    private var roles: [ExtensionNodeRole] = []
    private var kinds: [Kind] = []
    /// The plain text of every `tableText` role, one after the other.
    private(set) var tableText: [UInt8] = []

    var isEmpty: Bool { roles.isEmpty }

    mutating func set(_ role: ExtensionNodeRole, for node: OpaquePointer) {
        roles.append(role)
        switch role {
        case .tableCell: kinds.append(.tableCell)
        case .tableText: kinds.append(.tableText)
        case .lines: kinds.append(.lines)
        }
        cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: roles.count))
    }

    /// Gives `node` the role of a run of table HTML whose plain text is `text`.
    mutating func setTableText(_ text: UnsafeBufferPointer<UInt8>, for node: OpaquePointer) {
        let start = tableText.count
        tableText += text
        set(.tableText(start..<tableText.count), for: node)
    }

    func role(of node: OpaquePointer) -> ExtensionNodeRole? {
        index(of: node).map { roles[$0] }
    }

    /// The index of `node`'s role, for `subscript` and `kind(at:)`.
    func index(of node: OpaquePointer) -> Int? {
        guard let data = cmark_node_get_user_data(node) else { return nil }
        let index = Int(bitPattern: data) - 1
        return roles.indices.contains(index) ? index : nil
    }

    subscript(index: Int) -> ExtensionNodeRole { roles[index] }

    func kind(at index: Int) -> Kind { kinds[index] }

    /// Gives `new` the role of `old` (which is about to be freed), if it has one.
    func transfer(from old: OpaquePointer, to new: OpaquePointer) {
        cmark_node_set_user_data(new, cmark_node_get_user_data(old))
    }
}
