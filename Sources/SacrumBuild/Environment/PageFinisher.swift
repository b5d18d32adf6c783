import SacrumContent

/// The one place where a rendered page becomes the page that is published for its base URL and
/// environment. Content and templates write root-relative links (`/treatments/`, `/css/style.css`);
/// when the base URL has a path (`https://example.github.io/clinic-site/`) every such link, in every
/// attribute that holds a URL (`href`, `src`, `srcset`, `action`, `poster`, ..., a refresh's `url=`),
/// in `url(...)` and `@import` of stylesheets and `style` attributes, gets the path in front (`/clinic-site/treatments/`). A preview
/// build's pages also get `<meta name="robots" content="noindex">`.
///
/// The checks read the pages as rendered, before this, so links resolve against the site's own paths.
struct PageFinisher: Sendable {
    /// The base URL's path without a trailing slash (`/clinic-site`), or empty.
    let basePath: String
    /// Add a robots `noindex` meta to every page that lacks one.
    let noindex: Bool

    /// Nothing to change.
    static let none = PageFinisher(basePath: "", noindex: false)

    init(basePath: String, noindex: Bool) {
        self.basePath = basePath
        self.noindex = noindex
    }

    /// The finisher for `config`; `prefixesLinks` is false where the site is served at the root of a
    /// local server whatever its base URL (`sacrum serve`).
    init(config: SiteConfig, prefixesLinks: Bool) {
        self.init(basePath: prefixesLinks ? config.basePath : "", noindex: config.isPreview)
    }

    /// Whether every output is left as it is.
    var isIdentity: Bool { basePath.isEmpty && !noindex }

    /// The meta tag a preview page carries.
    static let noindexMeta = #"<meta name="robots" content="noindex">"#

    /// A site path as published: `/treatments/` → `/clinic-site/treatments/`; other URLs unchanged.
    func path(_ path: String) -> String {
        Self.isRootRelative(path.utf8) ? basePath + path : path
    }

    /// A whole page: links prefixed, and in preview the robots meta.
    func page(_ html: String) -> String {
        isIdentity ? html : rewrite(html, addNoindex: noindex)
    }

    /// A piece of HTML that is not a page (an article's body in the feed): links prefixed only.
    func fragment(_ html: String) -> String {
        basePath.isEmpty ? html : rewrite(html, addNoindex: false)
    }

    /// A stylesheet: `url(/fonts/a.woff2)` → `url(/clinic-site/fonts/a.woff2)`, quoted or not, and
    /// `@import "/css/b.css"`.
    func stylesheet(_ bytes: [UInt8]) -> [UInt8] {
        guard !basePath.isEmpty else { return bytes }
        return Self.inserting(Array(basePath.utf8), at: Self.cssInsertions(bytes, in: 0..<bytes.count), into: bytes[...], extra: nil)
    }

    /// Where the base path goes in CSS: after `url(` (and a quote) and after `@import` and a quote, when
    /// a root-relative URL follows.
    private static func cssInsertions(_ bytes: [UInt8], in range: Range<Int>) -> [Int] {
        var insertions: [Int] = []
        var index = range.lowerBound
        let end = range.upperBound
        // Compared in place, ignoring ASCII case: no array is made per byte of the stylesheet.
        func matches(_ word: StaticString, at offset: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard offset + count <= end else { return false }
            return word.withUTF8Buffer { needle in
                needle.indices.allSatisfy { (bytes[offset + $0] | 0x20) == (needle[$0] | 0x20) }
            }
        }
        while index < end {
            let length = matches("url(", at: index) ? 4 : matches("@import", at: index) ? 7 : 0
            guard length > 0 else {
                index += 1
                continue
            }
            var start = index + length
            while start < end, isSpace(bytes[start]) { start += 1 }
            let quoted = start < end && (bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'"))
            if quoted { start += 1 }
            // `@import url(...)` is found as `url(` next; a bare `@import /x.css` is not CSS.
            if (length == 4 || quoted), isRootRelative(bytes[start..<end]) { insertions.append(start) }
            index = start
        }
        return insertions
    }

    /// A published asset: stylesheets get their `url(...)`s prefixed; other files stay as they are.
    func finished(_ file: OutputFile) -> OutputFile {
        guard !basePath.isEmpty, file.path.hasSuffix(".css"), case .bytes(let bytes) = file.contents else { return file }
        return OutputFile(path: file.path, contents: .bytes(stylesheet(bytes)))
    }

    // MARK: - HTML

    /// Attributes whose value is one URL.
    private static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "poster", "data", "cite", "background", "xlink:href", "manifest", "ping",
    ]
    /// Attributes whose value is a list of image candidates (`/a-480.webp 480w, /a-960.webp 960w`).
    private static let srcsetAttributes: Set<String> = ["srcset", "imagesrcset"]
    /// Elements whose text is not HTML: skipped to their end tag.
    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    private struct Attribute {
        var name: String
        var value: Range<Int>?
    }

