import SacrumContent

#if canImport(Glibc)
    internal import Glibc
#endif

/// A small scanner over HTML that Sacrum itself produced: it reports the start and end tags the checks
/// read (links, images, scripts, embeds, forms, tables) with the attributes they read (names
/// lowercased, values with the basic entities decoded), any tag with a `style` attribute, and skips
/// comments and the contents of `<script>` and `<style>`, and collects the values of every `id`
/// attribute (what links to `#fragments` of the page may name). It does not build a tree, and it makes
/// no string for the tags and attributes no check reads: a site's pages are scanned once each, right
/// after they are rendered.
struct HTMLScanner {
    /// Elements the checks look at.
    static let elements = [
        "a", "link", "area", "img", "script", "source", "iframe", "frame", "video", "audio", "track", "embed", "object",
        "input", "form", "image", "use", "table", "th",
    ]
    /// Attributes the checks read (on those elements; `style` and `id` on any).
    static let attributes = ["href", "src", "srcset", "rel", "data", "poster", "action", "style"]

    /// The element of `elements` whose packed name (`pack`) is `packed`: a switch over constants, since
    /// a dictionary lookup for every tag of every page cost more than the rest of the scan.
    static func elementName(_ packed: UInt64) -> String? {
        switch packed {
        case 0x61: "a"
        case 0x6c69_6e6b: "link"
        case 0x6172_6561: "area"
        case 0x69_6d67: "img"
        case 0x7363_7269_7074: "script"
        case 0x736f_7572_6365: "source"
        case 0x6966_7261_6d65: "iframe"
        case 0x66_7261_6d65: "frame"
        case 0x76_6964_656f: "video"
        case 0x61_7564_696f: "audio"
        case 0x74_7261_636b: "track"
        case 0x65_6d62_6564: "embed"
        case 0x6f62_6a65_6374: "object"
        case 0x69_6e70_7574: "input"
        case 0x666f_726d: "form"
        case 0x69_6d61_6765: "image"
        case 0x75_7365: "use"
        case 0x74_6162_6c65: "table"
        case 0x7468: "th"
        default: nil
        }
    }

    /// The attribute of `attributes` whose packed name is `packed`.
    static func attributeName(_ packed: UInt64) -> String? {
        switch packed {
        case 0x6872_6566: "href"
        case 0x73_7263: "src"
        case 0x7372_6373_6574: "srcset"
        case 0x72_656c: "rel"
        case 0x6461_7461: "data"
        case 0x706f_7374_6572: "poster"
        case 0x6163_7469_6f6e: "action"
        case 0x73_7479_6c65: "style"
        default: nil
        }
    }

    /// Up to eight lowercase ASCII bytes as one number, for comparing names without making strings.
    static func pack(_ name: String) -> UInt64 {
        var value: UInt64 = 0
        for byte in name.utf8.prefix(8) { value = value << 8 | UInt64(byte) }
        return value
    }

    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
        /// 1-based line of the tag in the document.
        var line: Int

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// What one pass over a page finds: the tags the checks read, and the page's `id` values.
    struct Scan {
        var tags: [Tag]
        var ids: Set<String>
    }

    /// Every start tag of `html`, in order; `body` also sees the text between tags when `text` is set.
    static func tags(in html: String, text: ((String) -> Void)? = nil) -> [Tag] {
        scan(html, text: text).tags
    }

