import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// Issue 11: footnote and alert mistakes, and links inside table cells, are reported at their
/// file:line:column in a real build.
@Suite struct GFMBlockDiagnosticsTests {
    static let page = """
        ---
        title: A
        ---

        | Drug | Link |
        | --- | --- |
        | x | [b](nope.md) |

        Text[^missing] and[^1].

        [^1]: One.
        [^1]: Two.
        [^spare]: Never.

        > [!NOTE]
        > ok

        > [!NOET]
        > typo

        """

    @Test func eachMistakeIsReportedAtItsPlace() async throws {
        let site = try TemporarySite(["content/a.md": Self.page])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line).sorted() == [
            "content/a.md:12:1: error: the footnote '[^1]' is defined twice; only the first definition is published [markdown.footnote-duplicate]",
            "content/a.md:13:1: warning: the footnote '[^spare]' is never referenced, so it is not published [markdown.footnote-unused]",
            "content/a.md:18:3: warning: '[!NOET]' is not an alert kind; the block quote is published as a plain quote; did you mean '[!NOTE]'? [markdown.alert-unknown]",
            "content/a.md:7:7: error: the link 'nope.md' matches no page [link.broken]",
            "content/a.md:9:5: error: the footnote reference '[^missing]' has no definition and would be published as text [markdown.footnote-undefined]",
        ])
        #expect(!result.succeeded)
    }
}
