import SacrumMarkdown
import Testing

@Suite struct HeadingIDTests {
    let renderer = MarkdownRenderer()

    func ids(_ markdown: String) -> [String] { renderer.render(markdown).headings.map(\.id) }

    @Test func headingGetsSlugID() {
        #expect(renderer.render("## Recovery and post-treatment care").html == "<h2 id=\"recovery-and-post-treatment-care\">Recovery and post-treatment care</h2>\n")
    }

    @Test func repeatedHeadingsAreNumbered() {
        #expect(ids("## Recovery\n## Recovery\n## Recovery") == ["recovery", "recovery-1", "recovery-2"])
    }

    @Test func numberingSkipsIDsAnotherHeadingAsksFor() {
        #expect(ids("## Recovery\n## Recovery\n## Recovery 1") == ["recovery", "recovery-2", "recovery-1"])
    }

    @Test func explicitIDOverridesAndIsRemovedFromText() {
        let document = renderer.render("## Recovery at home {#after-surgery}")
        #expect(document.html == "<h2 id=\"after-surgery\">Recovery at home</h2>\n")
        #expect(document.headings == [MarkdownHeading(level: 2, text: "Recovery at home", id: "after-surgery", hasExplicitID: true, position: SourcePosition(line: 1, column: 1))])
    }

    @Test func explicitIDWithHyphensUnderSmartPunctuation() {
        #expect(renderer.render("# Risks {#risks-and-side-effects}").html == "<h1 id=\"risks-and-side-effects\">Risks</h1>\n")
    }

    @Test func explicitIDWinsOverEarlierAutomaticSlug() {
        #expect(ids("## Risks\n## Other {#risks}") == ["risks-1", "risks"])
    }

    @Test func duplicateExplicitIDIsReported() {
        let document = renderer.render("## A {#x}\n\n## B {#x}")
        #expect(document.headings.map(\.id) == ["x", "x-1"])
        #expect(document.problems == [MarkdownProblem(kind: .duplicateExplicitHeadingID("x"), position: SourcePosition(line: 3, column: 1))])
    }

    @Test func explicitIDAfterEmphasisIsNotTakenFromInsideIt() {
        #expect(renderer.render("## Foo *bar {#x}*").html == "<h2 id=\"foo-bar-x\">Foo <em>bar {#x}</em></h2>\n")
    }

    @Test func explicitIDInCodeSpanIsLeftAlone() {
        #expect(renderer.render("## Use `{#id}`").html == "<h2 id=\"use-id\">Use <code>{#id}</code></h2>\n")
    }

    @Test func headingOfOnlyTheIDKeepsEmptyText() {
        #expect(renderer.render("## {#top}").html == "<h2 id=\"top\"></h2>\n")
    }

    @Test func accentsAreFoldedAndPunctuationDropped() {
        #expect(ids("## Café & Crème: what's “next”?") == ["cafe-creme-whats-next"])
    }

    @Test func nonLatinLettersAreKept() {
        #expect(ids("## Боль в спине") == ["боль-в-спине"])
    }

    @Test func punctuationOnlyHeadingGetsFallbackID() {
        #expect(ids("## ???") == ["section"])
    }

    @Test func tableOfContentsHasLevelTextAndPosition() {
        let headings = renderer.render("# Title\n\ntext\n\n### Deep *dive*", firstLine: 5).headings
        #expect(headings.map(\.level) == [1, 3])
        #expect(headings.map(\.text) == ["Title", "Deep dive"])
        #expect(headings.map(\.position) == [SourcePosition(line: 5, column: 1), SourcePosition(line: 9, column: 1)])
    }

    @Test func headingWithRawHTMLStaysSafe() {
        #expect(renderer.render("## Hi <script>x</script>").html == "<h2 id=\"hi-x\">Hi <!-- raw HTML omitted -->x<!-- raw HTML omitted --></h2>\n")
    }

    @Test func headingInsideBlockQuoteGetsID() {
        #expect(renderer.render("> ## Quoted").html == "<blockquote>\n<h2 id=\"quoted\">Quoted</h2>\n</blockquote>\n")
    }
}
