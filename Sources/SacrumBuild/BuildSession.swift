internal import Foundation
import SacrumContent
import SacrumMarkdown
import SacrumTheme

/// A build that remembers what it read and rendered, so that the next build after a change redoes
/// only what the change touches: the preview server edits one page and sees it again in
/// milliseconds. `BuildPipeline` is a session that builds once.
///
/// What a change redoes:
/// - a page's body (front matter unchanged): that page's Markdown, its HTML, the pages that show its
///   summary, the anchor check and that page's checks;
/// - anything else in `content/`: the page tree, the Markdown of changed files (all of it when URLs
///   moved), every page's HTML and the checks;
/// - a template: every page's HTML and the checks; `site.yaml`: everything;
/// - a stylesheet, when assets are not fingerprinted: only the stylesheet.
struct BuildSession: Sendable {
    let options: BuildOptions
    /// Fingerprint CSS file names (publishing); the preview keeps plain names so that a stylesheet edit
    /// touches no page.
    let fingerprintAssets: Bool
    /// Put the base URL's path in front of root-relative links (publishing); the preview server serves
    /// the site at its root.
    let prefixesLinks: Bool

    private var config: SiteConfig?
    /// The problems found, by phase (the sources', assets' and images' are kept with them).
    private var problems = BuildDiagnostics()
    /// The colours site.yaml itself sets (`config.colors` has the theme's where it sets none).
    private var siteColors = ThemeColors()
    private var theme: Theme?
    /// The theme's strings in each language (`i18n/<language>.yaml`).
    private var themeStrings = ThemeStrings()
    private var assets = AssetCollector.Result()
    /// The processed raster images (see ImageStage) and the image keys the cached Markdown was rendered with.
    private var images = ImageStage.Result()
    private var imageKeysOfMarkdown: [String] = []
    private var sources: [String: CachedSource] = [:]
    /// The time zone `sources` were decoded in (dates without an offset depend on it).
    private var sourcesTimeZone: TimeZone?
    private var markdown: [String: ContentStage.Rendered] = [:]
    /// What the cached Markdown was rendered with besides its source: shortcodes show site.yaml's facts
    /// through their templates (and the partials those include), so a change to either renders the
    /// Markdown again; other template edits re-render only the HTML.
    private var markdownInputs: (config: SiteConfig, templates: [String: String])?
    /// The shortcodes pages are expanded with.
    private var shortcodes: ShortcodeTemplates?

    private(set) var site: Site?
    private var urlSignature: [String: String] = [:]
    /// What the checks found on each rendered page and keep of it for the checks across pages.
    private var facts: [Int: PageFacts] = [:]
    /// Every path the build writes (pages, redirects, generated files, assets), for the link checks.
    private var outputPaths: Set<String> = []
    /// Where a one-shot build writes each page as soon as it is rendered (`sacrum build`); `nil` keeps
    /// the pages in `files` (the preview, `sacrum check`, tests).
    var staging: PageStaging.Target?
    /// The pages written to the staging folder.
    private var staged: [StagedFile] = []
    /// Every output file by path.
    private(set) var files: [String: OutputFile] = [:]
    /// The paths the last update changed; `nil` after a full build (everything may have changed).
    private(set) var changedPaths: Set<String>?
    /// The articles in the feed, newest first.
    private var feedArticles: [Int] = []
    private(set) var timings: [PhaseTiming] = []

    struct CachedSource: Sendable {
        var fingerprint: FileFingerprint?
        var source: PageSource
        var diagnostics: [Diagnostic]
    }

    /// What an update changed, for the preview server.
    enum Change: Sendable, Equatable {
        /// Nothing that is served changed.
        case none
        /// Only stylesheets changed.
        case stylesheets
        /// Pages changed.
        case pages
    }

    init(options: BuildOptions, fingerprintAssets: Bool = true, prefixesLinks: Bool = true) {
        self.options = options
        self.fingerprintAssets = fingerprintAssets
        self.prefixesLinks = prefixesLinks
    }

    /// What turns rendered pages into published ones for this build's base URL and environment.
    private var finisher: PageFinisher {
        config.map { PageFinisher(config: $0, prefixesLinks: prefixesLinks) } ?? .none
    }

