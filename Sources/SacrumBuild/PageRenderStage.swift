import SacrumContent
import SacrumTheme

/// Renders every published page with its template, in parallel.
enum PageRenderStage {
    struct Result {
        var files: [OutputFile]
        /// Each page's HTML by page index, for the anchor check.
        var pagesByIndex: [Int: String]
        var diagnostics: [Diagnostic]
    }

    static func render(_ environment: RenderEnvironment, theme: Theme) async -> Result {
        let site = environment.site
        let indexes = site.pages.indices.filter { site.pages[$0].source?.isReadable ?? true }
        let rendered = await parallelMap(indexes) { index -> (Int, String?, Diagnostic?) in
            let page = site.pages[index]
            switch TemplateLookup.template(for: page, in: theme) {
            case .failure(let diagnostic):
                return (index, nil, diagnostic)
            case .success(let name):
                let context = RootContext(
                    environment: environment, page: index, jsonLD: StructuredData.jsonLD(for: page, in: site))
                return (index, theme.render(name, context: context), nil)
            }
        }
        var result = Result(files: [], pagesByIndex: [:], diagnostics: [])
        result.files.reserveCapacity(rendered.count)
        for (index, html, diagnostic) in rendered {
            if let diagnostic { result.diagnostics.append(diagnostic) }
            guard let html else { continue }
            result.files.append(OutputFile(path: site.pages[index].outputPath, contents: .text(html)))
            result.pagesByIndex[index] = html
        }
        return result
    }
}