    /// The tags of `html` (as `tags(in:)`) and the values of its `id` attributes, in one pass.
    static func scan(_ html: String, text: ((String) -> Void)? = nil) -> Scan {
        var tags: [Tag] = []
        var ids: Set<String> = []
        var html = html
        html.withUTF8 { bytes in
            var index = 0
            var line = 1
            var textStart = 0
            let count = bytes.count
            func flushText(until end: Int) {
                guard let text, end > textStart else { return }
                text(String(decoding: UnsafeBufferPointer(rebasing: bytes[textStart..<end]), as: UTF8.self))
            }
            while index < count {
                // Text up to the next `<`, found with memchr; only its line breaks matter.
                guard let base = bytes.baseAddress,
                    let found = memchr(base + index, Int32(UInt8(ascii: "<")), count - index)
                else {
                    line += newlines(in: bytes, from: index, to: count)
                    break
                }
                let open = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                line += newlines(in: bytes, from: index, to: open)
                index = open
                guard index + 1 < count else { break }
                let next = bytes[index + 1]
                if next == UInt8(ascii: "!") {
                    // Comment or doctype: skip to the matching end.
                    flushText(until: index)
                    let isComment = index + 3 < count && bytes[index + 2] == UInt8(ascii: "-") && bytes[index + 3] == UInt8(ascii: "-")
                    index += 2
                    while index < count {
                        if bytes[index] == 0x0A { line += 1 }
                        if isComment {
                            if bytes[index] == UInt8(ascii: ">"), index >= 2, bytes[index - 1] == UInt8(ascii: "-"),
                                bytes[index - 2] == UInt8(ascii: "-")
                            { break }
                        } else if bytes[index] == UInt8(ascii: ">") {
                            break
                        }
                        index += 1
                    }
                    index += 1
                    textStart = index
                    continue
                }
                guard isLetter(next) || next == UInt8(ascii: "/") else {
                    index += 1
                    continue
                }
                flushText(until: index)
                let tagLine = line
                let isEnd = next == UInt8(ascii: "/")
                var cursor = index + (isEnd ? 2 : 1)
                let nameStart = cursor
                while cursor < count, isNameByte(bytes[cursor]) { cursor += 1 }
                let nameEnd = cursor
                let packedName = cursor - nameStart <= 8 ? packLowercased(bytes, nameStart, cursor) : 0
                let knownName = elementName(packedName)
                let interesting = knownName != nil
                var attributes: [(name: String, value: String)] = []
                while cursor < count, bytes[cursor] != UInt8(ascii: ">") {
                    if bytes[cursor] == 0x0A { line += 1 }
                    if isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") {
                        cursor += 1
                        continue
                    }
                    let attributeStart = cursor
                    while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="),
                        bytes[cursor] != UInt8(ascii: ">")
                    { cursor += 1 }
                    let attributeEnd = cursor
                    let packedAttribute = attributeEnd - attributeStart <= 8 ? packLowercased(bytes, attributeStart, attributeEnd) : 0
                    let knownAttribute = attributeName(packedAttribute)
                    let isID = packedAttribute == idName
                    let wanted = (interesting && knownAttribute != nil) || packedAttribute == styleName || isID
                    var value = ""
                    if cursor < count, bytes[cursor] == UInt8(ascii: "=") {
                        cursor += 1
                        if cursor < count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                            let quote = bytes[cursor]
                            cursor += 1
                            let valueStart = cursor
                            while cursor < count, bytes[cursor] != quote {
                                if bytes[cursor] == 0x0A { line += 1 }
                                cursor += 1
                            }
                            if wanted {
                                value = decodeEntities(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<cursor]), as: UTF8.self))
                            }
                            cursor += 1
                        } else {
                            let valueStart = cursor
                            while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                            if wanted {
                                value = decodeEntities(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<cursor]), as: UTF8.self))
                            }
                        }
                    }
                    if isID {
                        if !isEnd { ids.insert(value) }
                    } else if wanted {
                        attributes.append((knownAttribute ?? lowercased(bytes, attributeStart, attributeEnd), value))
                    }
                }
                index = cursor + 1
                textStart = index
                if !isEnd {
                    if interesting || !attributes.isEmpty {
                        tags.append(Tag(name: knownName ?? lowercased(bytes, nameStart, nameEnd), attributes: attributes, line: tagLine))
                    }
                    if packedName == scriptName || packedName == styleName {
                        let name = packedName == scriptName ? "script" : "style"
                        // Raw text: skip to the end tag.
                        let close = Array("</\(name)".utf8)
                        while index + close.count <= count {
                            if bytes[index] == 0x0A { line += 1 }
                            if bytes[index] == UInt8(ascii: "<"), matches(bytes, at: index, close) { break }
                            index += 1
                        }
                        textStart = index
                    }
                } else if interesting {
                    tags.append(Tag(name: "/" + (knownName ?? lowercased(bytes, nameStart, nameEnd)), attributes: [], line: tagLine))
                }
            }
            flushText(until: count)
        }
        return Scan(tags: tags, ids: ids)
    }

    /// The number of line feeds in `bytes[start..<end]`, found with memchr.
    private static func newlines(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var offset = start
        while offset < end, let found = memchr(base + offset, 0x0A, end - offset) {
            count += 1
            offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }

    // pack("id"), pack("script"), pack("style"), as literals (a computed static would be initialised
    // lazily, checked on every use).
    private static let idName: UInt64 = 0x6964
    private static let scriptName: UInt64 = 0x7363_7269_7074
    private static let styleName: UInt64 = 0x73_7479_6c65

    private static func packLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in start..<end {
            let byte = bytes[index]
            value = value << 8 | UInt64((byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte)
        }
        return value
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end].map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ pattern: [UInt8]) -> Bool {
        for (offset, expected) in pattern.enumerated() {
            var byte = bytes[index + offset]
            if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            if byte != expected { return false }
        }
        return true
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;` and numeric references.
    static func decodeEntities(_ text: String) -> String {
        guard text.containsUTF8Byte(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest.dropFirst()
                continue
            }
            let entity = rest[rest.index(after: rest.startIndex)..<semicolon]
            var decoded: String?
            switch entity {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16),
                    let scalar = Unicode.Scalar(value)
                {
                    decoded = String(scalar)
                } else if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
                    decoded = String(scalar)
                }
            }
            if let decoded {
                result += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest.dropFirst()
            }
        }
        return result + rest
    }
}
