#if canImport(Glibc)
    internal import Glibc
#endif

/// The line-level syntax of GitHub-flavoured pipe tables, on the raw bytes of a paragraph's lines
/// (container prefixes and leading white space already removed), as cmark-gfm's table extension
/// reads them: which line is a delimiter row, and how a row splits into cells.
enum GFMTableSyntax {
    /// A column's alignment, from the colons of its delimiter cell.
    enum Alignment: Sendable, Hashable {
        case unspecified, left, center, right
    }

    /// One cell of a row: its text with `\|` unescaped and white space trimmed, where that text starts
    /// in the line, and where backslashes were removed (offsets in the unescaped text).
    struct Cell: Sendable, Hashable {
        /// The text: a slice of the line, or of a copy where `\|` was unescaped.
        var text: ArraySlice<UInt8>
        var start: Int
        var removedBackslashes: [Int]

        /// Whether cmark would parse the text into one text node with the same bytes, whatever its
        /// options, and no inline extension could change it (see `isPlain`); computed once, when the
        /// row is split, so that later passes read a flag instead of the bytes.
        var isPlainText: Bool

        init(text: ArraySlice<UInt8>, start: Int, removedBackslashes: [Int]) {
            self.text = text
            self.start = start
            self.removedBackslashes = removedBackslashes
            isPlainText = removedBackslashes.isEmpty && text.withUnsafeBufferPointer { Self.isPlain($0) }
        }

        /// A cell whose plainness the caller has computed (`isPlain` of `text`).
        fileprivate init(text: ArraySlice<UInt8>, start: Int, removedBackslashes: [Int], isPlainText: Bool) {
            self.text = text
            self.start = start
            self.removedBackslashes = removedBackslashes
            self.isPlainText = isPlainText
        }

