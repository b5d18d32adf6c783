import SacrumContent
import SacrumTheme

/// What the checks found.
struct CheckFindings: Sendable {
    /// Links to `#fragments` that no page has.
    var fragments: [Diagnostic] = []
    /// Each page's checks, by page index.
    var pageChecks: [Int: [Diagnostic]] = [:]
    /// Checks of the site as a whole.
    var siteChecks: [Diagnostic] = []
}

/// The last phase: the checks of the rendered site (`SiteChecks`, `FragmentCheck`).
enum CheckPhase {
    /// Checks every page and the site as a whole, with its `files`.
    static func all(
        _ site: Site, pages: RenderedPages, theme: Theme, files: [String: OutputFile], options: BuildOptions
    ) async -> CheckFindings {
        var findings = CheckFindings()
        findings.fragments = FragmentCheck.check(site, pages: pages.html)
        let context = context(site, pages: pages, theme: theme, outputPaths: Set(files.keys), options: options)
        let idsByPath = await SiteChecks.ids(context, pages: site.pages.map(\.id))
        findings.pageChecks = await SiteChecks.runPages(site.pages.map(\.id), context: context, idsByPath: idsByPath)
        findings.siteChecks = SiteChecks.runSite(context, files: Array(files.values).sorted { $0.path < $1.path })
        return findings
    }

    /// After some pages were rendered again: the fragment links of the whole site, and the checks of
    /// the pages at `indexes` (the site-wide checks are not run).
    static func pages(
        _ indexes: [Int], of site: Site, pages: RenderedPages, theme: Theme, outputPaths: Set<String>, options: BuildOptions
    ) async -> (fragments: [Diagnostic], pageChecks: [Int: [Diagnostic]]) {
        let fragments = FragmentCheck.check(site, pages: pages.html)
        let context = context(site, pages: pages, theme: theme, outputPaths: outputPaths, options: options)
        let idsByPath = await SiteChecks.ids(context, pages: indexes)
        return (fragments, await SiteChecks.runPages(indexes, context: context, idsByPath: idsByPath))
    }

    private static func context(
        _ site: Site, pages: RenderedPages, theme: Theme, outputPaths: Set<String>, options: BuildOptions
    ) -> CheckContext {
        CheckContext(
            site: site, html: pages.html, templates: pages.templates, theme: theme, outputPaths: outputPaths,
            today: options.publishing.today(in: site.config.timeZone))
    }
}
