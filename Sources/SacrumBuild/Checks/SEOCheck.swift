import SacrumContent
import SacrumMarkdown

/// The basics search engines and link previews need: a title and a description on every page, each
/// one different from every other page's, a description of a useful length, and a canonical link.
enum SEOCheck {
    static func checkPage(_ page: Page, context: CheckContext, tags: [HTMLScanner.Tag]) -> [Diagnostic] {
        guard page.role != .notFound else { return [] }
        var diagnostics: [Diagnostic] = []
        let file = page.file.isEmpty ? context.templateFile(of: page.id) : page.file
        if page.title.trimmed.isEmpty {
            diagnostics.append(Diagnostic(.error, id: "seo.title-missing", file: file, line: 1, column: 1, message: "the page has no title",
                                          hint: "add 'title: ...' to the front matter"))
        }
        if let source = page.source {
            if let description = source.frontMatter.description, !description.isEmpty {
                let length = description.count
                if length < 50 || length > 160 {
                    let position = source.frontMatter.keyPositions["description"]
                    diagnostics.append(
                        Diagnostic(
                            .warning, id: "seo.description-length", file: source.file, line: position?.line ?? 1,
                            column: position?.column ?? 1,
                            message: "the description is \(length) characters long; search results show 50 to 160",
                            hint: length < 50 ? "say in one full sentence what the page offers" : "shorten it to one sentence"))
                }
            } else {
                diagnostics.append(
                    Diagnostic(
                        .warning, id: "seo.description-missing", file: source.file, line: 1, column: 1,
                        message: "the page has no description",
                        hint: "add 'description: ...', one sentence of 50 to 160 characters for search results and link previews"))
            }
        }
        let hasCanonical = tags.contains {
            $0.name == "link" && $0.attribute("rel")?.lowercased() == "canonical" && !($0.attribute("href") ?? "").isEmpty
        }
        if !hasCanonical {
            diagnostics.append(
                Diagnostic(
                    .error, id: "seo.canonical-missing", file: context.templateFile(of: page.id),
                    message: "\(page.url) has no canonical link",
                    hint: "add <link rel=\"canonical\" href=\"{{page.canonical}}\"> to the template's <head>"))
        }
        return diagnostics
    }

    /// Titles and descriptions that more than one of the `rendered` pages uses.
    static func checkDuplicates(_ context: CheckContext, rendered: Set<Int>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var titles: [String: Page] = [:]
        var descriptions: [String: Page] = [:]
        for page in context.site.pages where page.role != .notFound && rendered.contains(page.id) {
            // Per language: a translation may keep a name (hreflang tells search engines the versions apart).
            let language = page.language == 0 ? "" : "\(page.language)\u{0}"
            let title = page.title.trimmed.lowercased()
            if !title.isEmpty {
                if let first = titles[language + title] {
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "seo.title-duplicate", file: page.file, line: page.source == nil ? 0 : 1, column: page.source == nil ? 0 : 1,
                            message: "\(page.url) has the same title as \(first.url): '\(page.title)'",
                            hint: "give each page its own title; search results cannot tell them apart"))
                } else {
                    titles[language + title] = page
                }
            }
            if let description = page.frontMatter.description?.trimmed.lowercased(), !description.isEmpty {
                if let first = descriptions[language + description] {
                    let position = page.frontMatter.keyPositions["description"]
                    diagnostics.append(
                        Diagnostic(
                            .warning, id: "seo.description-duplicate", file: page.file, line: position?.line ?? 1,
                            column: position?.column ?? 1, message: "\(page.url) has the same description as \(first.url)",
                            hint: "describe what this page offers that the other does not"))
                } else {
                    descriptions[language + description] = page
                }
            }
        }
        return diagnostics
    }
}
