@testable import SacrumContent
import Testing

/// Where a site's inputs are, and what a changed file is to a build.
@Suite struct SiteLayoutTests {
    let layout = SiteLayout(root: "/site", themeName: "clinic")

    @Test func paths() {
        #expect(layout.configPath == "/site/site.yaml")
        #expect(layout.contentPath("treatments/si-joint-fusion.md") == "/site/content/treatments/si-joint-fusion.md")
        #expect(layout.themeTemplatesFolder == "themes/clinic/templates")
        #expect(layout.themeConfigFile == "themes/clinic/theme.yaml")
        #expect(SiteLayout.contentDisplayPath("a.md") == "content/a.md")
        #expect(layout.relative("/site/content/a.md") == "content/a.md")
        #expect(layout.relative("/elsewhere/a.md") == "/elsewhere/a.md")
    }

    @Test func looks() {
        #expect(layout.input("site.yaml") == .look)
        #expect(layout.input("themes/clinic/theme.yaml") == .look)
        #expect(layout.input("themes/clinic/templates/page.mustache") == .look)
        #expect(layout.input("templates/partials/header.mustache") == .look)
        #expect(layout.input("themes/clinic/i18n/es-US.yaml") == .look)
    }

    @Test func pagesAndFiles() {
        #expect(layout.input("content/treatments/si-joint-fusion.md") == .page("treatments/si-joint-fusion.md"))
        #expect(layout.input("assets/css/brand.css") == .stylesheet)
        #expect(layout.input("themes/clinic/assets/css/style.css") == .stylesheet)
        #expect(layout.input("static/files/form.pdf") == .file)
        #expect(layout.input("content/images/office.jpg") == .file)
    }

    @Test func structureAndOthers() {
        #expect(layout.input("content") == .structure)
        #expect(layout.input("README.md") == .structure)
        #expect(layout.input("themes/other/templates/page.mustache") == .other)
        #expect(layout.input("output/index.html") == .other)
    }
}
