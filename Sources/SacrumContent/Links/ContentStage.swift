public import SacrumMarkdown

/// Renders the Markdown of every page, in parallel, with its links resolved against the site.
public enum ContentStage {
    /// `site` with `content` set on every readable page, and every link problem found.
    public static func render(_ site: Site, publishedFiles: Set<String>) async -> (site: Site, diagnostics: [Diagnostic]) {
        let (result, byPage) = await render(site, publishedFiles: publishedFiles, reusing: [:])
        return (result, byPage.keys.sorted().flatMap { byPage[$0] ?? [] })
    }

    /// A page's rendered Markdown with its problems, kept between builds by content path.
    public struct Rendered: Sendable {
        /// The source it was rendered from; reused only while the source is the same.
        public var source: PageSource
        /// The rendering.
        public var content: MarkdownContent
        /// Its problems.
        public var diagnostics: [Diagnostic]

        /// Creates a cache entry.
        public init(source: PageSource, content: MarkdownContent, diagnostics: [Diagnostic]) {
            self.source = source
            self.content = content
            self.diagnostics = diagnostics
        }
    }

    /// Renders the readable pages, reusing `cache` entries whose source is unchanged (the caller passes
    /// an empty cache when the site's URLs changed, since links then resolve differently). Returns the
    /// site and each page's problems by page index.
    public static func render(
        _ site: Site, publishedFiles: Set<String>, reusing cache: [String: Rendered], shortcodes: (any ShortcodeRendering)? = nil
    ) async -> (site: Site, diagnostics: [Int: [Diagnostic]]) {
        let renderer = renderer(for: site.config)
        let indexes = site.pages.indices.filter { site.pages[$0].source?.isReadable == true }
        let rendered = await parallelMap(indexes) { index -> (Int, MarkdownContent, [Diagnostic]) in
            let page = site.pages[index]
            if let source = page.source, let cached = cache[source.contentPath], cached.source == source {
                return (index, cached.content, cached.diagnostics)
            }
            return render(page, in: site, renderer: renderer, publishedFiles: publishedFiles, shortcodes: shortcodes)
        }
        var result = site
        var diagnostics: [Int: [Diagnostic]] = [:]
        for (index, content, pageDiagnostics) in rendered {
            result.pages[index].content = content
            diagnostics[index] = pageDiagnostics
        }
        return (result, diagnostics)
    }

    /// The renderer for a site's Markdown settings.
    public static func renderer(for config: SiteConfig) -> MarkdownRenderer {
        let markdown = config.markdown
        return MarkdownRenderer(
            options: MarkdownOptions(
                smartPunctuation: markdown.smartPunctuation, unsafe: markdown.unsafe, tables: markdown.tables,
                strikethrough: markdown.strikethrough, autolinks: markdown.autolinks, taskLists: markdown.taskLists,
                footnotes: markdown.footnotes, alerts: markdown.alerts))
    }

    /// One page's Markdown, rendered, with its shortcodes expanded.
    public static func render(
        _ page: Page, in site: Site, renderer: MarkdownRenderer, publishedFiles: Set<String>,
        shortcodes: (any ShortcodeRendering)? = nil
    ) -> (Int, MarkdownContent, [Diagnostic]) {
        guard let source = page.source else {
            return (page.id, MarkdownContent(document: renderer.render(""), pendingFragments: []), [])
        }
        var resolver = LinkResolver(site: site, page: page, publishedFiles: publishedFiles)
        var targets: Set<String> = []
        func resolve(_ link: MarkdownLink) -> String? {
            let rewritten = resolver.resolve(link)
            targets.insert(rewritten ?? link.destination)
            return rewritten
        }
        var shortcodeDiagnostics: [Diagnostic] = []
        let document: MarkdownDocument
        if ShortcodeExpander.mayContainTags(source.body) {
            let expander = ShortcodeExpander(
                file: source.file, firstLine: source.bodyFirstLine, renderer: renderer, shortcodes: shortcodes)
            (document, shortcodeDiagnostics) = expander.render(source.body, resolveLink: resolve)
        } else {
            document = renderer.render(source.body, firstLine: source.bodyFirstLine, rewriteLink: resolve)
        }
        var diagnostics = resolver.diagnostics + shortcodeDiagnostics + FrontMatterTags.diagnostics(for: source)
        for problem in document.problems {
            diagnostics.append(diagnostic(for: problem, in: source))
        }
        return (
            page.id, MarkdownContent(document: document, pendingFragments: resolver.pendingFragments, linkTargets: targets),
            diagnostics
        )
    }

