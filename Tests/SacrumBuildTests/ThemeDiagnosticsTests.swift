import Foundation
import SacrumBuild
import SacrumContent
import Testing

@Suite struct ThemeDiagnosticsTests {
    @Test func templateSyntaxErrorNamesTheTemplateLineAndColumn() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "themes/test/templates/page.mustache": "<h1>{{page.title}}</h1>\n{{#page.tags}}\n<p>{{title}}</p>\n{{/page.tag}}\n",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "themes/test/templates/page.mustache:4:4: error: this closing tag does not match the section it closes [template.syntax]"
        ])
        #expect(result.files.isEmpty)
    }

    /// Found by fuzz-template as a build that never finished: sections over a list nested in each
    /// other render their inside (entries)^(depth) times. A render stops after `RenderBudget.limit`
    /// lookups and is an error; here 4^20 and 7^15 renders are refused (without the budget this test
    /// never finishes).
    @Test func nestedLoopsThatMultiplyAreStoppedAndReported() async throws {
        let loops = String(repeating: "{{#page.tags}}", count: 20) + "{{title}}" + String(repeating: "{{/page.tags}}", count: 20)
        let week = String(repeating: "{{#site.practice.hours}}", count: 15) + "{{name}}" + String(repeating: "{{/site.practice.hours}}", count: 15)
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\ntags: [a, b, c, d]\n---\n",
            "content/b.md": "---\ntitle: B\nlayout: week\n---\n",
            "themes/test/templates/page.mustache": "<h1>{{page.title}}</h1>\n" + loops,
            "themes/test/templates/week.mustache": "<h1>{{page.title}}</h1>\n{{>partials/site/week}}",
            "themes/test/templates/partials/site/week.mustache": week,
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "themes/test/templates/page.mustache: error: rendering /a/ with this template needed more than 2000000 lookups, so it was stopped [template.render-limit]",
            "themes/test/templates/week.mustache: error: rendering /b/ with this template needed more than 2000000 lookups, so it was stopped [template.render-limit]",
        ])
        #expect(!result.files.contains { $0.path == "a/index.html" || $0.path == "b/index.html" })
    }

    @Test func missingPartialIsAnErrorWhenTheThemeLoads() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "themes/test/templates/page.mustache": "<h1>{{page.title}}</h1>\n  {{> partials/heder}}\n",
            "themes/test/templates/partials/header.mustache": "<header></header>",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "themes/test/templates/page.mustache:2:3: error: the template 'partials/heder' does not exist [template.missing-partial]"
        ])
        #expect(result.relevantDiagnostics.first?.hint == "did you mean 'partials/header'?")
    }

    @Test func sitePartialIsRenderedOnceAndIncludedInEveryPage() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "content/b.md": "---\ntitle: B\n---\n",
            "themes/test/templates/page.mustache": "<h1>{{page.title}}</h1>\n{{> partials/site/footer}}",
            "themes/test/templates/partials/site/footer.mustache": "<footer>{{site.title}} · {{site.practice.phone}}</footer>",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.isEmpty)
        #expect(result.text("a/index.html") == "<h1>A</h1>\n<footer>Test Clinic · (580) 234-7246</footer>")
        #expect(result.text("b/index.html") == "<h1>B</h1>\n<footer>Test Clinic · (580) 234-7246</footer>")
    }

    @Test func sitePartialMayNotNameWhatDiffersFromPageToPage() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "themes/test/templates/page.mustache": "<h1>{{page.title}}</h1>\n{{> partials/site/footer}}",
            "themes/test/templates/partials/site/footer.mustache": "<footer>\n  <a href=\"{{page.url}}\">top</a>{{#menu}}{{title}}{{/menu}}\n</footer>",
        ])
        defer { site.remove() }
        let found = await site.diagnostics()
        #expect(found == [
            "themes/test/templates/partials/site/footer.mustache:2:12: error: 'page.url' differs from page to page, but partials/site/ is rendered once for the whole site [template.site-partial]",
            "themes/test/templates/partials/site/footer.mustache:2:33: error: 'menu' differs from page to page, but partials/site/ is rendered once for the whole site [template.site-partial]",
        ])
    }

    @Test func missingLayoutIsAnErrorEvenWithAFallback() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\nlayout: contcat\n---\n"])
        defer { site.remove() }
        #expect(await site.diagnostics() == ["content/a.md:3:9: error: the layout 'contcat' does not exist [template.missing]"])
    }

    @Test func pageWithoutAnyTemplateIsAnError() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "themes/test/templates/page.mustache": "",
        ], defaults: true)
        try FileManager.default.removeItem(atPath: site.root + "/themes/test/templates/page.mustache")
        defer { site.remove() }
        let found = await site.diagnostics()
        #expect(found == [
            "content/a.md: error: no template can render /a/: none of 'page' exists [template.missing]"
        ])
    }

    @Test func siteTemplateOverridesTheThemes() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "templates/page.mustache": "site's own {{page.title}}",
        ])
        defer { site.remove() }
        #expect(await site.build().text("a/index.html") == "site's own A")
    }

    @Test func valuesAreEscapedUnlessTheTemplateAsksForRawHTML() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: \"<script>alert('x')</script> & co\"\ndescription: \"\\\"quoted\\\" <b>\"\n---\n\nBody *em*\n",
            "themes/test/templates/page.mustache": "{{page.title}}|<meta content=\"{{page.description}}\">|{{{page.content}}}",
        ])
        defer { site.remove() }
        #expect(await site.build().text("a/index.html")
            == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co|<meta content=\"&quot;quoted&quot; &lt;b&gt;\">|<p>Body <em>em</em></p>\n")
    }

    @Test func missingThemeIsAnError() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n", "site.yaml": TemporarySite.minimalConfig.replacingOccurrences(of: "theme: test", with: "theme: nope")])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "site.yaml: error: the theme 'nope' does not exist (no folder themes/nope) [theme.missing]"
        ])
    }
}