    private func rewrite(_ html: String, addNoindex: Bool) -> String {
        let bytes = Array(html.utf8)
        let count = bytes.count
        var insertions: [Int] = []
        var hasNoindex = false
        var doctypeEnd: Int?
        var htmlEnd: Int?
        var headEnd: Int?
        var charsetEnd: Int?
        let prefixes = !basePath.isEmpty
        var index = 0
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                if index + 3 < count, bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
                    index = Self.find([UInt8]("-->".utf8), in: bytes, from: index + 4).map { $0 + 3 } ?? count
                } else {
                    let end = Self.find([UInt8(ascii: ">")], in: bytes, from: index).map { $0 + 1 } ?? count
                    if doctypeEnd == nil, htmlEnd == nil { doctypeEnd = end }
                    index = end
                }
                continue
            }
            if next == UInt8(ascii: "/") || next == UInt8(ascii: "?") {
                index = Self.find([UInt8(ascii: ">")], in: bytes, from: index).map { $0 + 1 } ?? count
                continue
            }
            guard Self.isASCIILetter(next) else {
                index += 1
                continue
            }
            // A start tag: its name, then its attributes.
            var cursor = index + 1
            while cursor < count, !Self.isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "/") {
                cursor += 1
            }
            let name = Self.lowercased(bytes[(index + 1)..<cursor])
            var attributes: [Attribute] = []
            while cursor < count, bytes[cursor] != UInt8(ascii: ">") {
                if Self.isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") {
                    cursor += 1
                    continue
                }
                let nameStart = cursor
                while cursor < count, !Self.isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="),
                    bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "/") || cursor == nameStart
                {
                    cursor += 1
                }
                var attribute = Attribute(name: Self.lowercased(bytes[nameStart..<cursor]), value: nil)
                var look = cursor
                while look < count, Self.isSpace(bytes[look]) { look += 1 }
                if look < count, bytes[look] == UInt8(ascii: "=") {
                    look += 1
                    while look < count, Self.isSpace(bytes[look]) { look += 1 }
                    if look < count, bytes[look] == UInt8(ascii: "\"") || bytes[look] == UInt8(ascii: "'") {
                        let quote = bytes[look]
                        let end = Self.find([quote], in: bytes, from: look + 1) ?? count
                        attribute.value = (look + 1)..<end
                        cursor = min(end + 1, count)
                    } else {
                        var end = look
                        while end < count, !Self.isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">") { end += 1 }
                        attribute.value = look..<end
                        cursor = end
                    }
                }
                attributes.append(attribute)
            }
            let tagEnd = min(cursor + 1, count)
            if prefixes {
                insertions += linkInsertions(tag: name, attributes: attributes, bytes: bytes)
            }
            switch name {
            case "html": if htmlEnd == nil { htmlEnd = tagEnd }
            case "head": if headEnd == nil { headEnd = tagEnd }
            case "meta":
                if charsetEnd == nil, headEnd != nil, attributes.contains(where: { $0.name == "charset" }) { charsetEnd = tagEnd }
                if let robots = attributes.first(where: { $0.name == "name" })?.value,
                    Self.lowercased(bytes[robots]) == "robots",
                    let content = attributes.first(where: { $0.name == "content" })?.value,
                    Self.lowercased(bytes[content]).contains("noindex")
                {
                    hasNoindex = true
                }
            default: break
            }
            index = tagEnd
            if Self.rawTextElements.contains(name) {
                index = Self.findEndTag(name, in: bytes, from: index) ?? count
            }
        }
        var meta: (offset: Int, bytes: [UInt8])?
        if addNoindex, !hasNoindex {
            if let after = charsetEnd ?? headEnd ?? htmlEnd ?? doctypeEnd {
                meta = (after, Array(("\n" + Self.noindexMeta).utf8))
            } else {
                meta = (0, Array((Self.noindexMeta + "\n").utf8))
            }
        }
        if insertions.isEmpty && meta == nil { return html }
        let result = Self.inserting(Array(basePath.utf8), at: insertions, into: bytes[...], extra: meta)
        return String(decoding: result, as: UTF8.self)
    }

    /// Where the base path goes in one tag's URL attributes.
    private func linkInsertions(tag: String, attributes: [Attribute], bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        for attribute in attributes {
            guard let value = attribute.value else { continue }
            if Self.urlAttributes.contains(attribute.name) {
                if Self.isRootRelative(bytes[Self.trimmingSpace(value, in: bytes)]) {
                    offsets.append(Self.trimmingSpace(value, in: bytes).lowerBound)
                }
            } else if Self.srcsetAttributes.contains(attribute.name) {
                // Candidates: a URL (no spaces), descriptors, a comma.
                var cursor = value.lowerBound
                while cursor < value.upperBound {
                    while cursor < value.upperBound, Self.isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: ",") { cursor += 1 }
                    guard cursor < value.upperBound else { break }
                    if Self.isRootRelative(bytes[cursor..<value.upperBound]) { offsets.append(cursor) }
                    while cursor < value.upperBound, !Self.isSpace(bytes[cursor]) { cursor += 1 }
                    while cursor < value.upperBound, bytes[cursor] != UInt8(ascii: ",") { cursor += 1 }
                }
            } else if attribute.name == "style" {
                offsets += Self.cssInsertions(bytes, in: value)
            } else if attribute.name == "content", tag == "meta",
                let equiv = attributes.first(where: { $0.name == "http-equiv" })?.value,
                Self.lowercased(bytes[equiv]) == "refresh"
            {
                // `0; url=/treatments/`
                let needle = Array("url=".utf8)
                var start = value.lowerBound
                while start + needle.count <= value.upperBound,
                    !zip(bytes[start..<(start + needle.count)], needle).allSatisfy({ ($0 | 0x20) == $1 })
                {
                    start += 1
                }
                guard start + needle.count <= value.upperBound else { continue }
                start += needle.count
                if start < value.upperBound, bytes[start] == UInt8(ascii: "'") || bytes[start] == UInt8(ascii: "\"") { start += 1 }
                if Self.isRootRelative(bytes[start..<value.upperBound]) { offsets.append(start) }
            }
        }
        return offsets
    }

    // MARK: - Bytes

    /// `/x` but not `//host/x`.
    static func isRootRelative<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var iterator = bytes.makeIterator()
        guard iterator.next() == UInt8(ascii: "/") else { return false }
        let second = iterator.next()
        return second != UInt8(ascii: "/") && second != UInt8(ascii: "\\")
    }

    /// `bytes` with `insert` at each offset (ascending) and `extra` at its offset.
    private static func inserting(
        _ insert: [UInt8], at offsets: [Int], into bytes: ArraySlice<UInt8>, extra: (offset: Int, bytes: [UInt8])?
    ) -> [UInt8] {
        var all = offsets.map { ($0, insert) }
        if let extra { all.append((extra.offset, extra.bytes)) }
        all.sort { $0.0 < $1.0 }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + all.reduce(0) { $0 + $1.1.count })
        var copied = bytes.startIndex
        for (offset, text) in all {
            result += bytes[copied..<offset]
            result += text
            copied = offset
        }
        result += bytes[copied...]
        return result
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start < bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The offset of `</name` (any case) at or after `start`.
    private static func findEndTag(_ name: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(name.utf8)
        var index = start
        while let open = find([UInt8(ascii: "<"), UInt8(ascii: "/")], in: bytes, from: index) {
            let nameStart = open + 2
            if nameStart + needle.count <= bytes.count,
                zip(bytes[nameStart..<(nameStart + needle.count)], needle).allSatisfy({ ($0 | 0x20) == $1 })
            {
                return open
            }
            index = open + 2
        }
        return nil
    }

    private static func trimmingSpace(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var lower = range.lowerBound
        while lower < range.upperBound, isSpace(bytes[lower]) { lower += 1 }
        return lower..<range.upperBound
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
