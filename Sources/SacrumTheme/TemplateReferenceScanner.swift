/// Finds the partials (`{{> name}}`) and parents (`{{< name}}`) a template names, with their lines and
/// columns, so that a missing one is an error when the theme loads instead of an empty string later.
enum TemplateReferenceScanner {
    struct Reference: Hashable {
        var name: String
        var line: Int
        var column: Int
    }

    static func references(in text: String) -> [Reference] {
        var references: [Reference] = []
        let bytes = Array(text.utf8)
        var line = 1
        var lineStart = 0
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{"),
                bytes[index + 2] == UInt8(ascii: ">") || bytes[index + 2] == UInt8(ascii: "<")
            else {
                index += 1
                continue
            }
            let column = index - lineStart + 1
            var cursor = index + 3
            while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "*") {
                index = cursor  // a dynamic name is read from the context, not a template name
                continue
            }
            let start = cursor
            while cursor < bytes.count, bytes[cursor] != 0x20, bytes[cursor] != UInt8(ascii: "}") { cursor += 1 }
            if cursor > start {
                references.append(Reference(name: String(decoding: bytes[start..<cursor], as: UTF8.self), line: line, column: column))
            }
            index = cursor
        }
        return references
    }
}
