import SacrumBuild
import SacrumContent
import Testing

/// Issue 12, item 5: kinds of the site's own, named in `section_kinds`, render with a template of
/// their name if the theme has one, else as any page; a kind that is neither built in nor named is
/// an error, and one named almost like a built-in kind is a warning.
@Suite struct SiteKindTests {
    static let config = TemporarySite.minimalConfig + "\nsection_kinds: {locations: location}\n"

    @Test func aSiteKindRendersWithTheTemplateOfItsName() async throws {
        let site = try TemporarySite([
            "site.yaml": Self.config,
            "content/locations/lawton.md": "---\ntitle: Lawton\n---\nOffice.\n",
            "themes/test/templates/location.mustache": "<p>location {{page.kind}}: {{page.title}}</p>",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        #expect(result.text("locations/lawton/index.html") == "<p>location location: Lawton</p>")
    }

    @Test func aSiteKindWithoutATemplateRendersAsAPage() async throws {
        let site = try TemporarySite([
            "site.yaml": Self.config,
            "content/locations/lawton.md": "---\ntitle: Lawton\n---\nOffice.\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        #expect(result.text("locations/lawton/index.html") == "<h1>Lawton</h1>\n<p>Office.</p>\n")
    }

    @Test func aPageMayNameADeclaredSiteKind() async throws {
        let site = try TemporarySite(["site.yaml": Self.config, "content/downtown.md": "---\ntitle: Downtown\nkind: location\n---\n"])
        defer { site.remove() }
        #expect(await site.diagnostics() == [])
    }

    @Test func aKindTheSiteDoesNotHaveIsAnErrorWithASuggestion() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\nkind: tretment\n---\n"])
        defer { site.remove() }
        #expect(await site.diagnostics() == ["content/a.md:3:7: error: 'tretment' is not a kind this site has [frontmatter.kind]"])
        let hint = await site.build().relevantDiagnostics.first?.hint
        #expect(hint == "did you mean 'treatment'? the kinds are article, condition, page, provider, story, treatment; a kind of your own is named in site.yaml's section_kinds (locations: location)")
    }

    @Test func aKindThatIsNotAWordIsAnError() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\nkind: Office Location\n---\n"])
        defer { site.remove() }
        #expect(await site.diagnostics() == ["content/a.md:3:7: error: 'Office Location' is not a kind name [frontmatter.kind]"])
    }

    @Test func aSectionKindSpelledLikeABuiltInKindIsAWarning() async throws {
        let site = try TemporarySite(["site.yaml": TemporarySite.minimalConfig + "\nsection_kinds: {treatments: treatmnet}\n"])
        defer { site.remove() }
        #expect(await site.diagnostics(only: ["config.kind"]) == [
            "site.yaml:20:29: warning: 'treatmnet' is not a built-in kind, so the pages of treatments/ get none of the checks of 'treatment' pages [config.kind]"
        ])
    }
}