    private var root: String { options.root }
    /// Where the site's inputs are, for the theme site.yaml names (the default theme before it is read).
    private var layout: SiteLayout { SiteLayout(root: root, themeName: config?.theme ?? "default") }

    // MARK: - Full build

    /// Builds everything, reusing what earlier builds read and rendered where the files are unchanged.
    mutating func buildAll() async {
        var clock = PhaseClock()
        changedPaths = nil
        loadConfig()
        let loader = ContentLoader(contentFolder: layout.contentPath, timeZone: config?.timeZone)
        if sourcesTimeZone != config?.timeZone {
            sources = [:]
            sourcesTimeZone = config?.timeZone
        }
        let scan = loader.scan()
        problems.scan = scan.diagnostics
        if FileIO.type(atPath: layout.contentPath) != .directory {
            problems.scan.append(
                Diagnostic(.error, id: "content.missing", file: "content", message: "the site has no content/ folder",
                           hint: "create content/ with an _index.md for the home page"))
        }
        if let config {
            loadTheme(config)
            assets = AssetCollector(root: root, themeName: config.theme, fingerprint: fingerprintAssets, colors: self.config?.colors ?? config.colors)
                .collect(contentFiles: Set(scan.staticFiles))
            // `assets.NAME` in the templates, now that the stylesheets are known.
            if let theme { problems.theme += theme.assetDiagnostics(stylesheets: assets.names.keys) }
        }
        clock.lap("scan")
        if let config { await processImages(config) }
        clock.lap("images")

        // Read only files that are new or changed since the last build.
        var fingerprints: [String: FileFingerprint?] = [:]
        var toRead: [String] = []
        for path in scan.markdown {
            let fingerprint = FileIO.fingerprint(layout.contentPath(path))
            fingerprints[path] = fingerprint
            if let cached = sources[path], let fingerprint, cached.fingerprint == fingerprint { continue }
            toRead.append(path)
        }
        let raw = await loader.read(toRead)
        clock.lap("read")
        let decoded = await loader.decode(raw)
        var fresh: [String: CachedSource] = [:]
        for (source, diagnostics) in decoded {
            fresh[source.contentPath] = CachedSource(fingerprint: fingerprints[source.contentPath] ?? nil, source: source, diagnostics: diagnostics)
        }
        var next: [String: CachedSource] = [:]
        for path in scan.markdown { next[path] = fresh[path] ?? sources[path] }
        sources = next
        clock.lap("front matter")

        guard let config else {
            site = nil
            timings = clock.timings
            files = [:]
            problems.outputCollisions = []
            return
        }
        let content = ContentLoader.Result(
            pages: scan.markdown.compactMap { sources[$0]?.source }, staticFiles: scan.staticFiles, folders: scan.folders,
            diagnostics: [])
        let (tree, diagnostics) = SiteTreeBuilder.build(config: config, content: content, options: options.publishing)
        problems.tree = diagnostics
        clock.lap("cross-links")

        // Markdown: cached renderings stay valid while every page keeps its URL and the same files exist.
        let signature = Self.signature(of: tree, publishedFiles: assets.published)
        let templates = theme.map(ShortcodeTemplates.inputs(of:)) ?? [:]
        if signature != urlSignature || markdownInputs?.config != config || markdownInputs?.templates != templates
            || images.keys != imageKeysOfMarkdown
        { markdown = [:] }
        imageKeysOfMarkdown = images.keys
        urlSignature = signature
        markdownInputs = (config, templates)
        shortcodes = theme.map { ShortcodeTemplates(theme: $0, environment: RenderEnvironment(site: tree, assets: assets.names, strings: themeStrings)) }
        var (rendered, byPage) = await ContentStage.render(
            tree, publishedFiles: assets.published, reusing: markdown, shortcodes: shortcodes, renderImage: images.catalog.render)
        // The image checks of pages rendered now; a reused rendering keeps the diagnostics it was cached with.
        for index in rendered.pages.indices {
            guard let content = rendered.pages[index].content, !content.imageReferences.isEmpty, let source = rendered.pages[index].source,
                markdown[source.contentPath]?.content !== content
            else { continue }
            byPage[index, default: []] += images.catalog.diagnostics(
                for: content.imageReferences, file: source.file, budget: config.imagePageWeightBudget)
        }
        site = rendered
        problems.markdown = byPage
        markdown = [:]
        for page in rendered.pages {
            guard let source = page.source, let content = page.content else { continue }
            markdown[source.contentPath] = ContentStage.Rendered(source: source, content: content, diagnostics: byPage[page.id] ?? [])
        }
        clock.lap("markdown")

        await renderAll()
        clock.lap("render")
        await checkAll()
        clock.lap("checks")
        timings = clock.timings
    }

