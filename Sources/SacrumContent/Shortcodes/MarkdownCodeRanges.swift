#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// Where a Markdown text holds code: fenced and indented code blocks and code spans, as byte ranges.
///
/// Shortcode expansion leaves code alone (an editor documenting `{{< phone >}}` writes it in
/// backticks) and the checks that look for phone numbers and opening hours read prose only. Both need
/// to know where code is before cmark has parsed the text, so this is a line-by-line reading of the
/// CommonMark rules that matter: fences (``` and ~~~, closed by a fence of the same character at
/// least as long, or by the end of the text), indented code (four spaces past the enclosing list
/// item, not continuing a paragraph), and code spans (a backtick run closed by a run of the same
/// length in the same paragraph). Block quotes (`>`) and list items are followed; HTML blocks and
/// link reference definitions are read as prose. One pass, linear in the text's length.
public enum MarkdownCodeRanges {
    /// The byte ranges of code in `text`, in order and not overlapping.
    public static func find(in text: String) -> [Range<Int>] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
        return find(in: bytes)
    }

    /// The byte ranges of code in `bytes`.
    public static func find(in bytes: [UInt8]) -> [Range<Int>] {
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        return scanner.ranges
    }

    /// `text` with every byte of code replaced by a space (line breaks kept), so that offsets, lines
    /// and columns in the result are those of `text`.
    public static func prose(of text: String) -> String {
        let ranges = find(in: text)
        guard !ranges.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for range in ranges {
            for index in range where bytes[index] != 0x0A { bytes[index] = 0x20 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private struct Fence {
        var character: UInt8
        var length: Int
        var start: Int
    }

    private struct Scanner {
        let bytes: [UInt8]
        var ranges: [Range<Int>] = []
        /// The content column of each open list item, innermost last.
        var listIndents: [Int] = []
        var fence: Fence?
        var previousBlank = true
        var previousParagraph = false
        /// Where the paragraph being read starts, for code spans.
        var paragraphStart: Int?
        var paragraphEnd = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() {
            var lineStart = 0
            while lineStart <= bytes.count {
                let lineEnd = bytes.withUnsafeBufferPointer { buffer -> Int in
                    guard let base = buffer.baseAddress, lineStart < buffer.count,
                        let found = memchr(base + lineStart, 0x0A, buffer.count - lineStart)
                    else { return buffer.count }
                    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                line(lineStart, lineEnd)
                if lineEnd >= bytes.count { break }
                lineStart = lineEnd + 1
            }
            if let fence { ranges.append(fence.start..<bytes.count) }
            endParagraph()
        }

        /// The column after `count` columns of spaces and tabs from `index`, and where they end.
        func indentation(from index: Int, end: Int) -> (columns: Int, next: Int) {
            var columns = 0
            var cursor = index
            while cursor < end {
                if bytes[cursor] == 0x20 {
                    columns += 1
                } else if bytes[cursor] == 0x09 {
                    columns += 4 - columns % 4
                } else {
                    break
                }
                cursor += 1
            }
            return (columns, cursor)
        }

        mutating func line(_ start: Int, _ end: Int) {
            // Block quote markers: up to three spaces, '>', one optional space; repeatedly.
            var content = start
            while true {
                let (columns, next) = indentation(from: content, end: end)
                guard columns < 4, next < end, bytes[next] == UInt8(ascii: ">") else { break }
                content = next + 1
                if content < end && bytes[content] == 0x20 { content += 1 }
            }
            if let open = fence {
                if isClosingFence(open, from: content, end: end) {
                    ranges.append(open.start..<end)
                    fence = nil
                }
                previousBlank = false
                previousParagraph = false
                return
            }
            let (indent, first) = indentation(from: content, end: end)
            if first >= end {
                previousBlank = true
                previousParagraph = false
                endParagraph()
                return
            }
            if previousBlank {
                while let last = listIndents.last, indent < last { listIndents.removeLast() }
            }
            let base = listIndents.last ?? 0
            if indent - base >= 4 && !previousParagraph {
                endParagraph()
                appendCode(first..<end)
                previousBlank = false
                return
            }
            if openFence(at: first, end: end) { return }
            var textStart = first
            if let marker = listMarkerEnd(at: first, end: end) {
                endParagraph()
                let (spaces, afterSpaces) = indentation(from: marker, end: end)
                let markerWidth = marker - first
                let contentColumn = indent + markerWidth + (afterSpaces >= end || spaces > 4 ? 1 : spaces)
                while let last = listIndents.last, last > indent { listIndents.removeLast() }
                listIndents.append(contentColumn)
                previousBlank = false
                previousParagraph = false
                if afterSpaces >= end { return }
                if spaces > 4 {
                    appendCode(afterSpaces..<end)
                    return
                }
                if openFence(at: afterSpaces, end: end) { return }
                textStart = afterSpaces
            }
            if bytes[textStart] == UInt8(ascii: "#") {
                // An ATX heading is a paragraph of its own.
                endParagraph()
                paragraphStart = textStart
                paragraphEnd = end
                endParagraph()
                previousParagraph = false
            } else {
                if paragraphStart == nil { paragraphStart = textStart }
                paragraphEnd = end
                previousParagraph = true
            }
            previousBlank = false
        }

        mutating func appendCode(_ range: Range<Int>) {
            if let last = ranges.last, last.upperBound + 1 == range.lowerBound, bytes[last.upperBound] == 0x0A {
                ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
            } else {
                ranges.append(range)
            }
        }

        /// Opens a fence at `index` if one starts there.
        mutating func openFence(at index: Int, end: Int) -> Bool {
            guard index < end, bytes[index] == UInt8(ascii: "`") || bytes[index] == UInt8(ascii: "~") else { return false }
            let character = bytes[index]
            var cursor = index
            while cursor < end && bytes[cursor] == character { cursor += 1 }
            let length = cursor - index
            guard length >= 3 else { return false }
            if character == UInt8(ascii: "`") && bytes[cursor..<end].contains(UInt8(ascii: "`")) { return false }
            endParagraph()
            fence = Fence(character: character, length: length, start: index)
            previousBlank = false
            previousParagraph = false
            return true
        }

        func isClosingFence(_ fence: Fence, from start: Int, end: Int) -> Bool {
            let (columns, first) = indentation(from: start, end: end)
            guard columns < 4 || !listIndents.isEmpty else { return false }
            var cursor = first
            while cursor < end && bytes[cursor] == fence.character { cursor += 1 }
            guard cursor - first >= fence.length else { return false }
            while cursor < end && (bytes[cursor] == 0x20 || bytes[cursor] == 0x09) { cursor += 1 }
            return cursor == end
        }

        /// The end of a list marker (`-`, `*`, `+`, `1.`, `1)`) at `index`, if one is there.
        func listMarkerEnd(at index: Int, end: Int) -> Int? {
            var cursor = index
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
                cursor += 1
            } else {
                while cursor < end && cursor - index < 9 && bytes[cursor] >= 0x30 && bytes[cursor] <= 0x39 { cursor += 1 }
                guard cursor > index, cursor < end, bytes[cursor] == UInt8(ascii: ".") || bytes[cursor] == UInt8(ascii: ")") else {
                    return nil
                }
                cursor += 1
            }
            guard cursor >= end || bytes[cursor] == 0x20 || bytes[cursor] == 0x09 else { return nil }
            return cursor
        }

        /// Where the next backtick at or after `index` and before `end` is.
        func nextBacktick(from index: Int, before end: Int) -> Int? {
            bytes.withUnsafeBufferPointer { buffer -> Int? in
                guard let base = buffer.baseAddress, index < end,
                    let found = memchr(base + index, Int32(UInt8(ascii: "`")), end - index)
                else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
        }

        /// Finds the code spans of the paragraph just read.
        mutating func endParagraph() {
            guard let start = paragraphStart else { return }
            paragraphStart = nil
            findCodeSpans(start..<paragraphEnd)
        }

        /// Backtick runs are matched by length; for each length a cursor moves forward only, so a
        /// paragraph of many unmatched runs stays linear.
        mutating func findCodeSpans(_ range: Range<Int>) {
            var runs: [(start: Int, length: Int, escaped: Bool)] = []
            var cursor = range.lowerBound
            var previousRunEnd = range.lowerBound
            // memchr finds each run; most paragraphs have none. A run is escaped when an odd number of
            // backslashes comes right before it (after the previous run).
            while cursor < range.upperBound, let start = nextBacktick(from: cursor, before: range.upperBound) {
                var backslashes = 0
                while start - backslashes - 1 >= previousRunEnd && bytes[start - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                cursor = start
                while cursor < range.upperBound && bytes[cursor] == UInt8(ascii: "`") { cursor += 1 }
                runs.append((start, cursor - start, backslashes % 2 == 1))
                previousRunEnd = cursor
            }
            guard runs.count > 1 else { return }
            var byLength: [Int: [Int]] = [:]
            for (index, run) in runs.enumerated() { byLength[run.length, default: []].append(index) }
            var cursors: [Int: Int] = [:]
            var index = 0
            while index < runs.count {
                var run = runs[index]
                if run.escaped {
                    // `\`` is a literal backtick; the rest of the run may still open a span.
                    run = (run.start + 1, run.length - 1, false)
                    if run.length == 0 {
                        index += 1
                        continue
                    }
                }
                let candidates = byLength[run.length] ?? []
                var position = cursors[run.length] ?? 0
                while position < candidates.count && candidates[position] <= index { position += 1 }
                cursors[run.length] = position
                if position < candidates.count {
                    let close = runs[candidates[position]]
                    ranges.append(run.start..<(close.start + close.length))
                    index = candidates[position] + 1
                } else {
                    index += 1
                }
            }
        }
    }
}
