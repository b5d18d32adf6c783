/// A template as a tree of Mustache tags, with the standalone-line rules applied.
///
/// Whitespace follows swift-mustache, which Sacrum used before, tag for tag (a tag alone on its line
/// with only spaces or tabs around it takes the line with it; `{{>partial}}` and `{{<parent}}` keep
/// the spaces before them as the indentation of their lines), so that themes render byte for byte
/// as they did.
indirect enum TemplateNode: Sendable {
    /// Text as written.
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}`.
    case variable(TemplateTag, escaped: Bool)
    /// `{{#name}}…{{/name}}` or `{{^name}}…{{/name}}`.
    case section(TemplateTag, inverted: Bool, body: [TemplateNode])
    /// `{{>name}}` (no overrides) or `{{<name}}{{$block}}…{{/block}}{{/name}}` (overrides, maybe none);
    /// `indentation` is put in front of each of its lines after the first.
    case partial(TemplateTag, indentation: [UInt8]?, overrides: [TemplateBlock]?)
    /// `{{$name}}default{{/name}}` outside a parent: a place a child template can fill. `intrinsic` is the
    /// indentation of the default content's first line when the tag stands alone at the start of its
    /// line: an override gets it (the spec's "intrinsic indentation").
    case block(TemplateBlock, indentation: [UInt8], intrinsic: [UInt8])
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: what fills the parent's block (parsing only).
    case blockDefinition(TemplateBlock)
}

/// A tag's name and where it is (1-based line and column, counted in characters).
struct TemplateTag: Sendable {
    var name: String
    var line: Int
    var column: Int
}

/// A `{{$name}}…{{/name}}` block: its content and an identity unique within the theme.
struct TemplateBlock: Sendable {
    var tag: TemplateTag
    var body: [TemplateNode]
    var id: String
}

/// A template that cannot be parsed, at the place of the problem.
struct TemplateSyntaxError: Error, Sendable {
    enum Kind: Sendable {
        case closingTagMismatch, unfinishedTag, unclosedSection, invalidSetDelimiter, tokenInsideParent, pragma, transform,
            emptyName
    }
    var kind: Kind
    var line: Int
    var column: Int

    var message: String {
        switch kind {
        case .closingTagMismatch: "this closing tag does not match the section it closes"
        case .unfinishedTag: "a tag is not closed with '}}'"
        case .unclosedSection: "a section is opened but never closed"
        case .invalidSetDelimiter: "the set-delimiter tag is malformed"
        case .tokenInsideParent: "inside {{<parent}} only {{$block}} sections are allowed"
        case .pragma: "the {{% ... }} pragma is not known"
        case .transform: "transforms such as {{uppercase(name)}} are not part of Sacrum's templates"
        case .emptyName: "this tag has no name"
        }
    }

    var hint: String? {
        switch kind {
        case .closingTagMismatch, .unclosedSection: "every {{#name}} and {{^name}} needs a matching {{/name}}"
        case .unfinishedTag: "close the tag with '}}' (or '}}}' for raw HTML); names are letters, digits, '-', '_' and '.'"
        case .tokenInsideParent: "move the tag into a {{$block}} of the parent"
        case .transform: "show the value as it is ({{name}}), or compute what you need in the content"
        default: nil
        }
    }
}

/// Parses a template's bytes into `TemplateNode`s.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    private let blockPrefix: String
    private var blockCount = 0
    /// Non-blank text inside `{{<parent}}…{{/parent}}` (Mustache ignores it), by position.
    private(set) var ignoredText: [(line: Int, column: Int)] = []

    private struct State {
        var section: TemplateTag?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var partialDefinitionIndent: Int?

        func inSection(_ tag: TemplateTag, newLine: Bool) -> State {
            var state = self
            state.section = tag
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func inParent(_ tag: TemplateTag) -> State {
            var state = self
            state.section = tag
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    /// A parser of `text`; `blockPrefix` makes block identities unique across templates.
    init(_ text: String, blockPrefix: String) {
        self.bytes = Array(text.utf8)
        self.blockPrefix = blockPrefix
    }

    /// The template's nodes, or the first syntax error.
    mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        try parse(State())
    }

    // MARK: Bytes

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    private var atEnd: Bool { position >= bytes.count }

    /// The length of the line break at `index` (`\n` or `\r\n`), or 0.
    private func lineBreak(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        if bytes[index] == Self.newline { return 1 }
        if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.newline { return 2 }
        return 0
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn || byte == 0x0B || byte == 0x0C
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "("),
            UInt8(ascii: ")"):
            true
        default: false
        }
    }

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    private mutating func skip(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count, predicate(bytes[position]) { position += 1 }
        return bytes[start..<position]
    }

    /// Where `location(of:)` last counted to: tags come in order, so counting goes on from there.
    private var counted = (index: 0, line: 1, lineStart: 0)

    /// Line and column of byte `index` (columns count characters, approximated by UTF-8 lead bytes).
    mutating func location(of index: Int) -> (line: Int, column: Int) {
        let end = min(index, bytes.count)
        if end < counted.index { counted = (0, 1, 0) }
        var (cursor, line, lineStart) = counted
        while cursor < end {
            if bytes[cursor] == Self.newline {
                line += 1
                lineStart = cursor + 1
            }
            cursor += 1
        }
        counted = (cursor, line, lineStart)
        var column = 1
        for byte in bytes[lineStart..<end] where byte & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }

    private mutating func failure(_ kind: TemplateSyntaxError.Kind, at index: Int) -> TemplateSyntaxError {
        let (line, column) = location(of: index)
        return TemplateSyntaxError(kind: kind, line: line, column: column)
    }

    // MARK: Parsing

    private mutating func parse(_ initial: State) throws(TemplateSyntaxError) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whitespaceBefore: ArraySlice<UInt8> = []
        while !atEnd {
            if state.newLine {
                let whitespace = skip { $0 == Self.space || $0 == Self.tab }
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    // Inside a block of a parent: the first line's indentation is removed from every line.
                    if let indent = state.partialDefinitionIndent {
                        whitespaceBefore = whitespace.dropFirst(indent)
                    } else {
                        state.partialDefinitionIndent = whitespace.count
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let (text, foundTag) = readText(state)
            let breakLength = lineBreak(at: position)
            if !foundTag, breakLength > 0 {
                nodes.append(.text(Array(whitespaceBefore) + text + bytes[position..<(position + breakLength)]))
                state.newLine = true
                position += breakLength
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array(whitespaceBefore) + text))
                whitespaceBefore = []
                state.newLine = false
            }
            guard foundTag else { break }
            let tagStart = position - state.open.count
            guard !atEnd else { throw failure(.unfinishedTag, at: tagStart) }
            var setNewLine = false
            let sigil = bytes[position]
            switch sigil {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                position += 1
                let tag = try readName(state, tagStart: tagStart)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Array(whitespaceBefore)))
                    whitespaceBefore = []
                }
                let body = try parse(state.inSection(tag, newLine: setNewLine))
                nodes.append(.section(tag, inverted: sigil == UInt8(ascii: "^"), body: body))
            case UInt8(ascii: "/"):
                position += 1
                let nameStart = position
                let tag = try readName(state, tagStart: tagStart)
                guard let section = state.section, section.name == tag.name else {
                    throw failure(.closingTagMismatch, at: nameStart)
                }
                if !isStandalone(state), !whitespaceBefore.isEmpty {
                    nodes.append(.text(Array(whitespaceBefore)))
                }
                return nodes
            case UInt8(ascii: "!"):
                position += 1
                while !atEnd, !matches(state.close, at: position) { position += 1 }
                guard !atEnd else { throw failure(.unfinishedTag, at: tagStart) }
                position += state.close.count
                setNewLine = isStandalone(state)
            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Array(whitespaceBefore)))
                    whitespaceBefore = []
                }
                position += 1
                let tag = try readName(state, tagStart: tagStart)
                if sigil == UInt8(ascii: "{") {
                    guard !atEnd, bytes[position] == UInt8(ascii: "}") else { throw failure(.unfinishedTag, at: tagStart) }
                    position += 1
                }
                nodes.append(.variable(tag, escaped: false))
            case UInt8(ascii: ">"):
                position += 1
                _ = skip(while: Self.isWhitespace)
                let dynamic = !atEnd && bytes[position] == UInt8(ascii: "*")
                if dynamic { position += 1 }
                let tag = try readPartialName(state, tagStart: tagStart)
                if !whitespaceBefore.isEmpty { nodes.append(.text(Array(whitespaceBefore))) }
                let standalone = isStandalone(state)
                if standalone { setNewLine = true }
                // A dynamic partial is an error when the theme loads (TemplateReferenceScanner); it renders nothing.
                if !dynamic { nodes.append(.partial(tag, indentation: standalone ? Array(whitespaceBefore) : nil, overrides: nil)) }
                whitespaceBefore = []
            case UInt8(ascii: "<"):
                position += 1
                _ = skip(while: Self.isWhitespace)
                let tag = try readPartialName(state, tagStart: tagStart)
                if !whitespaceBefore.isEmpty { nodes.append(.text(Array(whitespaceBefore))) }
                if isStandalone(state) { setNewLine = true }
                let body = try parse(state.inParent(tag))
                var overrides: [TemplateBlock] = []
                for node in body {
                    switch node {
                    case .blockDefinition(let block):
                        overrides.append(block)
                    case .text(let text):
                        if text.contains(where: { !Self.isWhitespace($0) }) { ignoredText.append((tag.line, tag.column)) }
                    default:
                        throw failure(.tokenInsideParent, at: tagStart)
                    }
                }
                if !tag.name.hasPrefix("*") {
                    nodes.append(.partial(tag, indentation: Array(whitespaceBefore), overrides: overrides))
                }
                whitespaceBefore = []
            case UInt8(ascii: "$"):
                position += 1
                let tag = try readName(state, tagStart: tagStart)
                blockCount += 1
                let id = blockPrefix + "#\(blockCount)"
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.inSection(tag, newLine: setNewLine))
                    nodes.append(.blockDefinition(TemplateBlock(tag: tag, body: body, id: id)))
                } else {
                    if !whitespaceBefore.isEmpty { nodes.append(.text(Array(whitespaceBefore))) }
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state.inSection(tag, newLine: setNewLine))
                    var intrinsic: [UInt8] = []
                    if setNewLine, whitespaceBefore.isEmpty, case .text(let first)? = body.first {
                        intrinsic = Array(first.prefix { $0 == Self.space || $0 == Self.tab })
                    }
                    nodes.append(.block(TemplateBlock(tag: tag, body: body, id: id), indentation: Array(whitespaceBefore), intrinsic: intrinsic))
                    whitespaceBefore = []
                }
            case UInt8(ascii: "="):
                position += 1
                state = try readDelimiters(state, tagStart: tagStart)
                setNewLine = isStandalone(state)
            case UInt8(ascii: "%"):
                throw failure(.pragma, at: tagStart)
            default:
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(Array(whitespaceBefore)))
                    whitespaceBefore = []
                }
                let tag = try readName(state, tagStart: tagStart)
                nodes.append(.variable(tag, escaped: true))
            }
            state.newLine = setNewLine
        }
        if let section = state.section {
            throw TemplateSyntaxError(kind: .unclosedSection, line: section.line, column: section.column)
        }
        return nodes
    }

    /// Reads text up to a line break (not consumed) or an opening delimiter (consumed; `foundTag`).
    private mutating func readText(_ state: State) -> (text: ArraySlice<UInt8>, foundTag: Bool) {
        let start = position
        let first = state.open[0]
        while position < bytes.count {
            let byte = bytes[position]
            if lineBreak(at: position) > 0 { return (bytes[start..<position], false) }
            if byte == first, matches(state.open, at: position) {
                let text = bytes[start..<position]
                position += state.open.count
                return (text, true)
            }
            position += 1
        }
        return (bytes[start..<position], false)
    }

    /// Whether the tag just read is alone on its line; if so the rest of the line, break included, is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var cursor = position
        while cursor < bytes.count, bytes[cursor] == Self.space || bytes[cursor] == Self.tab { cursor += 1 }
        let length = lineBreak(at: cursor)
        guard length > 0 else { return false }
        position = cursor + length
        return true
    }

    /// A tag's name up to the closing delimiter (consumed).
    private mutating func readName(_ state: State, tagStart: Int) throws(TemplateSyntaxError) -> TemplateTag {
        _ = skip(while: Self.isWhitespace)
        let nameStart = position
        let name = skip(while: Self.isNameByte)
        _ = skip(while: Self.isWhitespace)
        guard matches(state.close, at: position) else { throw failure(.unfinishedTag, at: tagStart) }
        position += state.close.count
        if name.contains(UInt8(ascii: "(")) || name.contains(UInt8(ascii: ")")) { throw failure(.transform, at: nameStart) }
        if name.isEmpty { throw failure(.emptyName, at: tagStart) }
        let (line, column) = location(of: tagStart)
        return TemplateTag(name: String(decoding: name, as: UTF8.self), line: line, column: column)
    }

    /// A partial's or parent's name (it may contain `/`).
    private mutating func readPartialName(_ state: State, tagStart: Int) throws(TemplateSyntaxError) -> TemplateTag {
        _ = skip(while: Self.isWhitespace)
        let name = skip { Self.isNameByte($0) || $0 == UInt8(ascii: "/") }
        _ = skip(while: Self.isWhitespace)
        guard matches(state.close, at: position) else { throw failure(.unfinishedTag, at: tagStart) }
        position += state.close.count
        let (line, column) = location(of: tagStart)
        return TemplateTag(name: String(decoding: name, as: UTF8.self), line: line, column: column)
    }

    /// `{{=<% %>=}}`: the new delimiters, for the rest of the current section.
    private mutating func readDelimiters(_ state: State, tagStart: Int) throws(TemplateSyntaxError) -> State {
        _ = skip(while: Self.isWhitespace)
        let open = skip { !Self.isWhitespace($0) }
        _ = skip(while: Self.isWhitespace)
        let close = skip { !Self.isWhitespace($0) && $0 != UInt8(ascii: "=") }
        _ = skip(while: Self.isWhitespace)
        guard !atEnd, bytes[position] == UInt8(ascii: "="), matches(state.close, at: position + 1), !open.isEmpty, !close.isEmpty
        else { throw failure(.invalidSetDelimiter, at: tagStart) }
        position += 1 + state.close.count
        var state = state
        state.open = Array(open)
        state.close = Array(close)
        state.isPartialDefinitionTopLevel = false
        return state
    }
}
