import SacrumMarkdown
import Testing

/// Inputs fuzz-markdown found, minimised, with the result Sacrum must give (see Fuzz/README.md).
@Suite struct FuzzRegressionTests {
    /// A paragraph's text, then emphasis, then text again, each with a footnote reference: the
    /// paragraph was relinked twice, and the second pass reported the undefined reference again at
    /// line 0 of a text node the first pass had made ("problem on line 6" with the body on line 7).
    @Test func aParagraphIsRelinkedOnceAndItsUndefinedReferenceReportedOnce() {
        let document = MarkdownRenderer().render("A[^1] B[^n] *c[^1]* d[^1]\n\n[^1]: One.\n", firstLine: 7)
        #expect(document.problems == [MarkdownProblem(kind: .footnoteUndefined("n"), position: SourcePosition(line: 7, column: 8))])
        #expect(document.html.contains("<a href=\"#fn1\" id=\"fnref1-3\">1</a>"))
    }
}
