import SacrumContent
import SacrumTheme

/// What the build keeps of its rendered pages: not their HTML, but what the checks found on each page
/// and keep of it for the checks across pages (`PageFacts`), every path the build writes, and the
/// pages already written to a staging folder.
struct RenderedPages: Sendable {
    /// Each rendered page's facts, by page index.
    var facts: [Int: PageFacts] = [:]
    /// Every path the build writes (pages, redirects, generated files, assets), for the link checks.
    var outputPaths: Set<String> = []
    /// The pages written to the staging folder as they were rendered (`sacrum build`).
    var staged: [StagedFile] = []
}

/// The phase after the Markdown: the pages through their templates (`PageRenderStage`), each checked
/// as it is rendered.
enum RenderPhase {
    /// Renders the pages at `indexes` of `site` and runs `checks` on each, taking their facts into
    /// `pages` and their problems (a page without a template or over the render budget) into `problems`
    /// (replacing what those pages had); returns their published files, or with `staging` writes them
    /// there (into `pages.staged`) and returns none.
    static func render(
        _ indexes: [Int], of site: Site, theme: Theme, assets: AssetCollector.Result, strings: ThemeStrings,
        finisher: PageFinisher, checks: CheckContext, staging: PageStaging? = nil, into pages: inout RenderedPages,
        problems: inout BuildDiagnostics
    ) async -> [OutputFile] {
        let rendered = await PageRenderStage.render(
            RenderEnvironment(site: site, assets: assets.names, strings: strings), theme: theme, pages: indexes, finisher: finisher,
            checks: checks, staging: staging)
        for index in indexes {
            problems.render[index] = rendered.diagnostics[index]
            pages.facts[index] = rendered.facts[index]
        }
        pages.staged += rendered.staged
        return rendered.files
    }
}
