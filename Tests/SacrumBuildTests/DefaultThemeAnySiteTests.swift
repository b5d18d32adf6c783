import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// Issue 12, item 5: the default theme builds any site, linking only to pages that exist (its 404
/// page once linked to /treatments/, which a site without that section does not have).
@Suite struct DefaultThemeAnySiteTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test func aSiteWithoutTreatmentsBuildsWithTheDefaultTheme() async throws {
        let config = TemporarySite.minimalConfig.replacingOccurrences(of: "theme: test", with: "theme: default")
            + "\nmenu: [{title: Contact, url: /contact/}]\n"
        let site = try TemporarySite(
            [
                "site.yaml": config,
                "content/_index.md": "---\ntitle: A small clinic\ndescription: A clinic with one page besides its home page, and no treatments.\n---\nWelcome.\n",
                "content/contact.md": "---\ntitle: Contact\ndescription: How to reach the clinic by phone, and when it is open.\n---\nCall us.\n",
            ], defaults: false)
        defer { site.remove() }
        try FileManager.default.copyItem(atPath: Self.repository + "/themes/default", toPath: site.root + "/themes/default")
        let result = await site.build()
        #expect(result.diagnostics.filter { $0.severity == .error }.map(TemporarySite.line) == [])
        let notFound = try #require(result.text("404.html"))
        #expect(notFound.contains("<li><a href=\"/contact/\">Contact</a></li>"))
        #expect(!notFound.contains("/treatments/"))
    }
}
