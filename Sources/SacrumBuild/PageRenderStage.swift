import SacrumContent
import SacrumTheme

/// Renders every published page with its template, in parallel, and checks each page right after
/// it is rendered, while its HTML is at hand (`SiteChecks.checkPage`): the HTML is not kept. Given a
/// staging folder (`sacrum build`), each page is written there as soon as it is rendered, and not kept
/// either.
enum PageRenderStage {
    struct Result {
        /// The pages' files (none when they were written to a staging folder).
        var files: [OutputFile]
        /// The pages written to the staging folder.
        var staged: [StagedFile]
        /// What the checks found on each page and keep of it for the checks across pages, by page index
        /// (every rendered page, when the stage was given checks).
        var facts: [Int: PageFacts]
        /// A page without a template, by page index.
        var diagnostics: [Int: Diagnostic]
    }

    /// Renders `pages` (indexes into the site's pages).
    /// `finisher` makes each page's published file (base path, noindex); `checks`, when given, are run
    /// on each page's HTML as rendered; `staging`, when given, takes each page's file as it is made.
    static func render(
        _ environment: RenderEnvironment, theme: Theme, pages indexes: [Int], finisher: PageFinisher = .none,
        checks: CheckContext? = nil, staging: PageStaging? = nil
    ) async -> Result {
        let site = environment.site
        // One environment per language (its title, menus and site-wide partials).
        let environments =
            environment.languages.count == 1
            ? [environment.renderingSitePartials(of: theme)]
            : environment.languages.indices.map { environment.forLanguage($0).renderingSitePartials(of: theme) }
        let clinic = StructuredData.serializedClinic(site)  // the same on every page: written once
        let rendered = await parallelMap(indexes) { index -> Rendered in
            let page = site.pages[index]
            let environment = environments[min(page.language, environments.count - 1)]
            switch TemplateLookup.template(for: page, in: theme) {
            case .failure(let diagnostic):
                return Rendered(index: index, diagnostic: diagnostic)
            case .success(let name):
                let context = RootContext(environment: environment, page: index) {
                    StructuredData.jsonLD(for: page, in: site, clinic: clinic)
                }
                do throws(RenderLimitExceeded) {
                    guard let html = try theme.render(name, context: context) else { return Rendered(index: index) }
                    let facts = checks.map { SiteChecks.checkPage(index, html: html, context: $0) }
                    let file = OutputFile(path: page.outputPath, contents: .text(finisher.isIdentity ? html : finisher.page(html)))
                    guard let staging else { return Rendered(index: index, file: file, facts: facts) }
                    return Rendered(index: index, staged: staging.write(file), facts: facts)
                } catch {
                    let diagnostic = Diagnostic(
                        .error, id: "template.render-limit", file: theme.files[name] ?? name,
                        message: "rendering \(page.url) with this template needed more than \(error.limit) lookups, so it was stopped",
                        hint: "sections over lists nested in each other multiply ({{#menu}}{{#menu}}…{{/menu}}{{/menu}}); loop over each list once")
                    return Rendered(index: index, diagnostic: diagnostic)
                }
            }
        }
        var result = Result(files: [], staged: [], facts: [:], diagnostics: [:])
        result.files.reserveCapacity(staging == nil ? rendered.count : 0)
        result.staged.reserveCapacity(staging == nil ? 0 : rendered.count)
        for page in rendered {
            if let diagnostic = page.diagnostic { result.diagnostics[page.index] = diagnostic }
            if let file = page.file { result.files.append(file) }
            if let staged = page.staged { result.staged.append(staged) }
            if page.file != nil || page.staged != nil { result.facts[page.index] = page.facts }
        }
        return result
    }

    /// What became of one page: its file (or what is left of it once staged), its facts, or the reason
    /// it was not rendered.
    private struct Rendered: Sendable {
        var index: Int
        var file: OutputFile?
        var staged: StagedFile?
        var facts: PageFacts?
        var diagnostic: Diagnostic?
    }
}
