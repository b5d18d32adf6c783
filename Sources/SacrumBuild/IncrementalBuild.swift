internal import Foundation
import SacrumContent
import SacrumMarkdown
import SacrumTheme

/// The preview's build: the last `SiteBuild` kept between edits, so that the next build after a change
/// redoes only what the change touches: the preview server edits one page and sees it again in
/// milliseconds. It runs the same phases as the one-shot build (`BuildPipeline`).
///
/// What a change redoes:
/// - a page's body (front matter unchanged): that page's Markdown, its HTML, the pages that show its
///   summary, the anchor check and that page's checks;
/// - anything else in `content/`: the page tree, the Markdown of changed files (all of it when URLs
///   moved), every page's HTML and the checks;
/// - a template: every page's HTML and the checks; `site.yaml`: everything;
/// - a stylesheet, when assets are not fingerprinted: only the stylesheet.
struct IncrementalBuild: Sendable {
    let pipeline: BuildPipeline
    /// The current state of the site.
    private(set) var build: SiteBuild
    /// The paths the last update changed; `nil` after a full build (everything may have changed).
    private(set) var changedPaths: Set<String>?
    /// After a full build, the paths the build before had and this one has not.
    private(set) var removedPaths: Set<String> = []
    /// Every output path of the last full build, to tell which paths the next full build removed (the
    /// checks use the render phase's own set, `RenderedPages.outputPaths`).
    private var outputPaths: Set<String> = []

    /// What an update changed, for the preview server.
    enum Change: Sendable, Equatable {
        /// Nothing that is served changed.
        case none
        /// Only stylesheets changed.
        case stylesheets
        /// Pages changed.
        case pages
    }

    /// An empty state for the site in `options.root`: assets keep their plain names and links their
    /// root-relative paths (the preview serves the site at its root).
    init(options: BuildOptions) {
        pipeline = BuildPipeline(options: options)
        build = SiteBuild(options: options, fingerprintAssets: false, prefixesLinks: false)
    }

    private var options: BuildOptions { pipeline.options }
    private var layout: SiteLayout { build.layout }

    // MARK: - Full build

    /// Builds everything, reusing the sources and Markdown of files unchanged since the last build.
    mutating func buildAll() async {
        changedPaths = nil
        let (sources, markdown) = (build.sources, build.markdown)
        let previousPaths = outputPaths
        build = SiteBuild(options: options, fingerprintAssets: false, prefixesLinks: false)  // lets the old pages go first
        build = await pipeline.build(
            fingerprintAssets: false, prefixesLinks: false, earlierSources: sources, earlierMarkdown: markdown)
        outputPaths = Set(build.files.keys)
        removedPaths = previousPaths.subtracting(outputPaths)
    }

    // MARK: - Updates

    /// Brings the build up to date with changed files (absolute paths, as a file watcher reports them).
    mutating func update(changed paths: Set<String>) async -> Change {
        var contentPages: [String] = []
        var stylesheetsOnly = true
        var needsFull = build.site == nil
        for path in paths {
            switch layout.input(layout.relative(path)) {
            case .look, .structure: needsFull = true
            case .page(let page):
                contentPages.append(page)
                stylesheetsOnly = false
            case .file: stylesheetsOnly = false
            case .stylesheet, .other: continue
            }
        }
        if needsFull {
            await buildAll()
            return .pages
        }
        if contentPages.isEmpty {
            guard let config = build.config else { return .none }
            let scan = SourcePhase.scan(layout)
            var (collected, _) = AssetPhase.collect(
                root: options.root, config: config, theme: nil, contentFiles: Set(scan.staticFiles), fingerprint: false)
            let collectedImages = await ImagePhase.process(&collected, root: options.root, config: config)
            if collected.published == build.assets.published && collectedImages.keys == build.images.keys {
                build.assets = collected
                changedPaths = []
                let finisher = build.finisher
                for file in collected.files { store(finisher.finished(file)) }
                return stylesheetsOnly ? .stylesheets : .pages
            }
            await buildAll()
            return .pages
        }
        if await updateBodies(contentPages) { return .pages }
        await buildAll()
        return .pages
    }

