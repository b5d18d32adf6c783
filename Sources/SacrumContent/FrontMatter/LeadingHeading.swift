internal import SacrumMarkdown

/// A page body's first block when it is a level-1 heading (`# Title`, or `Title` underlined with
/// `===`): what a page without a `title` is called, and what a page with a `title` must not repeat
/// (the theme shows the title as the page's one h1).
public struct LeadingHeading: Sendable, Hashable {
    /// The heading's plain text (`# SI *joint* fusion` is `SI joint fusion`).
    public var text: String
    /// The line of the file on which the heading starts.
    public var line: Int
    /// The column of the file at which the heading starts.
    public var column: Int
    /// The body with the heading's lines emptied (not removed, so every later line keeps its number).
    var bodyWithoutHeading: String

    /// Most lines a setext heading's text may span here (a longer first paragraph is not a title).
    static let maximumSetextLines = 8

    /// The level-1 heading that is the first block of `body` (which starts on line `firstLine` of its
    /// file), or `nil`.
    public static func find(in body: String, firstLine: Int) -> LeadingHeading? {
        // Only the first lines are looked at, so a long page costs no more than a short one.
        var lines: [Substring] = []
        var lineEnds: [String.Index] = []
        var cursor = body.startIndex
        var first: Int?
        while cursor < body.endIndex, lines.count < (first ?? lines.count) + maximumSetextLines + 1 {
            // The line break by its byte: a Character search would decode every grapheme of a long line.
            let end = body.utf8[cursor...].firstIndex(of: UInt8(ascii: "\n")) ?? body.endIndex
            let line = body[cursor..<end]
            if first == nil, !isBlank(line) { first = lines.count }
            lines.append(line)
            lineEnds.append(end)
            if first != nil, isBlank(line) { break }
            cursor = end < body.endIndex ? body.utf8.index(after: end) : end
        }
        guard let first else { return nil }
        var last: Int?
        if isATXLevelOne(lines[first]) {
            last = first
        } else if !startsOtherBlock(lines[first]) {
            var index = first + 1
            while index < lines.count, !isBlank(lines[index]) {
                if isSetextLevelOneUnderline(lines[index]) {
                    last = index
                    break
                }
                index += 1
            }
        }
        guard let last else { return nil }
        // cmark decides what the lines are: a level-1 heading starting on the block's first line, or not.
        let source = lines[first...last].joined(separator: "\n")
        let document = MarkdownRenderer(options: MarkdownOptions(smartPunctuation: false, imageLoadingHints: false))
            .render(source)
        guard let heading = document.headings.first, heading.level == 1, heading.position.line == 1,
            heading.position.column == lines[first].prefix(while: { $0 == " " }).count + 1
        else { return nil }
        let text = heading.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty else { return nil }
        // Lines up to the heading's last one become empty; their line breaks stay.
        let blanked = String(repeating: "\n", count: last) + body[lineEnds[last]...]
        return LeadingHeading(text: text, line: firstLine + first, column: heading.position.column, bodyWithoutHeading: blanked)
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// Up to three spaces of indentation (four make a code block), then the rest of the line.
    private static func unindented(_ line: Substring) -> Substring? {
        var rest = line
        var spaces = 0
        while rest.first == " " {
            rest = rest.dropFirst()
            spaces += 1
        }
        return spaces <= 3 && rest.first != "\t" ? rest : nil
    }

    /// `# Title`: one `#`, then a space, a tab or the end of the line.
    private static func isATXLevelOne(_ line: Substring) -> Bool {
        guard let rest = unindented(line), rest.first == "#" else { return false }
        let after = rest.dropFirst()
        return after.isEmpty || after.first == " " || after.first == "\t"
    }

    /// `===`, alone on its line.
    private static func isSetextLevelOneUnderline(_ line: Substring) -> Bool {
        guard let rest = unindented(line) else { return false }
        let trimmed = rest.drop { $0 == "=" }
        return trimmed.count < rest.count && isBlank(trimmed)
    }

    /// Lines that start something other than a paragraph (a heading, quote, list, fence, HTML, code).
    private static func startsOtherBlock(_ line: Substring) -> Bool {
        guard let rest = unindented(line), let first = rest.first else { return true }
        if "#>`~<|[".contains(first) { return true }
        if "-*+".contains(first) {
            let after = rest.dropFirst()
            return after.isEmpty || after.first == " " || after.first == "\t"
        }
        if first.isASCII, first.isNumber {
            let afterDigits = rest.drop(while: { $0.isASCII && $0.isNumber })
            if afterDigits.first == "." || afterDigits.first == ")" { return true }
        }
        return false
    }
}