    private static func diagnostic(for problem: MarkdownProblem, in source: PageSource) -> Diagnostic {
        let line = problem.position.line
        let column = problem.position.column
        switch problem.kind {
        case .duplicateExplicitHeadingID(let id):
            return Diagnostic(
                .error, id: "markdown.duplicate-id", file: source.file, line: line, column: column,
                message: "another heading already has the id '\(id)'; this one gets a numbered id instead",
                hint: "give each heading its own {#id}")
        case .dangerousURLRemoved(let url):
            let isFile = url.trimmed.lowercased().hasPrefix("file:")
            return Diagnostic(
                .error, id: "markdown.unsafe-url", file: source.file, line: line, column: column,
                message: isFile
                    ? "the link '\(url)' is a file on the author's or reader's own computer, not an address on the web, and was removed"
                    : "the link '\(url)' could run code in the reader's browser and was removed",
                hint: isFile ? "copy the file into content/ or static/ and link to it there" : "link to a page or an https:// address")
        case .imageWithoutAlt(let url):
            return Diagnostic(
                .error, id: "a11y.alt-missing", file: source.file, line: line, column: column,
                message: "the image '\(url)' has no alt text",
                hint: "describe the image between the brackets: ![Surgeon pointing at the SI joint on a model](\(url)); a blind patient hears only that")
        case .tooManyImageOpeners:
            return Diagnostic(
                .error, id: "markdown.too-complex", file: source.file, line: line, column: column,
                message: "this paragraph holds more than \(MarkdownRenderer.maximumImageOpenersPerParagraph) image openers '!['; the page was not rendered, as it would take cmark minutes",
                hint: "split the paragraph with blank lines, or write '\\![' where an exclamation mark and a bracket are meant as text")
        case .rawHTMLOmitted(let tag):
            let what = tag == "<!-- -->" ? "an HTML comment" : "raw HTML '\(tag)'"
            return Diagnostic(
                .warning, id: "markdown.raw-html", file: source.file, line: line, column: column,
                message: "\(what) is left out of the page: raw HTML is off (safe mode)",
                hint: "use a shortcode such as {{< figure src=... alt=... >}}, or Markdown, for what it shows; "
                    + "or allow raw HTML for the whole site with 'markdown: {unsafe: true}' in site.yaml")
        case .footnoteUndefined(let label):
            return Diagnostic(
                .error, id: "markdown.footnote-undefined", file: source.file, line: line, column: column,
                message: "the footnote reference '[^\(label)]' has no definition and would be published as text",
                hint: "add a line '[^\(label)]: the note's text' on its own, after a blank line, or remove the reference")
        case .footnoteUnused(let label):
            return Diagnostic(
                .warning, id: "markdown.footnote-unused", file: source.file, line: line, column: column,
                message: "the footnote '[^\(label)]' is never referenced, so it is not published",
                hint: "write '[^\(label)]' in the text where the note belongs, or delete the definition")
        case .footnoteDuplicate(let label):
            return Diagnostic(
                .error, id: "markdown.footnote-duplicate", file: source.file, line: line, column: column,
                message: "the footnote '[^\(label)]' is defined twice; only the first definition is published",
                hint: "give this note its own label, such as '[^\(label)-2]', and use it in the text")
        case .tableTooManyEmptyCells:
            return Diagnostic(
                .error, id: "markdown.table-too-large", file: source.file, line: line, column: column,
                message: "this table's short rows would need more than \(MarkdownRenderer.maximumEmptyTableCells) empty cells; the rows from here on are published as a paragraph",
                hint: "give the rows as many cells as the header, or split the table")
        case .unknownAlert(let word):
            let suggestion = Suggestion.closest(to: word, in: MarkdownRenderer.alertKinds)
            let kinds = MarkdownRenderer.alertKinds.map { "[!\($0)]" }.joined(separator: ", ")
            return Diagnostic(
                .warning, id: "markdown.alert-unknown", file: source.file, line: line, column: column,
                message: "'[!\(word)]' is not an alert kind; the block quote is published as a plain quote"
                    + (suggestion.map { "; did you mean '[!\($0)]'?" } ?? ""),
                hint: "use one of \(kinds)")
        }
    }
}
