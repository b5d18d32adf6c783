import Foundation
import SacrumBuild
@testable import SacrumContent
import Testing

/// `markdown:` in site.yaml switches the GitHub-flavoured extensions, and raw HTML left out in safe
/// mode is a warning at its place.
@Suite struct MarkdownExtensionSettingsTests {
    func decode(_ markdown: String) -> (MarkdownSettings?, [String]) {
        let (config, diagnostics) = SiteConfigDecoder().decode(SourceText(TemporarySite.minimalConfig + "\n" + markdown + "\n"))
        return (config?.markdown, diagnostics.map(TemporarySite.line))
    }

    @Test func extensionsAreOnByDefault() {
        #expect(decode("").0 == MarkdownSettings(tables: true, strikethrough: true, autolinks: true, taskLists: true, footnotes: true, alerts: true))
    }

    @Test func everySwitchIsRead() {
        let (settings, diagnostics) = decode(
            "markdown:\n  tables: false\n  strikethrough: false\n  autolinks: false\n  task_lists: false\n  footnotes: false\n  alerts: false")
        #expect(diagnostics.isEmpty)
        #expect(settings == MarkdownSettings(tables: false, strikethrough: false, autolinks: false, taskLists: false, footnotes: false, alerts: false))
    }

    @Test func aMisspelledSwitchGetsADidYouMean() {
        let (_, diagnostics) = SiteConfigDecoder().decode(SourceText(TemporarySite.minimalConfig + "\nmarkdown:\n  task_list: false\n"))
        #expect(diagnostics.map(TemporarySite.line) == ["site.yaml:21:3: warning: unknown key 'task_list' in 'markdown' [config.unknown-key]"])
        #expect(diagnostics.first?.hint == "did you mean 'task_lists'?")
    }

    @Test func aSwitchThatIsNotABooleanIsAnError() {
        let (_, diagnostics) = decode("markdown:\n  autolinks: sometimes")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.contains("error") == true, "\(diagnostics)")
    }

    @Test func theSwitchesReachTheRenderer() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n~~old~~ www.example.org\n\n- [x] done\n",
            "site.yaml": TemporarySite.minimalConfig + "\nmarkdown:\n  strikethrough: false\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        let html = try #require(result.text("a/index.html"))
        #expect(html.contains("<p>~~old~~ <a href=\"http://www.example.org\">www.example.org</a></p>"))
        #expect(html.contains("<li><input checked=\"\" disabled=\"\" type=\"checkbox\" aria-label=\"Done\"> done</li>"))
    }

    @Test func rawHTMLLeftOutIsAWarningNamingTheTag() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\nIntro\n\n<iframe src=\"https://maps.example\"></iframe>\n\nSee <!-- note --> this.\n"])
        defer { site.remove() }
        let result = await site.build()
        let raw = result.diagnostics.filter { $0.id == "markdown.raw-html" }
        #expect(raw.map(TemporarySite.line) == [
            "content/a.md:6:1: warning: raw HTML '<iframe>' is left out of the page: raw HTML is off (safe mode) [markdown.raw-html]",
            "content/a.md:8:5: warning: an HTML comment is left out of the page: raw HTML is off (safe mode) [markdown.raw-html]",
        ])
        #expect(raw.first?.hint?.contains("{{< figure") == true)
        #expect(raw.first?.hint?.contains("markdown: {unsafe: true}") == true)
    }

    @Test func rawHTMLKeptWithUnsafeIsNoWarning() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n<iframe src=\"https://maps.example\"></iframe>\n",
            "site.yaml": TemporarySite.minimalConfig + "\nmarkdown:\n  unsafe: true\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(!result.diagnostics.contains { $0.id == "markdown.raw-html" })
    }
}
