import SacrumContent
import SacrumTheme

/// The pages' HTML as rendered (before the base path and `noindex` are put in), which the checks
/// read, with the template that rendered each page.
struct RenderedPages: Sendable {
    /// Each page's HTML, by page index.
    var html: [Int: String] = [:]
    /// The template that rendered each page, by page index.
    var templates: [Int: String] = [:]
}

/// The phase after the Markdown: the pages through their templates (`PageRenderStage`).
enum RenderPhase {
    /// Renders the pages at `indexes` of `site`, taking their HTML and templates into `pages` and their
    /// problems (a page without a template or over the render budget) into `problems` (replacing what
    /// those pages had); returns their published files.
    static func render(
        _ indexes: [Int], of site: Site, theme: Theme, assets: AssetCollector.Result, strings: ThemeStrings,
        finisher: PageFinisher, into pages: inout RenderedPages, problems: inout BuildDiagnostics
    ) async -> [OutputFile] {
        let rendered = await PageRenderStage.render(
            RenderEnvironment(site: site, assets: assets.names, strings: strings), theme: theme, pages: indexes, finisher: finisher)
        for index in indexes { problems.render[index] = rendered.diagnostics[index] }
        for (index, text) in rendered.pagesByIndex { pages.html[index] = text }
        for (index, name) in rendered.templates { pages.templates[index] = name }
        return rendered.files
    }
}
