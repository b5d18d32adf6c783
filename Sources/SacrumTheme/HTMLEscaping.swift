/// HTML escaping for `{{value}}`: `&`, `<`, `>`, `"` and `'`, as swift-mustache escaped them. Text
/// without them (most text) is appended whole after one pass over its bytes; runs between them are
/// appended as slices.
enum HTMLEscaping {
    /// Appends `text` to `output`, escaped.
    static func append(_ text: String, to output: inout String) {
        var text = text
        let first = text.withUTF8 { bytes in bytes.firstIndex(where: isSpecial) }
        guard let first else {
            output.append(text)
            return
        }
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = utf8.index(utf8.startIndex, offsetBy: first)
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if isSpecial(byte) {
                output.append(contentsOf: text[runStart..<index])
                switch byte {
                case 0x26: output.append("&amp;")
                case 0x3C: output.append("&lt;")
                case 0x3E: output.append("&gt;")
                case 0x22: output.append("&quot;")
                default: output.append("&#39;")
                }
                runStart = next
            }
            index = next
        }
        output.append(contentsOf: text[runStart...])
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// `text`, escaped.
    static func escape(_ text: String) -> String {
        var output = ""
        append(text, to: &output)
        return output
    }
}
