import SacrumMarkdown
import Testing

/// The inline extensions (strikethrough, autolinks, task lists) and the raw-HTML report inside the
/// block extensions' content (table cells, footnotes), whose nodes come from helper documents: the
/// HTML is right and positions are the page's.
@Suite struct GFMExtensionInteropTests {
    static let options = MarkdownOptions(smartPunctuation: false, headingIDs: false, imageLoadingHints: false, accessibleHTML: false)

    func render(_ markdown: String, firstLine: Int = 1) -> MarkdownDocument {
        MarkdownRenderer(options: Self.options).render(markdown, firstLine: firstLine)
    }

    @Test func autolinkAndStrikethroughInATableCell() {
        let document = render("Intro.\n\n| a | b |\n| - | - |\n| ~~old~~ | see www.example.org |\n", firstLine: 5)
        #expect(document.html.contains("<td><del>old</del></td>\n<td>see <a href=\"http://www.example.org\">www.example.org</a></td>"))
        #expect(document.links.map { "\($0.destination) \($0.position.line):\($0.position.column)" } == ["http://www.example.org 9:17"])
    }

    @Test func autolinkInAFootnoteHasThePagePosition() {
        let document = render("Text[^n].\n\n[^n]: Read www.example.org first.\n", firstLine: 3)
        #expect(document.links.map { "\($0.destination) \($0.position.line):\($0.position.column)" } == ["http://www.example.org 5:12"])
    }

    @Test func rawHTMLInACellAndInAFootnoteIsReportedWhereItIs() {
        let document = render("| a |\n| - |\n| x <b>y</b> |\n\nT[^n].\n\n[^n]: A <i>note</i>.\n", firstLine: 10)
        let reported = document.problems.compactMap { problem -> String? in
            guard case .rawHTMLOmitted(let tag) = problem.kind else { return nil }
            return "\(tag) \(problem.position.line):\(problem.position.column)"
        }
        #expect(reported == ["<b> 12:5", "<i> 16:9"])
    }

    @Test func taskListInAFootnote() {
        #expect(render("T[^n].\n\n[^n]: List:\n\n    - [x] done\n").html.contains("<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</li>"))
    }

    @Test func accessibleTaskListCheckboxesHaveANameAndTableColumnsAClass() {
        let html = MarkdownRenderer().render("- [x] Done item\n- [ ] Open item\n\n| a | b |\n| :-: | --: |\n| 1 | 2 |\n").html
        #expect(html.contains("<li><input checked=\"\" disabled=\"\" type=\"checkbox\" aria-label=\"Done\"> Done item</li>"))
        #expect(html.contains("<li><input disabled=\"\" type=\"checkbox\" aria-label=\"To do\"> Open item</li>"))
        #expect(html.contains("<th scope=\"col\" class=\"align-center\">a</th>\n<th scope=\"col\" class=\"align-right\">b</th>"))
    }
}
