internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#endif

/// A second cmark document in which the block extensions parse pieces of the page on their own
/// (table cells, the text before a table, footnote bodies), in one parse for the whole page. Each
/// piece is a chunk of lines followed by a blank line; the page's own text can follow all chunks, so
/// that reference links in a piece find the page's link reference definitions. The parsed blocks are
/// handed out chunk by chunk, to be moved into the page's tree; `free` releases the rest.
struct CmarkHelperDocument {
    private(set) var text: [UInt8] = []
    /// The first line of each chunk, and its number of lines.
    private var chunks: [(firstLine: Int, lineCount: Int)] = []
    private var nextLine = 1

    var isEmpty: Bool { chunks.isEmpty }

    /// The line of the helper document on which chunk `index` starts.
    func firstLine(of index: Int) -> Int { chunks[index].firstLine }

    /// Adds a chunk made of `prefix` (one line's start, no line end) and then `chunk`; returns its
    /// index and first line.
    mutating func append(_ prefix: [UInt8], _ chunk: ArraySlice<UInt8>) -> (index: Int, firstLine: Int) {
        text.append(contentsOf: prefix)
        return append(chunk)
    }

    /// Adds a chunk (lines separated by `\n`, none at the end); returns its index and first line.
    mutating func append(_ chunk: [UInt8]) -> (index: Int, firstLine: Int) {
        append(chunk[...])
    }

    /// Adds a chunk (lines separated by `\n`, none at the end); returns its index and first line.
    mutating func append(_ chunk: ArraySlice<UInt8>) -> (index: Int, firstLine: Int) {
        // LF, CR LF and a lone CR end a line, as for cmark.
        var lineCount = 1
        chunk.withUnsafeBufferPointer { bytes in
            var previousWasCR = false
            for byte in bytes {
                if byte == 0x0A && previousWasCR {
                    previousWasCR = false
                    continue
                }
                if byte == 0x0A || byte == 0x0D { lineCount += 1 }
                previousWasCR = byte == 0x0D
            }
        }
        chunks.append((nextLine, lineCount))
        text.append(contentsOf: chunk)
        text.append(0x0A)
        text.append(0x0A)
        nextLine += lineCount + 1
        return (chunks.count - 1, nextLine - lineCount - 1)
    }

    /// Parses the chunks, then `trailer` (the page, for its reference definitions). The caller frees
    /// the returned document.
    func parse(options: Int32, memory: UnsafeMutablePointer<cmark_mem>, trailer: [UInt8]?) -> OpaquePointer? {
        guard let parser = cmark_parser_new_with_mem(options, memory) else { return nil }
        defer { cmark_parser_free(parser) }
        feed(text, to: parser)
        if let trailer { feed(trailer, to: parser) }
        return cmark_parser_finish(parser)
    }

    private func feed(_ bytes: [UInt8], to parser: OpaquePointer) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
    }

    /// The top-level blocks of `document` for each chunk, by their start lines (blocks of the
    /// trailer are left out).
    func blocksByChunk(of document: OpaquePointer) -> [[OpaquePointer]] {
        var result = [[OpaquePointer]](repeating: [], count: chunks.count)
        var chunk = 0
        var child = cmark_node_first_child(document)
        while let node = child, chunk < chunks.count {
            let line = Int(cmark_node_get_start_line(node))
            while chunk < chunks.count && line >= chunks[chunk].firstLine + chunks[chunk].lineCount { chunk += 1 }
            if chunk < chunks.count && line >= chunks[chunk].firstLine { result[chunk].append(node) }
            child = cmark_node_next(node)
        }
        return result
    }
}

/// Small edits on cmark nodes shared by the block extensions.
enum CmarkNodes {
    /// A new custom block or inline with the given HTML around its children.
    static func custom(
        _ type: cmark_node_type, enter: String, exit: String = "", memory: UnsafeMutablePointer<cmark_mem>
    ) -> OpaquePointer? {
        guard let node = cmark_node_new_with_mem(type, memory) else { return nil }
        guard cmark_node_set_on_enter(node, enter) == 1, exit.isEmpty || cmark_node_set_on_exit(node, exit) == 1 else {
            cmark_node_free(node)
            return nil
        }
        return node
    }

    /// A new custom block or inline with HTML already converted to C strings (for nodes made many
    /// times over, such as table cells).
    static func custom(
        _ type: cmark_node_type, enter: ContiguousArray<CChar>, exit: ContiguousArray<CChar>?,
        memory: UnsafeMutablePointer<cmark_mem>
    ) -> OpaquePointer? {
        guard let node = cmark_node_new_with_mem(type, memory) else { return nil }
        let entered = enter.withUnsafeBufferPointer { cmark_node_set_on_enter(node, $0.baseAddress) }
        let exited = exit.map { html in html.withUnsafeBufferPointer { cmark_node_set_on_exit(node, $0.baseAddress) } } ?? 1
        guard entered == 1, exited == 1 else {
            cmark_node_free(node)
            return nil
        }
        return node
    }

    /// A new text node with `bytes` (which hold no NUL) as its literal.
    static func text(_ bytes: ArraySlice<UInt8>, memory: UnsafeMutablePointer<cmark_mem>) -> OpaquePointer? {
        guard let node = cmark_node_new_with_mem(CMARK_NODE_TEXT, memory) else { return nil }
        let set = withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for (index, byte) in zip(buffer.indices, bytes) { buffer[index] = CChar(bitPattern: byte) }
            buffer[bytes.count] = 0
            return cmark_node_set_literal(node, buffer.baseAddress)
        }
        guard set == 1 else {
            cmark_node_free(node)
            return nil
        }
        return node
    }

    /// Moves every child of `source` to the end of `target`.
    static func moveChildren(of source: OpaquePointer, to target: OpaquePointer) {
        while let child = cmark_node_first_child(source) {
            cmark_node_unlink(child)
            if cmark_node_append_child(target, child) != 1 {
                cmark_node_free(child)
            }
        }
    }

    /// The node's literal as bytes (empty if it has none).
    static func literal(of node: OpaquePointer) -> [UInt8] {
        guard let literal = cmark_node_get_literal(node) else { return [] }
        return Array(String(cString: literal).utf8)
    }

    /// The text and code of `node`'s descendants, without markup.
    static func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var bytes: [UInt8] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: bytes += literal(of: current)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: bytes.append(0x20)
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }


    /// Removes `count` bytes from the start of `paragraph`'s first text node (the prefix a helper
    /// chunk was given so that it cannot start a block); frees the node if nothing is left.
    static func dropPrefix(_ count: Int, ofFirstTextIn paragraph: OpaquePointer) {
        guard let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT,
            let literal = cmark_node_get_literal(first)
        else { return }
        if strlen(literal) <= count {
            cmark_node_free(first)
        } else {
            // cmark copies the new literal before it frees the old one.
            cmark_node_set_literal(first, literal + count)
        }
    }
}
