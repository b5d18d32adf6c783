import Foundation
import SacrumBuild
import SacrumContent
import Testing

@Suite struct LinkDiagnosticsTests {
    @Test func misspeltLinkIsAnErrorWithASuggestion() async throws {
        let site = try TemporarySite([
            "content/treatments/si-joint-fusion.md": "---\ntitle: Fusion\n---\n\nSee [back pain](../conditons/back-pain.md).\n",
            "content/conditions/back-pain.md": "---\ntitle: Back pain\n---\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/treatments/si-joint-fusion.md:5:5: error: the link '../conditons/back-pain.md' matches no page [link.broken]"
        ])
        #expect(result.relevantDiagnostics.first?.hint == "did you mean '../conditions/back-pain.md'?")
        #expect(!result.succeeded)
    }

    @Test func missingAnchorIsAnError() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n\n## Causes\n\nSee [b](b.md#recovry) and [self](#causes) and [bad](#nowhere).\n",
            "content/b.md": "---\ntitle: B\n---\n\n## Recovery\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/a.md:7:5: error: the link 'b.md#recovry' names '#recovry', which /b/ does not have [link.anchor]",
            "content/a.md:7:47: error: the link '#nowhere' names '#nowhere', which /a/ does not have [link.anchor]",
        ])
        #expect(result.relevantDiagnostics.first?.hint == "did you mean '#recovery'?")
    }

    @Test func anchorMadeByTheTemplateCounts() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n\n[skip](#main)\n",
            "themes/test/templates/page.mustache": "<main id=\"main\">{{{page.content}}}</main>",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [])
    }

    @Test func linkToADraftSaysSo() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n\n[soon](b.md)\n",
            "content/b.md": "---\ntitle: B\ndraft: true\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:5:1: error: the link 'b.md' leads to a page that is a draft (draft: true) [link.hidden]"
        ])
        #expect(await site.diagnostics(drafts: true) == [])
    }

    @Test func missingImageAndImageWithoutAlt() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n\n![Spine](images/spine.jpg)\n\n![](images/ok.svg)\n",
            "content/images/ok.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:5:1: error: the image 'images/spine.jpg' matches no file [link.broken]",
            "content/a.md:7:1: error: the image 'images/ok.svg' has no alt text [a11y.alt-missing]",
        ])
    }

    @Test func linkOutsideTheContentFolderIsRefused() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n[secret](../../site.yaml) [up](../../../etc/passwd.md)\n"])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/a.md:5:1: error: the link '../../site.yaml' leads outside the site's content folder [link.outside]",
            "content/a.md:5:27: error: the link '../../../etc/passwd.md' leads outside the site's content folder [link.outside]",
        ])
    }

    @Test func sitePathsAndExternalLinksResolve() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n\n[b](/b) [b2](/b/) [ext](https://example.org/x) [mail](mailto:x@y.z) [call](tel:+15802347246) [pdf](/files/form.pdf)\n",
            "content/b.md": "---\ntitle: B\n---\n",
            "content/files/form.pdf": "%PDF",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.isEmpty)
        #expect(result.text("a/index.html")?.contains("<a href=\"/b/\">b</a> <a href=\"/b/\">b2</a> <a href=\"https://example.org/x\">ext</a>") == true)
    }
}
