import SacrumMarkdown

/// Where the lines of a text start, to turn byte offsets into 1-based lines and columns and back.
struct ByteLines {
    private var starts: [Int] = [0]
    private let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }

    func offset(of position: SourcePosition) -> Int {
        let line = min(max(position.line, 1), starts.count)
        return min(starts[line - 1] + max(position.column, 1) - 1, count)
    }
}

/// Byte search without Foundation.
enum ByteSearch {
    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
