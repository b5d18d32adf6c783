/// Finds the shortcode tags of a page's Markdown (`{{< name key="value" >}}`, `{{< /name >}}`) outside
/// code, and the template tags (`{{ … }}`) written where no template runs. One pass; a malformed tag
/// is a problem and scanning goes on after it.
struct ShortcodeTagScanner {
    /// One tag as written.
    struct Tag {
        /// A call or the end of a pair.
        var isClosing: Bool
        var name: String
        /// Where the name starts.
        var nameOffset: Int
        var arguments: [Argument]
        /// The whole tag, `{{<` to `>}}`.
        var range: Range<Int>
    }

    /// `key="value"` as written.
    struct Argument {
        var name: String
        var value: String
        var offset: Int
        var valueOffset: Int
    }

    /// A problem at a byte offset.
    struct Problem {
        var offset: Int
        var id: String
        var message: String
        var hint: String?
    }

    let bytes: [UInt8]
    /// Shortcode names, for the hint of a template tag.
    let names: [String]
    private(set) var tags: [Tag] = []
    private(set) var problems: [Problem] = []
    /// Memo for `tagEnd(from:)`: the last answer and the offset it was searched from.
    private var endMemo: (from: Int, end: Int?, limit: Int)?

    init(bytes: [UInt8], names: [String]) {
        self.bytes = bytes
        self.names = names
    }

    private static let open = UInt8(ascii: "{")
    private static let close = UInt8(ascii: "}")

