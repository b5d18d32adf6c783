/// Finds the partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their lines and
/// columns, so that a missing one is an error when the theme loads instead of an empty string later,
/// and so that a template including itself is an error instead of endless recursion; and counts how
/// deeply its sections nest, so that nesting swift-mustache cannot parse is an error too.
///
/// It reads tags the way swift-mustache does — by `Character`, following set-delimiter tags
/// (`{{=<% %>=}}`) and skipping comments — so that every partial Mustache will render is found.
enum TemplateReferenceScanner {
    struct Reference: Hashable {
        var name: String
        var line: Int
        var column: Int
    }

    /// The partials and parents named in `text`.
    static func references(in text: String) -> [Reference] {
        scan(text).references
    }

    /// How deeply sections (`{{#a}}`, `{{^a}}`, blocks and parents) may nest in one template.
    /// swift-mustache parses and renders them by recursion, and a few thousand levels overflow the
    /// stack (a segmentation fault of `sacrum build`, found by fuzzing); no real template needs more
    /// than a dozen.
    static let nestingLimit = 100

    /// What a scan of a template finds.
    struct Scan {
        /// The partials and parents it names.
        var references: [Reference] = []
        /// Partials and parents whose name is read from the context when the template renders
        /// (`{{>*name}}`, `{{<*name}}`; `name` is the key they are read from).
        var dynamic: [Reference] = []
        /// The first section that opens deeper than `nestingLimit` (its name is the tag's key).
        var tooDeep: Reference?
    }

    /// Partials, parents and nesting of `text`.
    static func scan(_ text: String) -> Scan {
        let characters = Array(text)
        var result = Scan()
        var depth = 0
        var open: [Character] = ["{", "{"]
        var close: [Character] = ["}", "}"]
        var line = 1
        var lineStart = 0
        var index = 0

        func matches(_ pattern: [Character], at position: Int) -> Bool {
            position + pattern.count <= characters.count && characters[position..<(position + pattern.count)].elementsEqual(pattern)
        }
        func skipWhitespace(_ position: inout Int) {
            while position < characters.count, characters[position].isWhitespace { position += 1 }
        }
        func skip(to position: Int) {
            while index < position {
                if characters[index] == "\n" {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
        }

        while index < characters.count {
            if characters[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard matches(open, at: index), index + open.count < characters.count else {
                index += 1
                continue
            }
            let column = index - lineStart + 1
            var cursor = index + open.count
            switch characters[cursor] {
            case "!":
                // A comment: nothing in it is a tag.
                var end = cursor
                while end < characters.count, !matches(close, at: end) { end += 1 }
                skip(to: min(end + close.count, characters.count))
            case "=":
                // New delimiters for the rest of this template: `{{=<% %>=}}`.
                cursor += 1
                skipWhitespace(&cursor)
                let newOpenStart = cursor
                while cursor < characters.count, !characters[cursor].isWhitespace { cursor += 1 }
                let newOpen = Array(characters[newOpenStart..<cursor])
                skipWhitespace(&cursor)
                let newCloseStart = cursor
                while cursor < characters.count, characters[cursor] != "=", !characters[cursor].isWhitespace { cursor += 1 }
                let newClose = Array(characters[newCloseStart..<cursor])
                skipWhitespace(&cursor)
                if cursor < characters.count, characters[cursor] == "=", matches(close, at: cursor + 1), !newOpen.isEmpty,
                    !newClose.isEmpty
                {
                    skip(to: cursor + 1 + close.count)
                    open = newOpen
                    close = newClose
                } else {
                    index += 1  // not a valid set-delimiter tag; Mustache refuses the template
                }
            case "#", "^", "$", "/":
                // Sections and blocks open a level and `{{/name}}` closes one; a parent (`{{<name}}`,
                // below) opens one too.
                if characters[cursor] == "/" {
                    depth = max(0, depth - 1)
                } else {
                    depth += 1
                    if depth > nestingLimit, result.tooDeep == nil {
                        var end = cursor + 1
                        while end < characters.count, !matches(close, at: end), end - cursor < 80 { end += 1 }
                        let key = String(characters[(cursor + 1)..<end].filter { !$0.isWhitespace })
                        result.tooDeep = Reference(name: key, line: line, column: column)
                    }
                }
                index += 1
            case ">", "<":
                let isParent = characters[cursor] == "<"
                cursor += 1
                skipWhitespace(&cursor)
                let isDynamic = cursor < characters.count && characters[cursor] == "*"
                if isDynamic {
                    cursor += 1
                    skipWhitespace(&cursor)
                }
                let start = cursor
                while cursor < characters.count, partialNameCharacters.contains(characters[cursor]) { cursor += 1 }
                if cursor > start {
                    let reference = Reference(name: String(characters[start..<cursor]), line: line, column: column)
                    if isDynamic { result.dynamic.append(reference) } else { result.references.append(reference) }
                    if isParent {
                        depth += 1
                        if depth > nestingLimit, result.tooDeep == nil { result.tooDeep = reference }
                    }
                }
                skip(to: cursor)
            default:
                index += 1
            }
        }
        return result
    }

    /// The characters swift-mustache accepts in a partial's name.
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
}
