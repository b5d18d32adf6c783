import SacrumMarkdown
import Testing

@Suite struct PlainTextTests {
    let renderer = MarkdownRenderer()

    @Test func plainTextDropsMarkupAndSeparatesBlocks() {
        let document = renderer.render("# Title\n\nSome *emphasis* and `code`\nsoft break.\n\n- item <b>raw</b>\n\n```\nfenced\n```")
        #expect(document.plainText == "Title\nSome emphasis and code soft break.\nitem raw\nfenced")
    }

    @Test func summaryIsFirstTopLevelParagraph() {
        let document = renderer.render("# Title\n\n> quoted para\n\nFirst [real](x) paragraph.\n\nSecond.")
        #expect(document.summary == "First real paragraph.")
    }

    @Test func noParagraphMeansEmptySummary() {
        #expect(renderer.render("# Only a heading").summary == "")
    }

    @Test func wordCountCountsPlainTextWords() {
        #expect(renderer.render("One *two* three.\n\n- four five").wordCount == 5)
    }
}
