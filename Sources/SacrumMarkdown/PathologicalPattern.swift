/// Inputs on which Debian's libcmark 0.30.2 takes time that grows faster than the input: found before
/// parsing, so that a hostile or damaged page costs milliseconds, not minutes.
///
/// The one known today is a paragraph with thousands of image openers, such as `![[]()` repeated
/// (fixed upstream in cmark 0.30.3): 8,000 of them take 0.25 s, 20,000 take 7.5 s, 40,000 take 33 s.
/// At the limit of 5,000 per paragraph cmark needs about 0.1 s; no real page comes near it.
enum PathologicalPattern {
    /// Most image openers (`![`) accepted in one paragraph (a run of lines without a blank line).
    static let maximumImageOpenersPerParagraph = 5_000

    /// The 1-based line of the first paragraph with too many image openers.
    static func tooManyImageOpeners(in markdown: String) -> Int? {
        // Fewer bytes than the limit needs cannot trip it: most pages skip the scan.
        guard markdown.utf8.count >= 2 * maximumImageOpenersPerParagraph else { return nil }
        var text = markdown
        return text.withUTF8 { bytes -> Int? in
            var line = 1
            var paragraphLine = 1
            var openers = 0
            var lineIsBlank = true
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\n"):
                    if lineIsBlank {
                        openers = 0
                        paragraphLine = line + 1
                    }
                    line += 1
                    lineIsBlank = true
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "!"):
                    lineIsBlank = false
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "[") {
                        openers += 1
                        if openers > maximumImageOpenersPerParagraph { return paragraphLine }
                    }
                default:
                    lineIsBlank = false
                }
                index += 1
            }
            return nil
        }
    }
}
