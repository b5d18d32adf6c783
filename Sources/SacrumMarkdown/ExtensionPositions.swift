internal import CCmark

/// Positions of nodes that the block extensions moved in from a helper document, mapped back to
/// the parsed text through the roles of their ancestors (the tree scan does the same on its walk).
enum ExtensionPositions {
    /// Where `node` starts, `offset` bytes further right, in the parsed text (the page's line offset
    /// is not added).
    static func position(of node: OpaquePointer, roles: ExtensionNodeRoles, plus offset: Int = 0) -> SourcePosition {
        var mapped = (line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)) + offset)
        var current: OpaquePointer? = node
        while let ancestor = current {
            if let role = roles.role(of: ancestor) {
                switch role {
                case .tableCell(let cell): mapped = cell.position(line: mapped.line, column: mapped.column)
                case .lines(let lines): mapped = lines.position(line: mapped.line, column: mapped.column)
                case .tableText: break
                }
            }
            current = cmark_node_parent(ancestor)
        }
        return SourcePosition(line: mapped.line, column: mapped.column)
    }
}
