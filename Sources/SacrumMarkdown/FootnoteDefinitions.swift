/// The footnote definitions of a page (`[^label]: text`, continued by lines indented four spaces),
/// found before cmark parses it: cmark would read `[^1]: https://x` as a link reference definition.
/// Their lines are blanked in the text cmark parses, so every other line keeps its number; fenced
/// code is skipped, and a definition is only recognised at the top level (not in a list or quote).
struct FootnoteDefinitions {
    struct Definition {
        /// The label as written and as compared (case-folded).
        var label: String
        var key: String
        /// Where the definition starts (1-based line and byte column of its `[`).
        var line: Int
        var column: Int
        /// The body's lines, de-indented, and for each the byte offset in its source line where it starts.
        var lines: [ArraySlice<UInt8>]
        var offsets: [Int]
    }

    /// The text for cmark, with the definitions' lines blanked.
    var source: [UInt8]
    var definitions: [Definition]

    /// Finds the definitions, or nil if there are none.
    static func extract(from text: [UInt8]) -> FootnoteDefinitions? {
        // Lines without their ends; LF, CR LF and a lone CR end a line, as for cmark.
        let starts = text.withUnsafeBufferPointer { SourceLineStarts.of($0) }
        var lines: [Range<Int>] = []
        lines.reserveCapacity(starts.count)
        for (number, start) in starts.enumerated() {
            guard number + 1 < starts.count else {
                if start < text.count { lines.append(start..<text.count) }
                break
            }
            var end = starts[number + 1] - 1  // the LF, or a lone CR
            if text[end] == 0x0A && end > start && text[end - 1] == 0x0D { end -= 1 }
            lines.append(start..<end)
        }

        var definitions: [Definition] = []
        var blanked: [Range<Int>] = []
        var fence: (byte: UInt8, count: Int)?
        var index = 0
        while index < lines.count {
            let line = text[lines[index]]
            if fence == nil {
                // Only a line starting with `[`, a fence or a container marker can matter here.
                let first = line.first { $0 != 0x20 } ?? 0x20
                switch first {
                case UInt8(ascii: "["), UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "-"),
                    UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    break
                default:
                    index += 1
                    continue
                }
            }
            if let open = fence {
                if isFenceClose(line, open) || isFenceClose(withoutContainerMarkers(line), open) { fence = nil }
                index += 1
                continue
            }
            if let opening = fenceOpening(withoutContainerMarkers(line)) {
                fence = opening
                index += 1
                continue
            }
            guard let (label, bodyStart) = definitionStart(line) else {
                index += 1
                continue
            }
            var definition = Definition(
                label: label, key: label.lowercased(), line: index + 1,
                column: indent(of: line) + 1, lines: [text[bodyStart..<lines[index].upperBound]],
                offsets: [bodyStart - lines[index].lowerBound])
            var last = index
            var next = index + 1
            var previousBlank = line[bodyStart...].allSatisfy(isSpace)
            while next < lines.count {
                let candidate = text[lines[next]]
                if candidate.allSatisfy(isSpace) {
                    previousBlank = true
                    next += 1
                    continue
                }
                let width = indentWidth(of: candidate)
                if width >= 4 {
                    // Lines between (blank) are kept as empty body lines.
                    for blank in (last + 1)..<next {
                        definition.lines.append(text[lines[blank].upperBound..<lines[blank].upperBound])
                        definition.offsets.append(lines[blank].count)
                    }
                    let cut = deindent(candidate, columns: 4)
                    definition.lines.append(text[cut..<lines[next].upperBound])
                    definition.offsets.append(cut - lines[next].lowerBound)
                } else if !previousBlank && isLazyContinuation(candidate) && next == last + 1 {
                    definition.lines.append(candidate)
                    definition.offsets.append(0)
                } else {
                    break
                }
                previousBlank = false
                last = next
                next += 1
            }
            blanked.append(lines[index].lowerBound..<lines[last].upperBound)
            definitions.append(definition)
            index = last + 1
        }
        guard !definitions.isEmpty else { return nil }
        var source: [UInt8] = []
        source.reserveCapacity(text.count)
        var cursor = 0
        for range in blanked {
            source.append(contentsOf: text[cursor..<range.lowerBound])
            for byte in text[range] where byte == 0x0A || byte == 0x0D { source.append(byte) }
            cursor = range.upperBound
        }
        source.append(contentsOf: text[cursor...])
        return FootnoteDefinitions(source: source, definitions: definitions)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    private static func indent(of line: ArraySlice<UInt8>) -> Int {
        line.prefix { $0 == 0x20 }.count
    }