    mutating func scan(skipping code: [Range<Int>]) {
        var codeIndex = 0
        var index = 0
        while index + 1 < bytes.count {
            while codeIndex < code.count && code[codeIndex].upperBound <= index { codeIndex += 1 }
            if codeIndex < code.count && code[codeIndex].contains(index) {
                index = code[codeIndex].upperBound
                continue
            }
            guard bytes[index] == Self.open, bytes[index + 1] == Self.open else {
                index += 1
                continue
            }
            if index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "<") {
                index = shortcodeTag(at: index)
            } else {
                index = templateTag(at: index)
            }
        }
    }

    // MARK: - Shortcode tags

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func isTagEnd(_ index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == UInt8(ascii: ">") && bytes[index + 1] == Self.close && bytes[index + 2] == Self.close
    }

    /// Whether a blank line starts at the line break at `index`.
    private func isBlankLine(at index: Int) -> Bool {
        guard bytes[index] == 0x0A else { return false }
        var cursor = index + 1
        while cursor < bytes.count && (bytes[cursor] == 0x20 || bytes[cursor] == 0x09 || bytes[cursor] == 0x0D) { cursor += 1 }
        return cursor >= bytes.count || bytes[cursor] == 0x0A
    }

    /// The offset just after the next `>}}` at or after `from`, before a blank line; `nil` if none.
    private mutating func tagEnd(from: Int) -> Int? {
        if let memo = endMemo, memo.from <= from {
            if let end = memo.end, end - 3 >= from { return end }
            if memo.end == nil && from < memo.limit { return nil }
        }
        var cursor = from
        while cursor < bytes.count {
            if isTagEnd(cursor) {
                endMemo = (from, cursor + 3, cursor)
                return cursor + 3
            }
            if bytes[cursor] == 0x0A && isBlankLine(at: cursor) { break }
            cursor += 1
        }
        endMemo = (from, nil, cursor)
        return nil
    }

    /// Skips spaces and line breaks; `nil` at a blank line or the end.
    private func skipSpaces(_ from: Int) -> Int? {
        var cursor = from
        while cursor < bytes.count && isSpace(bytes[cursor]) {
            if bytes[cursor] == 0x0A && isBlankLine(at: cursor) { return nil }
            cursor += 1
        }
        return cursor < bytes.count ? cursor : nil
    }

    private func readName(_ from: Int) -> (String, Int) {
        var cursor = from
        while cursor < bytes.count && ShortcodeDeclaration.isNameByte(bytes[cursor]) { cursor += 1 }
        return (String(decoding: bytes[from..<cursor], as: UTF8.self), cursor)
    }

    private func character(at index: Int) -> String {
        guard index < bytes.count else { return "" }
        var end = index + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    private static let unterminatedHint = "end the tag with '>}}', like {{< phone >}}; to show a tag as text, put it in backticks"

    /// Reads the tag at `start` (`{{<`); returns where scanning goes on.
    private mutating func shortcodeTag(at start: Int) -> Int {
        // Where to go on after a problem: past the tag's end if it has one, else past what was read.
        func recover(_ reached: Int) -> Int {
            if let end = tagEnd(from: reached) { return end }
            return max(reached, start + 3)
        }
        func unterminated() -> Int {
            problems.append(
                Problem(offset: start, id: "shortcode.malformed", message: "this shortcode tag is never closed with '>}}'",
                        hint: Self.unterminatedHint))
            return max(start + 3, endMemo?.limit ?? start + 3)
        }
        guard var cursor = skipSpaces(start + 3) else { _ = tagEnd(from: start + 3); return unterminated() }
        var isClosing = false
        if bytes[cursor] == UInt8(ascii: "/") {
            isClosing = true
            guard let next = skipSpaces(cursor + 1) else { _ = tagEnd(from: cursor); return unterminated() }
            cursor = next
        }
        let nameOffset = cursor
        let (name, afterName) = readName(cursor)
        if name.isEmpty {
            if tagEnd(from: cursor) == nil { return unterminated() }
            problems.append(
                Problem(offset: cursor, id: "shortcode.malformed",
                        message: isTagEnd(cursor) ? "this shortcode tag has no name" : "a shortcode's name cannot start with '\(character(at: cursor))'",
                        hint: "write the name right after '{{<', like {{< hours >}}"))
            return recover(cursor)
        }
        cursor = afterName
        var arguments: [Argument] = []
        while true {
            guard let next = skipSpaces(cursor) else { _ = tagEnd(from: cursor); return unterminated() }
            cursor = next
            if isTagEnd(cursor) { break }
            if bytes[cursor] == UInt8(ascii: "/") && isTagEnd(cursor + 1) {
                problems.append(
                    Problem(offset: cursor, id: "shortcode.malformed", message: "'/>}}' does not close a shortcode",
                            hint: "write {{< \(name) >}} alone, or close a pair with {{< /\(name) >}}"))
                return cursor + 4
            }
            let argumentOffset = cursor
            let (key, afterKey) = readName(cursor)
            if key.isEmpty {
                if tagEnd(from: cursor) == nil { return unterminated() }
                let isQuote = bytes[cursor] == UInt8(ascii: "\"")
                problems.append(
                    Problem(offset: cursor, id: isQuote ? "shortcode.argument-unnamed" : "shortcode.malformed",
                            message: isQuote ? "this argument has no name" : "'\(character(at: cursor))' cannot start an argument",
                            hint: "write each argument as name=\"value\", like {{< figure src=\"x-ray.png\" alt=\"…\" >}}"))
                return recover(cursor)
            }
            cursor = afterKey
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else {
                if tagEnd(from: cursor) == nil { return unterminated() }
                problems.append(
                    Problem(offset: argumentOffset, id: "shortcode.argument-unnamed",
                            message: "'\(key)' is not written as name=\"value\"",
                            hint: "give each argument a name and a quoted value, like alt=\"\(key)\""))
                return recover(cursor)
            }
            cursor += 1
            let valueOffset = cursor
            var value: [UInt8] = []
            if cursor < bytes.count && bytes[cursor] == UInt8(ascii: "\"") {
                cursor += 1
                var closed = false
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == UInt8(ascii: "\"") {
                        closed = true
                        cursor += 1
                        break
                    }
                    if byte == UInt8(ascii: "\\"), cursor + 1 < bytes.count,
                        bytes[cursor + 1] == UInt8(ascii: "\"") || bytes[cursor + 1] == UInt8(ascii: "\\")
                    {
                        value.append(bytes[cursor + 1])
                        cursor += 2
                        continue
                    }
                    if byte == 0x0A && isBlankLine(at: cursor) { break }
                    value.append(byte)
                    cursor += 1
                }
                guard closed else {
                    problems.append(
                        Problem(offset: valueOffset, id: "shortcode.malformed", message: "the quote of '\(key)' is never closed",
                                hint: "end the value with '\"'; write \\\" for a quote inside it"))
                    return max(cursor, start + 3)
                }
            } else if cursor + 2 < bytes.count && bytes[cursor] == 0xE2 && bytes[cursor + 1] == 0x80
                && (bytes[cursor + 2] == 0x9C || bytes[cursor + 2] == 0x9D)
            {
                problems.append(
                    Problem(offset: valueOffset, id: "shortcode.malformed", message: "the value of '\(key)' starts with a curly quote",
                            hint: "write straight quotes: \(key)=\"…\" (a word processor may have turned them curly)"))
                return recover(cursor)
            } else {
                while cursor < bytes.count && !isSpace(bytes[cursor]) && !isTagEnd(cursor) { cursor += 1 }
                value = Array(bytes[valueOffset..<cursor])
                if value.isEmpty {
                    problems.append(
                        Problem(offset: valueOffset, id: "shortcode.malformed", message: "'\(key)=' has no value",
                                hint: "write \(key)=\"value\", or leave the argument out"))
                    return recover(cursor)
                }
            }
            if cursor < bytes.count && !isSpace(bytes[cursor]) && !isTagEnd(cursor) {
                problems.append(
                    Problem(offset: cursor, id: "shortcode.malformed", message: "'\(character(at: cursor))' follows the value of '\(key)' without a space",
                            hint: "put a space between arguments, and quote values that contain spaces or quotes"))
                return recover(cursor)
            }
            if arguments.contains(where: { $0.name == key }) {
                problems.append(
                    Problem(offset: argumentOffset, id: "shortcode.argument-duplicate", message: "'\(key)' is given twice",
                            hint: "give each argument once"))
            } else {
                arguments.append(
                    Argument(name: key, value: String(decoding: value, as: UTF8.self), offset: argumentOffset, valueOffset: valueOffset))
            }
        }
        let end = cursor + 3
        if isClosing && !arguments.isEmpty {
            problems.append(
                Problem(offset: arguments[0].offset, id: "shortcode.malformed", message: "a closing tag takes no arguments",
                        hint: "write {{< /\(name) >}}, and the arguments in the opening tag"))
        }
        tags.append(Tag(isClosing: isClosing, name: name, nameOffset: nameOffset, arguments: isClosing ? [] : arguments, range: start..<end))
        return end
    }

    // MARK: - Template tags

    /// A `{{ … }}` on one line is a template tag in a page: published as written, which is never meant.
    private mutating func templateTag(at start: Int) -> Int {
        var cursor = start + 2
        while cursor + 1 < bytes.count && bytes[cursor] != 0x0A {
            if bytes[cursor] == Self.close && bytes[cursor + 1] == Self.close { break }
            cursor += 1
        }
        guard cursor + 1 < bytes.count, bytes[cursor] == Self.close, bytes[cursor + 1] == Self.close else { return start + 2 }
        var end = cursor + 2
        if end < bytes.count && bytes[end] == Self.close { end += 1 }
        let written = String(decoding: bytes[start..<end], as: UTF8.self)
        var inner = String(decoding: bytes[(start + 2)..<cursor], as: UTF8.self)
        while let first = inner.first, "{&#^/!>%".contains(first) || first == " " { inner.removeFirst() }
        while let last = inner.last, last == " " || last == "%" || last == "}" { inner.removeLast() }
        guard !inner.isEmpty else { return end }
        let suggestion = Self.shortcode(for: inner, among: names)
        let isHugoMarkdownForm = start + 2 < bytes.count && bytes[start + 2] == UInt8(ascii: "%")
        problems.append(
            Problem(
                offset: start, id: "shortcode.template-tag",
                message: isHugoMarkdownForm
                    ? "'\(written)' is not a shortcode tag: Sacrum's shortcodes are written {{< name >}}"
                    : "'\(written)' is a template tag, but no template runs in a page: it would be published as written",
                hint: suggestion.map { "write {{< \($0) >}} to show it from site.yaml; to show the tag itself, put it in backticks" }
                    ?? "use a shortcode (\(names.sorted().prefix(5).map { "{{< \($0) >}}" }.joined(separator: ", "))), or put the tag in backticks to show it as code"))
        return end
    }

    /// The shortcode that shows what a template tag names: `site.practice.phone` → `phone`.
    static func shortcode(for tag: String, among names: [String]) -> String? {
        let words = tag.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard let last = words.last.map(String.init) else { return nil }
        if names.contains(last) { return last }
        for (word, name) in [("phone", "phone"), ("hour", "hours"), ("address", "address"), ("appointment", "appointment")]
        where words.contains(where: { $0.contains(word) }) && names.contains(name) {
            return name
        }
        return Suggestion.closest(to: last, in: names)
    }
}
