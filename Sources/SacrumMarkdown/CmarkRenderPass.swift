internal import CCmark


/// One parse-transform-render of a document. Every cmark pointer lives inside `run`, which frees the
/// parser, the tree, the iterator and every string cmark renders before it returns, on every path.
/// With the arena allocator those frees cost nothing and the arena's reset reclaims the memory; with
/// the system allocator they are what returns it, which is what a leak check verifies.
struct CmarkRenderPass {
    let options: MarkdownOptions
    let allocator: MarkdownAllocator
    let lineOffset: Int
    var renderImage: (@Sendable (MarkdownImage) -> MarkdownImageOutput?)? = nil
    var firstImageIsEager = true

    private var parseOptions: Int32 {
        // A Swift string is always valid UTF-8, so CMARK_OPT_VALIDATE_UTF8 would only cost time.
        var flags = CMARK_OPT_SOURCEPOS
        if options.smartPunctuation { flags |= CMARK_OPT_SMART }
        return flags
    }

    private var renderOptions: Int32 {
        var flags = CMARK_OPT_DEFAULT
        if options.unsafe { flags |= CMARK_OPT_UNSAFE }
        if options.sourcePositionsInHTML { flags |= CMARK_OPT_SOURCEPOS }
        return flags
    }

    func run(_ markdown: String, rewriteLink: (MarkdownLink) -> String?) -> MarkdownDocument {
        switch allocator {
        case .arena:
            CmarkArena.withArena { arena in run(markdown, memory: arena.memory, rewriteLink: rewriteLink) }
        case .system:
            run(markdown, memory: cmark_get_default_mem_allocator(), rewriteLink: rewriteLink)
        }
    }

