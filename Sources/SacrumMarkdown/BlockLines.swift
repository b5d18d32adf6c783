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
}