        /// Letters, digits, spaces, single hyphens and punctuation that means nothing inline (no `.`,
        /// `:` or `@` of an autolink, no `~`, no quotes for smart punctuation, nothing HTML escapes).
        /// Such a cell needs no parse and no escaping.
        static func isPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
            var previous: UInt8 = 0
            for byte in text {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ";"),
                    UInt8(ascii: "?"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "#"), UInt8(ascii: "+"),
                    UInt8(ascii: "="), UInt8(ascii: "$"), UInt8(ascii: "("), UInt8(ascii: ")"):
                    break
                case UInt8(ascii: "-") where previous != UInt8(ascii: "-"):
                    break  // `--` is a dash for smart punctuation
                default:
                    return false
                }
                previous = byte
            }
            return true
        }
    }

    private static let pipe = UInt8(ascii: "|")
    private static let backslash = UInt8(ascii: "\\")

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }

    private static func isTrimmable(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == 0x0A || byte == 0x0D
    }

    /// Whether any line of `text` could be a delimiter row: after spaces and block-quote markers, only
    /// `|`, `:`, `-` and spaces, with a `-` and a `|` or `:`. Pages without one skip the table pass.
    static func mayHaveDelimiterRow(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        // Without a carriage return, memchr finds each line's end.
        let lineFeedsOnly = memchr(base, 0x0D, text.count) == nil
        var index = 0
        while index < text.count {
            // One line: after spaces and `>`, only `|`, `:`, `-` and spaces may follow.
            var hasDash = false
            var hasPipeOrColon = false
            var inPrefix = true
            var possible = true
            while index < text.count && text[index] != 0x0A && text[index] != 0x0D {
                switch text[index] {
                case 0x20, 0x09: break
                case UInt8(ascii: ">") where inPrefix: break
                case UInt8(ascii: "-"):
                    inPrefix = false
                    hasDash = true
                case UInt8(ascii: "|"), UInt8(ascii: ":"):
                    inPrefix = false
                    hasPipeOrColon = true
                default:
                    possible = false
                }
                if !possible { break }
                index += 1
            }
            if possible && hasDash && hasPipeOrColon { return true }
            // Skip the rest of the line and its end.
            if lineFeedsOnly {
                guard index < text.count, let end = memchr(base + index, 0x0A, text.count - index) else { return false }
                index = base.distance(to: end.assumingMemoryBound(to: UInt8.self)) + 1
                continue
            }
            while index < text.count && text[index] != 0x0A && text[index] != 0x0D { index += 1 }
            index += 1
        }
        return false
    }

    /// The alignments of a delimiter row (`| :-- | --: |`), or nil if `line` is not one.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        var end = line.endIndex
        while end > line.startIndex && isTrimmable(line[end - 1]) { end -= 1 }
        var start = line.startIndex
        while start < end && isSpace(line[start]) { start += 1 }
        if start < end && line[start] == pipe { start += 1 }
        guard start < end else { return nil }
        if line[end - 1] == pipe { end -= 1 }
        guard start < end else { return nil }
        var alignments: [Alignment] = []
        var cellStart = start
        var index = start
        while true {
            if index == end || line[index] == pipe {
                guard let alignment = marker(line[cellStart..<index]) else { return nil }
                alignments.append(alignment)
                if index == end { break }
                cellStart = index + 1
            }
            index += 1
        }
        return alignments
    }

    /// `spaces? :? -+ :? spaces?`
    private static func marker(_ cell: ArraySlice<UInt8>) -> Alignment? {
        var start = cell.startIndex
        var end = cell.endIndex
        while start < end && isSpace(cell[start]) { start += 1 }
        while end > start && isSpace(cell[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let left = cell[start] == UInt8(ascii: ":")
        let right = end - start > 1 && cell[end - 1] == UInt8(ascii: ":")
        if left { start += 1 }
        if right { end -= 1 }
        guard start < end, cell[start..<end].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
        switch (left, right) {
        case (true, true): return .center
        case (true, false): return .left
        case (false, true): return .right
        case (false, false): return .unspecified
        }
    }

    /// The cells of a row, or nil if it has none (`|` alone). A pipe after a backslash is part of the
    /// cell, and the backslash is removed, as cmark-gfm does before parsing the cell's inlines.
    static func row(_ line: ArraySlice<UInt8>) -> [Cell]? {
        // One pass over the line's bytes; a cell's text stays a slice of the line unless it has `\|`.
        line.withUnsafeBufferPointer { bytes -> [Cell]? in
            var end = bytes.count
            while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
            var index = 0
            if index < end && bytes[index] == pipe {
                index += 1
                while index < end && isSpace(bytes[index]) { index += 1 }
            }
            // One cell per pipe and one more at most: one allocation for the row.
            var pipes = 0
            for offset in index..<max(index, end) where bytes[offset] == pipe { pipes += 1 }
            var cells: [Cell] = []
            cells.reserveCapacity(pipes + 1)
            while index < end {
                let cellStart = index
                var hasEscapedPipe = false
                while index < end {
                    if bytes[index] == pipe {
                        if index == 0 || bytes[index - 1] != backslash { break }
                        hasEscapedPipe = true
                    }
                    index += 1
                }
                let cellEnd = index
                let hasPipe = index < end
                if hasPipe {
                    index += 1
                    while index < end && isSpace(bytes[index]) { index += 1 }
                }
                if cellEnd > cellStart || hasPipe {
                    cells.append(cell(bytes, cellStart..<cellEnd, hasEscapedPipe: hasEscapedPipe, of: line))
                }
                if !hasPipe { break }
            }
            return cells.isEmpty ? nil : cells
        }
    }

    /// The cell in `range` of `bytes` (the bytes of `line`); offsets are from the line's start.
    private static func cell(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hasEscapedPipe: Bool, of line: ArraySlice<UInt8>
    ) -> Cell {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && isTrimmable(bytes[start]) { start += 1 }
        while end > start && isTrimmable(bytes[end - 1]) { end -= 1 }
        // Most cells have no `\|`: their text is the line's bytes.
        guard hasEscapedPipe else {
            return Cell(
                text: line[(line.startIndex + start)..<(line.startIndex + end)], start: start, removedBackslashes: [],
                isPlainText: Cell.isPlain(UnsafeBufferPointer(rebasing: bytes[start..<end])))
        }
        var text: [UInt8] = []
        text.reserveCapacity(end - start)
        var removed: [Int] = []
        var index = start
        while index < end {
            if bytes[index] == backslash && index + 1 < end && bytes[index + 1] == pipe {
                removed.append(text.count)
                index += 1
            }
            text.append(bytes[index])
            index += 1
        }
        return Cell(text: text[...], start: start, removedBackslashes: removed)
    }
}
