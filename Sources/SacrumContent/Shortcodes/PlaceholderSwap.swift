import SacrumMarkdown

/// One call's HTML, with what the swap needs to know about it.
struct ShortcodeOutput {
    var html: String
    /// The block element it starts with (`<figure>`), if it is a block.
    var blockTag: String?
    /// Its text without tags, for plain text, summaries, link text and attributes.
    var plainText: String

    /// `html` without the line breaks around it (a template file ends with one, which in a sentence
    /// would put a space before the next word or full stop).
    init(html: String) {
        var trimmed = Substring(html)
        while let last = trimmed.last, last == "\n" || last == "\r\n" { trimmed.removeLast() }
        while let first = trimmed.first, first == "\n" || first == "\r\n" { trimmed.removeFirst() }
        self.html = String(trimmed)
        blockTag = Self.blockTag(of: self.html)
        plainText = Self.plainText(of: self.html)
    }

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "nav", "ol", "p", "pre", "section", "table", "ul",
    ]

    static func blockTag(of html: String) -> String? {
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return nil }
        var end = index + 1
        while end < bytes.count && (bytes[end] >= 0x61 && bytes[end] <= 0x7A || bytes[end] >= 0x30 && bytes[end] <= 0x39) { end += 1 }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        return blockElements.contains(name) ? "<\(name)>" : nil
    }

    static func plainText(of html: String) -> String {
        var text = ""
        var inTag = false
        var pendingSpace = false
        for character in html {
            if character == "<" {
                inTag = true
                continue
            }
            if character == ">" && inTag {
                inTag = false
                pendingSpace = true
                continue
            }
            if inTag { continue }
            if character.isWhitespace {
                pendingSpace = true
                continue
            }
            if pendingSpace && !text.isEmpty { text.append(" ") }
            pendingSpace = false
            text.append(character)
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")] {
            text = text.replacing(entity, with: character)
        }
        return text
    }
}

/// Swaps placeholders for their calls' output: HTML in the document, escaped text inside tags (an
/// `alt` or `title`), a slug inside `id`, plain text in plain text.
struct PlaceholderSwap {
    let prefix: [UInt8]
    let outputs: [ShortcodeOutput]
    /// Calls whose block was put inside a paragraph.
    private(set) var blocksInParagraphs: [Int] = []
    /// Calls whose link was put inside a link (`[call {{< phone >}}](tel:…)`).
    private(set) var linksInLinks: [Int] = []

    init(prefix: [UInt8], outputs: [ShortcodeOutput]) {
        self.prefix = prefix
        self.outputs = outputs
    }

    /// The placeholder at `index` of `bytes`: its call and where it ends.
    private func placeholder(in bytes: [UInt8], at index: Int) -> (call: Int, end: Int)? {
        guard index + prefix.count < bytes.count, bytes[index] == prefix[0],
            bytes[index..<(index + prefix.count)].elementsEqual(prefix)
        else { return nil }
        var cursor = index + prefix.count
        var number = 0
        let digitsStart = cursor
        while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39, cursor - digitsStart < 9 {
            number = number * 10 + Int(bytes[cursor] - 0x30)
            cursor += 1
        }
        guard cursor > digitsStart, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "z"), number < outputs.count else { return nil }
        return (number, cursor + 1)
    }

    mutating func html(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inTag = false
        var tagStart = 0
        var paragraphDepth = 0
        var linkDepth = 0
        var index = 0
        let paragraphOpen = Array("<p>".utf8)
        let paragraphClose = Array("</p>".utf8)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") && !inTag {
                inTag = true
                tagStart = out.count
                if bytes[index...].starts(with: paragraphOpen) || bytes[index...].starts(with: Array("<p ".utf8))
                    || Self.isHeadingTag(bytes, at: index + 1)
                {
                    paragraphDepth += 1
                } else if bytes[index...].starts(with: paragraphClose)
                    || (index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") && Self.isHeadingTag(bytes, at: index + 2))
                {
                    paragraphDepth = max(0, paragraphDepth - 1)
                } else if bytes[index...].starts(with: Self.linkOpen) {
                    linkDepth += 1
                } else if bytes[index...].starts(with: Self.linkClose) {
                    linkDepth = max(0, linkDepth - 1)
                }
            } else if byte == UInt8(ascii: ">") && inTag {
                inTag = false
            }
            guard byte == prefix[0], let (call, end) = placeholder(in: bytes, at: index) else {
                out.append(byte)
                index += 1
                continue
            }
            let output = outputs[call]
            if inTag {
                // Inside a tag: an attribute's value. An `id` gets a slug, any other escaped text.
                let current = Array(out[tagStart...])
                var isID = false
                if let quote = current.lastRange(of: Array("=\"".utf8)) {
                    isID = current[..<quote.lowerBound].suffix(3).elementsEqual(Array(" id".utf8))
                }
                out += Array((isID ? HeadingSlug.make(from: output.plainText) : HTMLText.escaped(output.plainText)).utf8)
                index = end
                continue
            }
            if output.blockTag != nil, out.count >= 3, out.suffix(3).elementsEqual(paragraphOpen), bytes[end...].starts(with: paragraphClose) {
                // A block alone in its paragraph replaces the paragraph.
                out.removeLast(3)
                var html = Array(output.html.utf8)
                while html.last == 0x0A { html.removeLast() }
                out += html
                index = end + paragraphClose.count
                paragraphDepth = max(0, paragraphDepth - 1)
                continue
            }
            if output.blockTag != nil && paragraphDepth > 0 { blocksInParagraphs.append(call) }
            if linkDepth > 0 && ByteSearch.contains(Self.linkOpen, in: Array(output.html.utf8)) { linksInLinks.append(call) }
            out += Array(output.html.utf8)
            index = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `h1`…`h6` followed by `>` or a space starts at `index`: text inside a heading is a line
    /// of text, like a paragraph's.
    static func isHeadingTag(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == UInt8(ascii: "h") && bytes[index + 1] >= UInt8(ascii: "1")
            && bytes[index + 1] <= UInt8(ascii: "6") && (bytes[index + 2] == UInt8(ascii: ">") || bytes[index + 2] == 0x20)
    }

    static let linkOpen = Array("<a ".utf8)
    static let linkClose = Array("</a>".utf8)

    /// `text` with each placeholder replaced by its call's plain text.
    func text(_ text: String) -> String {
        replacing(text) { $0.plainText }
    }

    /// An id with each placeholder replaced by a slug of its call's text.
    func id(_ id: String) -> String {
        replacing(id) { HeadingSlug.make(from: $0.plainText) }
    }

    private func replacing(_ text: String, with replacement: (ShortcodeOutput) -> String) -> String {
        guard !prefix.isEmpty, text.utf8.contains(prefix[0]) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if let (call, end) = placeholder(in: bytes, at: index) {
                out += Array(replacement(outputs[call]).utf8)
                index = end
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// The last occurrence of `needle`.
    func lastRange(of needle: [UInt8]) -> Range<Int>? {
        guard needle.count <= count else { return nil }
        var start = count - needle.count
        while start >= 0 {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
            start -= 1
        }
        return nil
    }
}
