internal import CCmark

/// Which blocks a line-based prescan (the lines of the source that hold a `~`, a `[^`, ...) rules
/// out, so that the inline extensions look only at the blocks that can hold their syntax.
enum BlockLines {
    /// Whether `block`'s lines include one of `lines` (sorted); a block made after parsing has no
    /// lines, so it may.
    static func mayHold(_ block: OpaquePointer, anyOf lines: [Int]) -> Bool {
        let first = Int(cmark_node_get_start_line(block))
        let last = Int(cmark_node_get_end_line(block))
        guard first > 0, last >= first else { return true }
        var low = 0
        var high = lines.count
        while low < high {
            let middle = (low + high) / 2
            if lines[middle] < first { low = middle + 1 } else { high = middle }
        }
        return low < lines.count && lines[low] <= last
    }

    /// Visits the blocks under `root` (itself first) in document order, walking without cmark's
    /// iterator (which must not see the tree change under it) and not below a block that holds
    /// inlines. `visit` gets each block, whether it or an ancestor was made by the block extensions
    /// (its lines are then a helper document's, which a line prescan cannot rule out), and whether it
    /// holds inlines.
    static func forEachBlock(
        under root: OpaquePointer, roles: ExtensionNodeRoles,
        _ visit: (_ block: OpaquePointer, _ inExtension: Bool, _ holdsInlines: Bool) -> Void
    ) {
        var stack: [(node: OpaquePointer, inExtension: Bool)] = []
        stack.reserveCapacity(64)  // most pages' blocks fit: the walk does not grow it step by step
        stack.append((root, false))
        while let (block, parentInExtension) = stack.popLast() {
            let inExtension = parentInExtension || (!roles.isEmpty && roles.index(of: block) != nil)
            let first = cmark_node_first_child(block)
            let firstType = first.map { cmark_node_get_type($0).rawValue } ?? 0
            let holdsInlines = firstType >= CMARK_NODE_FIRST_INLINE.rawValue && firstType <= CMARK_NODE_LAST_INLINE.rawValue
            visit(block, inExtension, holdsInlines)
            guard first != nil, !holdsInlines else { continue }
            var child = cmark_node_last_child(block)
            while let current = child {
                stack.append((current, inExtension))
                child = cmark_node_previous(current)
            }
        }
    }
}
