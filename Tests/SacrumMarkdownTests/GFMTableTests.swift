import SacrumMarkdown
import Testing

/// Pipe tables: one small input, the exact output.
@Suite struct GFMTableTests {
    static let github = MarkdownOptions(smartPunctuation: false, headingIDs: false, imageLoadingHints: false, accessibleHTML: false)

    func html(_ markdown: String, _ options: MarkdownOptions = github) -> String {
        MarkdownRenderer(options: options).render(markdown).html
    }

    @Test func aTableWithAlignment() {
        #expect(html("a | b\n:-: | --:\n1 | 2\n") == "<table>\n<thead>\n<tr>\n<th align=\"center\">a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"center\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n")
    }

    @Test func smartPunctuationNeverTouchesTheDelimiterRow() {
        let out = html("| \"Dose\" | Time |\n| --- | --- |\n| 1 -- 2 | ... |\n", MarkdownOptions(headingIDs: false, accessibleHTML: false))
        #expect(out == "<table>\n<thead>\n<tr>\n<th>“Dose”</th>\n<th>Time</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1 – 2</td>\n<td>…</td>\n</tr>\n</tbody>\n</table>\n")
    }

    @Test func escapedPipesInCodeSpans() {
        #expect(html("| a |\n| - |\n| `x \\| y` |\n").contains("<td><code>x | y</code></td>"))
    }

    @Test func theDefaultThemeMarkupScopesHeadersAndScrollsInALabelledRegion() {
        #expect(html("| Drug | Dose |\n| --- | --- |\n", MarkdownOptions()) == "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Drug, Dose\">\n<table>\n<thead>\n<tr>\n<th scope=\"col\">Drug</th>\n<th scope=\"col\">Dose</th>\n</tr>\n</thead>\n</table>\n</div>\n")
    }

    @Test func aTableInABlockQuoteAndAListItem() {
        #expect(html("> | a |\n> | - |\n> | b |\n") == "<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n")
        #expect(html("- | a |\n  | - |\n  | b |\n") == "<ul>\n<li>\n<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n</li>\n</ul>\n")
    }

    @Test func linksInCellsKeepTheirFileLineAndColumn() {
        let document = MarkdownRenderer().render("Intro\n\n| a | b |\n| --- | --- |\n| x \\| y | see [it](it.md) |\n", firstLine: 4)
        #expect(document.links.map(\.position) == [SourcePosition(line: 8, column: 16)])
        #expect(document.links.map(\.destination) == ["it.md"])
        #expect(MarkdownRenderer().render("| a \\| [b](b.md) |\n| - |\n").links.map(\.position) == [SourcePosition(line: 1, column: 8)])
    }

    @Test func linksInTheParagraphBeforeATableKeepTheirPosition() {
        let document = MarkdownRenderer().render("> Text [a](a.md)\n> more [b](b.md)\n> | x |\n> | - |\n")
        #expect(document.links.map(\.position) == [SourcePosition(line: 1, column: 8), SourcePosition(line: 2, column: 8)])
    }

    @Test func referenceLinksInCellsFindDefinitionsAnywhere() {
        #expect(html("| [a] | [b][] |\n| - | - |\n\n> [a]: /u\n> \"t\"\n\n- [b]: /v\n").contains("<th><a href=\"/u\" title=\"t\">a</a></th>\n<th><a href=\"/v\">b</a></th>"))
    }

    @Test func theLinkHookRewritesLinksInCells() {
        let out = MarkdownRenderer(options: Self.github).render("| [a](a.md) |\n| - |\n") { _ in "/a/" }.html
        #expect(out.contains("<th><a href=\"/a/\">a</a></th>"))
    }

    @Test func plainTextSeparatesCellsAndRows() {
        #expect(MarkdownRenderer().render("| a | b |\n| - | - |\n| c | d |\n").plainText == "a b\nc d")
    }

    @Test func plainTextOfParsedAndPlainCellsKeepsTheirOrder() {
        #expect(MarkdownRenderer().render("| *a* | b | `c` |\n| - | - | - |\n| d | **e** |\n| f |\n").plainText == "a b c\nd e\nf")
    }

    @Test func theScrollRegionsLabelNamesParsedAndPlainHeaderCells() {
        #expect(html("| *Drug* | Dose | `x` | |\n| - | - | - | - |\n", MarkdownOptions()).hasPrefix("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Drug, Dose, x\">\n<table>\n<thead>\n<tr>\n<th scope=\"col\"><em>Drug</em></th>\n<th scope=\"col\">Dose</th>\n<th scope=\"col\"><code>x</code></th>\n<th scope=\"col\"></th>\n</tr>"))
    }

    /// cmark reads a table followed by `---` as a setext heading; GFM ends the table there.
    @Test func aRuleUnderATableIsARuleNotAHeading() {
        #expect(html("| a |\n| - |\n| b |\n---\n") == "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n<hr />\n")
        #expect(html("| a |\n| - |\n===\n").hasSuffix("<tbody>\n<tr>\n<td>===</td>\n</tr>\n</tbody>\n</table>\n"))
        #expect(html("Title\n---\n") == "<h2>Title</h2>\n")
    }

    @Test func tablesOffLeaveAParagraph() {
        var options = Self.github
        options.tables = false
        #expect(html("| a |\n| - |\n", options) == "<p>| a |\n| - |</p>\n")
    }

    @Test func aHugeColumnCountOverShortRowsStopsPadding() {
        let header = "|" + String(repeating: " a |", count: 10_000) + "\n|" + String(repeating: " - |", count: 10_000) + "\n"
        let out = html(header + String(repeating: "| x |\n", count: 100))
        #expect(out.hasPrefix("<table>\n<thead>\n<tr>\n<th>a</th>"))
        // 53 short rows pad 529,947 cells, past cmark-gfm's limit of 524,288; the rest stays text.
        #expect(out.split(separator: "<tr>", omittingEmptySubsequences: false).count - 1 == 1 + 53)
        #expect(out.hasSuffix("</table>\n<p>| x |\n" + String(repeating: "| x |\n", count: 45) + "| x |</p>\n"))
        let problems = MarkdownRenderer().render(header + String(repeating: "| x |\n", count: 100), firstLine: 3).problems
        #expect(problems == [MarkdownProblem(kind: .tableTooManyEmptyCells, position: SourcePosition(line: 3 + 2 + 53, column: 1))])
    }
}
