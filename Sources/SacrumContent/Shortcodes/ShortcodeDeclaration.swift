/// What a shortcode accepts, read from the comment at the top of its template
/// (`templates/shortcodes/NAME.mustache`):
///
/// ```
/// {{! arguments: src (required, link), alt (required), caption
///     content: optional
///     Any other line documents the shortcode. }}
/// ```
///
/// `arguments:` lists the argument names, each optionally followed by flags in parentheses:
/// `required` (a call without it is an error) and `link` (resolved like an image link: relative to
/// the page, and an error when it leads nowhere). `content:` says whether the shortcode is used in
/// pairs, `{{< name >}}Markdown{{< /name >}}`: `required` (always paired), `optional` (either form)
/// or `none` (never paired, the default). A template without the comment takes no arguments and no
/// content. Any argument not declared is an error in a page, with a did-you-mean.
public struct ShortcodeDeclaration: Sendable, Hashable {
    /// One declared argument.
    public struct Argument: Sendable, Hashable {
        /// The name, as written in a call (`alt="…"`).
        public var name: String
        /// Whether every call must give it.
        var isRequired: Bool
        /// Whether its value is a link destination, resolved and checked like an image's.
        var isLink: Bool

        /// Creates an argument.
        init(name: String, isRequired: Bool = false, isLink: Bool = false) {
            self.name = name
            self.isRequired = isRequired
            self.isLink = isLink
        }
    }

    /// Whether the shortcode is used in pairs around Markdown.
    public enum Content: String, Sendable, Hashable {
        /// Never paired.
        case none
        /// Paired or alone.
        case optional
        /// Always paired.
        case required
    }

    /// The arguments, in declaration order.
    public var arguments: [Argument]
    /// Whether it is used in pairs.
    public var content: Content

    /// Creates a declaration.
    public init(arguments: [Argument] = [], content: Content = .none) {
        self.arguments = arguments
        self.content = content
    }

    /// The argument named `name`.
    func argument(_ name: String) -> Argument? { arguments.first { $0.name == name } }

    /// Names a template sees besides the arguments, which no argument may take.
    static let reservedNames: Set<String> = ["site", "inner", "innerInline", "picture", "i18n"]

    /// The keys a declaration line may start with.
    static let keys = ["arguments", "content"]

