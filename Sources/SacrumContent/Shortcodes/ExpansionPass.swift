import SacrumMarkdown

/// One page's expansion.
struct ExpansionPass {
    let expander: ShortcodeExpander
    let bytes: [UInt8]
    let lines: ByteLines
    var diagnostics: [Diagnostic] = []
    private var tags: [ShortcodeTagScanner.Tag] = []
    private var calls: [Call] = []
    private var topLevel: [Int] = []
    private var prefix: [UInt8] = []
    /// Calls already rendered, by name, arguments and content.
    private var memo: [String: ShortcodeOutput] = [:]
    /// The call whose image is the page's first (loaded eagerly): a top-level call showing an image
    /// with no Markdown image (`![`) before it.
    private var eagerImageCall: Int?

    struct Call {
        var open: Int
        var close: Int?
        var children: [Int] = []
        var declaration: ShortcodeDeclaration?
        /// Left open although it needs its pair: reported, and rendered as nothing.
        var isUnclosed = false
    }

    init(expander: ShortcodeExpander, bytes: [UInt8]) {
        self.expander = expander
        self.bytes = bytes
        self.lines = ByteLines(bytes)
    }

    private var declarations: [String: ShortcodeDeclaration] { expander.shortcodes?.declarations ?? [:] }

    mutating func run(resolveLink: (MarkdownLink) -> String?) -> MarkdownDocument {
        var scanner = ShortcodeTagScanner(bytes: bytes, names: Array(declarations.keys))
        scanner.scan(skipping: MarkdownCodeRanges.find(in: bytes))
        for problem in scanner.problems {
            report(.error, problem.id, at: problem.offset, problem.message, hint: problem.hint)
        }
        tags = scanner.tags
        guard pair() else {
            return expander.renderer.render(String(decoding: bytes, as: UTF8.self), firstLine: expander.firstLine) { link in
                resolveLink(link)
            }
        }
        prefix = Self.prefix(for: bytes)
        return expand(0..<bytes.count, calls: topLevel, isTopLevel: true, resolveLink: resolveLink)
    }

    // MARK: - Pairs

    /// Matches calls with their closing tags; `false` when pairs nest too deep to expand.
    private mutating func pair() -> Bool {
        var stack: [Int] = []
        func attach(_ call: Int) {
            if let parent = stack.last { calls[parent].children.append(call) } else { topLevel.append(call) }
        }
        /// A call left open: an error if it needs its pair, else a call on its own whose children move up.
        func release(_ call: Int) {
            let tag = tags[calls[call].open]
            if calls[call].declaration?.content == .required {
                report(.error, "shortcode.unclosed", at: tag.range.lowerBound, "{{< \(tag.name) >}} is never closed",
                       hint: "end its content with {{< /\(tag.name) >}}")
                calls[call].isUnclosed = true
            }
            let children = calls[call].children
            calls[call].children = []
            if let parent = stack.last { calls[parent].children += children } else { topLevel += children }
        }
        // From the end: whether a closing tag of the same name comes later at all, and whether the next
        // tag of the same name closes. A call that may stand alone waits for its pair only when the next
        // tag of its name closes it; one that needs a pair and has no closing tag after it is unclosed
        // at once. So a page of many calls that stand alone never looks nested.
        var closesLater = [Bool](repeating: false, count: tags.count)
        var nextCloses = [Bool](repeating: false, count: tags.count)
        var closingNames: Set<String> = []
        var nextIsClosing: [String: Bool] = [:]
        for index in tags.indices.reversed() {
            let tag = tags[index]
            closesLater[index] = closingNames.contains(tag.name)
            nextCloses[index] = nextIsClosing[tag.name] ?? false
            nextIsClosing[tag.name] = tag.isClosing
            if tag.isClosing { closingNames.insert(tag.name) }
        }
        for (index, tag) in tags.enumerated() {
            if !tag.isClosing {
                let declaration = declarations[tag.name]
                calls.append(Call(open: index, declaration: declaration))
                let call = calls.count - 1
                attach(call)
                let content = declaration?.content ?? .optional
                if content == .required && !closesLater[index] {
                    release(call)
                    continue
                }
                if content == .required || (content == .optional && nextCloses[index]) {
                    if stack.count >= ShortcodeExpander.nestingLimit {
                        report(.error, "shortcode.too-deep", at: tag.range.lowerBound,
                               "shortcodes are nested more than \(ShortcodeExpander.nestingLimit) deep here",
                               hint: "close the pairs you opened, or nest fewer of them")
                        return false
                    }
                    stack.append(call)
                }
                continue
            }
            guard let match = stack.lastIndex(where: { tags[calls[$0].open].name == tag.name }) else {
                let takesNoContent = declarations[tag.name]?.content == ShortcodeDeclaration.Content.none
                report(.error, "shortcode.stray-close", at: tag.range.lowerBound,
                       takesNoContent
                        ? "'\(tag.name)' takes no content, so {{< /\(tag.name) >}} closes nothing"
                        : "{{< /\(tag.name) >}} closes nothing: no {{< \(tag.name) >}} is open before it",
                       hint: takesNoContent ? "remove {{< /\(tag.name) >}}; {{< \(tag.name) >}} stands alone" : "remove it, or open the pair with {{< \(tag.name) >}}")
                continue
            }
            while stack.count > match + 1 { release(stack.removeLast()) }
            calls[stack.removeLast()].close = index
        }
        while let call = stack.popLast() { release(call) }
        return true
    }

