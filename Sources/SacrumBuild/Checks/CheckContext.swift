import SacrumContent
import SacrumTheme

/// What the checks look at besides a page's HTML: the site, the theme's sources and every path the
/// build writes. It holds no page's HTML: each page is checked right where it is rendered (see
/// `SiteChecks.checkPage`), and what the checks across pages need is kept in its `PageFacts`.
struct CheckContext: Sendable {
    let site: Site
    let theme: Theme
    /// Every file the build writes (pages, redirects, generated files, assets), by output path.
    let outputPaths: Set<String>
    let today: ContentDate
    /// site.yaml's phone number and hours as the facts check compares them, made once for every page.
    let facts: SourceOfTruthCheck.Facts

    init(site: Site, theme: Theme, outputPaths: Set<String>, today: ContentDate) {
        self.site = site
        self.theme = theme
        self.outputPaths = outputPaths
        self.today = today
        facts = SourceOfTruthCheck.Facts(site.config)
    }

    /// The name of the template that renders `page` (the one `PageRenderStage` chose).
    func template(of page: Int) -> String? {
        guard case .success(let name) = TemplateLookup.template(for: site.pages[page], in: theme) else { return nil }
        return name
    }

    /// The template file that rendered `page`, for problems in what the template produced.
    func templateFile(of page: Int) -> String {
        template(of: page).flatMap { theme.files[$0] } ?? site.pages[page].file
    }

    /// Where in the page's template `text` is written literally, if it is: a template that hard-codes
    /// something is reported at that line; otherwise at the page's file.
    func locate(_ text: String, page: Int) -> (file: String, line: Int, column: Int) {
        if let name = template(of: page) {
            for candidate in [name] + partialNames {
                guard let source = theme.sources[candidate], let position = TextPosition.find(text, in: source) else { continue }
                return (theme.files[candidate] ?? candidate, position.line, position.column)
            }
        }
        return (site.pages[page].file, 0, 0)
    }

    private var partialNames: [String] { theme.sources.keys.sorted() }

    /// Pages with a file, published.
    var sourcePages: [Page] { site.pages.filter { $0.isWritten && $0.source != nil } }
}

/// Line and column of text inside a larger text.
enum TextPosition {
    static func find(_ needle: String, in haystack: String) -> (line: Int, column: Int)? {
        guard !needle.isEmpty, let range = haystack.firstRange(of: needle) else { return nil }
        return position(of: range.lowerBound, in: haystack)
    }

    static func position(of index: String.Index, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = text.startIndex
        var cursor = text.startIndex
        while cursor < index {
            if text[cursor] == "\n" {
                line += 1
                lineStart = text.index(after: cursor)
            }
            cursor = text.index(after: cursor)
        }
        return (line, text.utf8.distance(from: lineStart, to: index) + 1)
    }
}
