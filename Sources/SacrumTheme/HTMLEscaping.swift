internal import Mustache

/// HTML escaping for `{{value}}`, byte for byte the same as swift-mustache's own (`&`, `<`, `>`, `"`,
/// `'`), but over UTF-8 bytes, and returning text without special characters as it is: the library's
/// escaper walks every `Character` and builds a new string, which was a tenth of the render time.
///
/// Templates opt in with the `{{%CONTENT_TYPE: SACRUM_HTML}}` pragma, which `ThemeLoader` puts in front
/// of every template it loads.
struct HTMLEscaping: MustacheContentType {
    /// The name the pragma uses.
    static let name = "SACRUM_HTML"
    /// The pragma, as prepended to templates: on a line of its own, which Mustache removes from the output
    /// (a standalone tag), so that it changes nothing else; errors subtract the line again.
    static let pragma = "{{%CONTENT_TYPE: \(name)}}\n"

    /// Registers the content type with swift-mustache (idempotent).
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 32)
        for byte in text.utf8 {
            switch byte {
            case 0x26: bytes += Array("&amp;".utf8)
            case 0x3C: bytes += Array("&lt;".utf8)
            case 0x3E: bytes += Array("&gt;".utf8)
            case 0x22: bytes += Array("&quot;".utf8)
            case 0x27: bytes += Array("&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
