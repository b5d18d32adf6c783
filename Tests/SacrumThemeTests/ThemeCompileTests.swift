@testable import SacrumTheme
@testable import SacrumContent
import Testing

@Suite struct ThemeCompileTests {
    @Test func referencesAreFoundWithLineAndColumn() {
        let references = TemplateReferenceScanner.references(in: "a\n  {{> partials/header}}{{<base}}\n{{>*dynamic}}")
        #expect(references == [
            .init(name: "partials/header", line: 2, column: 3),
            .init(name: "base", line: 2, column: 24),
        ])
    }

    @Test func syntaxErrorIsADiagnosticAtItsPlace() {
        let (_, diagnostics) = ThemeLoader.compile(["page": (file: "t/page.mustache", text: "ok\n{{#a}}\n{{/b}}")])
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == [
            "t/page.mustache:3:4: this closing tag does not match the section it closes"
        ])
    }

    @Test func candidatesGoFromLayoutToKindToSectionToPage() {
        var frontMatter = FrontMatter()
        frontMatter.layout = Positioned("special", at: YAMLPosition(line: 2, column: 9))
        let source = PageSource(contentPath: "treatments/a.md", file: "content/treatments/a.md", frontMatter: frontMatter, body: "", bodyFirstLine: 1)
        let page = Page(id: 0, role: .regular, kind: .treatment, source: source, title: "A", url: "/treatments/a/",
                        outputPath: "treatments/a/index.html", sectionFolder: "treatments", parent: nil)
        #expect(TemplateLookup.candidates(for: page) == ["special", "treatment", "treatments", "page"])
    }

    /// An untyped object that has the key without a value stops the lookup: the outer `description`
    /// is not shown for an entry without one.
    @Test func knownKeyWithoutValueDoesNotFallThroughToOuterContext() throws {
        let data = TemplateValue.map(["description": .text("outer description"), "items": .values([.map(["description": .absent])])])
        let template = "{{#items}}[{{description}}]{{#description}}yes{{/description}}{{^description}}no{{/description}}{{/items}}"
        #expect(try UntypedTemplate.render(template, data: data) == "[]no")
    }

    @Test func nameNoContextHasIsAnErrorAtItsTagWithTheClosestName() {
        let (_, diagnostics) = ThemeLoader.compile([
            "page": (file: "t/page.mustache", text: "<title>{{site.titel}}</title>\n  {{#page.children}}{{titl}}{{/page.children}}{{pgae.url}}"),
        ])
        #expect(diagnostics.map { "\($0.location): \($0.id): \($0.message) (\($0.hint ?? ""))" } == [
            "t/page.mustache:1:8: template.unknown-name: 'site' (site) has no 'titel' (did you mean 'site.title'?)",
            "t/page.mustache:2:21: template.unknown-name: no context here has 'titl' (did you mean 'title'?)",
            "t/page.mustache:2:47: template.unknown-name: no context here has 'pgae' (did you mean 'page.url'?)",
        ])
    }

    @Test func unknownStylesheetIsAnErrorOnceTheStylesheetsAreKnown() {
        let (theme, diagnostics) = ThemeLoader.compile(["page": (file: "t/page.mustache", text: "<link href=\"{{assets.brnad}}\">")])
        #expect(diagnostics.isEmpty)
        #expect(theme.assetDiagnostics(stylesheets: ["brand", "print"]).map { "\($0.location): \($0.message) (\($0.hint ?? ""))" } == [
            "t/page.mustache:1:13: there is no stylesheet 'brnad' for 'assets.brnad' (did you mean 'assets.brand'?)"
        ])
    }

    @Test func listsAndContextsCannotBeShownAsText() {
        let (_, diagnostics) = ThemeLoader.compile(["page": (file: "t/page.mustache", text: "{{page.children}}{{page.date.iso}}{{page.date}}")])
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == [
            "t/page.mustache:1:1: 'page.children' is a list, which cannot be shown as text",
            "t/page.mustache:1:35: 'page.date' is a date, which cannot be shown as text",
        ])
    }

    @Test func partialsAreCheckedWithTheContextsTheyAreIncludedWith() {
        let (_, diagnostics) = ThemeLoader.compile([
            "page": (file: "t/page.mustache", text: "{{#page.children}}{{>partials/card}}{{/page.children}}{{>partials/card}}"),
            "partials/card": (file: "t/partials/card.mustache", text: "{{url}}"),
        ])
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == ["t/partials/card.mustache:1:1: no context here has 'url'"])
    }

    @Test func shortcodesSeeTheirDeclaredArgumentsOnly() {
        let (_, diagnostics) = ThemeLoader.compile([
            "shortcodes/figure": (file: "t/shortcodes/figure.mustache", text: "{{! arguments: src, alt }}\n<img src=\"{{src}}\" alt=\"{{atl}}\">{{site.title}}"),
        ])
        #expect(diagnostics.map { "\($0.location): \($0.message) (\($0.hint ?? ""))" } == [
            "t/shortcodes/figure.mustache:2:25: no context here has 'atl' (did you mean 'alt'?)"
        ])
    }
}

extension ThemeCompileTests {
    @Test func textInsideAParentIsAWarningAndTransformsAndPragmasAreErrors() {
        let (_, diagnostics) = ThemeLoader.compile([
            "page": (file: "t/page.mustache", text: "{{<base}}\nlost\n{{$main}}x{{/main}}{{/base}}"),
            "base": (file: "t/base.mustache", text: "{{$main}}{{/main}}"),
            "list": (file: "t/list.mustache", text: "a {{uppercase(page.title)}}"),
            "home": (file: "t/home.mustache", text: "{{%CONTENT_TYPE: TEXT}}"),
        ])
        #expect(diagnostics.map { "\($0.location): \($0.severity) \($0.id): \($0.message)" } == [
            "t/home.mustache:1:1: error template.syntax: the {{% ... }} pragma is not known",
            "t/list.mustache:1:5: error template.syntax: transforms such as {{uppercase(name)}} are not part of Sacrum's templates",
            "t/page.mustache:1:1: warning template.ignored-text: text between {{<parent}} and its {{/...}} outside a {{$block}} is not shown",
        ])
    }
}

@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        ("plain", "plain"), ("a & b < c > d \"e\" 'f'", "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;"),
        ("émoji 🙂 & <script>", "émoji 🙂 &amp; &lt;script&gt;"), ("", ""), ("&amp; already", "&amp;amp; already"),
    ])
    func escapesTheFiveCharacters(_ text: String, _ escaped: String) {
        #expect(HTMLEscaping.escape(text) == escaped)
    }
}
