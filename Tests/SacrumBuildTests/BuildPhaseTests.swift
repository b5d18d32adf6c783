import Foundation
import SacrumContent
import Testing
@testable import SacrumBuild

/// The phases the preview runs with an earlier build's values: what they take from it and when they
/// read or render again. A marker diagnostic put into the earlier value shows whether it was reused.
@Suite struct BuildPhaseTests {
    static let marker = Diagnostic(.note, id: "test.marker", file: "content/_index.md", message: "from the earlier build")
    static let home = "---\ntitle: Home\ndescription: The home page.\n---\nText.\n"

    @Test func sourcesOfUnchangedFilesAreTakenFromTheEarlierRead() async throws {
        let site = try TemporarySite(["content/_index.md": Self.home])
        defer { site.remove() }
        let layout = SiteLayout(root: site.root)
        let scan = SourcePhase.scan(layout)
        var clock = PhaseClock()
        var earlier = await SourcePhase.read(scan, layout: layout, timeZone: nil, reusing: nil, clock: &clock)
        earlier.byPath["_index.md"]?.diagnostics = [Self.marker]
        let again = await SourcePhase.read(scan, layout: layout, timeZone: nil, reusing: earlier, clock: &clock)
        #expect(again.byPath["_index.md"]?.diagnostics == [Self.marker])
        let otherZone = await SourcePhase.read(
            scan, layout: layout, timeZone: TimeZone(identifier: "America/Chicago"), reusing: earlier, clock: &clock)
        #expect(otherZone.byPath["_index.md"]?.diagnostics == [])
        try Data((Self.home + "More.\n").utf8).write(to: URL(fileURLWithPath: layout.contentPath("_index.md")))
        let changed = await SourcePhase.read(scan, layout: layout, timeZone: nil, reusing: earlier, clock: &clock)
        #expect(changed.byPath["_index.md"]?.diagnostics == [])
        #expect(changed.byPath["_index.md"]?.source.body == "Text.\nMore.\n")
    }

    @Test func markdownIsTakenFromTheEarlierBuildWhileSiteYAMLIsTheSame() async throws {
        let site = try TemporarySite(["content/_index.md": Self.home])
        defer { site.remove() }
        let build = await BuildPipeline(options: BuildOptions(root: site.root, now: TemporarySite.now)).build()
        let config = try #require(build.config)
        var earlier = build.markdown
        earlier.byPath["_index.md"]?.diagnostics = [Self.marker]
        let scan = SourcePhase.scan(build.layout)
        func homeDiagnostics(_ config: SiteConfig) async -> [Diagnostic]? {
            let (tree, _) = TreePhase.build(config: config, sources: build.sources, scan: scan, options: build.options.publishing)
            let result = await MarkdownPhase.render(
                tree, config: config, theme: build.theme, assets: build.assets, strings: build.strings, images: build.images,
                reusing: earlier)
            return tree.pageByContentPath["_index.md"].flatMap { result.diagnostics[$0] }
        }
        #expect(await homeDiagnostics(config) == [Self.marker])
        var moved = config
        moved.baseURL = "https://other.example"
        #expect(await homeDiagnostics(moved) == [])
    }
}
