import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// An incremental update must give exactly what a fresh build of the changed files gives.
@Suite struct PreviewBuilderTests {
    static let files: [String: String] = ChecksTests.base.merging(ChecksTests.theme) { $1 }.merging([
        "content/treatments/_index.md": ChecksTests.page("Treatments"),
        "content/conditions/back.md": ChecksTests.page("Back", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n", body: "## Causes\n\nMany."),
        "content/treatments/fusion.md": ChecksTests.page(
            "Fusion", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\nconditions: [conditions/back]\nprocedure_type: surgical\n",
            body: "First paragraph.\n\nSee [causes](../conditions/back.md#causes)."),
        "themes/test/assets/css/style.css": "body { color: black; }",
    ]) { $1 }

    func fresh(_ site: TemporarySite) async -> PreviewBuilder.Update {
        await PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now)).build()
    }

    func write(_ text: String, to path: String, in site: TemporarySite) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: site.root + "/" + path))
    }

    func expectSame(_ incremental: PreviewBuilder.Update, _ full: PreviewBuilder.Update) {
        #expect(incremental.files.keys.sorted() == full.files.keys.sorted())
        for (path, file) in full.files { #expect(incremental.files[path] == file, "\(path)") }
        #expect(incremental.diagnostics == full.diagnostics)
    }

    @Test func bodyEditRerendersThePageAndWhatShowsItsSummary() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        try write(ChecksTests.page("Back", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n", body: "A new summary.\n\n## Causes\n\nMany."),
                  to: "content/conditions/back.md", in: site)
        let update = await builder.rebuild(changed: [site.root + "/content/conditions/back.md"])
        #expect(update.changedPaths.contains("conditions/back/index.html"))
        #expect(!update.stylesheetsOnly)
        expectSame(update, await fresh(site))
    }

    @Test func timezoneEditReadsUnchangedPagesAgain() async throws {
        var files = Self.files
        files["content/conditions/back.md"] = ChecksTests.page(
            "Back", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\ndate: 2026-03-10 09:00\n", body: "## Causes\n\nMany.")
        let site = try TemporarySite(files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        #expect(await builder.build().diagnostics.map(\.id) == ["date.no-timezone"])
        try write(TemporarySite.minimalConfig + "\ntimezone: America/Chicago\n", to: "site.yaml", in: site)
        let update = await builder.rebuild(changed: [site.root + "/site.yaml"])
        #expect(update.diagnostics.map(\.id) == [])
        expectSame(update, await fresh(site))
    }

    @Test func siteYAMLErrorShowsNoProblemOfTheBuildBefore() async throws {
        var files = Self.files
        files["content/conditions/back.md"] = ChecksTests.page(
            "Back", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n", body: "See [nothing](../nothing.md).\n\n## Causes\n\nMany.")
        let site = try TemporarySite(files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        #expect(await builder.build().diagnostics.map(\.id) == ["link.broken"])
        try write("title: [", to: "site.yaml", in: site)
        let update = await builder.rebuild(changed: [site.root + "/site.yaml"])
        #expect(update.diagnostics.allSatisfy { $0.file == "site.yaml" })
        expectSame(update, await fresh(site))
    }

    @Test func headingRenameIsCaughtByTheAnchorCheck() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        try write(ChecksTests.page("Back", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n", body: "## Reasons\n\nMany."),
                  to: "content/conditions/back.md", in: site)
        let update = await builder.rebuild(changed: [site.root + "/content/conditions/back.md"])
        #expect(update.diagnostics.map(\.id) == ["link.anchor"])
        expectSame(update, await fresh(site))
    }

    @Test func frontMatterEditRebuildsTheTree() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        try write(ChecksTests.page("Back pain", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\nslug: back-pain\n", body: "## Causes"),
                  to: "content/conditions/back.md", in: site)
        let update = await builder.rebuild(changed: [site.root + "/content/conditions/back.md"])
        #expect(update.files["conditions/back-pain/index.html"] != nil)
        #expect(update.changedPaths.contains("conditions/back/index.html"))
        expectSame(update, await fresh(site))
    }

    @Test func brokenFrontMatterIsReportedAndFixingItRecovers() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        try write("---\ntitle: \"Back\n---\n", to: "content/conditions/back.md", in: site)
        let broken = await builder.rebuild(changed: [site.root + "/content/conditions/back.md"])
        #expect(!broken.succeeded)
        #expect(broken.diagnostics.first { $0.severity == .error }?.id == "yaml.syntax")
        try write(Self.files["content/conditions/back.md"]!, to: "content/conditions/back.md", in: site)
        let fixed = await builder.rebuild(changed: [site.root + "/content/conditions/back.md"])
        #expect(fixed.succeeded)
        expectSame(fixed, await fresh(site))
    }

    @Test func stylesheetEditChangesOnlyTheStylesheet() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        try write("body { color: navy; }", to: "themes/test/assets/css/style.css", in: site)
        let update = await builder.rebuild(changed: [site.root + "/themes/test/assets/css/style.css"])
        #expect(update.stylesheetsOnly)
        #expect(update.changedPaths == ["css/style.css"])
        expectSame(update, await fresh(site))
    }

    @Test func templateEditRerendersEveryPage() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        try write(ChecksTests.theme["themes/test/templates/list.mustache"]! + "<footer>new</footer>", to: "themes/test/templates/list.mustache", in: site)
        let update = await builder.rebuild(changed: [site.root + "/themes/test/templates/list.mustache"])
        #expect(update.files["index.html"].map { "\($0)".contains("new") } == true)
        expectSame(update, await fresh(site))
    }

    @Test func newAndDeletedPagesRebuildTheTree() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        try write(ChecksTests.page("New"), to: "content/new.md", in: site)
        try FileManager.default.removeItem(atPath: site.root + "/content/stories/ann.md")
        let update = await builder.rebuild(changed: [site.root + "/content/new.md", site.root + "/content/stories/ann.md"])
        #expect(update.files["new/index.html"] != nil)
        #expect(update.files["stories/ann/index.html"] == nil)
        expectSame(update, await fresh(site))
    }
}

/// The preview and images: a replaced photo appears after one save, as a fresh build would show it.
@Suite struct PreviewImageTests {
    @Test func replacedPhotoGivesWhatAFreshBuildGives() async throws {
        let site = try TemporarySite(PreviewBuilderTests.files.merging([
            "content/conditions/back.md": ChecksTests.page(
                "Back", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n", body: "![The office](office.jpg)\n\n## Causes\n\nMany."),
        ]) { $1 })
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 600, height: 400), to: "content/conditions/office.jpg")
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        let before = await builder.build()
        try site.write(try GeneratedImage.jpeg(width: 500, height: 500), to: "content/conditions/office.jpg")
        let update = await builder.rebuild(changed: [site.root + "/content/conditions/office.jpg"])
        let fresh = await PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now)).build()
        #expect(update.files.keys.sorted() == fresh.files.keys.sorted())
        for (path, file) in fresh.files { #expect(update.files[path] == file, "\(path)") }
        #expect(update.changedPaths.contains("conditions/back/index.html"))
        guard case .text(let html)? = update.files["conditions/back/index.html"]?.contents else {
            Issue.record("no page")
            return
        }
        #expect(html.contains("width=\"500\" height=\"500\""))
        #expect(update.files.keys != before.files.keys)
    }
}
