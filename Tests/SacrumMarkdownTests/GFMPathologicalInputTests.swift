import SacrumMarkdown
import Testing

/// Inputs built to make the strikethrough and autolink transforms slow: they finish (the time limit is
/// a hang guard, not a speed claim; `make bench-hostile` measures) with the expected shape of output.
@Suite(.timeLimit(.minutes(1))) struct GFMPathologicalInputTests {
    typealias Case = PathologicalInputTests.Case

    static func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    static let cases: [Case] = [
        Case(name: "100,000 tildes", input: "a " + repeated("~", 100_000) + " b", prefix: "<p>a ~~~~", suffix: "~~~~ b</p>\n"),
        Case(name: "100,000 tildes inside a strikethrough", input: "~~a " + repeated("~", 100_000) + " b~~",
             prefix: "<p><del>a ~~~", suffix: "~~~ b</del></p>\n"),
        Case(name: "strikethrough openers with no closers", input: repeated("~a ", 50_000), prefix: "<p>~a ~a ", suffix: "~a</p>\n"),
        Case(name: "strikethrough closers with no openers", input: repeated("a~ ", 50_000), prefix: "<p>a~ a~ ", suffix: "a~</p>\n"),
        Case(name: "mismatched tilde runs", input: repeated("~~a~ ", 40_000), prefix: "<p>~~a~ ~~a~ ", suffix: "~~a~</p>\n"),
        Case(name: "nested strikethroughs", input: repeated("~~a ", 20_000) + "b" + repeated(" a~~", 20_000),
             prefix: "<p><del>a <del>a ", suffix: "a</del> a</del></p>\n"),
        Case(name: "escaped tildes between delimiters", input: repeated("\\~~", 50_000), prefix: "<p>~<del>~</del>~<del>", suffix: "~<del>~</del></p>\n"),
        Case(name: "one long www. link", input: repeated("www.", 50_000), prefix: "<p><a href=\"http://www.www.", suffix: "www</a>.</p>\n"),
        Case(name: "www. after opening parentheses", input: repeated("(www.", 50_000), prefix: "<p>(<a href=\"http://www.(www.", suffix: "</a>.</p>\n"),
        Case(name: "opening parentheses in a link", input: "www.a.org/" + repeated("(", 100_000), prefix: "<p><a href=\"http://www.a.org/((", suffix: "((</a></p>\n"),
        Case(name: "closing parentheses after a link", input: "www.a.org/" + repeated(")", 100_000), prefix: "<p><a href=\"http://www.a.org/\">www.a.org/</a>))", suffix: "))</p>\n"),
        Case(name: "underscored domains", input: repeated("_www.a_", 50_000), prefix: "<p>", suffix: "</p>\n"),
        Case(name: "short rejected domains", input: repeated("www._a ", 50_000), prefix: "<p>www._a www._a", suffix: "www._a</p>\n"),
        Case(name: "scheme separators", input: repeated("http://", 50_000), prefix: "<p><a href=\"http://http", suffix: "</a></p>\n"),
        Case(name: "at signs", input: repeated("a@", 100_000), prefix: "<p>a@a@a@", suffix: "a@</p>\n"),
        Case(name: "addresses without a dot", input: repeated("a.b@c ", 50_000), prefix: "<p>a.b@c a.b@c", suffix: "a.b@c</p>\n"),
        Case(name: "many addresses", input: repeated("a@b.co ", 50_000), prefix: "<p><a href=\"mailto:a@b.co\">", suffix: "a@b.co</a></p>\n"),
        Case(name: "entity suffixes", input: "www.a.org/" + repeated("&a;", 50_000), prefix: "<p><a href=\"http://www.a.org/\">", suffix: "&amp;a;</p>\n"),
        Case(name: "task markers 10,000 deep", input: repeated("- [ ] ", 10_000) + "a\n", prefix: "<ul>\n<li>", suffix: "</ul>\n"),
    ]

    @Test(arguments: cases)
    func finishesWithTheExpectedShape(_ testCase: Case) {
        let document = MarkdownRenderer(options: MarkdownOptions(smartPunctuation: false)).render(testCase.input)
        #expect(document.html.hasPrefix(testCase.prefix), "\(document.html.prefix(80))")
        #expect(document.html.hasSuffix(testCase.suffix), "\(document.html.suffix(80))")
    }
}
