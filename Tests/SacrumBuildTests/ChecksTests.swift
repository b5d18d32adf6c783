import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// Every check: a fixture that trips it, with the exact diagnostic, and the same fixture fixed, which
/// passes. The base site passes every check.
@Suite struct ChecksTests {
    static let description = "A page of the test clinic with a description long enough for search."
    static let theme: [String: String] = [
        "themes/test/templates/page.mustache": """
            <link rel="canonical" href="{{page.canonical}}"><h1>{{page.title}}</h1>
            {{{page.content}}}{{#page.disclosure}}<aside>{{page.disclosure}}</aside>{{/page.disclosure}}
            """,
        "themes/test/templates/list.mustache": "<link rel=\"canonical\" href=\"{{page.canonical}}\"><h1>{{page.title}}</h1>",
    ]

    static func page(_ title: String, _ extra: String = "", body: String = "Text.") -> String {
        "---\ntitle: \(title)\ndescription: \(description) \(title).\n\(extra)---\n\(body)\n"
    }

    static let base: [String: String] = [
        "content/_index.md": page("Home"),
        "content/treatments/fusion.md": page("Fusion", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\nprocedure_type: surgical\n"),
        "content/stories/ann.md": page("Ann", "treatment: treatments/fusion\nauthorization:\n  id: A-1\n  signed: 2026-01-01\n  expires: 2028-01-01\n"),
    ]

    /// The diagnostics of `ids` for the base site changed by `files`.
    func found(_ files: [String: String], only ids: [String], config: String? = nil) async throws -> [String] {
        var all = Self.base.merging(Self.theme) { $1 }.merging(files) { $1 }
        if let config { all["site.yaml"] = config }
        let site = try TemporarySite(all)
        defer { site.remove() }
        return await site.diagnostics(only: ids)
    }

    @Test func baseSitePassesEveryCheck() async throws {
        let site = try TemporarySite(Self.base.merging(Self.theme) { $1 })
        defer { site.remove() }
        let result = await site.build()
        #expect(result.diagnostics.map(TemporarySite.line) == [])
    }

    // MARK: - Accessibility

    @Test func meaninglessAltText() async throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let bad = try await found(["content/a.md": Self.page("A", body: "![image](x.svg)\n\n![x.svg](x.svg)"), "content/x.svg": svg], only: ["a11y."])
        #expect(bad == [
            "content/a.md:5:1: error: the alt text 'image' does not describe the image [a11y.alt-meaningless]",
            "content/a.md:7:1: error: the alt text 'x.svg' does not describe the image [a11y.alt-meaningless]",
        ])
        let good = try await found(["content/a.md": Self.page("A", body: "![A surgeon points at the joint](x.svg)"), "content/x.svg": svg], only: ["a11y."])
        #expect(good == [])
    }

    @Test func skippedHeadingLevelAndSecondH1() async throws {
        let bad = try await found(["content/a.md": Self.page("A", body: "# Again\n\n## Two\n\n#### Four")], only: ["a11y."])
        #expect(bad == [
            "content/a.md:5:1: error: the page title is already the page's h1; this heading makes a second one [a11y.h1-duplicate]",
            "content/a.md:9:1: warning: the heading 'Four' jumps from level 2 to 4 [a11y.heading-skip]",
        ])
        #expect(try await found(["content/a.md": Self.page("A", body: "## Two\n\n### Three\n\n## Two again")], only: ["a11y."]) == [])
    }

    @Test func vagueAndEmptyLinkText() async throws {
        let bad = try await found(
            ["content/a.md": Self.page("A", body: "[Click here](/treatments/fusion/) or [Let us know what you want](/) or [](/).")], only: ["a11y."])
        #expect(bad == [
            "content/a.md:5:1: error: the link text 'Click here' does not say where the link goes [a11y.link-text]",
            "content/a.md:5:38: error: the link text 'Let us know what you want' does not say where the link goes [a11y.link-text]",
            "content/a.md:5:72: error: the link to '/' has no text [a11y.link-empty]",
        ])
        #expect(try await found(["content/a.md": Self.page("A", body: "[how SI-joint fusion works](/treatments/fusion/)")], only: ["a11y."]) == [])
    }

    @Test func tableWithoutHeaderRow() async throws {
        let config = TemporarySite.minimalConfig + "\nmarkdown:\n  unsafe: true\n"
        let bad = try await found(["content/a.md": Self.page("A", body: "<table><tr><td>1</td></tr></table>")], only: ["a11y."], config: config)
        #expect(bad == ["content/a.md: error: a table on /a/ (line 2 of the HTML) has no header row [a11y.table-header]"])
        let good = try await found(["content/a.md": Self.page("A", body: "<table><tr><th>N</th></tr><tr><td>1</td></tr></table>")], only: ["a11y."], config: config)
        #expect(good == [])
    }

    // MARK: - Medical review

    @Test func medicalPageWithoutReview() async throws {
        let bad = try await found(["content/conditions/back.md": Self.page("Back")], only: ["medical."])
        #expect(bad == ["content/conditions/back.md:1:1: error: this condition page has no 'reviewed_by' and 'last_reviewed' [medical.review-missing]"])
    }

    @Test func unknownReviewerOverdueAndFutureReviews() async throws {
        let bad = try await found([
            "content/conditions/a.md": Self.page("A", "reviewed_by: Dr. Tset, MD\nlast_reviewed: 2026-01-01\n"),
            "content/conditions/b.md": Self.page("B", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2025-10-01\n"),
            "content/conditions/c.md": Self.page("C", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2027-01-01\n"),
        ], only: ["medical."])
        #expect(bad == [
            "content/conditions/a.md:4:14: error: 'reviewed_by' names 'Dr. Tset, MD', who is neither a provider page nor a reviewer in site.yaml [medical.reviewer-unknown]",
            "content/conditions/b.md:5:16: warning: the medical review of October 1, 2025 is more than 12 months old [medical.review-overdue]",
            "content/conditions/c.md:5:16: error: 'last_reviewed' (2027-01-01) is in the future [medical.review-future]",
        ])
    }

    @Test func providerPageCanReview() async throws {
        let good = try await found([
            "content/providers/reyes.md": Self.page("Dr. Ada Reyes"),
            "content/conditions/a.md": Self.page("A", "reviewed_by: providers/reyes\nlast_reviewed: 2026-06-01\n"),
        ], only: ["medical."])
        #expect(good == [])
    }

    // MARK: - Stories

    @Test func storyWithoutAuthorizationOrTreatment() async throws {
        let bad = try await found([
            "content/stories/b.md": Self.page("B"),
            "content/stories/c.md": Self.page("C", "treatment: treatments/fusion\nauthorization:\n  id: C-1\n"),
        ], only: ["story."])
        #expect(bad == [
            "content/stories/b.md:1:1: error: this patient story has no 'authorization' record [story.authorization-missing]",
            "content/stories/b.md:1:1: error: this patient story names no 'treatment' [story.treatment-missing]",
            "content/stories/c.md:6:3: error: the authorization has no 'signed', 'expires' [story.authorization-missing]",
        ])
    }

    @Test func storyPhotoNeedsAnAuthorizationThatCoversIt() async throws {
        let record = "treatment: treatments/fusion\nauthorization:\n  id: A-1\n  signed: 2026-01-01\n  expires: 2028-01-01\n"
        let photo = ["content/stories/ann.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"]
        let without = try await found(photo.merging(["content/stories/ann.md": Self.page("Ann", record, body: "\n![Ann walking](ann.svg)")]) { $1 }, only: ["story.authorization"])
        #expect(without == [
            "content/stories/ann.md:11:1: warning: this story shows a photo ('ann.svg'); the patient's authorization must cover the photo, and its record has no 'photo: true' [story.authorization]"
        ])
        let covered = try await found(photo.merging(["content/stories/ann.md": Self.page("Ann", record + "  photo: true\n", body: "\n![Ann walking](ann.svg)")]) { $1 }, only: ["story.authorization"])
        #expect(covered == [])
    }

    @Test func storyShownWithoutTheDisclosure() async throws {
        let bad = try await found(["themes/test/templates/story.mustache": "<link rel=\"canonical\" href=\"{{page.canonical}}\">{{{page.content}}}"], only: ["story."])
        #expect(bad == ["themes/test/templates/story.mustache: error: the story /stories/ann/ is shown without its typical-results disclosure [story.disclosure-missing]"])
        let noText = try await found([:], only: ["story."], config: TemporarySite.minimalConfig.replacingOccurrences(of: "stories:\n  disclosure: Results vary.\n", with: ""))
        #expect(noText.contains { $0.hasSuffix("there is no typical-results disclosure for this story [story.disclosure-missing]") })
    }

    @Test func outcomeClaimsAreFlagged() async throws {
        let bad = try await found([
            "content/stories/ann.md": Self.page("Ann", "treatment: treatments/fusion\nauthorization:\n  id: A-1\n  signed: 2026-01-01\n  expires: 2028-01-01\n",
                                             body: "Pain went down by 80% and is guaranteed gone; she is pain-free.")
        ], only: ["story."])
        #expect(bad == [
            "content/stories/ann.md:10:19: warning: '80%' is an outcome claim; have it reviewed [story.outcome-claim]",
            "content/stories/ann.md:10:30: warning: 'guaranteed' is an outcome claim; have it reviewed [story.outcome-claim]",
            "content/stories/ann.md:10:54: warning: 'pain-free' is an outcome claim; have it reviewed [story.outcome-claim]",
        ])
    }

    // MARK: - One source of truth

    @Test func phoneTelAndHoursMustMatchSiteYAML() async throws {
        let bad = try await found([
            "content/a.md": Self.page("A", body: "Call (580) 234-7247 or [call us](tel:+15805550000). Open 9:00 a.m. – 5:00 p.m.")
        ], only: ["nap."])
        #expect(bad == [
            "content/a.md:5:6: error: the phone number '(580) 234-7247' is not the practice's ((580) 234-7246 in site.yaml) [nap.phone]",
            "content/a.md:5:24: error: the link 'tel:+15805550000' calls a number that is not the practice's (tel:+15802347246) [nap.tel]",
            "content/a.md:5:58: error: the hours '9:00 a.m. – 5:00 p.m.' differ from the opening hours in site.yaml (8:00 a.m. – 12:00 noon, 12:45 p.m. – 5:00 p.m.) [nap.hours]",
        ])
        let good = try await found([
            "content/a.md": Self.page("A", body: "Call 580-234-7246 or [call us](tel:+15802347246). Lunch 12:00-12:45pm. Recovery takes 1-2 weeks. Call 911.")
        ], only: ["nap."])
        #expect(good == [])
    }

    @Test func hoursAreFoundInCapitalsAndEverySpelling() async throws {
        let bad = try await found([
            "content/a.md": Self.page("A", body: "Open 9 AM To 5 PM. Lunch 12:00–12:45 PM. Fridays 8:00 A.M.—NOON.")
        ], only: ["nap."])
        // The lunch closure and the morning range are the practice's own; only the first differs.
        #expect(bad == [
            "content/a.md:5:6: error: the hours '9 AM To 5 PM' differ from the opening hours in site.yaml (8:00 a.m. – 12:00 noon, 12:45 p.m. – 5:00 p.m.) [nap.hours]"
        ])
    }

    @Test func hardCodedPhoneInATemplateIsReportedThere() async throws {
        let bad = try await found([
            "themes/test/templates/page.mustache": "<link rel=\"canonical\" href=\"{{page.canonical}}\">\n<p>Call (580) 555-0100</p> <a href=\"tel:+15805550100\">x</a>{{{page.content}}}{{page.disclosure}}"
        ], only: ["nap."])
        #expect(bad == [
            "themes/test/templates/page.mustache:2:9: error: the phone number '(580) 555-0100' is not the practice's ((580) 234-7246 in site.yaml) [nap.phone]",
            "themes/test/templates/page.mustache:2:37: error: the template calls tel:+15805550100, which is not the practice's number [nap.tel]",
        ])
    }

    @Test func placeholdersInFrontMatterWarn() async throws {
        let bad = try await found(["content/a.md": Self.page("A", "job_title: \"[PLACEHOLDER: title]\"\n")], only: ["config."])
        #expect(bad == ["content/a.md:4:1: warning: 'job_title' is still a placeholder [config.placeholder]"])
    }

    @Test func placeholdersInTheTextWarnOncePerLine() async throws {
        let body = "A placeholder image is fine.\n\n[PLACEHOLDER: intro] and [PLACEHOLDER: more]\n\nEnd: PLACEHOLDER"
        let bad = try await found(["content/a.md": Self.page("A", body: body)], only: ["config."])
        #expect(bad == [
            "content/a.md:7:2: warning: the text still holds a placeholder [config.placeholder]",
            "content/a.md:9:6: warning: the text still holds a placeholder [config.placeholder]",
        ])
    }

    // MARK: - Privacy

    @Test func externalResourcesAreRefused() async throws {
        let bad = try await found([
            "content/a.md": Self.page("A", body: "![Clinic front door](https://cdn.example.net/door.jpg)"),
            "themes/test/templates/list.mustache": "<link rel=\"canonical\" href=\"{{page.canonical}}\">\n<script src=\"https://tracker.example.com/t.js\"></script><h1>{{page.title}}</h1>",
        ], only: ["privacy."])
        #expect(bad == [
            "content/a.md:5:1: error: the page loads https://cdn.example.net/door.jpg from another host: cdn.example.net is not in site.yaml's privacy.allowed_hosts [privacy.external-resource]",
            "themes/test/templates/list.mustache:2:14: error: / loads https://tracker.example.com/t.js from another host: tracker.example.com is not in site.yaml's privacy.allowed_hosts (and 2 more pages) [privacy.external-resource]",
        ])
    }

    /// Browsers read `/\host/...` as `//host/...`: a tracking pixel written that way is another host too.
    @Test func backslashProtocolRelativeURLIsAnotherHost() async throws {
        let bad = try await found([
            "themes/test/templates/list.mustache": "<link rel=\"canonical\" href=\"{{page.canonical}}\">\n<img src=\"/\\pixel.example.com/p.gif\" alt=\"\"><h1>{{page.title}}</h1>"
        ], only: ["privacy."])
        #expect(bad == [
            "themes/test/templates/list.mustache:2:11: error: / loads /\\pixel.example.com/p.gif from another host: pixel.example.com is not in site.yaml's privacy.allowed_hosts (and 2 more pages) [privacy.external-resource]"
        ])
    }

    @Test func allowedHostsAreStillRefusedOnMedicalPages() async throws {
        let config = TemporarySite.minimalConfig + "\nprivacy:\n  allowed_hosts: [images.example.org]\n"
        let files = [
            "content/about.md": Self.page("About", body: "![Our building from the street](https://images.example.org/b.jpg)"),
            "content/treatments/fusion.md": Self.page("Fusion", "reviewed_by: Dr. Test, MD\nlast_reviewed: 2026-06-01\n", body: "![The implants](https://images.example.org/i.jpg)"),
        ]
        #expect(try await found(files, only: ["privacy."], config: config) == [
            "content/treatments/fusion.md:7:1: error: the page loads https://images.example.org/i.jpg from another host: images.example.org is allowed in site.yaml, but never on treatment or contact pages [privacy.external-resource]"
        ])
    }

    // MARK: - SEO

    @Test func titlesDescriptionsAndCanonical() async throws {
        let bad = try await found([
            "content/a.md": "---\ntitle: Same\ndescription: Too short.\n---\n",
            "content/b.md": "---\ntitle: Same\n---\n",
            "content/c.md": "---\ntitle: C\ndescription: Too short.\nlayout: bare\n---\n",
            "themes/test/templates/bare.mustache": "<h1>{{page.title}}</h1>",
        ], only: ["seo."])
        #expect(bad == [
            "content/a.md:3:1: warning: the description is 10 characters long; search results show 50 to 160 [seo.description-length]",
            "content/b.md:1:1: error: /b/ has the same title as /a/: 'Same' [seo.title-duplicate]",
            "content/b.md:1:1: warning: the page has no description [seo.description-missing]",
            "content/c.md:3:1: warning: /c/ has the same description as /a/ [seo.description-duplicate]",
            "content/c.md:3:1: warning: the description is 10 characters long; search results show 50 to 160 [seo.description-length]",
            "themes/test/templates/bare.mustache: error: /c/ has no canonical link [seo.canonical-missing]",
        ])
    }

    // MARK: - Template links

    @Test func templateLinkToNothingIsReportedInTheTemplate() async throws {
        let bad = try await found([
            "themes/test/templates/list.mustache": "<link rel=\"canonical\" href=\"{{page.canonical}}\">\n<a href=\"/treatmints/\">Treatments</a> <a href=\"#main\">skip</a>"
        ], only: ["link."])
        #expect(bad == [
            "themes/test/templates/list.mustache:2:10: error: / links to /treatmints/, which the build does not produce (and 2 more pages) [link.template]",
            "themes/test/templates/list.mustache:2:48: error: / links to #main, but that page has no element with id 'main' (and 2 more pages) [link.template]",
        ])
    }

    // MARK: - Silencing

    @Test func checkCanBeSilencedOnOnePageWithAReason() async throws {
        let ignore = "ignore_checks:\n  - id: a11y.link-text\n    reason: The linked page is named right before the link.\n  - id: a11y.no-such-check\n    reason: x\n"
        let result = try await found(["content/a.md": Self.page("A", ignore, body: "[here](/)"), "content/b.md": Self.page("B", body: "[here](/)")], only: ["a11y.", "frontmatter."])
        #expect(result == [
            "content/a.md:7:5: warning: 'ignore_checks' names 'a11y.no-such-check', which is not a check [frontmatter.ignore]",
            "content/b.md:5:1: error: the link text 'here' does not say where the link goes [a11y.link-text]",
        ])
    }

    // MARK: - The repository's own site

    @Test func practiceSiteHasNoErrors() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = await BuildPipeline(options: BuildOptions(root: root.path, now: TemporarySite.now)).run()
        #expect(result.diagnostics.filter { $0.severity == .error }.map(TemporarySite.line) == [])
        #expect(result.succeeded)
    }
}
