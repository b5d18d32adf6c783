import SacrumMarkdown
import Testing

/// Issue 8, item 3: inputs built to make Markdown parsers slow or deep (cmark's own pathological
/// tests, and deeper nesting than any page has) finish, with the expected shape of output. The time
/// limit is a hang guard, not a speed claim: `make bench` measures speed, and the README states the
/// bounds measured on a release build.
@Suite(.timeLimit(.minutes(1))) struct PathologicalInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        /// Something the HTML must start with, and something it must end with.
        var prefix: String
        var suffix: String
        var testDescription: String { name }
    }

    static func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    /// cmark's test/pathological_tests.py, at its sizes.
    static let cmarkCases: [Case] = [
        Case(name: "nested strong emph", input: repeated("*a **a ", 65_000) + "b" + repeated(" a** a*", 65_000),
             prefix: "<p><em>a <strong>a <em>a <strong>a", suffix: "a</strong> a</em></p>\n"),
        Case(name: "many emph closers with no openers", input: repeated("a_ ", 65_000), prefix: "<p>a_ a_ a_", suffix: "a_</p>\n"),
        Case(name: "many emph openers with no closers", input: repeated("_a ", 65_000), prefix: "<p>_a _a _a", suffix: "_a</p>\n"),
        Case(name: "many link closers with no openers", input: repeated("a]", 65_000), prefix: "<p>a]a]a]", suffix: "a]</p>\n"),
        Case(name: "many link openers with no closers", input: repeated("[a", 65_000), prefix: "<p>[a[a[a", suffix: "[a</p>\n"),
        Case(name: "mismatched openers and closers", input: repeated("*a_ ", 50_000), prefix: "<p>*a_ *a_ *a_", suffix: "*a_</p>\n"),
        Case(name: "openers and closers multiple of 3", input: "a**b" + repeated("c* ", 50_000), prefix: "<p>a**bc* c* c*", suffix: "c*</p>\n"),
        Case(name: "link openers and emph closers", input: repeated("[ a_", 50_000), prefix: "<p>[ a_[ a_", suffix: "[ a_</p>\n"),
        Case(name: "pattern [ (]( repeated", input: repeated("[ (](", 80_000), prefix: "<p>[ (](", suffix: "[ (](</p>\n"),
        Case(name: "nested brackets", input: repeated("[", 50_000) + "a" + repeated("]", 50_000), prefix: "<p>[[[[", suffix: "]]]]</p>\n"),
        Case(name: "nested block quotes", input: repeated(">", 50_000) + "a", prefix: "<blockquote>\n<blockquote>\n", suffix: "</blockquote>\n</blockquote>\n"),
        Case(name: "U+0000 in input", input: "abc\u{0}de\u{0}", prefix: "<p>abc\u{FFFD}de\u{FFFD}", suffix: "</p>\n"),
        Case(name: "backticks", input: (1...5_000).map { "e" + repeated("`", $0) }.joined(), prefix: "<p>e`e``e```", suffix: "`</p>\n"),
        Case(name: "unclosed links A", input: repeated("[a](<b", 30_000), prefix: "<p>[a](&lt;b[a](&lt;b", suffix: "&lt;b</p>\n"),
        Case(name: "unclosed links B", input: repeated("[a](b", 30_000), prefix: "<p>[a](b[a](b", suffix: "[a](b</p>\n"),
        Case(name: "unclosed <!--", input: "</" + repeated("<!--", 300_000), prefix: "<p>&lt;/&lt;!--", suffix: "&lt;!--</p>\n"),
        Case(name: "many references", input: (0..<50_000).map { "[\($0)]: u\n" }.joined() + repeated("[0] ", 50_000),
             prefix: "<p><a href=\"u\">0</a> <a href=\"u\">0</a>", suffix: "<a href=\"u\">0</a></p>\n"),
    ]

    /// Nesting far deeper than any page: every level is walked without recursion in Swift.
    static let nestingCases: [Case] = [
        Case(name: "10,000 nested block quotes", input: repeated("> ", 10_000) + "a\n", prefix: "<blockquote>\n<blockquote>\n", suffix: "</blockquote>\n"),
        Case(name: "10,000 nested bullet lists", input: repeated("- ", 10_000) + "a\n", prefix: "<ul>\n<li>\n<ul>\n<li>", suffix: "</li>\n</ul>\n"),
        Case(name: "10,000 nested ordered lists", input: repeated("1. ", 10_000) + "a\n", prefix: "<ol>\n<li>\n<ol>\n<li>", suffix: "</li>\n</ol>\n"),
        Case(name: "10,000 nested emphasis", input: repeated("*", 10_000) + "a" + repeated("*", 10_000), prefix: "<p><strong><strong>", suffix: "</strong></strong></p>\n"),
        Case(name: "4,000 nested images", input: repeated("![a", 4_000) + repeated("](b)", 4_000), prefix: "<p><img src=\"b\" alt=\"a", suffix: "\" loading=\"lazy\" decoding=\"async\" /></p>\n"),
        Case(name: "quotes and lists interleaved 5,000 deep", input: repeated("> - ", 5_000) + "a\n", prefix: "<blockquote>\n<ul>\n<li>\n<blockquote>", suffix: "</ul>\n</blockquote>\n"),
    ]

    @Test(arguments: cmarkCases + nestingCases)
    func finishesWithTheExpectedShape(_ testCase: Case) {
        let document = MarkdownRenderer(options: MarkdownOptions(smartPunctuation: false)).render(testCase.input)
        #expect(document.html.hasPrefix(testCase.prefix), "\(document.html.prefix(80))")
        #expect(document.html.hasSuffix(testCase.suffix), "\(document.html.suffix(80))")
    }

    @Test func tenThousandHeadingsWithOneTitleGetNumberedIDs() {
        let document = MarkdownRenderer().render(Self.repeated("## Notes\n\n", 10_000))
        #expect(document.headings.count == 10_000)
        #expect(document.headings.first?.id == "notes")
        #expect(document.headings.last?.id == "notes-9999")
        #expect(Set(document.headings.map(\.id)).count == 10_000)
    }

    /// Debian's cmark 0.30.2 takes minutes on thousands of image openers in one paragraph (fixed in
    /// 0.30.3): such a document is refused before parsing.
    @Test func thousandsOfImageOpenersInOneParagraphAreRefused() {
        let document = MarkdownRenderer().render("Intro.\n\n" + Self.repeated("![[]()", 160_000), firstLine: 5)
        #expect(document.html == "")
        #expect(document.problems == [MarkdownProblem(kind: .tooManyImageOpeners, position: SourcePosition(line: 7, column: 1))])
    }

    @Test func imageOpenersSpreadOverParagraphsAreFine() {
        let document = MarkdownRenderer().render(Self.repeated(Self.repeated("![[]()", 1_000) + "\n\n", 10))
        #expect(document.problems.isEmpty)
        #expect(document.html.hasPrefix("<p>![<a href=\"\">"))
    }
}