    /// The fast path: pages whose front matter did not change get their Markdown and HTML again, and
    /// so do the pages that show their summary. Returns false when the change is more than that.
    private mutating func updateBodies(_ paths: [String]) async -> Bool {
        guard var site = build.site, let config = build.config, let theme = build.theme else { return false }
        build.site = nil  // so that changing `site` below does not copy every page
        defer { if build.site == nil { build.site = site } }
        var clock = PhaseClock()
        var changed: [(index: Int, entry: PageSources.Entry)] = []
        for path in paths {
            guard let old = build.sources.byPath[path], old.source.isReadable, let index = site.pageByContentPath[path],
                site.pages[index].source?.contentPath == path, site.pages[index].claimsURL
            else { return false }
            let fingerprint = FileIO.fingerprint(layout.contentPath(path))
            if let fingerprint, old.fingerprint == fingerprint { continue }
            let (source, diagnostics) = PageSource.load(
                path: layout.contentPath(path), contentPath: path, timeZone: config.timeZone)
            guard source.isReadable, source.frontMatter == old.source.frontMatter else { return false }
            changed.append((index, PageSources.Entry(fingerprint: fingerprint, source: source, diagnostics: diagnostics)))
        }
        clock.lap("read")
        guard !changed.isEmpty else { return true }
        var renderer = ContentStage.renderer(for: config)
        renderer.renderImage = build.images.catalog.render
        var affected: Set<Int> = []
        changedPaths = []
        for (index, entry) in changed {
            build.sources.byPath[entry.source.contentPath] = entry
            let oldSummary = site.pages[index].content?.document.summary
            site.pages[index].source = entry.source
            let (_, content, diagnostics) = ContentStage.render(
                site.pages[index], in: site, renderer: renderer, publishedFiles: build.assets.published, shortcodes: build.shortcodes)
            site.pages[index].content = content
            let allDiagnostics = diagnostics + build.images.catalog.diagnostics(
                for: content.imageReferences, file: entry.source.file, budget: config.imagePageWeightBudget)
            build.problems.markdown[index] = allDiagnostics
            build.markdown.byPath[entry.source.contentPath] = ContentStage.Rendered(
                source: entry.source, content: content, diagnostics: allDiagnostics)
            affected.insert(index)
            if content.document.summary != oldSummary { affected.formUnion(Self.pagesShowingSummary(of: index, in: site)) }
        }
        build.site = site
        clock.lap("markdown")
        let pageFiles = await RenderPhase.render(
            Array(affected).sorted(), of: site, theme: theme, assets: build.assets, strings: build.strings, finisher: build.finisher,
            checks: CheckPhase.context(site, theme: theme, outputPaths: build.pages.outputPaths, options: options),
            into: &build.pages, problems: &build.problems)
        for file in pageFiles { store(file) }
        // The front matter did not change, so the sitemap (URLs and dates) is the same; the feed carries
        // the HTML of its articles.
        if changed.contains(where: { build.feedArticles.contains($0.index) }) {
            let feeds = GeneratedFilesPhase.feeds(site, finisher: build.finisher)
            build.feedArticles = feeds.articles
            for file in feeds.files { store(file) }
        }
        clock.lap("render")
        let checked = CheckPhase.pages(of: site, pages: build.pages, theme: theme, options: options)
        build.problems.fragments = checked.fragments
        build.problems.pageChecks = checked.pageChecks
        clock.lap("checks")
        build.timings = clock.timings
        return true
    }

    /// Pages whose HTML shows `page`'s summary: its section, its tags, and pages cross-linking it.
    static func pagesShowingSummary(of page: Int, in site: Site) -> Set<Int> {
        var pages: Set<Int> = []
        if let parent = site.pages[page].parent { pages.insert(parent) }
        pages.formUnion(site.pages[page].tagPages)
        for other in site.pages
        where other.conditions.contains(page) || other.treatments.contains(page) || other.stories.contains(page)
            || other.related.contains(page)
        {
            pages.insert(other.id)
        }
        return pages
    }

    /// Puts a file in the output, remembering that it changed.
    private mutating func store(_ file: OutputFile) {
        build.files[file.path] = file
        changedPaths?.insert(file.path)
    }

    // MARK: - Open pages first

    /// Whether the changed files (absolute paths) are only templates, theme.yaml and site.yaml: edits
    /// of how the site looks, after which the preview renders the open pages first.
    func isLookEdit(_ paths: Set<String>) -> Bool {
        let layout = self.layout
        return !paths.isEmpty && paths.allSatisfy { layout.input(layout.relative($0)) == .look }
    }

    /// The pages at `outputPaths` (`contact/index.html`) rendered with the templates, theme.yaml and
    /// site.yaml as they are on disk now, ahead of the full build that follows a look edit (see
    /// `isLookEdit`); the state does not change. After a site.yaml edit the page tree is made again
    /// from the cached sources and Markdown (shortcodes may show the old facts until the full build).
    /// `nil` when there is nothing to render first, or the theme or site.yaml has an error: the full
    /// build reports every problem.
    func renderFirst(_ outputPaths: Set<String>, changed paths: Set<String>) async -> [String: OutputFile]? {
        guard var site = build.site, let current = build.config, !outputPaths.isEmpty, isLookEdit(paths) else { return nil }
        var config = current
        if paths.contains(layout.configPath) {
            let (decoded, diagnostics) = ConfigPhase.load(layout, options: options)
            // The full build that follows reports the problems.
            guard let decoded, !diagnostics.containsErrors else { return nil }
            config = decoded
        } else {
            config.colors = build.siteColors
        }
        guard config.theme == current.theme else { return nil }
        let (loaded, diagnostics) = ThemeLoader(root: options.root, themeName: config.theme).load()
        guard let theme = loaded, !diagnostics.containsErrors else { return nil }
        config.colors = theme.colors.overridden(by: config.colors)
        // New colours change css/colors.css too, which only the full build publishes.
        guard config.colors == current.colors else { return nil }
        if config != site.config {
            let content = ContentLoader.Result(
                pages: site.pages.compactMap(\.source), staticFiles: [], folders: [], diagnostics: [])
            let (tree, _) = SiteTreeBuilder.build(config: config, content: content, options: options.publishing)
            var contents: [String: MarkdownContent] = [:]
            for page in site.pages { if let path = page.source?.contentPath, let content = page.content { contents[path] = content } }
            var rebuilt = tree
            for index in rebuilt.pages.indices {
                guard let path = rebuilt.pages[index].source?.contentPath else { continue }
                guard let content = contents[path] else { return nil }  // a page not rendered yet: wait for the full build
                rebuilt.pages[index].content = content
            }
            site = rebuilt
        }
        let indexes = site.pages.indices.filter { site.pages[$0].isWritten && outputPaths.contains(site.pages[$0].outputPath) }
        guard !indexes.isEmpty else { return nil }
        let rendered = await PageRenderStage.render(
            RenderEnvironment(site: site, assets: build.assets.names, strings: build.strings), theme: theme, pages: indexes,
            finisher: PageFinisher(config: config, prefixesLinks: build.prefixesLinks))
        guard rendered.diagnostics.isEmpty else { return nil }
        return Dictionary(rendered.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
