import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// `--environment` and base URLs with a path, through the whole build: site.yaml's `environments:`,
/// every kind of link carrying the base path, robots.txt and the noindex meta of a preview build.
@Suite struct EnvironmentBuildTests {
    static let config = TemporarySite.minimalConfig
        .replacingOccurrences(of: "base_url: https://test.example", with: "base_url: https://test.example/clinic/")
        + "\nenvironments:\n  preview:\n    base_url: https://preview.example/pr-7/\n"

    static let files: [String: String] = [
        "site.yaml": config,
        "content/_index.md": "---\ntitle: Home\n---\nSee [A](a.md).\n",
        "content/a.md": "---\ntitle: A\naliases: [/old-a/]\n---\n![Spine](/images/spine.svg)\n",
        "content/articles/news.md": "---\ntitle: News\ndate: 2026-01-02\n---\nRead [A](/a/).\n",
        "static/images/spine.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "themes/test/assets/css/style.css": "h1{background:url(/images/spine.svg)}",
        "themes/test/templates/page.mustache": """
            <!DOCTYPE html>
            <html><head>
            <meta charset="utf-8">
            <link rel="stylesheet" href="{{assets.style}}">
            <link rel="canonical" href="{{page.canonical}}">
            </head><body>
            {{#site.isPreview}}<p class="banner">Preview</p>{{/site.isPreview}}<a href="/">{{site.environment}}</a>
            {{{page.content}}}</body></html>
            """,
        "themes/test/templates/list.mustache": "<h1>{{page.title}}</h1>\n{{{page.content}}}",
    ]

    func build(_ environment: SiteEnvironment = .production, baseURL: String? = nil) async throws -> BuildResult {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        var options = BuildOptions(root: site.root, baseURL: baseURL, now: TemporarySite.now)
        options.environment = environment
        let result = await BuildPipeline(options: options).run()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        return result
    }