    private static func indentWidth(of line: ArraySlice<UInt8>) -> Int {
        var width = 0
        for byte in line {
            if byte == 0x20 { width += 1 } else if byte == 0x09 { width += 4 - width % 4 } else { break }
        }
        return width
    }

    /// The index after `columns` columns of indentation.
    private static func deindent(_ line: ArraySlice<UInt8>, columns: Int) -> Int {
        var width = 0
        var index = line.startIndex
        while index < line.endIndex && width < columns {
            if line[index] == 0x20 { width += 1 } else if line[index] == 0x09 { width += 4 - width % 4 } else { break }
            index += 1
        }
        return index
    }

    /// `[^label]:` after at most three spaces: the label and where the body starts.
    static func definitionStart(_ line: ArraySlice<UInt8>) -> (String, Int)? {
        let spaces = indent(of: line)
        guard spaces <= 3 else { return nil }
        var index = line.startIndex + spaces
        guard index + 1 < line.endIndex, line[index] == UInt8(ascii: "["), line[index + 1] == UInt8(ascii: "^") else { return nil }
        index += 2
        let labelStart = index
        while index < line.endIndex && line[index] != UInt8(ascii: "]") {
            let byte = line[index]
            if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "[") || index - labelStart > 999 { return nil }
            index += 1
        }
        guard index > labelStart, index + 1 < line.endIndex, line[index + 1] == UInt8(ascii: ":") else { return nil }
        let label = String(decoding: line[labelStart..<index], as: UTF8.self)
        var body = index + 2
        while body < line.endIndex && (line[body] == 0x20 || line[body] == 0x09) { body += 1 }
        return (label, body)
    }

    /// A line that continues a paragraph although not indented: not blank and not the start of
    /// another block.
    private static func isLazyContinuation(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first(where: { $0 != 0x20 }) else { return false }
        if indent(of: line) > 3 { return true }
        if definitionStart(line) != nil { return false }
        switch first {
        case UInt8(ascii: "#"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "`"), UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: "_"):
            return false
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            let rest = line.drop { $0 == 0x20 }.drop { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            return !(rest.first == UInt8(ascii: ".") || rest.first == UInt8(ascii: ")"))
        default:
            return true
        }
    }

    /// `line` after the block-quote and list markers it starts with (`> - 1. `), so that a fence
    /// opened inside a quote or a list item is seen too.
    static func withoutContainerMarkers(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var rest = line
        while true {
            let trimmed = rest.drop { $0 == 0x20 }
            guard let first = trimmed.first else { return rest }
            if first == UInt8(ascii: ">") {
                rest = trimmed.dropFirst()
            } else if (first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+"))
                && trimmed.dropFirst().first == 0x20
            {
                rest = trimmed.dropFirst(2)
            } else if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
                let afterDigits = trimmed.drop { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                guard let marker = afterDigits.first, marker == UInt8(ascii: ".") || marker == UInt8(ascii: ")"),
                    afterDigits.dropFirst().first == 0x20
                else { return rest }
                rest = afterDigits.dropFirst(2)
            } else {
                return rest
            }
        }
    }

    private static func fenceOpening(_ line: ArraySlice<UInt8>) -> (byte: UInt8, count: Int)? {
        let spaces = indent(of: line)
        guard spaces <= 3 else { return nil }
        let rest = line.dropFirst(spaces)
        guard let byte = rest.first, byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~") else { return nil }
        let count = rest.prefix { $0 == byte }.count
        guard count >= 3 else { return nil }
        if byte == UInt8(ascii: "`") && rest.dropFirst(count).contains(UInt8(ascii: "`")) { return nil }
        return (byte, count)
    }

    private static func isFenceClose(_ line: ArraySlice<UInt8>, _ fence: (byte: UInt8, count: Int)) -> Bool {
        let spaces = indent(of: line)
        guard spaces <= 3 else { return false }
        let rest = line.dropFirst(spaces)
        let count = rest.prefix { $0 == fence.byte }.count
        return count >= fence.count && rest.dropFirst(count).allSatisfy(isSpace)
    }
}