    // MARK: - Expansion

    /// Renders `range` of the page with `calls` (in order, inside it) expanded.
    /// Only the top level's images can be the page's first: a pair's content renders on its own, so
    /// its images are lazy.
    private mutating func expand(
        _ range: Range<Int>, calls ordered: [Int], isTopLevel: Bool, resolveLink: (MarkdownLink) -> String?
    ) -> MarkdownDocument {
        var renderer = expander.renderer
        if !isTopLevel {
            renderer.firstImageIsEager = false
        } else if renderer.firstImageIsEager, renderer.renderImage != nil, let call = ordered.first(where: showsImage) {
            // The call is the page's first image unless a Markdown image (`![`) comes before it.
            let start = tags[calls[call].open].range.lowerBound
            if !ByteSearch.contains(Array("![".utf8), in: Array(bytes[..<start])) {
                eagerImageCall = call
                renderer.firstImageIsEager = false
            }
        }
        var text: [UInt8] = []
        text.reserveCapacity(range.count)
        var map = OffsetMap(origin: range.lowerBound)
        var cursor = range.lowerBound
        for (index, call) in ordered.enumerated() {
            let span = self.span(of: call)
            text += bytes[cursor..<span.lowerBound]
            let token = self.token(index)
            map.replace(at: text.count, length: token.count, original: span)
            text += token
            cursor = span.upperBound
        }
        text += bytes[cursor..<range.upperBound]
        let expandedLines = ByteLines(text)
        func original(_ position: SourcePosition) -> SourcePosition {
            let offset = map.original(of: expandedLines.offset(of: position))
            return self.position(of: offset)
        }
        var document = renderer.render(String(decoding: text, as: UTF8.self)) { link in
            var link = link
            link.position = original(link.position)
            return resolveLink(link)
        }
        document.headings = document.headings.map { var heading = $0; heading.position = original(heading.position); return heading }
        document.links = document.links.map { var link = $0; link.position = original(link.position); return link }
        document.problems = document.problems.map { var problem = $0; problem.position = original(problem.position); return problem }
        guard !ordered.isEmpty else { return document }

        var outputs: [ShortcodeOutput] = []
        outputs.reserveCapacity(ordered.count)
        for call in ordered {
            outputs.append(render(call, into: &document, resolveLink: resolveLink))
        }
        var swap = PlaceholderSwap(prefix: prefix, outputs: outputs)
        document.html = swap.html(document.html)
        for index in swap.blocksInParagraphs {
            let tag = tags[calls[ordered[index]].open]
            report(.warning, "shortcode.block-in-paragraph", at: tag.range.lowerBound,
                   "'\(tag.name)' shows a block (\(outputs[index].blockTag ?? "")) inside a paragraph or heading, which browsers split around it",
                   hint: "put {{< \(tag.name) >}} on a line of its own, with a blank line before and after")
        }
        for index in swap.linksInLinks {
            let tag = tags[calls[ordered[index]].open]
            report(.warning, "shortcode.link-in-link", at: tag.range.lowerBound,
                   "'\(tag.name)' shows a link inside a link, which browsers break apart",
                   hint: "write {{< \(tag.name) >}} outside the link's brackets: 'call {{< phone >}}' is already a link")
        }
        document.plainText = swap.text(document.plainText)
        document.summary = swap.text(document.summary)
        document.headings = document.headings.map {
            var heading = $0
            heading.text = swap.text(heading.text)
            heading.id = swap.id(heading.id)
            return heading
        }
        document.links = document.links.map { var link = $0; link.text = swap.text(link.text); return link }
        return document
    }

