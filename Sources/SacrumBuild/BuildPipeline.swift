import SacrumContent
import SacrumTheme

/// The build: `site.yaml`, `content/` and the theme in; the site's files out, as values, with every
/// problem found on the way. Nothing is written here: `OutputWriter` does that, only when the build
/// succeeded.
///
/// The phases, in order, each a function over values in `Phases/`: configuration, theme, assets and
/// images (timed together as `scan` and `images`), read and front matter, the page tree
/// (`cross-links`), Markdown, render (templates, redirects, sitemap, robots, feeds) and checks.
/// The preview server runs the same build through `IncrementalBuild`, which keeps it between edits.
public struct BuildPipeline: Sendable {
    /// What to build.
    public var options: BuildOptions

    /// Creates a pipeline.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs every phase: the site's files and every diagnostic.
    public func run() async -> BuildResult {
        await build().result()
    }

    /// Runs every phase; with `staging`, each page is written to the staging folder as soon as it is
    /// rendered (with its compressed twins) and is in the result's `staged`, not in its `files`.
    func run(staging: PageStaging.Target?) async -> BuildResult {
        await build(staging: staging).result()
    }

    /// Runs the phases in order. The preview passes the sources and Markdown renderings of its last
    /// build (`earlierSources`, `earlierMarkdown`): files unchanged since are not read or rendered again.
    /// `staging`: where `sacrum build` writes each page as it is rendered.
    func build(
        fingerprintAssets: Bool = true, prefixesLinks: Bool = true, earlierSources: PageSources? = nil,
        earlierMarkdown: MarkdownRenderings? = nil, staging: PageStaging.Target? = nil
    ) async -> SiteBuild {
        var clock = PhaseClock()
        var build = SiteBuild(options: options, fingerprintAssets: fingerprintAssets, prefixesLinks: prefixesLinks)
        let root = options.root
        (build.config, build.problems.config) = ConfigPhase.load(SiteLayout(root: root), options: options)
        build.siteColors = build.config?.colors ?? ThemeColors()
        let scan = SourcePhase.scan(build.layout)
        build.problems.scan = scan.diagnostics
        if var config = build.config {
            let loaded = ThemePhase.load(config, root: root)
            config.colors = loaded.colors
            (build.config, build.theme, build.strings) = (config, loaded.theme, loaded.strings)
            let (assets, assetProblems) = AssetPhase.collect(
                root: root, config: config, theme: loaded.theme, contentFiles: Set(scan.staticFiles), fingerprint: fingerprintAssets)
            (build.assets, build.problems.theme) = (assets, loaded.diagnostics + assetProblems)
        }
        clock.lap("scan")
        if let config = build.config { build.images = await ImagePhase.process(&build.assets, root: root, config: config) }
        clock.lap("images")
        build.sources = await SourcePhase.read(
            scan, layout: build.layout, timeZone: build.config?.timeZone, reusing: earlierSources, clock: &clock)
        clock.lap("front matter")
        guard let config = build.config else {
            build.markdown = earlierMarkdown ?? MarkdownRenderings()  // for when site.yaml is fixed
            build.timings = clock.timings
            return build
        }
        let (tree, treeProblems) = TreePhase.build(config: config, sources: build.sources, scan: scan, options: options.publishing)
        build.problems.tree = treeProblems
        clock.lap("cross-links")
        let markdown = await MarkdownPhase.render(
            tree, config: config, theme: build.theme, assets: build.assets, strings: build.strings, images: build.images,
            reusing: earlierMarkdown)
        (build.site, build.problems.markdown) = (markdown.site, markdown.diagnostics)
        (build.shortcodes, build.markdown) = (markdown.shortcodes, markdown.renderings)
        clock.lap("markdown")
        if let theme = build.theme { await Self.render(markdown.site, theme: theme, staging: staging, into: &build) }
        clock.lap("render")
        if let theme = build.theme {
            let findings = CheckPhase.all(markdown.site, pages: build.pages, theme: theme, files: build.files, options: options)
            build.problems.record(findings)
        }
        clock.lap("checks")
        build.timings = clock.timings
        return build
    }

    /// The render phase and the generated files: the redirects, sitemap, robots and feeds, the assets
    /// where no other file has their path, and every written page, checked as it is rendered (so it
    /// comes last, when every path the build writes is known) and, with `staging`, written there.
    private static func render(_ site: Site, theme: Theme, staging: PageStaging.Target?, into build: inout SiteBuild) async {
        let finisher = build.finisher
        let written = site.pages.indices.filter { site.pages[$0].isWritten }
        let feeds = GeneratedFilesPhase.feeds(site, finisher: finisher)
        build.feedArticles = feeds.articles
        let generated = GeneratedFilesPhase.redirects(site, finisher: finisher) + GeneratedFilesPhase.sitemapAndRobots(site) + feeds.files
        var paths = Set(generated.map(\.path))
        for index in written { paths.insert(site.pages[index].outputPath) }
        build.problems.outputCollisions = OutputCollisions.find(assets: build.assets, written: paths, site: site)
        for file in build.assets.files where !paths.contains(file.path) { build.files[file.path] = finisher.finished(file) }
        build.pages = RenderedPages(outputPaths: paths.union(build.files.keys))
        let pageFiles = await RenderPhase.render(
            written, of: site, theme: theme, assets: build.assets, strings: build.strings, finisher: finisher,
            checks: CheckPhase.context(site, theme: theme, outputPaths: build.pages.outputPaths, options: build.options),
            staging: staging.map { $0.staging(existing: build.pages.outputPaths, settings: site.config.publish) },
            into: &build.pages, problems: &build.problems)
        // A redirect or generated file where a page is wins, as before (the collision is an error).
        for file in pageFiles + generated { build.files[file.path] = file }
    }
}
