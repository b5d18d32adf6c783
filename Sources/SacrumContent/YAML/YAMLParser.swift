internal import Yams

/// Parses YAML text into a `YAMLValue`, reporting problems at their line and column in the file.
///
/// Yams (libyaml) does the parsing. On top of it this refuses what would surprise an editor or
/// hurt the build: a key written twice (reported where the second one is), a custom `!tag`, nesting
/// deeper than `maximumDepth`, and aliases that expand to more than `maximumNodes` values (the
/// "billion laughs").
public struct YAMLParser: Sendable {
    /// Deepest nesting accepted.
    var maximumDepth = 64
    /// Most values (after alias expansion) accepted in one document.
    var maximumNodes = 20_000
    /// Longest YAML text accepted, in bytes.
    var maximumBytes = 1_000_000

    /// Creates a parser with the default limits.
    public init() {}

    /// A problem in the YAML, at a position in the file.
    public struct Failure: Error, Sendable, Hashable {
        /// Where.
        public var position: YAMLPosition
        /// What.
        public var message: String
        /// How to fix it.
        public var hint: String?
        /// `yaml.syntax`, `yaml.duplicate-key`, `yaml.tag`, `yaml.too-deep`, `yaml.too-large` or
        /// `yaml.control-character`.
        public var id: String
    }

