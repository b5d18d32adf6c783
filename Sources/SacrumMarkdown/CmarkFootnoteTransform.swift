internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#endif

/// Footnotes on cmark 0.30: `[^label]` references in text become numbered links to a list of notes
/// at the end of the page, each with links back to its references, as cmark-gfm renders them.
///
/// The definitions were taken out of the page by `FootnoteDefinitions`; their bodies are parsed in
/// one helper document, each inside a block quote so that whatever it leaves open (a fence, a list)
/// ends with it. Notes are numbered in the order of their first reference, from the page first and
/// then from the notes themselves. The ids are set in `finish`, once the headings are known, so
/// that they never collide with a heading's id.
struct CmarkFootnoteTransform {
    let memory: UnsafeMutablePointer<cmark_mem>
    let parseOptions: Int32
    let accessible: Bool

    private struct Reference {
        var node: OpaquePointer
        var note: Int
        var occurrence: Int
    }

    private struct Note {
        var definition: Int
        var item: OpaquePointer
        var references = 0
        var backReferences: OpaquePointer?
        var backReferencesInParagraph = false
    }

    private var references: [Reference] = []
    private var notes: [Note] = []
    private var section: OpaquePointer?
    private var referenceCounts: [Int: Int] = [:]
    /// Problems, at positions in the parsed text (before the page's line offset is added).
    private(set) var problems: [MarkdownProblem] = []

    init(memory: UnsafeMutablePointer<cmark_mem>, parseOptions: Int32, accessible: Bool) {
        self.memory = memory
        self.parseOptions = parseOptions
        self.accessible = accessible
    }

