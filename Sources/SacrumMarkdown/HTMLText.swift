/// Text for HTML: the escaping the Markdown extensions and the shortcodes share.
public enum HTMLText {
    /// `text` escaped for an HTML attribute value or text: `&`, `<`, `>` and `"` become references.
    public static func escaped(_ text: some Collection<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        appendEscaped(text, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `text` escaped as `escaped` does to `bytes`, without making a string.
    static func appendEscaped(_ text: some Collection<UInt8>, to bytes: inout [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "<"): bytes += "&lt;".utf8
            case UInt8(ascii: ">"): bytes += "&gt;".utf8
            case UInt8(ascii: "\""): bytes += "&quot;".utf8
            default: bytes.append(byte)
            }
        }
    }

    /// `text` escaped for an HTML attribute value or text.
    public static func escaped(_ text: String) -> String {
        escaped(text.utf8)
    }
}
