/// A page file split into its YAML front matter and its Markdown body.
///
/// Front matter is the YAML between a first line `---` and the next line that is exactly `---` (or
/// `...`). A file that does not start with `---` has no front matter.
public struct FrontMatterBlock: Sendable, Hashable {
    /// The YAML text between the fences (without them), or `nil` when the file has none.
    public var yaml: String?
    /// The 1-based line of the file on which the YAML starts (the line after the opening `---`).
    public var yamlFirstLine: Int
    /// The Markdown after the closing fence.
    public var body: String
    /// The 1-based line of the file on which the body starts.
    public var bodyFirstLine: Int

    /// Why a file's front matter could not be split off.
    public struct Failure: Error, Sendable, Hashable {
        /// 1-based line.
        public var line: Int
        /// What is wrong.
        public var message: String
        /// What to do.
        public var hint: String
    }

    /// Splits `text` (with LF line endings).
    public static func split(_ text: String) throws(Failure) -> FrontMatterBlock {
        let utf8 = text.utf8
        if utf8.starts(with: "+++".utf8) {
            throw Failure(
                line: 1, message: "TOML front matter ('+++') is not supported",
                hint: "write the front matter as YAML between two lines of '---'")
        }
        guard utf8.starts(with: "---".utf8) else {
            return FrontMatterBlock(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1)
        }
        // The opening fence: `---` and nothing but spaces up to the end of the first line.
        let bytes = Array(utf8)
        var cursor = 3
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        guard cursor == bytes.count || bytes[cursor] == 0x0A else {
            // `---something` on the first line is Markdown (a thematic break needs only dashes).
            return FrontMatterBlock(yaml: nil, yamlFirstLine: 1, body: text, bodyFirstLine: 1)
        }
        let yamlStart = min(cursor + 1, bytes.count)
        var lineStart = yamlStart
        var lineNumber = 2
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if isFence(bytes[lineStart..<lineEnd], allowDots: true) {
                let yaml = String(decoding: bytes[yamlStart..<lineStart], as: UTF8.self)
                let bodyStart = min(lineEnd + 1, bytes.count)
                return FrontMatterBlock(
                    yaml: yaml, yamlFirstLine: 2, body: String(decoding: bytes[bodyStart...], as: UTF8.self),
                    bodyFirstLine: lineNumber + 1)
            }
            if lineEnd >= bytes.count { break }
            lineStart = lineEnd + 1
            lineNumber += 1
        }
        throw Failure(
            line: 1, message: "the front matter that starts on line 1 is never closed",
            hint: "add a line with only '---' after the last front-matter line")
    }

    private static func isFence(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var bytes = line
        while bytes.last == UInt8(ascii: " ") || bytes.last == UInt8(ascii: "\t") { bytes = bytes.dropLast() }
        return bytes.elementsEqual("---".utf8) || (allowDots && bytes.elementsEqual("...".utf8))
    }
}
