import Foundation
import SacrumBuild
import SacrumContent
import Testing

@Suite struct TreeDiagnosticsTests {
    @Test func twoPagesWithOneURLAreAnError() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\nurl: /same/\n---\n",
            "content/b.md": "---\ntitle: B\nslug: same\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/b.md:3:7: error: this page and content/a.md are both published at /same/ [url.collision]"
        ])
    }

    @Test func namesThatDifferOnlyInCaseCollide() async throws {
        let site = try TemporarySite([
            "content/Fusion.md": "---\ntitle: A\n---\n",
            "content/fusion.md": "---\ntitle: B\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/Fusion.md:1:1: note: the file name 'Fusion' has capitals, spaces, accents or punctuation, so the page is published at /fusion/ [url.slug]",
            "content/fusion.md:1:1: error: this page and content/Fusion.md are both published at /fusion/ [url.collision]",
        ])
    }

    @Test func pageMayNotTakeAGeneratedFile() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\nurl: /404.html\n---\n"])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:3:6: error: the page would be written to '404.html', which Sacrum generates itself [url.reserved]"
        ])
    }

    @Test func unsafeSlugAndURLAreRefused() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\nslug: ../../etc\n---\n",
            "content/b.md": "---\ntitle: B\nurl: /x/%2e%2e/y/\n---\n",
            "content/c.md": "---\ntitle: C\nurl: relative/path/\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:3:7: error: the slug '../../etc' cannot be used: it contains '/' [url.invalid]",
            "content/b.md:3:6: error: the url '/x/%2e%2e/y/' cannot be used: it contains '%' (write the characters themselves, not percent-encoding) [url.invalid]",
            "content/c.md:3:6: error: the url 'relative/path/' cannot be used: it must start with '/' (a path inside the site) [url.invalid]",
        ])
    }

    @Test func aliasCollidingWithAPageIsAnError() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\naliases: [/b/]\n---\n",
            "content/b.md": "---\ntitle: B\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:3:11: error: the alias '/b/' is already taken by content/b.md [alias.collision]"
        ])
    }

    @Test func crossLinkToNothingOrToTheWrongKind() async throws {
        let site = try TemporarySite([
            "content/treatments/fusion.md": "---\ntitle: Fusion\nconditions:\n  - conditions/back-pian\n  - treatments/other\n---\n",
            "content/treatments/other.md": "---\ntitle: Other\n---\n",
            "content/conditions/back-pain.md": "---\ntitle: Back pain\n---\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/treatments/fusion.md:4:5: error: 'conditions' names 'conditions/back-pian', which is not a page [reference.broken]",
            "content/treatments/fusion.md:5:5: error: 'conditions' names 'treatments/other', which is a treatment page, not a condition [reference.kind]",
        ])
        #expect(result.relevantDiagnostics.first?.hint == "did you mean 'conditions/back-pain'?")
    }

    @Test func pageWithoutTitleIsAnError() async throws {
        let site = try TemporarySite(["content/a.md": "Just text.\n"])
        defer { site.remove() }
        #expect(await site.diagnostics() == ["content/a.md:1:1: error: the page has no 'title' [frontmatter.title]"])
    }

    @Test func brokenFrontMatterNamesFileLineAndColumn() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: \"Unclosed\ndate: 2026-01-01\n---\n",
            "content/b.md": "---\ntitle: B\nweight: heavy\n---\n",
            "content/c.md": "---\ntitle: C\n",
            "content/d.md": "---\ntitle: D\ntitle: D again\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:2:8: error: invalid YAML: while scanning a quoted scalar, found unexpected end of stream [yaml.syntax]",
            "content/b.md:3:9: error: 'weight' must be a whole number, not 'heavy' [yaml.type]",
            "content/c.md:1:1: error: the front matter that starts on line 1 is never closed [frontmatter.fence]",
            "content/d.md:3:1: error: the key 'title' is written twice (first on line 2) [yaml.duplicate-key]",
        ])
    }

    @Test func draftsFutureAndExpiredPagesAreHiddenUnlessAsked() async throws {
        let site = try TemporarySite([
            "content/draft.md": "---\ntitle: Draft\ndraft: true\n---\n",
            "content/future.md": "---\ntitle: Future\npublishDate: 2030-01-01\n---\n",
            "content/expired.md": "---\ntitle: Expired\nexpiryDate: 2020-01-01\n---\n",
            "content/live.md": "---\ntitle: Live\n---\n",
        ])
        defer { site.remove() }
        let pages = { (result: BuildResult) in result.paths.filter { $0.hasSuffix("/index.html") } }
        #expect(pages(await site.build()) == ["live/index.html"])
        #expect(pages(await site.build(drafts: true, future: true, expired: true)) == [
            "draft/index.html", "expired/index.html", "future/index.html", "live/index.html",
        ])
    }

    @Test func orderIsWeightThenNewestDateThenTitle() async throws {
        let site = try TemporarySite([
            "content/s/b.md": "---\ntitle: Bravo\n---\n",
            "content/s/a.md": "---\ntitle: Alpha\n---\n",
            "content/s/heavy.md": "---\ntitle: Heavy\nweight: 5\n---\n",
            "content/s/light.md": "---\ntitle: Light\nweight: 1\n---\n",
            "content/s/old.md": "---\ntitle: Old\ndate: 2020-01-01\n---\n",
            "content/s/new.md": "---\ntitle: New\ndate: 2024-01-01\n---\n",
        ])
        defer { site.remove() }
        let list = await site.build().text("s/index.html") ?? ""
        #expect(list.contains("Light</a>\n<a href=\"/s/heavy/\">Heavy</a>\n<a href=\"/s/new/\">New</a>\n<a href=\"/s/old/\">Old</a>\n<a href=\"/s/a/\">Alpha</a>\n<a href=\"/s/b/\">Bravo</a>"))
    }

    @Test func strictMakesWarningsErrors() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n", "site.yaml": TemporarySite.minimalConfig + "\ncolour: blue\n"])
        defer { site.remove() }
        let normal = await site.diagnostics()
        let strict = await site.diagnostics(strict: true)
        #expect(normal == ["site.yaml:20:1: warning: unknown key 'colour' in site.yaml [config.unknown-key]"])
        #expect(strict == ["site.yaml:20:1: error: unknown key 'colour' in site.yaml [config.unknown-key]"])
    }

    @Test func symbolicLinksAreNotFollowed() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/content/secrets", withDestinationPath: "/etc")
        #expect(await site.diagnostics() == [
            "content/secrets: error: this is a symbolic link; Sacrum never follows links, so it is not published [file.symlink]"
        ])
    }

    @Test func byteOrderMarkAndCRLFAreAcceptedWithRightLineNumbers() async throws {
        let site = try TemporarySite(["content/b.md": "---\ntitle: B\n---\n"])
        defer { site.remove() }
        try site.write([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\nweight: x\r\n---\r\nBody\r\n".utf8), to: "content/a.md")
        let found = await site.diagnostics()
        #expect(found == ["content/a.md:3:9: error: 'weight' must be a whole number, not 'x' [yaml.type]"])
    }

    @Test func latin1FileIsReportedAtTheBadByte() async throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        try site.write(Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n".utf8), to: "content/a.md")
        let found = await site.diagnostics()
        #expect(found == ["content/a.md:2:11: error: the file is not UTF-8: byte 0xE9 cannot start a character here [file.encoding]"])
    }

    @Test func menuEntryLeadingNowhereIsAnErrorInSiteYAML() async throws {
        let site = try TemporarySite([
            "content/treatments/a.md": "---\ntitle: A\n---\n",
            "site.yaml": TemporarySite.minimalConfig + "\nmenu:\n  - title: Treatments\n    url: /treatmints/\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "site.yaml:22:10: error: the menu entry 'Treatments' leads to '/treatmints/', which is not a page of the site [menu.broken]"
        ])
        #expect(result.relevantDiagnostics.first?.hint == "did you mean '/treatments/'?")
    }

    @Test func expiredStoryAuthorizationLeavesTheStoryOut() async throws {
        let site = try TemporarySite([
            "content/stories/a.md": "---\ntitle: A\nauthorization:\n  id: X\n  signed: 2020-01-01\n  expires: 2021-01-01\n---\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.diagnostics.filter { $0.id.hasPrefix("story.") }.map(TemporarySite.line) == [
            "content/stories/a.md:4:3: warning: the patient's authorization expired on 2021-01-01; the story is left out of the site [story.authorization-expired]"
        ])
        #expect(!result.paths.contains("stories/a/index.html"))
    }
}
