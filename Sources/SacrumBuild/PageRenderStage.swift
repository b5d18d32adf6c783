import SacrumContent
import SacrumTheme

/// Renders every published page with its template, in parallel, and checks each page right after
/// it is rendered, while its HTML is at hand (`SiteChecks.checkPage`): the HTML is not kept.
enum PageRenderStage {
    struct Result {
        var files: [OutputFile]
        /// What the checks found on each page and keep of it for the checks across pages, by page index
        /// (every rendered page, when the stage was given checks).
        var facts: [Int: PageFacts]
        /// A page without a template, by page index.
        var diagnostics: [Int: Diagnostic]
    }

    /// Renders `pages` (indexes into the site's pages).
    /// `finisher` makes each page's published file (base path, noindex); `checks`, when given, are run
    /// on each page's HTML as rendered.
    static func render(
        _ environment: RenderEnvironment, theme: Theme, pages indexes: [Int], finisher: PageFinisher = .none,
        checks: CheckContext? = nil
    ) async -> Result {
        let site = environment.site
        // One environment per language (its title, menus and site-wide partials).
        let environments =
            environment.languages.count == 1
            ? [environment.renderingSitePartials(of: theme)]
            : environment.languages.indices.map { environment.forLanguage($0).renderingSitePartials(of: theme) }
        let clinic = StructuredData.serializedClinic(site)  // the same on every page: written once
        let rendered = await parallelMap(indexes) { index -> (Int, String?, PageFacts?, Diagnostic?) in
            let page = site.pages[index]
            let environment = environments[min(page.language, environments.count - 1)]
            switch TemplateLookup.template(for: page, in: theme) {
            case .failure(let diagnostic):
                return (index, nil, nil, diagnostic)
            case .success(let name):
                let context = RootContext(environment: environment, page: index) {
                    StructuredData.jsonLD(for: page, in: site, clinic: clinic)
                }
                do throws(RenderLimitExceeded) {
                    guard let html = try theme.render(name, context: context) else { return (index, nil, nil, nil) }
                    let facts = checks.map { SiteChecks.checkPage(index, html: html, context: $0) }
                    return (index, finisher.isIdentity ? html : finisher.page(html), facts, nil)
                } catch {
                    let diagnostic = Diagnostic(
                        .error, id: "template.render-limit", file: theme.files[name] ?? name,
                        message: "rendering \(page.url) with this template needed more than \(error.limit) lookups, so it was stopped",
                        hint: "sections over lists nested in each other multiply ({{#menu}}{{#menu}}…{{/menu}}{{/menu}}); loop over each list once")
                    return (index, nil, nil, diagnostic)
                }
            }
        }
        var result = Result(files: [], facts: [:], diagnostics: [:])
        result.files.reserveCapacity(rendered.count)
        for (index, published, facts, diagnostic) in rendered {
            if let diagnostic { result.diagnostics[index] = diagnostic }
            guard let published else { continue }
            result.files.append(OutputFile(path: site.pages[index].outputPath, contents: .text(published)))
            result.facts[index] = facts
        }
        return result
    }
}