    /// From the call's `{{<` to the end of its closing tag, or of itself.
    private func span(of call: Int) -> Range<Int> {
        let open = tags[calls[call].open].range
        guard let close = calls[call].close else { return open }
        return open.lowerBound..<tags[close].range.upperBound
    }

    private func token(_ index: Int) -> [UInt8] { prefix + Array(String(index).utf8) + [UInt8(ascii: "z")] }

    /// A prefix absent from the page, derived from a hash of it: page text cannot predict it, and an
    /// occurrence of it in the rendered HTML can only be a placeholder.
    static func prefix(for bytes: [UInt8]) -> [UInt8] {
        var salt: UInt64 = 0
        while true {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ salt
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var hex = String(hash, radix: 16)
            hex = String(repeating: "0", count: 16 - hex.count) + hex
            let candidate = Array("sc\(hex)k".utf8)
            if !ByteSearch.contains(candidate, in: bytes) { return candidate }
            salt &+= 1
        }
    }

    // MARK: - One call

    /// The HTML of one call; problems go into `diagnostics`, links and content problems into `document`.
    private mutating func render(_ call: Int, into document: inout MarkdownDocument, resolveLink: (MarkdownLink) -> String?) -> ShortcodeOutput {
        let tag = tags[calls[call].open]
        var inner: ShortcodeInner?
        if let close = calls[call].close {
            let content = tag.range.upperBound..<tags[close].range.lowerBound
            let rendered = expand(content, calls: calls[call].children, isTopLevel: false, resolveLink: resolveLink)
            document.links += rendered.links
            document.problems += rendered.problems
            inner = ShortcodeInner(html: rendered.html)
        }
        guard let shortcodes = expander.shortcodes, !calls[call].isUnclosed else { return ShortcodeOutput(html: "") }
        guard let declaration = calls[call].declaration else {
            let names = declarations.keys.sorted()
            let near = Suggestion.closest(to: tag.name, in: names)
            report(.error, "shortcode.unknown", at: tag.nameOffset, "there is no shortcode '\(tag.name)'",
                   hint: near.map { "did you mean {{< \($0) >}}?" }
                    ?? "the shortcodes are \(names.joined(separator: ", ")); add templates/shortcodes/\(tag.name).mustache for a new one")
            return ShortcodeOutput(html: "")
        }
        var valid = true
        var arguments: [String: String] = [:]
        var picture: String?
        for argument in tag.arguments {
            guard let declared = declaration.argument(argument.name) else {
                let names = declaration.arguments.map(\.name)
                let near = Suggestion.closest(to: argument.name, in: names)
                report(.error, "shortcode.argument-unknown", at: argument.offset, "'\(tag.name)' has no argument '\(argument.name)'",
                       hint: (near.map { "did you mean '\($0)'? " } ?? "")
                        + (names.isEmpty ? "it takes no arguments" : "its arguments are \(names.joined(separator: ", "))"))
                valid = false
                continue
            }
            var value = argument.value
            if declared.isLink {
                let link = MarkdownLink(
                    kind: .image, destination: value, title: "", text: tag.arguments.first { $0.name == "alt" }?.value ?? "",
                    position: position(of: argument.valueOffset))
                if !expander.renderer.options.unsafe && Self.isDangerous(value) {
                    report(.error, "markdown.unsafe-url", at: argument.valueOffset,
                           "the \(argument.name) '\(value)' could run code in the reader's browser or point at a file on a computer",
                           hint: "use a file in content/ or static/, or an https:// address")
                    valid = false
                    continue
                }
                value = resolveLink(link) ?? value
                document.links.append(link)
                if picture == nil, let renderImage = expander.renderer.renderImage {
                    let sizes = tag.arguments.first { $0.name == "sizes" && declaration.argument("sizes") != nil }?.value
                    let image = MarkdownImage(
                        source: value, alt: link.text, title: "", position: link.position, isFirst: eagerImageCall == call,
                        sizes: sizes.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 })
                    if let output = renderImage(image) {
                        if case .imageFile(let id, let message, let hint, let isError) = output.problem {
                            report(isError ? .error : .warning, id, at: argument.valueOffset, message, hint: hint)
                            if isError { valid = false }
                        }
                        picture = output.html
                    }
                }
            }
            arguments[argument.name] = value
        }
        for declared in declaration.arguments where declared.isRequired {
            let given = tag.arguments.first { $0.name == declared.name }
            guard given?.value.allSatisfy(\.isWhitespace) ?? true else { continue }
            report(.error, "shortcode.argument-missing", at: given?.valueOffset ?? tag.range.lowerBound,
                   given == nil ? "'\(tag.name)' needs the argument '\(declared.name)'" : "'\(tag.name)' needs a value for '\(declared.name)'",
                   hint: declared.name == "alt"
                    ? "describe the image: alt=\"Surgeon pointing at the SI joint on a model\"; a blind patient hears only that"
                    : "write \(declared.name)=\"…\" in the tag")
            valid = false
        }
        guard valid else { return ShortcodeOutput(html: "") }
        var key = tag.name
        for name in arguments.keys.sorted() { key += "\u{0}\(name)\u{1}\(arguments[name] ?? "")" }
        if let inner { key += "\u{2}" + inner.html }
        if let picture { key += "\u{3}" + picture }
        if let cached = memo[key] { return cached }
        guard let html = shortcodes.render(tag.name, arguments: arguments, inner: inner, picture: picture) else {
            report(.error, "shortcode.render-limit", at: tag.range.lowerBound,
                   "rendering '\(tag.name)' needed more than a render may take, so it was stopped",
                   hint: "look at \(shortcodes.file(of: tag.name) ?? "its template"): sections over lists nested in each other multiply")
            return ShortcodeOutput(html: "")
        }
        let output = ShortcodeOutput(html: html)
        memo[key] = output
        return output
    }

    /// Whether a call gives a `link` argument, which may be an image the build publishes as a `<picture>`.
    private func showsImage(_ call: Int) -> Bool {
        guard let declaration = calls[call].declaration else { return false }
        return tags[calls[call].open].arguments.contains { declaration.argument($0.name)?.isLink == true }
    }

    static func isDangerous(_ destination: String) -> Bool {
        let lowered = destination.lowercased().filter { !$0.isWhitespace }
        return ["javascript:", "vbscript:", "file:", "data:"].contains { lowered.hasPrefix($0) }
    }

    // MARK: - Positions

    func position(of offset: Int) -> SourcePosition {
        let (line, column) = lines.position(of: offset)
        return SourcePosition(line: line + expander.firstLine - 1, column: column)
    }

    mutating func report(_ severity: DiagnosticSeverity, _ id: String, at offset: Int, _ message: String, hint: String?) {
        let position = position(of: offset)
        diagnostics.append(
            Diagnostic(severity, id: id, file: expander.file, line: position.line, column: position.column, message: message, hint: hint))
    }
}
