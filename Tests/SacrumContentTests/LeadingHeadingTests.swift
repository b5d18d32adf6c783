@testable import SacrumContent
import Testing

/// Issue 11, item 4: a page without `title` is named by its first `# heading`, which then leaves the
/// body (its lines emptied, so every later line keeps its number); a file without front matter builds.
@Suite struct LeadingHeadingTests {
    func decode(_ text: String) -> (PageSource, [String]) {
        let (source, diagnostics) = PageSource.decode(.success(Array(text.utf8)), contentPath: "a.md")
        return (source, diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message) [\($0.id)]" })
    }

    @Test func fileWithoutFrontMatterTakesItsTitleFromTheHeading() {
        let (source, diagnostics) = decode("# SI *joint* fusion\n\nText.\n")
        #expect(source.frontMatter.title == "SI joint fusion")
        #expect(source.body == "\n\nText.\n")
        #expect(source.bodyFirstLine == 1)
        #expect(diagnostics == [
            "content/a.md:1:1: note: the page has no 'title', so its first heading, 'SI joint fusion', is the title (and the page's one h1) [frontmatter.title-from-heading]"
        ])
    }

    @Test func headingAfterFrontMatterAndBlankLinesKeepsLineNumbers() {
        let (source, diagnostics) = decode("---\ndescription: x\n---\n\n  # Back pain #\nText.\n")
        #expect(source.frontMatter.title == "Back pain")
        #expect(source.body == "\n\nText.\n")
        #expect(source.bodyFirstLine == 4)
        #expect(diagnostics.map { String($0.prefix(19)) } == ["content/a.md:5:3: n"])
    }

    @Test func setextHeadingIsATitleToo() {
        let (source, _) = decode("Back pain\nFAQ\n===\nText.\n")
        #expect(source.frontMatter.title == "Back pain FAQ")
        #expect(source.body == "\n\n\nText.\n")
    }

    @Test func setextHeadingWithCarriageReturnsAndAccents() {
        let (source, _) = decode("Dolor de espalda: \u{00BF}qu\u{00E9} es?\r\nGu\u{00ED}a\r\n===\r\nTexto.\r\n")
        #expect(source.frontMatter.title == "Dolor de espalda: \u{00BF}qu\u{00E9} es? Gu\u{00ED}a")
    }

    @Test func aLongFirstParagraphIsNotATitle() {
        let (source, _) = decode(String(repeating: "\u{00E9}t\u{00E9} ", count: 400) + "\nText.\n\n# Later\n")
        #expect(source.frontMatter.title == nil)
    }

    static let notTitles: [String] = [
        "Intro.\n\n# Later heading\n",
        "## Second level\n",
        "Text\n---\n",
        "    # indented code\n",
        "- # in a list\n",
        "> # quoted\n",
        "```\n# in a fence\n```\n",
        "#hashtag\n",
        "Text\n\n===\n",
        "",
    ]

    @Test(arguments: notTitles)
    func onlyALevelOneHeadingThatIsTheFirstBlockNamesThePage(_ body: String) {
        let (source, _) = decode(body)
        #expect(source.frontMatter.title == nil)
        #expect(source.body == body)
    }

    @Test func headingRepeatingTheTitleIsLeftOutWithAWarning() {
        let (source, diagnostics) = decode("---\ntitle: SI joint fusion\n---\n# SI  Joint fusion\nText.\n")
        #expect(source.frontMatter.title == "SI joint fusion")
        #expect(source.body == "\nText.\n")
        #expect(diagnostics == [
            "content/a.md:4:1: warning: this heading repeats the page's 'title', which the theme already shows as the page's heading; it is left out so the page has one h1 [frontmatter.title-repeated]"
        ])
    }

    @Test func headingThatDiffersFromTheTitleStays() {
        let (source, diagnostics) = decode("---\ntitle: Fusion\n---\n# SI joint fusion\n")
        #expect(source.frontMatter.title == "Fusion")
        #expect(source.body == "# SI joint fusion\n")
        #expect(diagnostics == [])
    }

    @Test func brokenFrontMatterIsNotNamedByTheHeading() {
        let (source, _) = decode("---\ntitle: [\n---\n# Heading\n")
        #expect(source.isReadable == false)
        #expect(source.frontMatter.title == nil)
    }
}
