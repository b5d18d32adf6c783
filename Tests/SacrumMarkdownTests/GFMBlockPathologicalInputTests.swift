import SacrumMarkdown
import Testing

/// Issue 11: the block extensions keep the README's bounds. Inputs far past any page (a table of
/// 10,000 columns or 100,000 rows, 10,000 footnotes, alerts nested 1,000 deep) finish with the
/// expected shape. The time limit is a hang guard; `make bench-hostile` measures them.
@Suite(.timeLimit(.minutes(1))) struct GFMBlockPathologicalInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var prefix: String
        var suffix: String
        var testDescription: String { name }
    }

    static func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    static let cases: [Case] = [
        Case(name: "table of 10,000 columns",
             input: "|" + repeated(" a |", 10_000) + "\n|" + repeated("-|", 10_000) + "\n|" + repeated(" b |", 10_000) + "\n",
             prefix: "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Table: a, a, a", suffix: "<td>b</td>\n</tr>\n</tbody>\n</table>\n</div>\n"),
        Case(name: "table of 100,000 rows", input: "| a | b |\n| - | - |\n" + repeated("| x | y |\n", 100_000),
             prefix: "<div class=\"table-scroll\"", suffix: "<td>x</td>\n<td>y</td>\n</tr>\n</tbody>\n</table>\n</div>\n"),
        Case(name: "one row of 100,000 pipes under a one-column table", input: "| a |\n| - |\n" + repeated("|", 100_000) + "\n",
             prefix: "<div class=\"table-scroll\"", suffix: "<td></td>\n</tr>\n</tbody>\n</table>\n</div>\n"),
        Case(name: "100,000 escaped pipes in a cell", input: "| a |\n| - |\n| " + repeated("\\|", 100_000) + " |\n",
             prefix: "<div class=\"table-scroll\"", suffix: "||</td>\n</tr>\n</tbody>\n</table>\n</div>\n"),
        Case(name: "a delimiter row of 100,000 cells under a short header", input: "| a |\n" + repeated("|-", 100_000) + "\n",
             prefix: "<p>| a |\n|-|-|-", suffix: "|-</p>\n"),
        Case(name: "10,000 footnotes", input: (1...10_000).map { "Text[^\($0)]." }.joined(separator: "\n") + "\n\n" + (1...10_000).map { "[^\($0)]: Note \($0).\n" }.joined(),
             prefix: "<p>Text<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">1</a></sup>.", suffix: "<li id=\"fn10000\">\n<p>Note 10000. <a href=\"#fnref10000\" class=\"footnote-backref\" aria-label=\"Back to reference 10000\">↩</a></p>\n</li>\n</ol>\n</section>\n"),
        Case(name: "10,000 references to one footnote", input: repeated("A[^n] ", 10_000) + "\n\n[^n]: Note.\n",
             prefix: "<p>A<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"fnref1\">1</a></sup>", suffix: "<a href=\"#fnref1-10000\" class=\"footnote-backref\" aria-label=\"Back to reference 1-10000\">↩<sup class=\"footnote-ref\">10000</sup></a></p>\n</li>\n</ol>\n</section>\n"),
        Case(name: "a chain of 10,000 footnotes, each referring to the next", input: "Start[^1]\n\n" + (1...10_000).map { "[^\($0)]: Next[^\($0 + 1)]\n" }.joined(),
             prefix: "<p>Start<sup class=\"footnote-ref\">", suffix: "<li id=\"fn10000\">\n<p>Next[^10001] <a href=\"#fnref10000\" class=\"footnote-backref\" aria-label=\"Back to reference 10000\">↩</a></p>\n</li>\n</ol>\n</section>\n"),
        Case(name: "alerts nested 1,000 deep", input: (0..<1_000).map { repeated("> ", $0) + "> [!NOTE]\n" }.joined() + repeated("> ", 1_000) + "a\n",
             prefix: repeated("<aside class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n", 1_000) + "<p>a</p>\n", suffix: "<p>a</p>\n" + repeated("</aside>\n", 1_000)),
        Case(name: "10,000 block quotes of unknown alerts", input: repeated("> [!NOPE]\n\n", 10_000),
             prefix: "<blockquote>\n<p>[!NOPE]</p>\n</blockquote>\n", suffix: "<p>[!NOPE]</p>\n</blockquote>\n"),
    ]

    @Test(arguments: cases)
    func finishesWithTheExpectedShape(_ testCase: Case) {
        let document = MarkdownRenderer(options: MarkdownOptions(smartPunctuation: false, headingIDs: false)).render(testCase.input)
        #expect(document.html.hasPrefix(testCase.prefix), "\(document.html.prefix(120))")
        #expect(document.html.hasSuffix(testCase.suffix), "\(document.html.suffix(160))")
    }

    @Test func tenThousandFootnotesAreAllReportedWhenUndefined() {
        let document = MarkdownRenderer().render((1...10_000).map { "Text[^\($0)]." }.joined(separator: "\n"))
        #expect(document.problems.count == 10_000)
        #expect(document.problems.last == MarkdownProblem(kind: .footnoteUndefined("10000"), position: SourcePosition(line: 10_000, column: 5)))
    }
}
