import SacrumMarkdown
import Testing

/// Alerts: one small input, the exact output.
@Suite struct AlertTests {
    func render(_ markdown: String, alerts: Bool = true) -> MarkdownDocument {
        MarkdownRenderer(options: MarkdownOptions(headingIDs: false, alerts: alerts)).render(markdown)
    }

    @Test func aNoteIsAnAsideWithAVisibleTitle() {
        #expect(render("> [!NOTE]\n> Bring your scans.\n").html == "<aside class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n<p>Bring your scans.</p>\n</aside>\n")
    }

    @Test(arguments: [("[!tip]", "tip", "Tip"), ("[!Important]", "important", "Important"), ("[!WARNING]", "warning", "Warning"), ("[!caution]", "caution", "Caution")])
    func everyKindInAnyCase(_ marker: String, _ kind: String, _ title: String) {
        #expect(render("> \(marker)\n>\n> Text.\n").html == "<aside class=\"alert alert-\(kind)\" role=\"note\">\n<p class=\"alert-title\">\(title)</p>\n<p>Text.</p>\n</aside>\n")
    }

    @Test func nestedAlerts() {
        #expect(render("> [!NOTE]\n> > [!TIP]\n> > Inner.\n").html == "<aside class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n<aside class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Tip</p>\n<p>Inner.</p>\n</aside>\n</aside>\n")
    }

    @Test func anUnknownKindStaysAQuoteAndIsReported() {
        let document = render("Intro.\n\n> [!NOTES]\n> Text.\n")
        #expect(document.html == "<p>Intro.</p>\n<blockquote>\n<p>[!NOTES]\nText.</p>\n</blockquote>\n")
        #expect(document.problems == [MarkdownProblem(kind: .unknownAlert("NOTES"), position: SourcePosition(line: 3, column: 3))])
    }

    @Test func textAfterTheMarkerOnItsLineIsNoAlert() {
        #expect(render("> [!NOTE] Bring scans.\n").html == "<blockquote>\n<p>[!NOTE] Bring scans.</p>\n</blockquote>\n")
    }

    @Test func alertsOffLeaveAQuote() {
        #expect(render("> [!NOTE]\n> Text.\n", alerts: false).html == "<blockquote>\n<p>[!NOTE]\nText.</p>\n</blockquote>\n")
    }
}