    /// Links references in `document` to `definitions` and appends the notes to it.
    /// - Parameter referenceLines: the lines of the parsed text that hold `[^`, in order: only blocks
    ///   on them (or made by the extensions, whose lines are a helper document's) are searched.
    mutating func apply(
        to document: OpaquePointer, definitions: [FootnoteDefinitions.Definition], referenceLines: [Int], trailer: [UInt8]?,
        tables: CmarkTableTransform?, roles: inout ExtensionNodeRoles, problems: inout [MarkdownProblem]
    ) {
        var firstDefinition: [String: Int] = [:]
        for (index, definition) in definitions.enumerated() {
            if firstDefinition[definition.key] == nil {
                firstDefinition[definition.key] = index
            } else {
                problems.append(MarkdownProblem(kind: .footnoteDuplicate(definition.label), position: SourcePosition(line: definition.line, column: definition.column)))
            }
        }

        // Every definition's body, parsed once.
        var helper = CmarkHelperDocument()
        var chunkLines: [Int] = []
        for definition in definitions {
            var chunk: [UInt8] = []
            for (index, line) in definition.lines.enumerated() {
                if index > 0 { chunk.append(0x0A) }
                chunk.append(UInt8(ascii: ">"))
                chunk.append(0x20)
                chunk.append(contentsOf: line)
            }
            chunkLines.append(helper.append(chunk).firstLine)
        }
        // Without definitions only undefined references are left to find: the page need not be parsed again.
        guard let parsed = helper.parse(options: parseOptions, memory: memory, trailer: definitions.isEmpty ? nil : trailer) else { return }
        defer { cmark_node_free(parsed) }
        if let tables {
            helper.text.withUnsafeBufferPointer { text in
                tables.apply(to: parsed, source: text, lineStarts: SourceLineStarts.of(text), trailer: trailer, roles: &roles, problems: &problems)
            }
        }
        defer { problems += self.problems }
        let blocks = helper.blocksByChunk(of: parsed)

        var noteForDefinition: [Int: Int] = [:]
        var pending = [document]
        var cursor = 0
        while cursor < pending.count {
            let root = pending[cursor]
            cursor += 1
            let lines = root == document ? referenceLines : nil
            for definitionIndex in link(in: root, lines: lines, firstDefinition: firstDefinition, noteForDefinition: &noteForDefinition, roles: roles) {
                // A new note: move its body into a list item and look for references in it next.
                let definition = definitions[definitionIndex]
                guard let item = CmarkNodes.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "", exit: "</li>", memory: memory) else { continue }
                for block in blocks[definitionIndex] where cmark_node_get_type(block) == CMARK_NODE_BLOCK_QUOTE {
                    CmarkNodes.moveChildren(of: block, to: item)
                }
                roles.set(
                    .lines(.init(helperLine: chunkLines[definitionIndex], line: definition.line, columnShifts: definition.offsets.map { $0 - 2 })),
                    for: item)
                notes.append(Note(definition: definitionIndex, item: item))
                pending.append(item)
            }
        }
        for index in firstDefinition.values.sorted() where noteForDefinition[index] == nil {
            let definition = definitions[index]
            problems.append(MarkdownProblem(kind: .footnoteUnused(definition.label), position: SourcePosition(line: definition.line, column: definition.column)))
        }
        guard !notes.isEmpty else { return }
        let sectionEnter = accessible ? "<section class=\"footnotes\" aria-label=\"Footnotes\">\n<ol>" : "<section class=\"footnotes\">\n<ol>"
        guard let section = CmarkNodes.custom(CMARK_NODE_CUSTOM_BLOCK, enter: sectionEnter, exit: "</ol>\n</section>", memory: memory),
            cmark_node_append_child(document, section) == 1
        else { return }
        self.section = section
        for reference in references { notes[reference.note].references = max(notes[reference.note].references, reference.occurrence) }
        for index in notes.indices {
            let item = notes[index].item
            if cmark_node_append_child(section, item) != 1 { cmark_node_free(item); continue }
            if let last = cmark_node_last_child(item), cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH,
                let back = CmarkNodes.custom(CMARK_NODE_CUSTOM_INLINE, enter: "", memory: memory)
            {
                if cmark_node_append_child(last, back) == 1 {
                    notes[index].backReferences = back
                    notes[index].backReferencesInParagraph = true
                } else {
                    cmark_node_free(back)
                }
            } else if let back = CmarkNodes.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "", memory: memory) {
                if cmark_node_append_child(item, back) == 1 { notes[index].backReferences = back } else { cmark_node_free(back) }
            }
        }
    }

    /// Replaces `[^label]` in the runs of text under `root` (not inside notes already linked, which
    /// are outside `root` until they are appended) and returns the definitions referenced for the first
    /// time. With `lines`, only the blocks on those lines, or inside nodes the extensions made, are searched.
    private mutating func link(
        in root: OpaquePointer, lines: [Int]?, firstDefinition: [String: Int], noteForDefinition: inout [Int: Int],
        roles: ExtensionNodeRoles
    ) -> [Int] {
        var parents: [OpaquePointer] = []
        // A parent is seen again after a child it holds (text, emphasis, text): each is relinked once.
        var seen: Set<OpaquePointer> = []
        for block in Self.searchedBlocks(in: root, lines: lines, roles: roles) {
            guard let iterator = cmark_iter_new(block) else { continue }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                    cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node)
                else { continue }
                if literal.pointee == CChar(UInt8(ascii: "^")) || strstr(literal, "[^") != nil,
                    let parent = cmark_node_parent(node), seen.insert(parent).inserted
                {
                    parents.append(parent)
                }
            }
        }
        var newlyReferenced: [Int] = []
        for parent in parents {
            var child = cmark_node_first_child(parent)
            while let start = child {
                guard cmark_node_get_type(start) == CMARK_NODE_TEXT else {
                    child = cmark_node_next(start)
                    continue
                }
                var run: [OpaquePointer] = []
                var cursor: OpaquePointer? = start
                while let node = cursor, cmark_node_get_type(node) == CMARK_NODE_TEXT {
                    run.append(node)
                    cursor = cmark_node_next(node)
                }
                child = cursor
                relink(run, firstDefinition: firstDefinition, noteForDefinition: &noteForDefinition, newlyReferenced: &newlyReferenced, roles: roles)
            }
        }
        return newlyReferenced
    }

    /// `root` itself without `lines`; else the blocks under it that hold inlines and lie on one of
    /// `lines` or inside a node the extensions made, in document order.
    private static func searchedBlocks(in root: OpaquePointer, lines: [Int]?, roles: ExtensionNodeRoles) -> [OpaquePointer] {
        guard let lines else { return [root] }
        guard !lines.isEmpty || !roles.isEmpty else { return [] }
        var found: [OpaquePointer] = []
        BlockLines.forEachBlock(under: root, roles: roles) { block, inExtension, holdsInlines in
            if holdsInlines && (inExtension || BlockLines.mayHold(block, anyOf: lines)) { found.append(block) }
        }
        return found
    }

    private mutating func relink(
        _ run: [OpaquePointer], firstDefinition: [String: Int], noteForDefinition: inout [Int: Int],
        newlyReferenced: inout [Int], roles: ExtensionNodeRoles
    ) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for node in run {
            starts.append(bytes.count)
            bytes += CmarkNodes.literal(of: node)
        }
        var pieces: [(text: ArraySlice<UInt8>, reference: Int?)] = []
        var cursor = 0
        var index = 0
        while index < bytes.count {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "^") else {
                index += 1
                continue
            }
            var end = index + 2
            while end < bytes.count && bytes[end] != UInt8(ascii: "]") && bytes[end] != UInt8(ascii: "[")
                && bytes[end] != 0x20 && bytes[end] != 0x09
            {
                end += 1
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "]"), end > index + 2 else {
                index += 1
                continue
            }
            let label = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
            guard let definition = firstDefinition[label.lowercased()] else {
                let nodeIndex = starts.lastIndex { $0 <= index } ?? 0
                let position = ExtensionPositions.position(of: run[nodeIndex], roles: roles, plus: index - starts[nodeIndex])
                problems.append(MarkdownProblem(kind: .footnoteUndefined(label), position: position))
                index = end + 1
                continue
            }
            let note: Int
            if let existing = noteForDefinition[definition] {
                note = existing
            } else {
                note = noteForDefinition.count
                noteForDefinition[definition] = note
                newlyReferenced.append(definition)
            }
            pieces.append((bytes[cursor..<index], nil))
            pieces.append((bytes[index..<index], note))
            cursor = end + 1
            index = end + 1
        }
        guard !pieces.isEmpty, let anchor = run.first else { return }
        pieces.append((bytes[cursor...], nil))
        for piece in pieces {
            if let note = piece.reference {
                guard let node = CmarkNodes.custom(CMARK_NODE_CUSTOM_INLINE, enter: "", memory: memory) else { continue }
                if cmark_node_insert_before(anchor, node) == 1 {
                    let occurrence = (referenceCounts[note] ?? 0) + 1
                    referenceCounts[note] = occurrence
                    references.append(Reference(node: node, note: note, occurrence: occurrence))
                } else {
                    cmark_node_free(node)
                }
            } else if !piece.text.isEmpty, let node = cmark_node_new_with_mem(CMARK_NODE_TEXT, memory) {
                cmark_node_set_literal(node, String(decoding: piece.text, as: UTF8.self))
                if cmark_node_insert_before(anchor, node) != 1 { cmark_node_free(node) }
            }
        }
        for node in run { cmark_node_free(node) }
    }

    /// Sets the notes' and references' HTML with ids that no heading id starts with.
    func finish(avoiding firstChoices: [String]) {
        guard section != nil else { return }
        let (note, reference) = Self.idPrefixes(avoiding: firstChoices)
        for item in references {
            let number = item.note + 1
            let suffix = item.occurrence > 1 ? "-\(item.occurrence)" : ""
            cmark_node_set_on_enter(
                item.node,
                "<sup class=\"footnote-ref\"><a href=\"#\(note)\(number)\" id=\"\(reference)\(number)\(suffix)\">\(number)</a></sup>")
        }
        for (index, item) in notes.enumerated() {
            let number = index + 1
            cmark_node_set_on_enter(item.item, "<li id=\"\(note)\(number)\">")
            guard let back = item.backReferences else { continue }
            var html = ""
            for occurrence in 1...max(1, item.references) {
                let suffix = occurrence > 1 ? "-\(occurrence)" : ""
                let label = accessible ? " aria-label=\"Back to reference \(number)\(suffix)\"" : ""
                let mark = occurrence > 1 ? "↩<sup class=\"footnote-ref\">\(occurrence)</sup>" : "↩"
                if item.backReferencesInParagraph || occurrence > 1 { html += " " }
                html += "<a href=\"#\(reference)\(number)\(suffix)\" class=\"footnote-backref\"\(label)>\(mark)</a>"
            }
            cmark_node_set_on_enter(back, html)
        }
    }

    /// `fn`/`fnref` as cmark-gfm, unless a heading's id could start with one of them.
    static func idPrefixes(avoiding ids: [String]) -> (note: String, reference: String) {
        let candidates = [("fn", "fnref"), ("footnote-", "footnote-ref-"), ("note-", "note-ref-")]
        for candidate in candidates where !ids.contains(where: { $0.hasPrefix(candidate.0) || $0.hasPrefix(candidate.1) }) {
            return candidate
        }
        var counter = 1
        while true {
            let candidate = ("sacrum-fn\(counter)-", "sacrum-fnref\(counter)-")
            if !ids.contains(where: { $0.hasPrefix(candidate.0) || $0.hasPrefix(candidate.1) }) { return candidate }
            counter += 1
        }
    }
}
