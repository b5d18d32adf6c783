import SacrumContent
import SacrumTheme

/// Renders every published page with its template, in parallel.
enum PageRenderStage {
    struct Result {
        var files: [OutputFile]
        /// Each page's HTML by page index, for the anchor check and the checks.
        var pagesByIndex: [Int: String]
        /// The template that rendered each page, by page index.
        var templates: [Int: String]
        /// A page without a template, by page index.
        var diagnostics: [Int: Diagnostic]
    }

    /// Renders `pages` (indexes into the site's pages).
    /// `finisher` makes each page's published file (base path, noindex); `pagesByIndex` keeps the HTML
    /// as rendered, for the checks.
    static func render(
        _ environment: RenderEnvironment, theme: Theme, pages indexes: [Int], finisher: PageFinisher = .none
    ) async -> Result {
        let site = environment.site
        // One environment per language (its title, menus and site-wide partials).
        let environments =
            environment.languages.count == 1
            ? [environment.renderingSitePartials(of: theme)]
            : environment.languages.indices.map { environment.forLanguage($0).renderingSitePartials(of: theme) }
        let clinic = StructuredData.serializedClinic(site)  // the same on every page: written once
        let rendered = await parallelMap(indexes) { index -> (Int, String?, String?, Diagnostic?, String?) in
            let page = site.pages[index]
            let environment = environments[min(page.language, environments.count - 1)]
            switch TemplateLookup.template(for: page, in: theme) {
            case .failure(let diagnostic):
                return (index, nil, nil, diagnostic, nil)
            case .success(let name):
                let context = RootContext(environment: environment, page: index) {
                    StructuredData.jsonLD(for: page, in: site, clinic: clinic)
                }
                do throws(RenderLimitExceeded) {
                    let html = try theme.render(name, context: context)
                    return (index, html, name, nil, html.flatMap { finisher.isIdentity ? nil : finisher.page($0) })
                } catch {
                    let diagnostic = Diagnostic(
                        .error, id: "template.render-limit", file: theme.files[name] ?? name,
                        message: "rendering \(page.url) with this template needed more than \(error.limit) lookups, so it was stopped",
                        hint: "sections over lists nested in each other multiply ({{#menu}}{{#menu}}…{{/menu}}{{/menu}}); loop over each list once")
                    return (index, nil, name, diagnostic, nil)
                }
            }
        }
        var result = Result(files: [], pagesByIndex: [:], templates: [:], diagnostics: [:])
        result.files.reserveCapacity(rendered.count)
        for (index, html, template, diagnostic, published) in rendered {
            if let diagnostic { result.diagnostics[index] = diagnostic }
            guard let html else { continue }
            result.files.append(OutputFile(path: site.pages[index].outputPath, contents: .text(published ?? html)))
            result.pagesByIndex[index] = html
            result.templates[index] = template
        }
        return result
    }
}
