/// Text written as YAML.
enum YAMLText {
    /// `value` as a double-quoted YAML scalar: backslashes and double quotes escaped, so that
    /// `Back pain: "what helps"` stays one text value. (Control characters, line and paragraph
    /// separators are refused before this: `NewPageTarget` checks titles.)
    static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            default: result.unicodeScalars.append(character)
            }
        }
        return result + "\""
    }
}

/// Text written as Markdown.
enum MarkdownText {
    /// `value` with the ASCII punctuation that could start emphasis, links, code, raw HTML or entities
    /// backslash-escaped, so that it reads as written.
    static func escaped(_ value: String) -> String {
        var result = ""
        for character in value.unicodeScalars {
            if "\\`*_[]<>&~|{}".unicodeScalars.contains(character) { result += "\\" }
            result.unicodeScalars.append(character)
        }
        return result
    }
}
