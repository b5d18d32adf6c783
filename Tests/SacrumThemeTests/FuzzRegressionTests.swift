import SacrumContent
@testable import SacrumTheme
import Testing

/// Inputs that `make fuzz` (Fuzz/, target fuzz-template) found crashing or misreported, each with the
/// result Sacrum must give instead. The inputs are also seeds in Fuzz/corpus/template/, so the smoke
/// pass replays them.
@Suite struct TemplateFuzzRegressionTests {
    /// The fuzz input: nine NUL-separated templates, the ninth (`partials/site/hours`) including itself.
    /// Rendering the site-wide partials recursed until the stack overflowed.
    @Test func siteWidePartialIncludingItselfIsAnErrorNotAStackOverflow() {
        let (theme, diagnostics) = ThemeLoader.compile([
            "partials/site/hours": (file: "t/partials/site/hours.mustache", text: "{{>partials/site/hours}}"),
            "page": (file: "t/page.mustache", text: ""),
        ])
        #expect(diagnostics.map { "\($0.location): \($0.id)" } == ["t/partials/site/hours.mustache:1:1: template.recursive"])
        #expect(diagnostics.containsErrors)
        #expect(theme.has("page"))
    }

    /// The fuzz input (shortened): 1,870 nested `{{#a}}` sections. swift-mustache parses sections by
    /// recursion; `sacrum build` died with a segmentation fault at about 3,000 levels, the fuzz build
    /// at 1,870. Nesting is now counted before the parser sees the template.
    @Test func sectionsNestedThousandsDeepAreAnErrorNotAStackOverflow() {
        let deep = String(repeating: "{{#a}}", count: 5_000) + "x" + String(repeating: "{{/a}}", count: 5_000)
        let (theme, diagnostics) = ThemeLoader.compile([
            "page": (file: "t/page.mustache", text: "<p>\n" + deep),
            "list": (file: "t/list.mustache", text: "{{=<% %>=}}" + String(repeating: "<%^b%>", count: 101)),
            "base": (file: "t/base.mustache", text: String(repeating: "{{<base2}}", count: 101)),
        ])
        #expect(diagnostics.map { "\($0.location): \($0.id): \($0.message)" } == [
            "t/base.mustache:1:1001: template.too-deep: sections are nested more than 100 levels deep here ('base2')",
            "t/list.mustache:1:612: template.too-deep: sections are nested more than 100 levels deep here ('b')",
            "t/page.mustache:2:601: template.too-deep: sections are nested more than 100 levels deep here ('a')",
        ])
        #expect(!theme.has("page"))
    }

    @Test func sectionsNestedAHundredDeepAreFine() {
        let text = String(repeating: "{{#page}}", count: 100) + "x" + String(repeating: "{{/page}}", count: 100)
            + String(repeating: "{{#site}}{{/site}}", count: 1_000)
        let (theme, diagnostics) = ThemeLoader.compile(["page": (file: "t/page.mustache", text: text)])
        #expect(diagnostics.isEmpty)
        #expect(theme.has("page"))
    }

    @Test func indirectPartialCyclesAndParentCyclesAreErrors() {
        let (_, diagnostics) = ThemeLoader.compile([
            "page": (file: "t/page.mustache", text: "a\n  {{> partials/a}}"),
            "partials/a": (file: "t/partials/a.mustache", text: "{{#page.children}}{{>partials/b}}{{/page.children}}"),
            "partials/b": (file: "t/partials/b.mustache", text: "{{>page}}"),
            "base": (file: "t/base.mustache", text: "{{<list}}{{/list}}"),
            "list": (file: "t/list.mustache", text: "{{<base}}{{$main}}x{{/main}}{{/base}}"),
            "ok": (file: "t/ok.mustache", text: "{{>partials/c}}{{>partials/c}}"),
            "partials/c": (file: "t/partials/c.mustache", text: "c"),
        ])
        #expect(diagnostics.map { "\($0.location): \($0.id): \($0.message)" } == [
            "t/list.mustache:1:1: template.recursive: the template 'base' includes itself ('base' → 'list' → 'base'), so it would never finish rendering",
            "t/partials/b.mustache:1:1: template.recursive: the template 'page' includes itself ('page' → 'partials/a' → 'partials/b' → 'page'), so it would never finish rendering",
        ])
    }

    /// `{{=<% %>=}}<%>page%>` as `page`: the partial was written with other delimiters, which the scan for
    /// partials did not follow, so the recursion went unnoticed and rendering overflowed the stack.
    @Test func partialAfterNewDelimitersIsFoundAndItsRecursionIsAnError() {
        let (_, diagnostics) = ThemeLoader.compile(["page": (file: "t/page.mustache", text: "{{=<% %>=}}<%>page%>")])
        #expect(diagnostics.map { "\($0.location): \($0.id)" } == ["t/page.mustache:1:12: template.recursive"])
        #expect(
            TemplateReferenceScanner.references(in: "{{! {{=<% %>=}} }}{{>a}}\n{{=| |=}}|> b|{{>c}}|={{ }}=|{{< d }}\t{{!{{>e}}}}")
                == [.init(name: "a", line: 1, column: 19), .init(name: "b", line: 2, column: 10), .init(name: "d", line: 2, column: 30)])
    }

    /// `treatment` = `{{>*page.params.sidebar}}` with `sidebar: treatment` in the page's front matter: a
    /// partial named at render time included the template itself. Such partials cannot be checked when
    /// the theme loads, so they are an error.
    @Test func dynamicPartialsAreAnError() {
        let (_, diagnostics) = ThemeLoader.compile([
            "treatment": (file: "t/treatment.mustache", text: "x\n {{>*page.params.sidebar}}{{> * page.kind}}")
        ])
        #expect(diagnostics.map { "\($0.location): \($0.id)" } == [
            "t/treatment.mustache:2:2: template.dynamic-partial", "t/treatment.mustache:2:27: template.dynamic-partial",
        ])
    }

    /// `{E{{` and five vertical tabs: swift-mustache counts a vertical tab as a line break, so the error
    /// was reported on line 6 of a file an editor shows as one line.
    @Test func syntaxErrorLineCountsLineFeedsOnly() {
        let (_, diagnostics) = ThemeLoader.compile(["page": (file: "t/page.mustache", text: "{E{{\u{0B}\u{0B}\u{0B}\u{0B}\u{0B}3{")])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.id == "template.syntax")
        #expect(diagnostics.first?.line == 1)
        let (_, later) = ThemeLoader.compile(["page": (file: "t/page.mustache", text: "a\u{0C}b\n\u{2028}c\n{{#x}}")])
        #expect(later.first?.line == 3)
    }
}
