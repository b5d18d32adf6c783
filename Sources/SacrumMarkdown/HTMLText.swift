/// Text for HTML: the escaping the Markdown extensions and the shortcodes share.
public enum HTMLText {
    /// `text` escaped for an HTML attribute value or text: `&`, `<`, `>` and `"` become references.
    public static func escaped(_ text: some Collection<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): result += "&amp;".utf8
            case UInt8(ascii: "<"): result += "&lt;".utf8
            case UInt8(ascii: ">"): result += "&gt;".utf8
            case UInt8(ascii: "\""): result += "&quot;".utf8
            default: result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `text` escaped for an HTML attribute value or text.
    public static func escaped(_ text: String) -> String {
        escaped(text.utf8)
    }
}
