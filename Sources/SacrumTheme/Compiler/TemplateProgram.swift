/// One step of a compiled template.
enum TemplateOp: Sendable {
    /// Literal bytes `start..<end` of the compiler's pool (while compiling).
    case text(start: Int, end: Int)
    /// Literal text: `texts[index]` of the program.
    case literal(Int)
    /// `{{name}}` / `{{{name}}}`: the value of `refs[ref]`.
    case value(ref: Int, escaped: Bool)
    /// `{{#name}}` / `{{^name}}`: the ops after this one, up to `end`, are the section's content.
    case section(ref: Int, end: Int, inverted: Bool)
    /// A partial, parent or block: the procedure `procedure`, with `indentations[indentation]` in
    /// front of its lines after the first (-1: none added).
    case call(procedure: Int, indentation: Int)
    /// A site-wide partial, rendered once per build: its bytes.
    case sitePartial(slot: Int)
}

/// Where a name's value is, resolved when the theme loaded.
enum TemplateRef: Sendable {
    /// `.`: the innermost context.
    case current
    /// A field path from the context at `frame` (counted from the outermost).
    case frame(Int, fields: [Int])
    /// A field path from `frame`, then names looked up in untyped data (`page.params.x`).
    case frameThenNames(Int, fields: [Int], names: [String])
    /// Names looked up from the innermost context outwards, as Mustache does, by name (untyped data).
    case search([String])
    /// The URL of the stylesheet in slot `slot` of the program's `assetNames`.
    case asset(Int)
}

/// A theme's templates compiled into one program: procedures of ops over shared literal text. Partials,
/// parents and blocks are procedures called where they are included, compiled once for each set of
/// contexts they are included with.
final class TemplateProgram: Sendable {
    let ops: [TemplateOp]
    let texts: [String]
    /// Each literal text cut after every line break that more text follows: where an indented partial
    /// puts its indentation.
    let lines: [[String]]
    let refs: [TemplateRef]
    let indentations: [String]
    /// Each procedure's ops.
    let procedures: [Range<Int>]
    /// The procedure that renders each template, by name (shortcodes and site-wide partials included).
    let entries: [String: Int]
    /// Stylesheet names the templates use (`assets.style`), by slot.
    let assetNames: [String]

    init(
        ops: [TemplateOp], texts: [String], refs: [TemplateRef], indentations: [String], procedures: [Range<Int>],
        entries: [String: Int], assetNames: [String]
    ) {
        self.ops = ops
        self.texts = texts
        self.lines = texts.map { text in
            var lines: [String] = []
            var line = ""
            for character in text.unicodeScalars {
                if !line.isEmpty, line.utf8.last == UInt8(ascii: "\n") {
                    lines.append(line)
                    line = ""
                }
                line.unicodeScalars.append(character)
            }
            return lines + [line]
        }
        self.refs = refs
        self.indentations = indentations
        self.procedures = procedures
        self.entries = entries
        self.assetNames = assetNames
    }

    /// An empty program.
    static let empty = TemplateProgram(ops: [], texts: [], refs: [], indentations: [], procedures: [], entries: [:], assetNames: [])
}
