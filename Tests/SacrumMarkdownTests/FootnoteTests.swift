import SacrumMarkdown
import Testing

/// Footnotes: one small input, the exact output.
@Suite struct FootnoteTests {
    static let github = MarkdownOptions(smartPunctuation: false, headingIDs: false, imageLoadingHints: false, accessibleHTML: false)

    func render(_ markdown: String, _ options: MarkdownOptions = github, firstLine: Int = 1) -> MarkdownDocument {
        MarkdownRenderer(options: options).render(markdown, firstLine: firstLine)
    }

    @Test func aNoteWithItsBackLink() {
        #expect(render("Text[^a].\n\n[^a]: The note.\n").html == "<p>Text<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">1</a></sup>.</p>\n<section class=\"footnotes\">\n<ol>\n<li id=\"fn1\">\n<p>The note. <a href=\"#fnref1\" class=\"footnote-backref\">↩</a></p>\n</li>\n</ol>\n</section>\n")
    }

    @Test func aDefinitionThatLooksLikeALinkReferenceIsANote() {
        #expect(render("See[^1].\n\n[^1]: https://example.org\n").html.contains("<li id=\"fn1\">\n<p><a href=\"https://example.org\">https://example.org</a> <a href=\"#fnref1\""))
    }

    @Test func twoReferencesToOneNoteGetUniqueIDsAndTwoBackLinks() {
        let html = render("A[^n] B[^n]\n\n[^n]: Note.\n").html
        #expect(html.contains("<a href=\"#fn1\" id=\"fnref1\">1</a></sup> B<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1-2\">1</a>"))
        #expect(html.contains("<p>Note. <a href=\"#fnref1\" class=\"footnote-backref\">↩</a> <a href=\"#fnref1-2\" class=\"footnote-backref\">↩<sup class=\"footnote-ref\">2</sup></a></p>"))
    }

    @Test func notesAreNumberedByFirstReferenceAndLabelsIgnoreCase() {
        let html = render("B[^b] A[^A]\n\n[^a]: First defined.\n[^b]: Second defined.\n").html
        #expect(html.contains("<li id=\"fn1\">\n<p>Second defined."))
        #expect(html.contains("<li id=\"fn2\">\n<p>First defined."))
    }

    @Test func idsAvoidHeadingIDs() {
        let html = render("## fn1\n\nText[^x]\n\n[^x]: Note.\n", MarkdownOptions(accessibleHTML: false)).html
        #expect(html.hasPrefix("<h2 id=\"fn1\">fn1</h2>\n<p>Text<sup class=\"footnote-ref\"><a href=\"#footnote-1\" id=\"footnote-ref-1\">1</a></sup></p>"))
    }

    @Test func idsAreStable() {
        let text = "One[^z] two[^y].\n\n[^y]: Y.\n[^z]: Z.\n"
        #expect(render(text).html == render(text).html)
    }

    @Test func aDefinitionInsideFencedCodeIsCode() {
        #expect(render("```\n[^1]: code\n```\n").html == "<pre><code>[^1]: code\n</code></pre>\n")
        #expect(render("- ```\n  [^1]: code\n  ```\n").html == "<ul>\n<li>\n<pre><code>[^1]: code\n</code></pre>\n</li>\n</ul>\n")
        #expect(render("    [^1]: indented code\n").html == "<pre><code>[^1]: indented code\n</code></pre>\n")
    }

    @Test func problemsAreReportedAtTheirLines() {
        let document = render("Text[^missing] and[^used].\n\n[^used]: Yes.\n[^used]: Again.\n[^spare]: Never.\n", firstLine: 3)
        #expect(document.problems == [
            MarkdownProblem(kind: .footnoteUndefined("missing"), position: SourcePosition(line: 3, column: 5)),
            MarkdownProblem(kind: .footnoteDuplicate("used"), position: SourcePosition(line: 6, column: 1)),
            MarkdownProblem(kind: .footnoteUnused("spare"), position: SourcePosition(line: 7, column: 1)),
        ])
    }

    @Test func linksInNotesKeepTheirFileLineAndColumn() {
        let document = render("A[^1]\n\n[^1]: See [x](x.md)\n    and [y](y.md).\n", firstLine: 10)
        #expect(document.links.map(\.position) == [SourcePosition(line: 12, column: 11), SourcePosition(line: 13, column: 9)])
    }

    @Test func aNoteCanHoldATable() {
        let html = render("A[^t]\n\n[^t]: Data:\n\n    | a |\n    | - |\n").html
        #expect(html.contains("<li id=\"fn1\">\n<p>Data:</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n<a href=\"#fnref1\" class=\"footnote-backref\">↩</a>\n</li>"))
    }

    /// Only blocks on lines with `[^` are searched; references in table cells, list items, quotes,
    /// headings and notes are all on such lines or inside nodes the extensions made.
    @Test func referencesAreFoundInEveryKindOfBlock() {
        let text = "# Title[^h]\n\n- item[^l]\n\n> quote[^q]\n\n| cell[^t] |\n| - |\n\nPlain paragraph.\n\n[^h]: H[^n].\n[^l]: L.\n[^q]: Q.\n[^t]: T.\n[^n]: N.\n"
        let html = render(text).html
        for number in 1...5 { #expect(html.contains("<li id=\"fn\(number)\">"), "note \(number)") }
        #expect(render(text).problems == [])
    }

    @Test func accessibleMarkupLabelsTheSectionAndBackLinks() {
        let html = render("A[^1]\n\n[^1]: N.\n", MarkdownOptions()).html
        #expect(html.contains("<section class=\"footnotes\" aria-label=\"Footnotes\">"))
        #expect(html.contains("<a href=\"#fnref1\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a>"))
    }

    @Test func footnotesOffLeaveText() {
        var options = Self.github
        options.footnotes = false
        #expect(render("A[^1]\n", options).html == "<p>A[^1]</p>\n")
    }
}