    private func run(
        _ markdown: String, memory: UnsafeMutablePointer<cmark_mem>, rewriteLink: (MarkdownLink) -> String?
    ) -> MarkdownDocument {
        guard let parser = cmark_parser_new_with_mem(parseOptions, memory) else {
            return MarkdownDocument(html: "", headings: [], links: [], plainText: "", summary: "", problems: [])
        }
        defer { cmark_parser_free(parser) }
        // GFM block extensions (tables, footnotes, alerts): CmarkBlockExtensions.
        var blockExtensions = CmarkBlockExtensions(options: options, memory: memory, parseOptions: parseOptions)
        let prepared = blockExtensions.prepare(markdown)
        var source = markdown
        if let prepared {
            prepared.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
                }
            }
        } else {
            source.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
                }
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            return MarkdownDocument(html: "", headings: [], links: [], plainText: "", summary: "", problems: [])
        }
        defer { cmark_node_free(document) }

        blockExtensions.apply(to: document, markdown: markdown, prepared: prepared)
        var problems: [MarkdownProblem] = []
        var tree = CmarkTreeScan(lineOffset: lineOffset, expectedTextLength: markdown.utf8.count)
        tree.extensionRoles = blockExtensions.roles
        source.withUTF8 { bytes in
            // After the block extensions, so that table cells and footnotes are walked too; nodes that
            // came from their helper documents are placed through the extension roles.
            if !options.unsafe {
                problems += RawHTMLScan.problems(
                    in: document, source: bytes, lineOffset: lineOffset, roles: blockExtensions.roles)
            }
            var extensions = GFMInlineTransform(options: options, source: bytes, lineOffset: lineOffset, memory: memory)
            extensions.roles = blockExtensions.roles
            if let lineStarts = blockExtensions.markdownLineStarts { extensions.lineStarts = lineStarts }
            extensions.apply(to: document)
            tree.positionOverrides = extensions.linkPositions
        }
        tree.scan(document)
        blockExtensions.finish(headings: tree.headings)

        problems += blockExtensions.problems.map {
            MarkdownProblem(kind: $0.kind, position: SourcePosition(line: $0.position.line + lineOffset, column: $0.position.column))
        }
        let links = rewriteLinks(tree.links, problems: &problems, rewriteLink: rewriteLink)
        var isFirstImage = firstImageIsEager
        for record in tree.links where record.kind == .image {
            defer { isFirstImage = false }
            if let renderImage, let output = renderImage(image(record, isFirst: isFirstImage)) {
                if let problem = output.problem { problems.append(MarkdownProblem(kind: problem, position: record.position)) }
                if let html = output.html {
                    replace(record.node, withCustom: CMARK_NODE_CUSTOM_INLINE, html: html, memory: memory)
                    continue
                }
            }
            if options.imageLoadingHints { replaceImage(record.node, memory: memory) }
        }
        let headings = assignHeadingIDs(tree.headings, memory: memory, problems: &problems)

        return MarkdownDocument(
            html: renderHTML(document, memory: memory),
            headings: headings,
            links: links,
            plainText: tree.plainText,
            summary: tree.summary,
            problems: problems
        )
    }

    // MARK: - Links

    private func rewriteLinks(
        _ records: [CmarkTreeScan.LinkRecord], problems: inout [MarkdownProblem],
        rewriteLink: (MarkdownLink) -> String?
    ) -> [MarkdownLink] {
        records.map { record in
            let link = MarkdownLink(
                kind: record.kind, destination: record.destination, title: record.title,
                text: String(decoding: record.text, as: UTF8.self), position: record.position)
            if record.kind == .image && link.text.allSatisfy(\.isWhitespace) {
                problems.append(MarkdownProblem(kind: .imageWithoutAlt(record.destination), position: record.position))
            }
            if !options.unsafe && URLSafety.isDangerous(record.destination, isImage: record.kind == .image) {
                cmark_node_set_url(record.node, "")
                problems.append(MarkdownProblem(kind: .dangerousURLRemoved(record.destination), position: record.position))
            } else if let replacement = rewriteLink(link) {
                cmark_node_set_url(record.node, replacement)
            }
            return link
        }
    }

    // MARK: - Images

    /// The record handed to `renderImage`: the destination as rewritten (read back from the node).
    private func image(_ record: CmarkTreeScan.LinkRecord, isFirst: Bool) -> MarkdownImage {
        let url = cmark_node_get_url(record.node).map { String(cString: $0) } ?? record.destination
        return MarkdownImage(
            source: url, alt: String(decoding: record.text, as: UTF8.self), title: record.title, position: record.position,
            isFirst: isFirst)
    }

    /// Replaces an image with a custom inline holding cmark's own rendering of it plus the loading hints.
    private func replaceImage(_ image: OpaquePointer, memory: UnsafeMutablePointer<cmark_mem>) {
        var html = renderHTML(image, memory: memory)
        guard html.hasSuffix(" />") else { return }
        html.removeLast(3)
        html += " loading=\"lazy\" decoding=\"async\" />"
        replace(image, withCustom: CMARK_NODE_CUSTOM_INLINE, html: html, memory: memory)
    }

    // MARK: - Headings

    private func assignHeadingIDs(
        _ records: [CmarkTreeScan.HeadingRecord], memory: UnsafeMutablePointer<cmark_mem>, problems: inout [MarkdownProblem]
    ) -> [MarkdownHeading] {
        let parsed = records.map {
            ExplicitHeadingID.split(String(decoding: $0.text, as: UTF8.self), trailingTextByteCount: $0.trailingTextByteCount)
        }
        let explicit = parsed.compactMap(\.id)
        let firstChoices = parsed.map { $0.id ?? HeadingSlug.make(from: $0.text) }
        var allocator = HeadingIDAllocator(firstChoices: Set(firstChoices), explicitIDs: Set(explicit))
        var seenExplicit: Set<String> = []
        var headings: [MarkdownHeading] = []
        headings.reserveCapacity(records.count)

        for (index, record) in records.enumerated() {
            let split = parsed[index]
            let isExplicit = split.id != nil
            if let id = split.id, !seenExplicit.insert(id).inserted {
                problems.append(MarkdownProblem(kind: .duplicateExplicitHeadingID(id), position: record.position))
            }
            let id = allocator.allocate(firstChoices[index], isExplicit: isExplicit)
            if isExplicit {
                removeTrailingText(byteCount: split.removedByteCount, from: record.node)
            }
            if options.headingIDs {
                var html = renderHTML(record.node, memory: memory)
                if html.hasSuffix("\n") { html.removeLast() }
                // cmark renders `<hN` followed by `>` or ` data-sourcepos=…`; the id goes right after `<hN`.
                let insertAt = html.utf8.index(html.utf8.startIndex, offsetBy: 3)
                html.insert(contentsOf: " id=\"\(id)\"", at: insertAt)
                replace(record.node, withCustom: CMARK_NODE_CUSTOM_BLOCK, html: html, memory: memory)
            }
            headings.append(
                MarkdownHeading(
                    level: record.level, text: split.text, id: id, hasExplicitID: isExplicit,
                    position: record.position))
        }
        return headings
    }

    /// Removes the last `byteCount` bytes of a heading's text, which the scan found in its trailing text
    /// nodes, and then any spaces left before them.
    private func removeTrailingText(byteCount: Int, from heading: OpaquePointer) {
        var remaining = byteCount
        var child = cmark_node_last_child(heading)
        while let node = child, cmark_node_get_type(node) == CMARK_NODE_TEXT {
            let literal = Array(String(cString: cmark_node_get_literal(node)).utf8)
            if remaining == 0 {
                var end = literal.count
                while end > 0 && literal[end - 1] == UInt8(ascii: " ") { end -= 1 }
                if end == literal.count { return }
                if end == 0 {
                    child = cmark_node_previous(node)
                    cmark_node_free(node)  // unlinks it first
                    continue
                }
                cmark_node_set_literal(node, String(decoding: literal[..<end], as: UTF8.self))
                return
            }
            if literal.count <= remaining {
                remaining -= literal.count
                child = cmark_node_previous(node)
                cmark_node_free(node)
            } else {
                cmark_node_set_literal(node, String(decoding: literal[..<(literal.count - remaining)], as: UTF8.self))
                remaining = 0
            }
        }
    }

    // MARK: - cmark helpers

    private func replace(
        _ node: OpaquePointer, withCustom type: cmark_node_type, html: String, memory: UnsafeMutablePointer<cmark_mem>
    ) {
        guard let custom = cmark_node_new_with_mem(type, memory) else { return }
        guard cmark_node_set_on_enter(custom, html) == 1, cmark_node_replace(node, custom) == 1 else {
            cmark_node_free(custom)
            return
        }
        cmark_node_free(node)
    }

    /// cmark's HTML for `node`, with the buffer handed back to the allocator cmark took it from.
    private func renderHTML(_ node: OpaquePointer, memory: UnsafeMutablePointer<cmark_mem>) -> String {
        guard let buffer = cmark_render_html(node, renderOptions) else { return "" }
        defer { memory.pointee.free(buffer) }
        return String(cString: buffer)
    }
}
