import SacrumContent
import SacrumTheme

/// The build: `site.yaml`, `content/` and the theme in; the site's files out, as values, with every
/// problem found on the way. Nothing is written here: `OutputWriter` does that, only when the build
/// succeeded.
///
/// Phases: scan, read, front matter, cross-links (the page tree), markdown, render (templates, JSON-LD,
/// sitemap, feed, redirects, link and anchor checks).
public struct BuildPipeline: Sendable {
    /// What to build.
    public var options: BuildOptions

    /// Creates a pipeline.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs every phase up to rendering.
    public func run() async -> BuildResult {
        var clock = PhaseClock()
        var diagnostics: [Diagnostic] = []
        let root = options.root

        // scan
        guard var config = loadConfig(&diagnostics) else { return failed(diagnostics, clock) }
        if let override = options.baseURL { config.baseURL = override }
        let loader = ContentLoader(contentFolder: root + "/content")
        let scan = loader.scan()
        if FileIO.type(atPath: root + "/content") != .directory {
            diagnostics.append(
                Diagnostic(.error, id: "content.missing", file: "content", message: "the site has no content/ folder",
                           hint: "create content/ with an _index.md for the home page"))
        }
        let (theme, themeDiagnostics) = ThemeLoader(root: root, themeName: config.theme).load()
        diagnostics.append(contentsOf: themeDiagnostics)
        let assets = AssetCollector(root: root, themeName: config.theme).collect(contentFiles: Set(scan.staticFiles))
        diagnostics.append(contentsOf: assets.diagnostics)
        clock.lap("scan")

        // read, front matter
        let raw = await loader.read(scan.markdown)
        clock.lap("read")
        let decoded = await loader.decode(raw)
        let content = ContentLoader.result(scan: scan, decoded: decoded)
        diagnostics.append(contentsOf: content.diagnostics)
        clock.lap("front matter")

        // cross-links: the page tree
        let (tree, treeDiagnostics) = SiteTreeBuilder.build(config: config, content: content, options: options.publishing)
        diagnostics.append(contentsOf: treeDiagnostics)
        clock.lap("cross-links")

        // markdown
        let (site, contentDiagnostics) = await ContentStage.render(tree, publishedFiles: assets.published)
        diagnostics.append(contentsOf: contentDiagnostics)
        clock.lap("markdown")

        // render
        guard let theme else { return failed(diagnostics, clock, site: site) }
        let environment = RenderEnvironment(site: site, assets: assets.names)
        let rendered = await PageRenderStage.render(environment, theme: theme)
        diagnostics.append(contentsOf: rendered.diagnostics)
        diagnostics.append(contentsOf: FragmentCheck.check(site, pages: rendered.pagesByIndex))
        var files = rendered.files
        files.append(contentsOf: site.aliases.map { RedirectPageWriter.page(for: $0, in: site) })
        files.append(SitemapWriter.sitemap(for: site))
        files.append(SitemapWriter.robots(for: site))
        files.append(AtomFeedWriter.feed(for: site))
        files.append(contentsOf: assets.files)
        files.sort { $0.path < $1.path }
        clock.lap("render")

        // checks
        let context = CheckContext(
            site: site, html: rendered.pagesByIndex, templates: rendered.templates, theme: theme,
            outputPaths: Set(files.map(\.path)), today: options.publishing.today)
        diagnostics.append(contentsOf: await SiteChecks.run(context, files: files))
        diagnostics = SiteChecks.applyIgnores(diagnostics, site: site)
        clock.lap("checks")

        var summary = BuildSummary()
        for page in site.publishedPages {
            switch page.role {
            case .regular: summary.pages += 1
            case .home, .section: summary.sections += 1
            case .tag, .tagIndex: summary.tags += 1
            case .notFound: break
            }
        }
        summary.redirects = site.aliases.count
        summary.assets = assets.files.count
        return BuildResult(
            files: files, diagnostics: finish(diagnostics), summary: summary, timings: clock.timings, site: site)
    }

    private func loadConfig(_ diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let path = options.root + "/site.yaml"
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            diagnostics.append(
                Diagnostic(
                    .error, id: "config.missing", file: "site.yaml",
                    message: error.code == 2 ? "there is no site.yaml in \(options.root)" : "site.yaml cannot be read: \(error.reason)",
                    hint: "run sacrum in the site's root folder, or point --source at it"))
            return nil
        }
        let source: SourceText
        do {
            source = try SourceText.decode(bytes)
        } catch {
            diagnostics.append(
                Diagnostic(.error, id: "file.encoding", file: "site.yaml", line: error.line, column: error.column, message: error.message,
                           hint: "save site.yaml as UTF-8"))
            return nil
        }
        let (config, configDiagnostics) = SiteConfigDecoder().decode(source)
        diagnostics.append(contentsOf: configDiagnostics)
        return config
    }

    private func finish(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let unique = Array(Set(diagnostics))
        return (options.strict ? unique.map { $0.severity == .warning ? $0.asError() : $0 } : unique).sortedForDisplay()
    }

    private func failed(_ diagnostics: [Diagnostic], _ clock: PhaseClock, site: Site? = nil) -> BuildResult {
        BuildResult(files: [], diagnostics: finish(diagnostics), summary: BuildSummary(), timings: clock.timings, site: nil)
    }
}
