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

/// The last phase: the checks across pages and of the site as a whole (`SiteChecks`, `FragmentCheck`),
/// over what the render phase kept of each page (`PageFacts`; each page's own checks ran as it was
/// rendered).
enum CheckPhase {
    /// The checks across pages and of the site as a whole, with its `files`.
    static func all(
        _ site: Site, pages: RenderedPages, theme: Theme, files: [String: OutputFile], options: BuildOptions
    ) -> CheckFindings {
        let context = context(site, theme: theme, outputPaths: pages.outputPaths, options: options)
        var findings = CheckFindings()
        (findings.pageChecks, findings.fragments) = SiteChecks.checkAcross(pages.facts, context: context)
        findings.siteChecks = SiteChecks.runSite(
            context, rendered: Set(pages.facts.keys), files: Array(files.values).sorted { $0.path < $1.path })
        return findings
    }

    /// After some pages were rendered again (and checked): the checks across pages (the site-wide
    /// checks are not run).
    static func pages(
        of site: Site, pages: RenderedPages, theme: Theme, options: BuildOptions
    ) -> (fragments: [Diagnostic], pageChecks: [Int: [Diagnostic]]) {
        let (pageChecks, fragments) = SiteChecks.checkAcross(
            pages.facts, context: context(site, theme: theme, outputPaths: pages.outputPaths, options: options))
        return (fragments, pageChecks)
    }

    /// What the checks of `site` look at besides a page's HTML.
    static func context(_ site: Site, theme: Theme, outputPaths: Set<String>, options: BuildOptions) -> CheckContext {
        CheckContext(site: site, theme: theme, outputPaths: outputPaths, today: options.publishing.today(in: site.config.timeZone))
    }
}