    /// Parses `text`, whose first line is line `firstLine` of its file. Returns `nil` for an empty
    /// document.
    public func parse(_ text: String, firstLine: Int = 1) throws(Failure) -> YAMLValue? {
        let lineOffset = firstLine - 1
        guard text.utf8.count <= maximumBytes else {
            throw Failure(
                position: YAMLPosition(line: firstLine, column: 1),
                message: "the YAML is \(text.utf8.count) bytes long; at most \(maximumBytes) are accepted",
                hint: "move long text into the Markdown body", id: "yaml.too-large")
        }
        try checkNestingDepth(text, lineOffset: lineOffset)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.failure(from: error, lineOffset: lineOffset)
        } catch {
            throw Failure(
                position: YAMLPosition(line: firstLine, column: 1), message: "the YAML cannot be read: \(error)",
                hint: nil, id: "yaml.syntax")
        }
        guard let node else { return nil }
        var budget = maximumNodes
        return try convert(node, depth: 0, budget: &budget, lineOffset: lineOffset)
    }

    /// The first C0 or C1 control character other than tab and line breaks, or DEL. libyaml refuses
    /// them written out, but a quoted value's escapes (`"\u0001"`) still produce them.
    static func firstControlCharacter(in text: String) -> Unicode.Scalar? {
        let suspicious = text.utf8.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F || $0 == 0xC2 }
        guard suspicious else { return nil }
        return text.unicodeScalars.first { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (0x7F...0x9F).contains(value)
        }
    }

    // MARK: - Conversion

    private func convert(_ node: Node, depth: Int, budget: inout Int, lineOffset: Int) throws(Failure) -> YAMLValue {
        let position = Self.position(of: node, lineOffset: lineOffset)
        budget -= 1
        guard budget >= 0 else {
            throw Failure(
                position: position, message: "the YAML expands to more than \(maximumNodes) values",
                hint: "aliases (*name) that repeat other aliases multiply; write the values out instead",
                id: "yaml.too-large")
        }
        guard depth <= maximumDepth else {
            throw Failure(
                position: position, message: "the YAML is nested more than \(maximumDepth) levels deep",
                hint: "front matter rarely needs more than two or three levels", id: "yaml.too-deep")
        }
        try checkTag(Self.writtenTag(of: node), at: position)
        switch node {
        case .scalar(let scalar):
            if let control = Self.firstControlCharacter(in: scalar.string) {
                let code = String(control.value, radix: 16, uppercase: true)
                throw Failure(
                    position: position,
                    message: "the value holds the invisible control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), which pages, feeds and search results cannot carry",
                    hint: "remove it (an escape such as \"\\u0001\" in a quoted value writes one)", id: "yaml.control-character")
            }
            return .scalar(scalar.string, isPlain: scalar.style == .plain || scalar.style == .any, at: position)
        case .sequence(let sequence):
            var values: [YAMLValue] = []
            values.reserveCapacity(sequence.count)
            for element in sequence {
                values.append(try convert(element, depth: depth + 1, budget: &budget, lineOffset: lineOffset))
            }
            return .sequence(values, at: position)
        case .mapping(let mapping):
            var pairs: [YAMLPair] = []
            pairs.reserveCapacity(mapping.count)
            var seen: [String: YAMLPosition] = [:]
            for (keyNode, valueNode) in mapping {
                let keyPosition = Self.position(of: keyNode, lineOffset: lineOffset)
                guard case .scalar(let keyScalar) = keyNode else {
                    throw Failure(
                        position: keyPosition, message: "a key must be a single value, not \(Self.kindName(keyNode))",
                        hint: "write keys as plain words, like 'title:'", id: "yaml.syntax")
                }
                if keyScalar.string == "<<" && keyScalar.style != .singleQuoted && keyScalar.style != .doubleQuoted {
                    throw Failure(
                        position: keyPosition, message: "merge keys ('<<') are not supported",
                        hint: "write the keys out in this mapping", id: "yaml.syntax")
                }
                if let first = seen[keyScalar.string] {
                    throw Failure(
                        position: keyPosition,
                        message: "the key '\(keyScalar.string)' is written twice (first on line \(first.line))",
                        hint: "keep one of them; YAML does not allow the same key twice in a mapping",
                        id: "yaml.duplicate-key")
                }
                seen[keyScalar.string] = keyPosition
                let value: YAMLValue
                do {
                    value = try convert(valueNode, depth: depth + 1, budget: &budget, lineOffset: lineOffset)
                } catch {
                    // An alias expands where its anchor was written; the editor needs the key that
                    // used it, so a blown budget is reported at the top-level key being read.
                    guard depth == 0 && error.id == "yaml.too-large" else { throw error }
                    throw Failure(position: keyPosition, message: error.message, hint: error.hint, id: error.id)
                }
                pairs.append(YAMLPair(key: keyScalar.string, keyPosition: keyPosition, value: value))
            }
            return .mapping(pairs, at: position)
        }
    }

    /// The tag as written (`Node.tag` would resolve implicit tags, which runs regular expressions).
    private static func writtenTag(of node: Node) -> Tag {
        switch node {
        case .scalar(let scalar): scalar.tag
        case .sequence(let sequence): sequence.tag
        case .mapping(let mapping): mapping.tag
        }
    }

    private func checkTag(_ tag: Tag, at position: YAMLPosition) throws(Failure) {
        let name = tag.description
        guard !name.isEmpty, name != "!" else { return }
        guard name.hasPrefix("tag:yaml.org,2002:") else {
            throw Failure(
                position: position, message: "the YAML tag '\(name)' is not supported",
                hint: "remove the tag; Sacrum reads plain values only", id: "yaml.tag")
        }
    }

    private static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    private static func position(of node: Node, lineOffset: Int) -> YAMLPosition {
        let mark: Mark? =
            switch node {
            case .scalar(let scalar): scalar.mark
            case .sequence(let sequence): sequence.mark
            case .mapping(let mapping): mapping.mark
            }
        return YAMLPosition(line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
    }

    // MARK: - Errors

    private static func failure(from error: YamlError, lineOffset: Int) -> Failure {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            var position = YAMLPosition(line: mark.line + lineOffset, column: mark.column)
            if let context {
                if problem.contains("end of stream") {
                    // Something opened there was never closed: the opening is where the fix goes.
                    position = YAMLPosition(line: context.mark.line + lineOffset, column: context.mark.column)
                    message = "\(context.text), \(problem)"
                } else {
                    message = "\(context.text) (line \(context.mark.line + lineOffset)): \(problem)"
                }
            }
            return Failure(position: position, message: "invalid YAML: \(message)", hint: hint(for: problem), id: "yaml.syntax")
        case .reader(let problem, _, _, _):
            return Failure(
                position: YAMLPosition(line: lineOffset + 1, column: 1), message: "invalid YAML: \(problem)",
                hint: "YAML may not contain control characters such as NUL", id: "yaml.syntax")
        default:
            return Failure(
                position: YAMLPosition(line: lineOffset + 1, column: 1), message: "invalid YAML: \(error)",
                hint: nil, id: "yaml.syntax")
        }
    }

    private static func hint(for problem: String) -> String {
        if problem.contains("cannot start any token") {
            return "YAML does not allow tabs for indentation, or a value starting with '@' or '`'; use spaces, and quote the value"
        }
        if problem.contains("mapping values are not allowed") {
            return "quote a value that contains ': ' (title: \"Recovery: what to expect\"), or check the indentation"
        }
        if problem.contains("end of stream") && problem.contains("quoted") {
            return "close the quote on the same value"
        }
        if problem.contains("did not find expected ',' or ']'") {
            return "close the list with ']', and separate its items with ','"
        }
        if problem.contains("did not find expected ',' or '}'") {
            return "close the mapping with '}', and separate its items with ','"
        }
        if problem.contains("did not find expected key") {
            return "check the indentation: keys of one mapping start in the same column"
        }
        return "check the YAML syntax at this position"
    }

    // MARK: - Nesting

    /// Nesting the recursive composer is known to survive, with room to spare (a debug build survives
    /// 5,000 levels and overflows the stack by 20,000; an AddressSanitizer build overflows by 4,000).
    private static let composerNestingBound = 1024

    /// Refuses text whose nesting could overflow the stack of the recursive composer before it is
    /// handed over: flow brackets, and block indicators (`- `, `? `) that open a level each.
    ///
    /// The depth counted is a guess that skips quoted text, for a message at the right place; a quote
    /// it mistakes (`[a 'b,` starts no quoted value) would hide any nesting after it. So it also
    /// keeps a bound no text can hide from: flow nesting is at most the number of `[` and `{`, block
    /// nesting at most the longest run of indentation and indicators that starts a line.
    private func checkNestingDepth(_ text: String, lineOffset: Int) throws(Failure) {
        var line = 1
        var flowDepth = 0
        var lineDepth = 0
        var atLineStart = true
        var quote: UInt8?
        var previous: UInt8 = 0x0A
        var openers = 0
        var leadingRun = 0
        var longestLeadingRun = 0
        var inLeadingRun = true
        for byte in text.utf8 {
            if byte == 0x0A {
                line += 1
                atLineStart = true
                lineDepth = 0
                if flowDepth == 0 { quote = nil }
                previous = byte
                leadingRun = 0
                inLeadingRun = true
                continue
            }
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { openers += 1 }
            if inLeadingRun {
                if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ":") {
                    leadingRun += 1
                    longestLeadingRun = max(longestLeadingRun, leadingRun)
                } else {
                    inLeadingRun = false
                }
            }
            if openers + longestLeadingRun > Self.composerNestingBound {
                throw Failure(
                    position: YAMLPosition(line: line + lineOffset, column: 1),
                    message: "the YAML could be nested more than \(Self.composerNestingBound) levels deep (it has \(openers) '[' and '{' and lines indented by up to \(longestLeadingRun))",
                    hint: "front matter rarely needs more than two or three levels; write long lists one item per line ('- item')",
                    id: "yaml.too-deep")
            }
            if let open = quote {
                if byte == open { quote = nil }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if previous == 0x20 || previous == 0x0A || previous == UInt8(ascii: "[")
                        || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",")
                        || previous == UInt8(ascii: ":")
                    {
                        quote = byte
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                case UInt8(ascii: "#") where previous == 0x20 || previous == 0x0A:
                    atLineStart = false
                default:
                    break
                }
                if atLineStart {
                    if byte == 0x20 {
                        lineDepth += 1
                    } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?"))
                        && (previous == 0x20 || previous == 0x0A)
                    {
                        lineDepth += 2
                    } else {
                        atLineStart = false
                    }
                }
            }
            if flowDepth > maximumDepth || lineDepth > maximumDepth * 4 {
                throw Failure(
                    position: YAMLPosition(line: line + lineOffset, column: 1),
                    message: "the YAML is nested more than \(maximumDepth) levels deep",
                    hint: "front matter rarely needs more than two or three levels", id: "yaml.too-deep")
            }
            previous = byte
        }
    }
}