    // MARK: - Updates

    /// Brings the build up to date with changed files (absolute paths, as a file watcher reports them).
    mutating func update(changed paths: Set<String>) async -> Change {
        var contentPages: [String] = []
        var stylesheetsOnly = true
        var needsFull = site == nil
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
            guard let config else { return .none }
            let scan = ContentLoader(contentFolder: layout.contentPath).scan()
            var collected = AssetCollector(root: root, themeName: config.theme, fingerprint: fingerprintAssets, colors: config.colors)
                .collect(contentFiles: Set(scan.staticFiles))
            let collectedImages = await Self.processImages(&collected, root: root, config: config)
            if collected.published == assets.published && !fingerprintAssets && collectedImages.keys == images.keys {
                assets = collected
                changedPaths = []
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
        guard var site, let config, let theme else { return false }
        self.site = nil  // so that changing `site` below does not copy every page
        defer { if self.site == nil { self.site = site } }
        var clock = PhaseClock()
        var changed: [(index: Int, cached: CachedSource)] = []
        for path in paths {
            guard let old = sources[path], old.source.isReadable, let index = site.pageByContentPath[path],
                site.pages[index].source?.contentPath == path, site.pages[index].claimsURL
            else { return false }
            let fingerprint = FileIO.fingerprint(layout.contentPath(path))
            if let fingerprint, old.fingerprint == fingerprint { continue }
            let (source, diagnostics) = PageSource.load(
                path: layout.contentPath(path), contentPath: path, timeZone: config.timeZone)
            guard source.isReadable, source.frontMatter == old.source.frontMatter else { return false }
            changed.append((index, CachedSource(fingerprint: fingerprint, source: source, diagnostics: diagnostics)))
        }
        clock.lap("read")
        guard !changed.isEmpty else { return true }
        var renderer = ContentStage.renderer(for: config)
        renderer.renderImage = images.catalog.render
        var affected: Set<Int> = []
        changedPaths = []
        for (index, cached) in changed {
            sources[cached.source.contentPath] = cached
            let oldSummary = site.pages[index].content?.document.summary
            site.pages[index].source = cached.source
            let (_, content, diagnostics) = ContentStage.render(
                site.pages[index], in: site, renderer: renderer, publishedFiles: assets.published, shortcodes: shortcodes)
            site.pages[index].content = content
            let allDiagnostics = diagnostics + images.catalog.diagnostics(
                for: content.imageReferences, file: cached.source.file, budget: config.imagePageWeightBudget)
            problems.markdown[index] = allDiagnostics
            markdown[cached.source.contentPath] = ContentStage.Rendered(source: cached.source, content: content, diagnostics: allDiagnostics)
            affected.insert(index)
            if content.document.summary != oldSummary { affected.formUnion(Self.pagesShowingSummary(of: index, in: site)) }
        }
        self.site = site
        clock.lap("markdown")
        await render(pages: Array(affected).sorted(), theme: theme)
        // The front matter did not change, so the sitemap (URLs and dates) is the same; the feed carries
        // the HTML of its articles.
        if changed.contains(where: { feedArticles.contains($0.index) }) { storeFeeds(site) }
        clock.lap("render")
        (problems.pageChecks, problems.fragments) = SiteChecks.checkAcross(facts, context: checkContext(theme: theme))
        clock.lap("checks")
        timings = clock.timings
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

    // MARK: - Stages

    private mutating func loadConfig() {
        problems.config = []
        let path = layout.configPath
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            problems.config.append(
                Diagnostic(
                    .error, id: "config.missing", file: "site.yaml",
                    message: error.code == 2 ? "there is no site.yaml in \(root)" : "site.yaml cannot be read: \(error.reason)",
                    hint: "run sacrum in the site's root folder, or point --source at it"))
            config = nil
            return
        }
        let source: SourceText
        do {
            source = try SourceText.decode(bytes)
        } catch {
            problems.config.append(
                Diagnostic(.error, id: "file.encoding", file: "site.yaml", line: error.line, column: error.column, message: error.message,
                           hint: error.hint))
            config = nil
            return
        }
        let (decoded, diagnostics) = SiteConfigDecoder().decode(source)
        problems.config = diagnostics
        config = decoded.map(configured)
        siteColors = config?.colors ?? ThemeColors()
    }

    /// `decoded` as this build uses it: its environment's values, and the base URL of the options.
    private func configured(_ decoded: SiteConfig) -> SiteConfig {
        var config = decoded.applying(options.environment)
        if let override = options.baseURL { config.baseURL = override }
        return config
    }

    /// Processes the raster images among the collected assets (ImageStage), with the theme's settings.
    private mutating func processImages(_ config: SiteConfig) async {
        images = await Self.processImages(&assets, root: root, config: config)
    }

    private static func processImages(_ assets: inout AssetCollector.Result, root: String, config: SiteConfig) async -> ImageStage.Result {
        let (settings, diagnostics) = ImageSettings.load(root: root, themeName: config.theme)
        var result = await ImageStage(root: root, settings: settings)
            .run(&assets, cacheDirectory: ImageStage.cacheDirectory(root: root))
        result.diagnostics = diagnostics + result.diagnostics
        return result
    }

    private mutating func loadTheme(_ config: SiteConfig) {
        let (loaded, diagnostics) = ThemeLoader(root: root, themeName: config.theme).load()
        theme = loaded
        problems.theme = diagnostics
        themeStrings = ThemeStrings()
        guard let loaded else { return }
        let (strings, stringDiagnostics) = ThemeStrings.load(
            root: root, themeName: config.theme, theme: loaded, languages: config.siteLanguages)
        themeStrings = strings
        problems.theme += stringDiagnostics
        // The theme's colours where site.yaml sets none: what templates, CSS and the checks see.
        let colors = loaded.colors.overridden(by: config.colors)
        self.config?.colors = colors
        problems.theme += colors.contrastDiagnostics
        if colors.brand == nil, let user = loaded.sources.sorted(by: { $0.key < $1.key }).first(where: { $0.value.contains("site.colors.brand") }) {
            problems.theme.append(
                Diagnostic(
                    .warning, id: "theme.colors", file: loaded.files[user.key] ?? user.key,
                    message: "this template shows site.colors.brand, but neither themes/\(config.theme)/theme.yaml nor site.yaml sets a brand colour, so it is empty",
                    hint: "add colors: { brand: \"#0b5d7a\" } to site.yaml"))
        }
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
    /// `isLookEdit`); the session does not change. After a site.yaml edit the page tree is made again
    /// from the cached sources and Markdown (shortcodes may show the old facts until the full build).
    /// `nil` when there is nothing to render first, or the theme or site.yaml has an error: the full
    /// build reports every problem.
    func renderFirst(_ outputPaths: Set<String>, changed paths: Set<String>) async -> [String: OutputFile]? {
        guard var site, let current = config, !outputPaths.isEmpty, isLookEdit(paths) else { return nil }
        var config = current
        if paths.contains(layout.configPath) {
            let source: SourceText
            do {
                source = try SourceText.decode(try FileIO.read(layout.configPath))
            } catch {
                return nil  // the full build that follows reports it
            }
            let (decoded, diagnostics) = SiteConfigDecoder().decode(source)
            guard let decoded, !diagnostics.containsErrors else { return nil }
            config = configured(decoded)
        } else {
            config.colors = siteColors
        }
        guard config.theme == current.theme else { return nil }
        let (loaded, diagnostics) = ThemeLoader(root: root, themeName: config.theme).load()
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
            RenderEnvironment(site: site, assets: assets.names, strings: themeStrings), theme: theme, pages: indexes, finisher: PageFinisher(config: config, prefixesLinks: prefixesLinks))
        guard rendered.diagnostics.isEmpty else { return nil }
        return Dictionary(rendered.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private mutating func renderAll() async {
        facts = [:]
        problems.render = [:]
        files = [:]
        staged = []
        outputPaths = []
        problems.outputCollisions = []
        guard let site, let theme else { return }
        let pages = site.pages.indices.filter { site.pages[$0].isWritten }
        // Redirects and generated files before the pages, so that each page's checks, run as it is
        // rendered, know every path the build writes.
        for alias in site.aliases {
            let file = RedirectPageWriter.page(for: alias, in: site, finisher: finisher)
            files[file.path] = file
        }
        refreshGeneratedFiles(articlesChanged: true)
        let generated = files
        var written = Set(generated.keys)
        for index in pages { written.insert(site.pages[index].outputPath) }
        problems.outputCollisions = OutputCollisions.find(assets: assets, written: written, site: site)
        let finisher = self.finisher
        for file in assets.files where !written.contains(file.path) { files[file.path] = finisher.finished(file) }
        outputPaths = written.union(files.keys)
        await render(pages: pages, theme: theme)
        // A redirect or generated file where a page is stays, as the collision's error says.
        for (path, file) in generated { files[path] = file }
    }

    private mutating func render(pages indexes: [Int], theme: Theme) async {
        guard let site else { return }
        let rendered = await PageRenderStage.render(
            RenderEnvironment(site: site, assets: assets.names, strings: themeStrings), theme: theme, pages: indexes, finisher: finisher,
            checks: checkContext(theme: theme), staging: staging.map { $0.staging(existing: outputPaths, settings: site.config.publish) })
        staged += rendered.staged
        for index in indexes {
            problems.render[index] = rendered.diagnostics[index]
            facts[index] = rendered.facts[index]
        }
        for file in rendered.files { store(file) }
    }

    /// Puts a file in the output, remembering that it changed.
    private mutating func store(_ file: OutputFile) {
        files[file.path] = file
        changedPaths?.insert(file.path)
    }

    private mutating func refreshGeneratedFiles(articlesChanged: Bool) {
        guard let site else { return }
        for file in [SitemapWriter.sitemap(for: site), SitemapWriter.robots(for: site)] { files[file.path] = file }
        if articlesChanged {
            storeFeeds(site)
        }
    }

    /// The feed of each language (`feed.xml`, then `es/feed.xml`...); `feedArticles` lists them all.
    private mutating func storeFeeds(_ site: Site) {
        feedArticles = []
        for language in site.config.siteLanguages.indices {
            let articles = AtomFeedWriter.newestArticles(in: site, language: language)
            feedArticles += articles
            store(AtomFeedWriter.feed(for: site, articles: articles, finisher: finisher, language: language))
        }
    }

    private func checkContext(theme: Theme) -> CheckContext {
        CheckContext(site: site!, theme: theme, outputPaths: outputPaths, today: options.publishing.today(in: site!.config.timeZone))
    }

    private mutating func checkAll() async {
        problems.pageChecks = [:]
        problems.siteChecks = []
        problems.fragments = []
        guard site != nil, let theme else { return }
        let context = checkContext(theme: theme)
        (problems.pageChecks, problems.fragments) = SiteChecks.checkAcross(facts, context: context)
        problems.siteChecks = SiteChecks.runSite(context, rendered: Set(facts.keys), files: Array(files.values).sorted { $0.path < $1.path })
    }

    /// Where every page is, for knowing whether links resolve as before.
    private static func signature(of site: Site, publishedFiles: Set<String>) -> [String: String] {
        var signature: [String: String] = [:]
        for page in site.pages { signature[page.source?.contentPath ?? "#" + page.url] = page.url }
        for path in site.hiddenPages.keys { signature[path] = "(hidden)" }
        for file in publishedFiles { signature["file:" + file] = "" }
        return signature
    }

    // MARK: - Result

    /// Every diagnostic of the current state, ignores applied, in display order (warnings as errors
    /// under `strict`).
    var diagnostics: [Diagnostic] {
        var sourceProblems: [Diagnostic] = []
        for cached in sources.values where !cached.diagnostics.isEmpty { sourceProblems += cached.diagnostics }
        return problems.list(
            sources: sourceProblems, assets: assets.diagnostics, images: images.diagnostics, site: site, theme: theme,
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

    /// The state as a `BuildResult`.
    func result() -> BuildResult {
        let summary = self.summary
        let ok = site != nil && theme != nil
        var result = BuildResult(
            files: ok ? files.values.sorted { $0.path < $1.path } : [], diagnostics: diagnostics, summary: summary,
            timings: timings, site: ok ? site : nil)
        if fingerprintAssets { result.fingerprinted = Set(assets.names.values.map { String($0.dropFirst()) }) }
        if ok { result.staged = staged }
        return result
    }
}
