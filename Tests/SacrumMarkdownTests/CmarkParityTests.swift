import CCmark
import Foundation
import SacrumMarkdown
import Testing

/// Where no transform applies, `MarkdownRenderer` must produce exactly what cmark's own renderer does.
@Suite struct CmarkParityTests {
    static let constructs: [String] = [
        "Hello *world* and **strong** and ***both***",
        "_under_ __score__ *a **b** c*",
        "[inline](https://example.com \"Title\") and <https://autolink.example> and <mail@example.com>",
        "[ref link][ref] and [collapsed][] and [shortcut]\n\n[ref]: /url 'T'\n[collapsed]: /c\n[shortcut]: /s",
        "- one\n- two\n  - nested\n    1. deep\n    2. deeper\n- three",
        "1. first\n\n   para in item\n2) other delimiter",
        "3. starts at three\n4. four",
        "- [ ] not a task list in CommonMark\n* loose\n\n* list",
        "`code span` and `` double ` backtick ``",
        "```swift\nlet x = 1 < 2 && true\n```\n\n~~~\ntilde fence\n~~~",
        "    indented code\n    block",
        "> quote\n> > nested quote\n>\n> - list in quote",
        "<div class=\"raw\">\n<b>raw block</b>\n</div>\n\nafter",
        "inline <span>html</span> and <!-- comment -->",
        "&amp; &copy; &#35; &#x22; &nbsp; &bogus; AT&T",
        "line one  \nhard break\\\nbackslash break",
        "soft\nbreak",
        "# H1\n## H2 ##\nSetext\n======\nSub\n---",
        "***\n---\n___",
        "Escapes: \\* \\_ \\` \\[ \\] \\# \\\\",
        "![alt *text*](/img.png \"Img title\") and ![](empty-alt.jpg)",
        "[link with `code` and *em*](/x)",
        "[javascript](javascript:alert(1)) [data](data:text/html,hi) ![img](data:image/png;base64,AAA)",
        "\"Quotes\" and 'single' -- dash --- em... ellipsis",
        "Ünïcödé text — with “curly” quotes and emoji 🙂",
        "<script>alert('x')</script>\n\n<p onclick=\"x\">para</p>",
        "Tabs\there\tand\ttrailing   ",
        "",
        "a\n\n\n\nb",
        "* a\n\n\n* b",
        "[unresolved] [also][missing]",
        "<http://a.example/?q=1&r=2> [x](/a%20b \"t\") [y](</with space>)",
        "Hard to parse: *a `*` b* [a](b)c) **a*b**",
    ]

    static func cmark(_ text: String, _ options: Int32) -> String {
        guard let html = cmark_markdown_to_html(text, text.utf8.count, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    @Test(arguments: constructs)
    func safeModeMatchesCmark(_ text: String) {
        #expect(MarkdownRenderer(options: .plainCmark).render(text).html == Self.cmark(text, CMARK_OPT_DEFAULT))
    }

    @Test(arguments: constructs)
    func unsafeModeMatchesCmark(_ text: String) {
        var options = MarkdownOptions.plainCmark
        options.unsafe = true
        #expect(MarkdownRenderer(options: options).render(text).html == Self.cmark(text, CMARK_OPT_UNSAFE))
    }

    @Test(arguments: constructs)
    func smartPunctuationMatchesCmark(_ text: String) {
        var options = MarkdownOptions.plainCmark
        options.smartPunctuation = true
        #expect(MarkdownRenderer(options: options).render(text).html == Self.cmark(text, CMARK_OPT_SMART))
    }

    @Test func sourcePositionsInHTMLMatchCmark() {
        var options = MarkdownOptions.plainCmark
        options.sourcePositionsInHTML = true
        let text = "# Title\n\npara *x*\n\n- item"
        #expect(MarkdownRenderer(options: options).render(text).html == Self.cmark(text, CMARK_OPT_SOURCEPOS))
    }

    @Test func headingIDsChangeOnlyTheHeadingTag() {
        var options = MarkdownOptions.plainCmark
        options.headingIDs = true
        let text = "# Title *em* <b>x</b>\n\npara\n\n## Second"
        let expected = Self.cmark(text, CMARK_OPT_DEFAULT)
            .replacingOccurrences(of: "<h1>", with: "<h1 id=\"title-em-x\">")
            .replacingOccurrences(of: "<h2>", with: "<h2 id=\"second\">")
        #expect(MarkdownRenderer(options: options).render(text).html == expected)
    }
}
