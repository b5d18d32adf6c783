import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// Issue 11, item 4: what an editor writes without reading the front-matter table builds, and every
/// guess Sacrum makes is said.
@Suite struct FriendlyFrontMatterTests {
    static let chicagoConfig = TemporarySite.minimalConfig + "\ntimezone: America/Chicago\n"

    // MARK: - Title from the first heading

    @Test func pageWithoutFrontMatterBuildsWithOneH1() async throws {
        let site = try TemporarySite(["content/faq.md": "# SI *joint* fusion\n\nText.\n\n## Recovery\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/faq.md:1:1: note: the page has no 'title', so its first heading, 'SI joint fusion', is the title (and the page's one h1) [frontmatter.title-from-heading]"
        ])
        #expect(result.text("faq/index.html") == "<h1>SI joint fusion</h1>\n<p>Text.</p>\n<h2 id=\"recovery\">Recovery</h2>\n")
    }

    @Test func laterLinesKeepTheirNumbers() async throws {
        let site = try TemporarySite(["content/a.md": "---\ndescription: x\n---\nTitle\n=====\n\n[x](nowhere.md)\n"])
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["link."]) == [
            "content/a.md:7:1: error: the link 'nowhere.md' matches no page [link.broken]"
        ])
    }

    @Test func headingThatRepeatsTheTitleIsNotASecondH1() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: Back pain\n---\n# Back pain\nText.\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/a.md:4:1: warning: this heading repeats the page's 'title', which the theme already shows as the page's heading; it is left out so the page has one h1 [frontmatter.title-repeated]"
        ])
        #expect(result.text("a/index.html") == "<h1>Back pain</h1>\n<p>Text.</p>\n")
    }

    @Test func pageWithoutTitleOrHeadingNamesBothFixes() async throws {
        let site = try TemporarySite(["content/a.md": "Just text.\n"])
        defer { site.remove() }
        let result = await site.build()
        let problem = try #require(result.relevantDiagnostics.first)
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == ["content/a.md:1:1: error: the page has no 'title' [frontmatter.title]"])
        #expect(problem.hint == "add 'title: ...' to the front matter, or start the page with a '# Title' heading; the title is the page's heading and its name in search results")
    }

    @Test func sectionIndexWithoutFrontMatterIsNamedByItsHeading() async throws {
        let site = try TemporarySite(["content/_index.md": "# Welcome\n", "content/treatments/_index.md": "# Our treatments\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(\.id) == ["frontmatter.title-from-heading", "frontmatter.title-from-heading"])
        #expect(result.text("treatments/index.html") == "<h1>Our treatments</h1>\n")
    }

    // MARK: - File names

    @Test func fileNameWithSpacesAndCapitalsGetsASlugURLAndLinksMayNameTheFile() async throws {
        let site = try TemporarySite([
            "content/Back pain FAQ.md": "---\ntitle: FAQ\n---\n",
            "content/a.md": "---\ntitle: A\n---\n[FAQ](Back%20pain%20FAQ.md) and [again](<Back pain FAQ.md>)\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/Back pain FAQ.md:1:1: note: the file name 'Back pain FAQ' has capitals, spaces, accents or punctuation, so the page is published at /back-pain-faq/ [url.slug]"
        ])
        #expect(result.paths.contains("back-pain-faq/index.html"))
        #expect(result.text("a/index.html")?.contains("<a href=\"/back-pain-faq/\">FAQ</a> and <a href=\"/back-pain-faq/\">again</a>") == true)
    }

    @Test func accentsAreFolded() async throws {
        let site = try TemporarySite(["content/Ciática.md": "---\ntitle: Ciática\n---\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/Ciática.md:1:1: note: the file name 'Ciática' has capitals, spaces, accents or punctuation, so the page is published at /ciatica/ [url.slug]"
        ])
        #expect(result.paths.contains("ciatica/index.html"))
    }

    @Test func folderNamesGetSlugsToo() async throws {
        let site = try TemporarySite([
            "content/Patient Stories/Ann B.md": "---\ntitle: Ann\n---\n",
            "content/Más/_index.md": "---\ntitle: More\n---\n",
            "content/Más/x.md": "---\ntitle: X\n---\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/Más/_index.md:1:1: note: the folder name 'Más' has capitals, spaces, accents or punctuation, so its pages are published under /mas/ [url.slug]",
            "content/Patient Stories: note: the folder name 'Patient Stories' has capitals, spaces, accents or punctuation, so its pages are published under /patient-stories/ [url.slug]",
            "content/Patient Stories/Ann B.md:1:1: note: the file name 'Ann B' has capitals, spaces, accents or punctuation, so the page is published at /patient-stories/ann-b/ [url.slug]",
        ])
        #expect(Set(result.paths).isSuperset(of: ["patient-stories/index.html", "patient-stories/ann-b/index.html", "mas/index.html", "mas/x/index.html"]))
    }

    @Test func slugInFrontMatterNeedsNoNote() async throws {
        let site = try TemporarySite(["content/Back pain FAQ.md": "---\ntitle: FAQ\nslug: faq\n---\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.isEmpty)
        #expect(result.paths.contains("faq/index.html"))
    }

    @Test func twoFilesWithOneSlugAreAnErrorNamingBoth() async throws {
        let site = try TemporarySite([
            "content/Back Pain.md": "---\ntitle: A\n---\n",
            "content/back-pain.md": "---\ntitle: B\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/Back Pain.md:1:1: note: the file name 'Back Pain' has capitals, spaces, accents or punctuation, so the page is published at /back-pain/ [url.slug]",
            "content/back-pain.md:1:1: error: this page and content/Back Pain.md are both published at /back-pain/ [url.collision]",
        ])
    }

    @Test func invisibleCharactersInAFileNameStayAnError() async throws {
        let site = try TemporarySite(["content/a\u{200B}b.md": "---\ntitle: A\n---\n", "content/a\u{A0}b.md": "---\ntitle: B\n---\n", "content/¿?.md": "---\ntitle: C\n---\n"])
        defer { site.remove() }
        let found = await site.diagnostics()
        #expect(found == [
            "content/a\u{A0}b.md:1:1: error: the file name cannot be part of a URL: it contains an invisible or control character (U+A0) [url.invalid]",
            "content/a\u{200B}b.md:1:1: error: the file name cannot be part of a URL: it contains an invisible or control character (U+200B) [url.invalid]",
            "content/¿?.md:1:1: error: the file name cannot be part of a URL: it has no letters or digits to make a URL of [url.invalid]",
        ])
    }

    // MARK: - Dates and time zones

    func jsonLDDate(_ result: BuildResult, _ path: String) -> String? {
        guard let text = result.text(path), let start = text.range(of: "\"datePublished\":\"") else { return nil }
        return String(text[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test func localTimeIsTheSiteTimeZoneWithDaylightSaving() async throws {
        let site = try TemporarySite([
            "site.yaml": Self.chicagoConfig,
            "themes/test/templates/page.mustache": "{{{jsonLD}}}",
            "content/winter.md": "---\ntitle: W\ndate: 2026-01-15 09:00\n---\n",
            "content/summer.md": "---\ntitle: S\ndate: 2026-03-10 09:00:00\n---\n",
            "content/offset.md": "---\ntitle: O\ndate: 2026-03-10 09:00:00 -0600\n---\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        #expect(jsonLDDate(result, "winter/index.html") == "2026-01-15T09:00:00-06:00")
        #expect(jsonLDDate(result, "summer/index.html") == "2026-03-10T09:00:00-05:00")
        #expect(jsonLDDate(result, "offset/index.html") == "2026-03-10T09:00:00-06:00")
        #expect(result.text("sitemap.xml")?.contains("<loc>https://test.example/summer/</loc>\n    <lastmod>2026-03-10</lastmod>") == true)
    }

    @Test func feedCarriesTheResolvedOffset() async throws {
        let site = try TemporarySite([
            "site.yaml": Self.chicagoConfig,
            "content/news.md": "---\ntitle: News\nkind: article\ndate: 2026-03-10 09:00\n---\n",
        ])
        defer { site.remove() }
        let feed = try #require(await site.build().text("feed.xml"))
        #expect(feed.contains("    <published>2026-03-10T09:00:00-05:00</published>\n    <updated>2026-03-10T09:00:00-05:00</updated>\n"))
    }

    @Test func publishTimeIsComparedInTheSiteTimeZone() async throws {
        // The build runs at 2026-11-25T12:00:00Z, 06:00 in Chicago: 07:00 there is still to come.
        let page = "---\ntitle: Soon\npublishDate: 2026-11-25 07:00\n---\n"
        let chicago = try TemporarySite(["site.yaml": Self.chicagoConfig, "content/soon.md": page])
        defer { chicago.remove() }
        #expect(await chicago.build().summary.heldBack == [.future: 1])
        let utc = try TemporarySite(["content/soon.md": page])
        defer { utc.remove() }
        let result = await utc.build()
        #expect(result.summary.heldBack == [:])
        #expect(result.paths.contains("soon/index.html"))
    }

    @Test func timesWithoutATimeZoneGetOneWarningPerBuild() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\ndate: 2026-03-10 09:00\n---\n",
            "content/b.md": "---\ntitle: B\ndate: 2026-03-11 09:00\nupdated: 2026-03-12 10:00\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:3:7: warning: 'date' has a time but no UTC offset, so it is read as UTC (2026-03-10T09:00:00Z); so are 2 other dates without an offset [date.no-timezone]"
        ])
    }

    @Test func identicalInputGivesIdenticalOutput() async throws {
        let files = [
            "site.yaml": Self.chicagoConfig,
            "content/a.md": "# A\n\nText.\n",
            "content/Back pain FAQ.md": "---\ntitle: FAQ\ndate: 2026-03-10 09:00:00.5 -6\n---\n",
        ]
        let first = try TemporarySite(files)
        let second = try TemporarySite(files)
        defer { first.remove(); second.remove() }
        let a = await first.build()
        let b = await second.build()
        #expect(a.paths == b.paths)
        #expect(a.paths.map { a.text($0) } == b.paths.map { b.text($0) })
    }

    // MARK: - Held back

    @Test func summaryCountsThePagesHeldBackAndWhy() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "content/draft.md": "---\ntitle: D\ndraft: true\n---\n",
            "content/draft2.md": "---\ntitle: D2\ndraft: true\n---\n",
            "content/future.md": "---\ntitle: F\ndate: 2027-01-01\n---\n",
            "content/expired.md": "---\ntitle: E\nexpiryDate: 2026-01-01\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.build().summary.heldBackLine == "4 held back: 2 drafts, 1 future, 1 expired; --drafts --future --expired to include them")
        #expect(await site.build(drafts: true).summary.heldBackLine == "2 held back: 1 future, 1 expired; --future --expired to include them")
        #expect(await site.build(drafts: true, future: true, expired: true).summary.heldBackLine == nil)
    }
}

/// Issue 11, item 3: the README's front-matter example, with the reviewer its site.yaml example lists,
/// passes the medical checks (its `reviewed_by` once named nobody the site knew).
@Suite struct ReadmeFrontMatterExampleTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// The fenced block that follows `opening` in the README.
    static func block(after opening: String) -> String? {
        guard let start = readme.range(of: opening + "\n"), let end = readme.range(of: "\n```", range: start.upperBound..<readme.endIndex)
        else { return nil }
        return String(readme[start.upperBound..<end.lowerBound]) + "\n"
    }

    @Test func frontMatterExampleBuildsWithTheSiteYAMLExamplesReviewer() async throws {
        let page = try #require(Self.block(after: "```markdown"))
        let siteYAML = try #require(Self.block(after: "```yaml"))
        let reviewers = try #require(siteYAML.split(separator: "\n").first { $0.hasPrefix("reviewers:") })
        let config = TemporarySite.minimalConfig.replacingOccurrences(of: "reviewers:\n  - name: Dr. Test, MD", with: String(reviewers))
        let site = try TemporarySite([
            "site.yaml": config + "\ntimezone: America/Chicago\n",
            "content/treatments/si-joint-fusion.md": page + "Text.\n",
            "content/conditions/back-pain.md": "---\ntitle: Back pain\nreviewed_by: Dr. Ada Reyes, MD\nlast_reviewed: 2026-06-01\n---\n",
        ])
        defer { site.remove() }
        #expect(page.contains("reviewed_by: Dr. Ada Reyes, MD"))
        #expect(await site.diagnostics(only: ["medical.", "frontmatter.", "yaml.", "date."]) == [])
    }
}
