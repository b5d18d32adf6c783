import SacrumContent
import SacrumTheme
import Testing

@testable import SacrumBuild

/// What the checks keep of each page once its HTML is gone (`PageFacts`): its ids and the links its
/// template makes to other pages' `#fragments`; the checks across pages read only these.
@Suite struct PageFactsTests {
    static let theme: [String: String] = [
        "themes/test/templates/page.mustache":
            "<main id=\"main\"><a href=\"#main\">top</a><a href=\"/b/#hours\">hours</a><a href=\"/b/\">b</a>{{{page.content}}}</main>",
        "themes/test/templates/list.mustache": "<h1 id='home'>{{page.title}}</h1>",
    ]

    /// Each rendered page's facts, by URL, for the site of `content` (path → Markdown) and the theme above.
    func facts(_ content: [String: String]) async throws -> [String: PageFacts] {
        var files = Self.theme
        for (path, text) in content { files["content/" + path] = text }
        let site = try TemporarySite(files)
        defer { site.remove() }
        let built = await site.build()
        let tree = try #require(built.site)
        let theme = try #require(ThemeLoader(root: site.root, themeName: "test").load().0)
        let context = CheckPhase.context(
            tree, theme: theme, outputPaths: Set(built.paths), options: BuildOptions(root: site.root, now: TemporarySite.now))
        let rendered = await PageRenderStage.render(
            RenderEnvironment(site: tree, assets: [:]), theme: theme, pages: tree.pages.indices.filter { tree.pages[$0].isWritten },
            checks: context)
        return Dictionary(uniqueKeysWithValues: rendered.facts.map { (tree.pages[$0.key].url, $0.value) })
    }

    @Test func idsAreThoseOfTheTemplateAndTheContent() async throws {
        let facts = try await facts(["_index.md": "---\ntitle: Home\n---\n", "a.md": "---\ntitle: A\n---\n## Recovery\n"])
        #expect(facts["/a/"]?.ids == ["main", "recovery"])
        #expect(facts["/"]?.ids == ["home"])
    }

    @Test func onlyLinksToAnotherPagesFragmentAreKept() async throws {
        let facts = try await facts(["_index.md": "---\ntitle: Home\n---\n", "a.md": "---\ntitle: A\n---\n", "b.md": "---\ntitle: B\n---\n"])
        let links = try #require(facts["/a/"]?.fragmentLinks)
        #expect(links.map(\.url) == ["/b/#hours"])
        #expect(links.map(\.target) == ["b/index.html"])
        #expect(links.map(\.fragment) == ["hours"])
    }

    @Test func aPagesOwnChecksAreInItsFacts() async throws {
        let facts = try await facts(["_index.md": "---\ntitle: Home\n---\n", "a.md": "---\ntitle: A\n---\n# Second h1\n"])
        #expect(facts["/a/"]?.diagnostics.map(\.id).contains("a11y.h1-duplicate") == true)
    }

    /// /a/'s link is checked once /b/ is rendered, /b/'s own link right away: one problem of the template.
    @Test func aLinkToAFragmentAnotherPageLacksIsReportedAfterEveryPageIsRendered() async throws {
        let site = try TemporarySite(
            Self.theme.merging([
                "content/_index.md": "---\ntitle: Home\n---\n", "content/a.md": "---\ntitle: A\n---\n",
                "content/b.md": "---\ntitle: B\n---\n",
            ]) { $1 })
        defer { site.remove() }
        #expect(
            await site.diagnostics(only: ["link."]) == [
                "themes/test/templates/page.mustache:1:49: error: /a/ links to /b/#hours, but that page has no element with id 'hours' (and 1 more page) [link.template]"
            ])
    }

    @Test func scanFindsIDsOutsideCommentsAndScriptsOnly() {
        let scan = HTMLScanner.scan("<div id=\"a\" data-id=\"x\"><!-- <p id=\"c\"> --><script>\"<p id='d'>\"</script><P ID='b'></div>")
        #expect(scan.ids == ["a", "b"])
    }

    @Test func placeholderInFrontMatterIsFoundInAnyCase() {
        #expect(["PLACEHOLDER", "a Placeholder name", "placeholde", "plac\u{e9}holder", ""].map(PagePlaceholders.containsPlaceholder) == [true, true, false, false, false])
    }

    @Test func byteSearchFindsOccurrencesThatDoNotOverlap() {
        var text = "aaaa ab aab"
        #expect(text.withUTF8 { ByteSearch.offsets(of: Array("aa".utf8), in: $0) } == [0, 2, 8])
        #expect(text.withUTF8 { ByteSearch.offsets(of: Array("b".utf8), in: $0) } == [6, 10])
        #expect(text.withUTF8 { ByteSearch.offsets(of: Array("ab aab!".utf8), in: $0) } == [])
    }
}
