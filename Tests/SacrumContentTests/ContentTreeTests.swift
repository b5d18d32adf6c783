@testable import SacrumContent
import Testing

/// The content layer on a file system held in memory: what `content/` holds becomes pages, URLs,
/// sections, menus and diagnostics, with no site written to disk.
@Suite struct ContentTreeTests {
    static let config = """
        title: Test Clinic
        base_url: https://test.example
        practice:
          name: Test Clinic
          phone: "(580) 234-7246"
          phone_link: "+15802347246"
          address: {street: 1 Main St, city: Lawton, region: OK, postal_code: "73501", country: US}
          hours: {monday: ["08:00-17:00"]}
        """

    /// The site built from `content` (paths inside `content/`), and its diagnostics as lines.
    func build(_ content: [String: String], symbolicLinks: Set<String> = []) async throws -> (site: Site, diagnostics: [String]) {
        let (decoded, configDiagnostics) = SiteConfigDecoder().decode(SourceText(Self.config))
        #expect(configDiagnostics.filter { $0.severity == .error }.isEmpty)
        let config = try #require(decoded)
        let files = MemoryFileSystem(Dictionary(uniqueKeysWithValues: content.map { ("content/" + $0.key, $0.value) }),
                                     symbolicLinks: Set(symbolicLinks.map { "content/" + $0 }))
        let loaded = await ContentLoader(contentFolder: "/site/content", fileSystem: files).load()
        let (site, diagnostics) = SiteTreeBuilder.build(
            config: config, content: loaded, options: PublishingOptions(now: 1_795_608_000))
        let lines = (loaded.diagnostics + diagnostics).map { "\($0.location): \($0.severity.rawValue): [\($0.id)]" }
        return (site, lines.sorted())
    }

    /// The pages' URLs, sorted, without the 404 page every site has.
    func urls(_ site: Site) -> [String] { site.pages.map(\.url).filter { $0 != "/404.html" }.sorted() }

    @Test func pagesGetURLsFromTheirFolders() async throws {
        let (site, _) = try await build([
            "_index.md": "---\ntitle: Home\n---\n",
            "treatments/_index.md": "---\ntitle: Treatments\n---\n",
            "treatments/si-joint-fusion.md": "---\ntitle: SI-joint fusion\n---\nText.\n",
        ])
        #expect(urls(site) == ["/", "/treatments/", "/treatments/si-joint-fusion/"])
        let fusion = try #require(site.pageByContentPath["treatments/si-joint-fusion.md"])
        #expect(site.pages[fusion].parent.map { site.pages[$0].url } == "/treatments/")
    }

    @Test func aFileNameWithSpacesBecomesASlug() async throws {
        let (site, _) = try await build(["_index.md": "---\ntitle: Home\n---\n", "Back pain FAQ.md": "---\ntitle: FAQ\n---\n"])
        #expect(urls(site) == ["/", "/back-pain-faq/"])
    }

    @Test func draftsAreHeldBackAndCounted() async throws {
        let (site, _) = try await build(["_index.md": "---\ntitle: Home\n---\n", "soon.md": "---\ntitle: Soon\ndraft: true\n---\n"])
        #expect(urls(site) == ["/"])
        #expect(site.hiddenPages.keys.sorted() == ["soon.md"])
    }

    @Test func otherFilesArePublishedAsTheyAre() async throws {
        let (site, _) = try await build(["_index.md": "---\ntitle: Home\n---\n", "files/form.pdf": "%PDF"])
        #expect(site.staticFiles == ["files/form.pdf"])
    }

    @Test func twoPagesWithOneURLAreAnError() async throws {
        let (_, diagnostics) = try await build([
            "_index.md": "---\ntitle: Home\n---\n", "a.md": "---\ntitle: A\nurl: /same/\n---\n", "b.md": "---\ntitle: B\nurl: /same/\n---\n",
        ])
        #expect(diagnostics.contains { $0.hasSuffix("error: [url.collision]") })
    }

    @Test func aSymbolicLinkIsReportedAndSkipped() async throws {
        let (site, diagnostics) = try await build(["_index.md": "---\ntitle: Home\n---\n"], symbolicLinks: ["elsewhere.md"])
        #expect(urls(site) == ["/"])
        #expect(diagnostics == ["content/elsewhere.md: error: [file.symlink]"])
    }

    @Test func anUnclosedListInFrontMatterIsAnErrorWhereTheYAMLEnds() async throws {
        let (_, diagnostics) = try await build(["_index.md": "---\ntitle: Home\n---\n", "a.md": "---\ntitle: [unclosed\n---\n"])
        #expect(diagnostics == ["content/a.md:3:1: error: [yaml.syntax]"])
    }

    @Test func hiddenAndBackupFilesAreNotContent() async throws {
        let (site, diagnostics) = try await build([
            "_index.md": "---\ntitle: Home\n---\n", ".draft.md": "x", "a.md~": "x", "#a.md#": "x",
        ])
        #expect(urls(site) == ["/"])
        #expect(site.staticFiles.isEmpty)
        #expect(diagnostics.isEmpty)
    }
}
