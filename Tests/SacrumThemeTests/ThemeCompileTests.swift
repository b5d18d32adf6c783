import Mustache
@testable import SacrumTheme
import SacrumContent
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

    @Test func knownKeyWithoutValueDoesNotFallThroughToOuterContext() {
        struct Outer: MustacheParent {
            func child(named name: String) -> Any? {
                switch name {
                case "description": "outer description"
                case "items": [Inner()]
                default: nil
                }
            }
        }
        struct Inner: MustacheParent {
            func child(named name: String) -> Any? { name == "description" ? NoValue() : nil }
        }
        let template = try! MustacheTemplate(string: "{{#items}}[{{description}}]{{#description}}yes{{/description}}{{^description}}no{{/description}}{{/items}}")
        #expect(template.render(Outer()) == "[]no")
    }
}

@Suite struct HTMLEscapingTests {
    @Test(arguments: ["plain", "a & b < c > d \"e\" 'f'", "émoji 🙂 & <script>", "", "&amp; already"])
    func fastEscapingMatchesSwiftMustache(_ text: String) throws {
        HTMLEscaping.register()
        let library = try MustacheTemplate(string: "{{value}}").render(["value": text])
        let fast = try MustacheTemplate(string: HTMLEscaping.pragma + "{{value}}").render(["value": text])
        #expect(fast == library)
    }
}
