import SacrumContent
import SacrumTheme

/// Everything one build made and found: what each phase produced, the site's files and the problems.
/// `BuildPipeline` makes it; the one-shot build turns it into a `BuildResult`, and the preview keeps it
/// to update (`IncrementalBuild`).
struct SiteBuild: Sendable {
    let options: BuildOptions
    /// Fingerprint asset file names (publishing); the preview keeps plain names so that a stylesheet
    /// edit touches no page.
    let fingerprintAssets: Bool
    /// Put the base URL's path in front of root-relative links (publishing); the preview server serves
    /// the site at its root.
    let prefixesLinks: Bool

    /// site.yaml, with the theme's colours where it sets none.
    var config: SiteConfig?
    /// The colours site.yaml itself sets.
    var siteColors = ThemeColors()
    var theme: Theme?
    /// The theme's strings in each language (`i18n/<language>.yaml`).
    var strings = ThemeStrings()
    var assets = AssetCollector.Result()
    /// The processed raster images (see ImageStage).
    var images = ImageStage.Result()
    var sources = PageSources()
    var markdown = MarkdownRenderings()
    /// The shortcodes pages were expanded with.
    var shortcodes: ShortcodeTemplates?
    /// The page tree with each page's content.
    var site: Site?
    var pages = RenderedPages()
    /// Every output file by path.
    var files: [String: OutputFile] = [:]
    /// The articles in the feeds, newest first.
    var feedArticles: [Int] = []
    /// The problems found, by phase (the sources', assets' and images' are kept with them).
    var problems = BuildDiagnostics()
    var timings: [PhaseTiming] = []

    init(options: BuildOptions, fingerprintAssets: Bool, prefixesLinks: Bool) {
        self.options = options
        self.fingerprintAssets = fingerprintAssets
        self.prefixesLinks = prefixesLinks
    }

    /// Where the site's inputs are, for the theme site.yaml names (the default theme before it is read).
    var layout: SiteLayout { SiteLayout(root: options.root, themeName: config?.theme ?? "default") }

    /// What turns rendered pages into published ones for this build's base URL and environment.
    var finisher: PageFinisher {
        config.map { PageFinisher(config: $0, prefixesLinks: prefixesLinks) } ?? .none
    }

    /// Every diagnostic, ignores applied, in display order (warnings as errors under `strict`).
    var diagnostics: [Diagnostic] {
        problems.list(
            sources: sources.diagnostics, assets: assets.diagnostics, images: images.diagnostics, site: site, theme: theme,
            strict: options.strict)
    }

    /// Counts for the summary line.
    var summary: BuildSummary {
        var summary = BuildSummary()
        if let site {
            for index in site.pages.indices where site.pages[index].isWritten {
                switch site.pages[index].role {
                case .regular: summary.pages += 1
                case .home, .section: summary.sections += 1
                case .tag, .tagIndex: summary.tags += 1
                case .notFound: break
                }
            }
            summary.redirects = site.aliases.count
            for reason in site.hiddenPages.values { summary.heldBack[reason, default: 0] += 1 }
        }
        summary.assets = assets.files.count
        summary.environment = config?.environment ?? options.environment
        summary.baseURL = config?.baseURL
        return summary
    }

    /// The build as a `BuildResult`: no files when there is no site or no theme.
    func result() -> BuildResult {
        let ok = site != nil && theme != nil
        var result = BuildResult(
            files: ok ? files.values.sorted { $0.path < $1.path } : [], diagnostics: diagnostics, summary: summary,
            timings: timings, site: ok ? site : nil)
        if fingerprintAssets { result.fingerprinted = Set(assets.names.values.map { String($0.dropFirst()) }) }
        if ok { result.staged = pages.staged }
        return result
    }
}
