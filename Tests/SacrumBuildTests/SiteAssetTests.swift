import SacrumBuild
import SacrumContent
import Testing

/// Issue 12, item 5: a site's `assets/` replaces the theme's assets of the same path (fingerprinted
/// like them) and `static/` is published exactly as it is.
@Suite struct SiteAssetTests {
    static let theme: [String: String] = [
        "themes/test/assets/css/style.css": "body{color:black}",
        "themes/test/templates/page.mustache": "<link href=\"{{assets.style}}\">{{{page.content}}}",
        "content/a.md": "---\ntitle: A\n---\ntext\n",
    ]

    func site(_ files: [String: String]) throws -> TemporarySite {
        try TemporarySite(Self.theme.merging(files) { _, site in site })
    }

    @Test func theSitesAssetReplacesTheThemesAndIsFingerprinted() async throws {
        let site = try site(["assets/css/style.css": "body{color:navy}"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        let stylesheets = result.paths.filter { $0.hasPrefix("css/") }
        #expect(stylesheets.count == 1)
        #expect(stylesheets.first.flatMap(result.text) == "body{color:navy}")
        #expect(stylesheets.first?.hasPrefix("css/style.") == true && stylesheets.first != "css/style.css")
    }

    @Test func aNewSiteAssetGetsAName() async throws {
        let site = try site([
            "assets/css/brand.css": ":root{--brand:#0b5}",
            "themes/test/templates/page.mustache": "<link href=\"{{assets.brand}}\">{{{page.content}}}",
        ])
        defer { site.remove() }
        let result = await site.build()
        let brand = result.paths.first { $0.hasPrefix("css/brand.") }
        #expect(brand != nil && brand != "css/brand.css")
        #expect(result.text("a/index.html")?.contains("href=\"/\(brand ?? "")\"") == true)
    }

    @Test func staticFilesArePublishedExactlyAsTheyAre() async throws {
        let site = try site(["static/css/extra.css": "p{margin:0}", "static/robots-note.txt": "hello"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.text("css/extra.css") == "p{margin:0}")
        #expect(result.text("robots-note.txt") == "hello")
        #expect(!result.paths.contains { $0.hasPrefix("css/extra.") && $0 != "css/extra.css" })
    }

    @Test func aStaticFileAtAnAssetsPathIsAnErrorThatPointsToAssets() async throws {
        let site = try site(["static/css/style.css": "body{}"])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "static/css/style.css: error: this file and the asset themes/test/assets/css/style.css are both published at /css/style.css [url.collision]"
        ])
        let result = await site.build()
        #expect(result.diagnostics.first { $0.id == "url.collision" }?.hint?.contains("assets/css/style.css") == true)
    }
}
