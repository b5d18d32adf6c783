/// Offsets in a text with placeholders, back to offsets in the page.
struct OffsetMap {
    /// Where the text starts in the page.
    let origin: Int
    private var edits: [(expanded: Int, length: Int, original: Range<Int>)] = []

    init(origin: Int) { self.origin = origin }

    mutating func replace(at expanded: Int, length: Int, original: Range<Int>) {
        edits.append((expanded, length, original))
    }

    func original(of offset: Int) -> Int {
        var low = 0
        var high = edits.count - 1
        var found = -1
        while low <= high {
            let middle = (low + high) / 2
            if edits[middle].expanded <= offset {
                found = middle
                low = middle + 1
            } else {
                high = middle - 1
            }
        }
        guard found >= 0 else { return origin + offset }
        let edit = edits[found]
        if offset < edit.expanded + edit.length { return edit.original.lowerBound }
        return edit.original.upperBound + (offset - edit.expanded - edit.length)
    }
}
