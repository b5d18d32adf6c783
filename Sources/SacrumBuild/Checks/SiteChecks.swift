import SacrumContent
import SacrumTheme

/// Runs every check over a rendered site and applies the pages' `ignore_checks`: the checks of one
/// page run right where it is rendered, over its HTML (`checkPage`); the checks across pages run
/// afterwards over what each page left (`PageFacts`) and the site (`checkAcross`, `runSite`).
enum SiteChecks {
    /// The checks of one rendered page, reading its HTML once (`HTMLScanner.scan`): their problems,
    /// and what the checks across pages need of the page.
    static func checkPage(_ index: Int, html: String, context: CheckContext) -> PageFacts {
        let page = context.site.pages[index]
        let scan = HTMLScanner.scan(html)  // once, for every check that reads the HTML
        let links = TemplateLinkCheck.check(page, context: context, tags: scan.tags, ids: scan.ids)
        let diagnostics =
            ContentAccessibilityCheck.check(page, context: context, tags: scan.tags)
            + MedicalReviewCheck.check(page, context: context)
            + ProcedureTypeCheck.check(page, context: context)
            + StoryCheck.check(page, context: context, html: html)
            + SourceOfTruthCheck.check(page, context: context)
            + PrivacyCheck.check(page, context: context, tags: scan.tags)
            + SEOCheck.checkPage(page, context: context, tags: scan.tags)
            + links.diagnostics
            + TranslationCheck.check(page, context: context)
            + placeholders(in: page)
        return PageFacts(ids: scan.ids, fragmentLinks: links.fragmentLinks, diagnostics: diagnostics)
    }

    /// Every rendered page's problems, by page index: its own checks' and those of the links its
    /// template makes to other pages' `#fragments`; and the Markdown links to `#fragments` that no page
    /// has (`FragmentCheck`).
    static func checkAcross(_ facts: [Int: PageFacts], context: CheckContext) -> (pages: [Int: [Diagnostic]], fragments: [Diagnostic]) {
        var pages = facts.mapValues(\.diagnostics)
        for (index, diagnostics) in TemplateLinkCheck.checkFragments(facts, context: context) { pages[index, default: []] += diagnostics }
        return (pages, FragmentCheck.check(context.site, facts: facts))
    }

    /// The checks that look at the whole site at once; `rendered` are the pages rendered.
    static func runSite(_ context: CheckContext, rendered: Set<Int>, files: [OutputFile]) -> [Diagnostic] {
        SEOCheck.checkDuplicates(context, rendered: rendered) + SourceOfTruthCheck.checkTemplates(context) + TranslationCheck.checkSite(context)
            + PrivacyCheck.checkStylesheets(files, allowed: Set(context.site.config.allowedHosts))
    }

    /// A template's problem shows on every page it renders; it is reported once, at the template's line,
    /// naming the first page and how many more.
    static func mergingTemplateRepeats(_ diagnostics: [Diagnostic], templateFiles: Set<String>) -> [Diagnostic] {
        // Only the problems in templates need display order (the first names the page); the rest
        // keep theirs.
        let inTemplate = { (diagnostic: Diagnostic) in templateFiles.contains(diagnostic.file) && diagnostic.line > 0 }
        return diagnostics.filter { !inTemplate($0) }
            + diagnostics.filter(inTemplate).sortedForDisplay().mergingRepeats(
                key: { "\($0.id)|\($0.file)|\($0.line)|\($0.column)" },
                more: { $0 == 1 ? " (and 1 more page)" : " (and \($0) more pages)" })
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
        for index in site.pages.indices {  // by index: a page is not copied to read one field
            guard let entries = site.pages[index].source?.frontMatter.ignoredChecks, !entries.isEmpty,
                let source = site.pages[index].source
            else { continue }
            for entry in entries {
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
