import SacrumContent
import SacrumTheme

/// Runs every check over a rendered site (in parallel, page by page) and applies the pages'
/// `ignore_checks`.
enum SiteChecks {
    static func run(_ context: CheckContext, files: [OutputFile]) async -> [Diagnostic] {
        let idsByPath = await ids(context, pages: context.site.pages.map(\.id))
        let perPage = await runPages(context.site.pages.map(\.id), context: context, idsByPath: idsByPath)
        let all = perPage.keys.sorted().flatMap { perPage[$0] ?? [] } + runSite(context, files: files)
        return mergingTemplateRepeats(all, templateFiles: Set(context.theme.files.values))
    }

    /// The `id` attributes of the given pages' HTML, by output path.
    static func ids(_ context: CheckContext, pages: [Int]) async -> [String: Set<String>] {
        let rendered = pages.filter { context.html[$0] != nil }
        let pairs = await parallelMap(rendered) { index in
            (context.site.pages[index].outputPath, HTMLIDs.ids(in: context.html[index] ?? ""))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// The checks of single pages, by page index.
    static func runPages(_ indexes: [Int], context: CheckContext, idsByPath: [String: Set<String>]) async -> [Int: [Diagnostic]] {
        let rendered = indexes.filter { context.html[$0] != nil }
        let results = await parallelMap(rendered) { index -> (Int, [Diagnostic]) in
            let page = context.site.pages[index]
            let tags = HTMLScanner.tags(in: context.html[index] ?? "")  // once, for every check that reads the HTML
            return (
                index,
                ContentAccessibilityCheck.check(page, context: context, tags: tags)
                    + MedicalReviewCheck.check(page, context: context)
                    + ProcedureTypeCheck.check(page, context: context)
                    + StoryCheck.check(page, context: context)
                    + SourceOfTruthCheck.check(page, context: context)
                    + PrivacyCheck.check(page, context: context, tags: tags)
                    + SEOCheck.checkPage(page, context: context, tags: tags)
                    + TemplateLinkCheck.check(page, context: context, tags: tags, idsByPath: idsByPath)
                    + TranslationCheck.check(page, context: context)
                    + placeholders(in: page)
            )
        }
        return Dictionary(results, uniquingKeysWith: { first, _ in first })
    }

    /// The checks that look at the whole site at once.
    static func runSite(_ context: CheckContext, files: [OutputFile]) -> [Diagnostic] {
        SEOCheck.checkDuplicates(context) + SourceOfTruthCheck.checkTemplates(context) + TranslationCheck.checkSite(context)
            + PrivacyCheck.checkStylesheets(files, allowed: Set(context.site.config.allowedHosts))
    }

    /// A template's problem shows on every page it renders; it is reported once, at the template's line,
    /// naming the first page and how many more.
    static func mergingTemplateRepeats(_ diagnostics: [Diagnostic], templateFiles: Set<String>) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var firstIndex: [String: Int] = [:]
        var repeats: [Int: Int] = [:]
        for diagnostic in diagnostics.sortedForDisplay() {
            guard templateFiles.contains(diagnostic.file), diagnostic.line > 0 else {
                result.append(diagnostic)
                continue
            }
            let key = "\(diagnostic.id)|\(diagnostic.file)|\(diagnostic.line)|\(diagnostic.column)"
            if let index = firstIndex[key] {
                repeats[index, default: 0] += 1
            } else {
                firstIndex[key] = result.count
                result.append(diagnostic)
            }
        }
        for (index, count) in repeats {
            result[index].message += count == 1 ? " (and 1 more page)" : " (and \(count) more pages)"
        }
        return result
    }

    /// Front-matter values and lines of text still marked as placeholders.
    static func placeholders(in page: Page) -> [Diagnostic] {
        guard let source = page.source else { return [] }
        return PagePlaceholders.find(in: source).map { found in
            if let key = found.key {
                return Diagnostic(
                    .warning, id: "config.placeholder", file: source.file, line: found.line, column: found.column,
                    message: "'\(key)' is still a placeholder", hint: "replace it with the real value before publishing")
            }
            return Diagnostic(
                .warning, id: "config.placeholder", file: source.file, line: found.line, column: found.column,
                message: "the text still holds a placeholder", hint: "replace it with the page's real text before publishing")
        }
    }

    /// Drops the diagnostics a page's `ignore_checks` silences (each with its reason), and warns about
    /// entries that name no check.
    static func applyIgnores(_ diagnostics: [Diagnostic], site: Site) -> [Diagnostic] {
        var ignored: [String: Set<String>] = [:]
        var result: [Diagnostic] = []
        for page in site.pages {
            guard let source = page.source else { continue }
            for entry in source.frontMatter.ignoredChecks {
                if CheckRegistry.ids.contains(entry.id) {
                    ignored[source.file, default: []].insert(entry.id)
                } else {
                    result.append(
                        Diagnostic(
                            .warning, id: "frontmatter.ignore", file: source.file, line: entry.position.line,
                            column: entry.position.column, message: "'ignore_checks' names '\(entry.id)', which is not a check",
                            hint: Suggestion.closest(to: entry.id, in: CheckRegistry.ids).map { "did you mean '\($0)'?" }
                                ?? "see the check ids in the README"))
                }
            }
        }
        result += diagnostics.filter { !(ignored[$0.file]?.contains($0.id) ?? false) }
        return result
    }
}
