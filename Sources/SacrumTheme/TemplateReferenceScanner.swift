/// Finds the partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their lines and
/// columns, so that a missing one is an error when the theme loads instead of an empty string later,
/// and so that a template including itself is an error instead of endless recursion.
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

    /// The partials and parents named in `text`, and those whose name is read from the context when
    /// the template renders (`{{>*name}}`, `{{<*name}}`; `name` is the key they are read from).
    static func scan(_ text: String) -> (references: [Reference], dynamic: [Reference]) {
        let characters = Array(text)
        var references: [Reference] = []
        var dynamic: [Reference] = []
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
            case ">", "<":
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
                    if isDynamic { dynamic.append(reference) } else { references.append(reference) }
                }
                skip(to: cursor)
            default:
                index += 1
            }
        }
        return (references, dynamic)
    }

    /// The characters swift-mustache accepts in a partial's name.
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")
}
