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
        _ site: Site, publishedFiles: Set<String>, reusing cache: [String: Rendered], shortcodes: (any ShortcodeRendering)? = nil,
        renderImage: (@Sendable (MarkdownImage) -> MarkdownImageOutput?)? = nil
    ) async -> (site: Site, diagnostics: [Int: [Diagnostic]]) {
        var configured = renderer(for: site.config)
        configured.renderImage = renderImage
        let renderer = configured
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
        var images: [ImageReference] = []
        func resolve(_ link: MarkdownLink) -> String? {
            let rewritten = resolver.resolve(link)
            targets.insert(rewritten ?? link.destination)
            if link.kind == .image {
                images.append(ImageReference(destination: link.destination, url: rewritten ?? link.destination, position: link.position))
            }
            return rewritten
        }
        var renderer = renderer
        var imageDiagnostics: [Diagnostic] = []
        var image: String?
        if let field = source.frontMatter.image {
            (image, imageDiagnostics) = pageImage(field, alt: source.frontMatter.imageAlt, file: source.file, renderer: renderer, resolve: resolve)
            // The page's image is shown above its text by the templates: it is the first image.
            renderer.firstImageIsEager = false
        }
        var shortcodeDiagnostics: [Diagnostic] = []
        let document: MarkdownDocument
        if ShortcodeExpander.mayContainTags(source.body) {
            let expander = ShortcodeExpander(
                file: source.file, firstLine: source.bodyFirstLine, renderer: renderer,
                shortcodes: page.language == 0 ? shortcodes : shortcodes?.inLanguage(page.language))
            (document, shortcodeDiagnostics) = expander.render(source.body, resolveLink: resolve)
        } else {
            document = renderer.render(source.body, firstLine: source.bodyFirstLine, rewriteLink: resolve)
        }
        var diagnostics = resolver.diagnostics + imageDiagnostics + shortcodeDiagnostics + FrontMatterTags.diagnostics(for: source)
        for problem in document.problems {
            diagnostics.append(problem.diagnostic(in: source))
        }
        return (
            page.id, MarkdownContent(document: document, pendingFragments: resolver.pendingFragments, linkTargets: targets, image: image, imageReferences: images),
            diagnostics
        )
    }

    /// The HTML of a page's `image` field: resolved like an image link, then processed like a Markdown
    /// image (a `<picture>`, loaded eagerly as the page's first image); problems at the field's line.
    static func pageImage(
        _ field: Positioned<String>, alt: String?, file: String, renderer: MarkdownRenderer, resolve: (MarkdownLink) -> String?
    ) -> (String?, [Diagnostic]) {
        let position = SourcePosition(line: field.position.line, column: field.position.column)
        var diagnostics: [Diagnostic] = []
        /// A problem at the field.
        func report(_ severity: DiagnosticSeverity, _ id: String, _ message: String, _ hint: String) {
            diagnostics.append(
                Diagnostic(severity, id: id, file: file, line: position.line, column: position.column, message: message, hint: hint))
        }
        guard let alt else {
            report(.error, "a11y.alt-missing", "the page's image '\(field.value)' has no alt text",
                   "add 'image_alt: Surgeon pointing at the SI joint on a model' below it; a blind patient hears only that")
            return (nil, diagnostics)
        }
        if !renderer.options.unsafe && ExpansionPass.isDangerous(field.value) {
            report(.error, "markdown.unsafe-url",
                   "the image '\(field.value)' could run code in the reader's browser or point at a file on a computer",
                   "use a file in content/ or static/, or an https:// address")
            return (nil, diagnostics)
        }
        let link = MarkdownLink(kind: .image, destination: field.value, title: "", text: alt, position: position)
        let url = resolve(link) ?? field.value
        if let output = renderer.renderImage?(MarkdownImage(source: url, alt: alt, title: "", position: position, isFirst: true)) {
            if case .imageFile(let id, let message, let hint, let isError) = output.problem {
                report(isError ? .error : .warning, id, message, hint)
                if isError { return (nil, diagnostics) }
            }
            if let html = output.html { return (html, diagnostics) }
        }
        return ("<img src=\"\(HTMLText.escaped(url))\" alt=\"\(HTMLText.escaped(alt))\" decoding=\"async\" />", diagnostics)
    }
}
