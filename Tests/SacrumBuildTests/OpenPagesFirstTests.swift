import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// Issue 12, item 4: after a template or site.yaml edit the preview renders the pages open in the
/// browser first (`PreviewBuilder.renderFirst`), then the rest of the site (`rebuild`).
@Suite struct OpenPagesFirstTests {
    static let files: [String: String] = [
        "themes/test/templates/page.mustache": "<h1>{{page.title}}</h1>|{{site.title}}",
        "content/a.md": "---\ntitle: A\n---\ntext\n",
        "content/b.md": "---\ntitle: B\n---\ntext\n",
    ]

    func started() async throws -> (TemporarySite, PreviewBuilder) {
        let site = try TemporarySite(Self.files)
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        return (site, builder)
    }

    func write(_ text: String, to path: String, in site: TemporarySite) throws {
        let url = URL(fileURLWithPath: site.root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: site.root + "/" + path))
    }

    func text(_ file: OutputFile?) -> String? {
        switch file?.contents {
        case .text(let text): text
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .copy, nil: nil
        }
    }

    @Test func aTemplateEditRendersOnlyTheOpenPages() async throws {
        let (site, builder) = try await started()
        defer { site.remove() }
        try write("<h2>{{page.title}}</h2>", to: "themes/test/templates/page.mustache", in: site)
        let first = await builder.renderFirst(["a/index.html"], changed: [site.root + "/themes/test/templates/page.mustache"])
        #expect(first?.keys.sorted() == ["a/index.html"])
        #expect(text(first?["a/index.html"]) == "<h2>A</h2>")
    }

    @Test func theFullRebuildThatFollowsGivesTheSamePage() async throws {
        let (site, builder) = try await started()
        defer { site.remove() }
        try write("<h2>{{page.title}}</h2>", to: "templates/page.mustache", in: site)
        let changed: Set<String> = [site.root + "/templates/page.mustache"]
        let first = await builder.renderFirst(["a/index.html", "b/index.html"], changed: changed)
        let full = await builder.rebuild(changed: changed)
        #expect(first?.count == 2)
        for (path, file) in first ?? [:] { #expect(full.files[path] == file, "\(path)") }
    }

    @Test func aSiteYAMLEditRendersTheOpenPageWithTheNewFacts() async throws {
        let (site, builder) = try await started()
        defer { site.remove() }
        try write(TemporarySite.minimalConfig.replacingOccurrences(of: "title: Test Clinic", with: "title: New Name"), to: "site.yaml", in: site)
        let first = await builder.renderFirst(["b/index.html"], changed: [site.root + "/site.yaml"])
        #expect(text(first?["b/index.html"]) == "<h1>B</h1>|New Name")
    }

    @Test func aTemplateErrorLeavesItToTheFullBuild() async throws {
        let (site, builder) = try await started()
        defer { site.remove() }
        try write("{{page.titel}}", to: "themes/test/templates/page.mustache", in: site)
        let changed: Set<String> = [site.root + "/themes/test/templates/page.mustache"]
        #expect(await builder.renderFirst(["a/index.html"], changed: changed) == nil)
        #expect(await builder.rebuild(changed: changed).diagnostics.contains { $0.id.hasPrefix("template.") })
    }

    @Test func aContentEditIsNotRenderedFirst() async throws {
        let (site, builder) = try await started()
        defer { site.remove() }
        try write("---\ntitle: A2\n---\ntext\n", to: "content/a.md", in: site)
        #expect(await builder.renderFirst(["a/index.html"], changed: [site.root + "/content/a.md"]) == nil)
    }

    @Test func noOpenPageNothingFirst() async throws {
        let (site, builder) = try await started()
        defer { site.remove() }
        #expect(await builder.renderFirst([], changed: [site.root + "/templates/page.mustache"]) == nil)
        #expect(await builder.renderFirst(["nowhere/index.html"], changed: [site.root + "/templates/page.mustache"]) == nil)
    }
}