    @Test func pageLinksAssetsAndImagesCarryThePath() async throws {
        #expect(try await build().text("a/index.html") == """
            <!DOCTYPE html>
            <html><head>
            <meta charset="utf-8">
            <link rel="stylesheet" href="/clinic/css/style.d378813727.css">
            <link rel="canonical" href="https://test.example/clinic/a/">
            </head><body>
            <a href="/clinic/">production</a>
            <p><img src="/clinic/images/spine.svg" alt="Spine" loading="lazy" decoding="async" /></p>
            </body></html>
            """)
    }

    @Test func contentLinkCarriesThePath() async throws {
        #expect(try await build().text("index.html")?.contains(#"<p>See <a href="/clinic/a/">A</a>.</p>"#) == true)
    }

    @Test func stylesheetURLsCarryThePath() async throws {
        #expect(try await build().text("css/style.d378813727.css") == "h1{background:url(/clinic/images/spine.svg)}")
    }

    @Test func aliasRedirectsIntoThePath() async throws {
        let page = try #require(try await build().text("old-a/index.html"))
        #expect(page.contains(#"<meta http-equiv="refresh" content="0; url=/clinic/a/">"#))
        #expect(page.contains(#"<link rel="canonical" href="https://test.example/clinic/a/">"#))
    }

    @Test func sitemapAndFeedCarryThePath() async throws {
        let result = try await build()
        #expect(result.text("sitemap.xml")?.contains("<loc>https://test.example/clinic/a/</loc>") == true)
        #expect(result.text("feed.xml")?.contains(#"<link href="https://test.example/clinic/articles/news/"/>"#) == true)
        #expect(result.text("feed.xml")?.contains("Read &lt;a href=&quot;/clinic/a/&quot;&gt;A&lt;/a&gt;") == true)
    }

    @Test func productionRobots() async throws {
        #expect(try await build().text("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://test.example/clinic/sitemap.xml\n")
    }

    @Test func previewRobots() async throws {
        #expect(try await build(.preview).text("robots.txt") == "User-agent: *\nDisallow: /\n")
    }

    @Test func previewTakesItsBaseURLAndMarksEveryPageNoindex() async throws {
        #expect(try await build(.preview).text("a/index.html") == """
            <!DOCTYPE html>
            <html><head>
            <meta charset="utf-8">
            <meta name="robots" content="noindex">
            <link rel="stylesheet" href="/pr-7/css/style.d378813727.css">
            <link rel="canonical" href="https://preview.example/pr-7/a/">
            </head><body>
            <p class="banner">Preview</p><a href="/pr-7/">preview</a>
            <p><img src="/pr-7/images/spine.svg" alt="Spine" loading="lazy" decoding="async" /></p>
            </body></html>
            """)
    }

    @Test func previewMarksAliasesListsAnd404Noindex() async throws {
        let result = try await build(.preview)
        let pages = result.files.filter(\.isHTML).map(\.path)
        #expect(pages.count == 6)
        #expect(pages.filter { result.text($0)?.contains(#"<meta name="robots" content="noindex">"#) != true } == [])
    }

    @Test func productionHasNoNoindexBesidesAliases() async throws {
        let result = try await build()
        #expect(result.files.filter { $0.isHTML && result.text($0.path)?.contains("noindex") == true }.map(\.path) == ["old-a/index.html"])
    }

    @Test func commandLineBaseURLWins() async throws {
        #expect(try await build(.preview, baseURL: "https://cli.example/x").text("a/index.html")?.contains(#"href="/x/css/"#) == true)
    }

    @Test func summarySaysTheEnvironment() async throws {
        #expect(try await build(.preview).summary.environmentLine == "preview build for https://preview.example/pr-7/ (noindex, robots.txt disallows all)")
        #expect(try await build().summary.environmentLine == "production build for https://test.example/clinic/")
    }

    @Test func defaultThemeShowsTheBannerOnEveryPageOfAPreviewOnly() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        func build(_ environment: SiteEnvironment) async -> BuildResult {
            var options = BuildOptions(root: repository, now: TemporarySite.now)
            options.environment = environment
            return await BuildPipeline(options: options).run()
        }
        let banner = """

            <aside class="preview-banner" aria-label="Preview"><p class="wrap"><strong>Preview</strong>: a copy for review, not the published site.</p></aside>

            """
        let preview = await build(.preview)
        let production = await build(.production)
        let previewPages = preview.files.filter(\.isHTML).map(\.path)
        #expect(previewPages.count > 10)
        // The Spanish pages (es/) show the banner in Spanish.
        let spanishBanner = #"<aside class="preview-banner" aria-label="Vista previa"><p class="wrap"><strong>Vista previa</strong>: una copia para revisar, no el sitio publicado.</p></aside>"#
        #expect(previewPages.filter { !$0.hasPrefix("es/") && preview.text($0)?.contains(banner) != true } == [])
        #expect(previewPages.filter { $0.hasPrefix("es/") && preview.text($0)?.contains(spanishBanner) != true } == [])
        #expect(production.files.filter { $0.isHTML && production.text($0.path)?.contains("preview-banner") == true }.map(\.path) == [])
    }

    @Test func badBaseURLsAreErrorsAtTheirPlaceWithTheFix() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "site.yaml": TemporarySite.minimalConfig
                .replacingOccurrences(of: "base_url: https://test.example", with: "base_url: https://test.example/clinic")
                + "\nenvironments:\n  preview:\n    base_url: https://preview.example/?pr=7\n  staging: {}\n",
        ])
        defer { site.remove() }
        let diagnostics = await site.build().diagnostics.filter { $0.id.hasPrefix("config.") && $0.id != "config.placeholder" }
        #expect(diagnostics.map { TemporarySite.line($0) + " hint: " + ($0.hint ?? "") } == [
            "site.yaml:2:11: error: the path of 'https://test.example/clinic' does not end with '/', so it would name a file instead of the site's folder [config.value] hint: write 'https://test.example/clinic/'",
            "site.yaml:22:15: error: 'https://preview.example/?pr=7' has a query; a base URL is a folder, without '?' or '#' [config.value] hint: write 'https://preview.example/'",
            "site.yaml:23:3: warning: unknown key 'staging' in 'environments' [config.unknown-key] hint: known keys: production, preview",
        ])
    }
}