    /// Reads the declaration of a shortcode template; problems are diagnostics in `file`.
    public static func parse(template text: String, file: String) -> (ShortcodeDeclaration, [Diagnostic]) {
        var declaration = ShortcodeDeclaration()
        var diagnostics: [Diagnostic] = []
        let bytes = Array(text.utf8)
        var start = 0
        var line = 1
        var lineStart = 0
        while start < bytes.count && (bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x09 || bytes[start] == 0x0D) {
            if bytes[start] == 0x0A {
                line += 1
                lineStart = start + 1
            }
            start += 1
        }
        guard bytes.count - start >= 3, bytes[start] == UInt8(ascii: "{"), bytes[start + 1] == UInt8(ascii: "{"),
            bytes[start + 2] == UInt8(ascii: "!")
        else { return (declaration, []) }
        var end = start + 3
        while end + 1 < bytes.count && !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
        // The comment's text, line by line, each with the file line and the column it starts at.
        var cursor = start + 3
        var seen: Set<String> = []
        while cursor < end {
            var lineEnd = cursor
            while lineEnd < end && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var first = cursor
            while first < lineEnd && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
            let content = String(decoding: bytes[first..<lineEnd], as: UTF8.self)
            let column = first - lineStart + 1
            if let colon = content.firstIndex(of: ":") {
                let key = String(content[..<colon])
                let value = String(content[content.index(after: colon)...])
                let valueColumn = column + content.utf8.distance(from: content.startIndex, to: colon) + 1
                if key == "arguments" || key == "content" {
                    if !seen.insert(key).inserted {
                        diagnostics.append(
                            Diagnostic(
                                .error, id: "shortcode.declaration", file: file, line: line, column: column,
                                message: "'\(key):' is declared twice", hint: "list everything on one '\(key):' line"))
                    } else if key == "arguments" {
                        declaration.arguments = parseArguments(value, file: file, line: line, column: valueColumn, diagnostics: &diagnostics)
                    } else if let content = Content(rawValue: value.trimmingSpaces) {
                        declaration.content = content
                    } else {
                        diagnostics.append(
                            Diagnostic(
                                .error, id: "shortcode.declaration", file: file, line: line, column: valueColumn,
                                message: "'content:' is '\(value.trimmingSpaces)', not one of required, optional, none",
                                hint: "write 'content: required' for {{< name >}}…{{< /name >}} pairs, 'optional' for either form"))
                    }
                } else if !key.contains(" "), let near = Suggestion.closest(to: key, in: keys) {
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "shortcode.declaration", file: file, line: line, column: column,
                            message: "'\(key):' is not a shortcode declaration; did you mean '\(near):'?",
                            hint: "the declaration knows 'arguments:' and 'content:'; other lines are documentation"))
                }
            }
            if lineEnd < end {
                line += 1
                lineStart = lineEnd + 1
            }
            cursor = lineEnd + 1
        }
        return (declaration, diagnostics)
    }

    private static func parseArguments(
        _ text: String, file: String, line: Int, column: Int, diagnostics: inout [Diagnostic]
    ) -> [Argument] {
        var arguments: [Argument] = []
        var items: [(text: String, offset: Int)] = []
        var depth = 0
        var current = ""
        var currentOffset = 0
        for (offset, byte) in text.utf8.enumerated() {
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") { depth -= 1 }
            if byte == UInt8(ascii: ",") && depth <= 0 {
                items.append((current, currentOffset))
                current = ""
                currentOffset = offset + 1
                continue
            }
            current.unicodeScalars.append(Unicode.Scalar(byte))
        }
        items.append((current, currentOffset))
        for (item, offset) in items {
            let leading = item.utf8.prefix { $0 == 0x20 || $0 == 0x09 }.count
            let itemColumn = column + offset + leading
            let trimmed = item.trimmingSpaces
            if trimmed.isEmpty {
                if items.count > 1 || !text.trimmingSpaces.isEmpty {
                    diagnostics.append(
                        Diagnostic(.error, id: "shortcode.declaration", file: file, line: line, column: itemColumn,
                                   message: "an argument name is missing between commas", hint: "write 'arguments: name, other (required)'"))
                }
                continue
            }
            var name = trimmed
            var flags: [String] = []
            if let open = trimmed.firstIndex(of: "(") {
                name = String(trimmed[..<open]).trimmingSpaces
                guard trimmed.hasSuffix(")") else {
                    diagnostics.append(
                        Diagnostic(.error, id: "shortcode.declaration", file: file, line: line, column: itemColumn,
                                   message: "the flags of '\(name)' are not closed with ')'", hint: "write '\(name) (required)'"))
                    continue
                }
                flags = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
                    .split(separator: ",").map { String($0).trimmingSpaces }
            }
            guard isName(name) else {
                diagnostics.append(
                    Diagnostic(.error, id: "shortcode.declaration", file: file, line: line, column: itemColumn,
                               message: "'\(name)' is not an argument name", hint: "use letters, digits, '-' and '_', like 'caption'"))
                continue
            }
            if reservedNames.contains(name) {
                diagnostics.append(
                    Diagnostic(.error, id: "shortcode.declaration", file: file, line: line, column: itemColumn,
                               message: "'\(name)' is a name every shortcode template already has", hint: "call the argument something else"))
                continue
            }
            if arguments.contains(where: { $0.name == name }) {
                diagnostics.append(
                    Diagnostic(.error, id: "shortcode.declaration", file: file, line: line, column: itemColumn,
                               message: "the argument '\(name)' is declared twice", hint: "declare each argument once"))
                continue
            }
            var argument = Argument(name: name)
            for flag in flags {
                switch flag {
                case "required": argument.isRequired = true
                case "link": argument.isLink = true
                default:
                    let near = Suggestion.closest(to: flag, in: ["required", "link"])
                    diagnostics.append(
                        Diagnostic(.error, id: "shortcode.declaration", file: file, line: line, column: itemColumn,
                                   message: "'\(flag)' is not a flag of an argument" + (near.map { "; did you mean '\($0)'?" } ?? ""),
                                   hint: "the flags are 'required' and 'link', like 'src (required, link)'"))
                }
            }
            arguments.append(argument)
        }
        return arguments
    }

    /// Whether `name` can name a shortcode or an argument: ASCII letters, digits, `-` and `_`.
    public static func isName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(isNameByte)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}

extension String {
    /// The text without spaces and tabs at either end.
    var trimmingSpaces: String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
