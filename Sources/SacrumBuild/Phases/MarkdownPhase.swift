import SacrumContent
import SacrumTheme

/// Pages' Markdown as rendered, with what it was rendered with besides each page's source, so that a
/// later build renders again only what changed (the preview keeps it between builds).
struct MarkdownRenderings: Sendable {
    /// Each page's rendering, by path inside `content/`.
    var byPath: [String: ContentStage.Rendered] = [:]
    /// Where every page was and which files existed: links resolve the same while it is the same.
    var urlSignature: [String: String] = [:]
    /// Shortcodes show site.yaml's facts through their templates (and the partials those include), so
    /// a change to either renders the Markdown again; other template edits re-render only the HTML.
    var config: SiteConfig?
    var shortcodeTemplates: [String: String] = [:]
    /// The processed images the Markdown was rendered with.
    var imageKeys: [String] = []
}

/// The phase after the page tree: every readable page's Markdown, rendered with its links resolved,
/// its shortcodes expanded and its images as pictures.
enum MarkdownPhase {
    /// What the phase made.
    struct Result: Sendable {
        /// The tree with each page's content.
        var site: Site
        /// Each page's Markdown problems (its links, shortcodes and images), by page index.
        var diagnostics: [Int: [Diagnostic]]
        /// The shortcodes the pages were expanded with.
        var shortcodes: ShortcodeTemplates?
        /// The renderings, for the next build.
        var renderings: MarkdownRenderings
    }

    /// Renders the pages of `tree` (built with `config`), taking from `earlier` the renderings whose
    /// source is unchanged while every page keeps its URL, the same files exist and site.yaml, the
    /// shortcode templates and the images are the same.
    static func render(
        _ tree: Site, config: SiteConfig, theme: Theme?, assets: AssetCollector.Result, strings: ThemeStrings, images: ImageStage.Result,
        reusing earlier: MarkdownRenderings?
    ) async -> Result {
        let signature = signature(of: tree, publishedFiles: assets.published)
        let templates = theme.map(ShortcodeTemplates.inputs(of:)) ?? [:]
        var cache: [String: ContentStage.Rendered] = [:]
        if let earlier, earlier.urlSignature == signature, earlier.config == config, earlier.shortcodeTemplates == templates,
            earlier.imageKeys == images.keys
        {
            cache = earlier.byPath
        }
        let shortcodes = theme.map {
            ShortcodeTemplates(theme: $0, environment: RenderEnvironment(site: tree, assets: assets.names, strings: strings))
        }
        var (rendered, byPage) = await ContentStage.render(
            tree, publishedFiles: assets.published, reusing: cache, shortcodes: shortcodes, renderImage: images.catalog.render)
        // The image checks of pages rendered now; a reused rendering keeps the diagnostics it was cached with.
        for index in rendered.pages.indices {
            guard let content = rendered.pages[index].content, !content.imageReferences.isEmpty, let source = rendered.pages[index].source,
                cache[source.contentPath]?.content !== content
            else { continue }
            byPage[index, default: []] += images.catalog.diagnostics(
                for: content.imageReferences, file: source.file, budget: config.imagePageWeightBudget)
        }
        var renderings = MarkdownRenderings(urlSignature: signature, config: config, shortcodeTemplates: templates, imageKeys: images.keys)
        for page in rendered.pages {
            guard let source = page.source, let content = page.content else { continue }
            renderings.byPath[source.contentPath] = ContentStage.Rendered(source: source, content: content, diagnostics: byPage[page.id] ?? [])
        }
        return Result(site: rendered, diagnostics: byPage, shortcodes: shortcodes, renderings: renderings)
    }

    /// Where every page is, for knowing whether links resolve as before.
    static func signature(of site: Site, publishedFiles: Set<String>) -> [String: String] {
        var signature: [String: String] = [:]
        for page in site.pages { signature[page.source?.contentPath ?? "#" + page.url] = page.url }
        for path in site.hiddenPages.keys { signature[path] = "(hidden)" }
        for file in publishedFiles { signature["file:" + file] = "" }
        return signature
    }
}
