/// The `{#custom-id}` an author may put at the end of a heading (`## Recovery {#after-surgery}`).
struct ExplicitHeadingID {
    /// The heading text without the id and the spaces before it.
    var text: String
    /// The id, if the heading ends with one.
    var id: String?
    /// How many UTF-8 bytes at the end of the heading's text the id takes, with the spaces before it.
    var removedByteCount: Int

    /// Splits a heading's text into its visible text and an explicit id. Ids may hold ASCII letters,
    /// digits, `-`, `_`, `:` and `.`; anything else leaves the text as it is.
    static func split(_ text: String, trailingTextByteCount: Int = .max) -> ExplicitHeadingID {
        let bytes = Array(text.utf8)
        let unchanged = ExplicitHeadingID(text: trimmed(text), id: nil, removedByteCount: 0)
        guard bytes.last == UInt8(ascii: "}") else { return unchanged }
        var index = bytes.count - 2
        while index >= 0 && isIDByte(bytes[index]) { index -= 1 }
        guard index >= 1, bytes[index] == UInt8(ascii: "#"), bytes[index - 1] == UInt8(ascii: "{"),
            index < bytes.count - 2
        else { return unchanged }
        let id = String(decoding: bytes[(index + 1)..<(bytes.count - 1)], as: UTF8.self)
        var start = index - 1
        while start > 0 && bytes[start - 1] == UInt8(ascii: " ") { start -= 1 }
        let removed = bytes.count - start
        guard removed <= trailingTextByteCount else { return unchanged }
        let visible = String(decoding: bytes[..<start], as: UTF8.self)
        return ExplicitHeadingID(text: trimmed(visible), id: id, removedByteCount: removed)
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: ":"),
            UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    private static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
