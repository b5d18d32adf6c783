import Foundation
import Testing

/// Runs `sacrum new` as the real binary.
@Suite struct NewCommandTests {
    func makeSite(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-cli-new-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    static let site: [String: String] = [
        "site.yaml": """
            title: CLI Clinic
            base_url: https://cli.example
            theme: t
            practice:
              name: CLI Clinic
              phone: "(580) 234-7246"
              phone_link: "+15802347246"
              address: {street: 1 Main St, city: Lawton, region: OK, postal_code: "73501", country: US}
            """,
        "content/_index.md": "---\ntitle: Home\n---\n",
        "themes/t/archetypes/treatment.md": "---\ntitle: {{title}}\ndraft: true\nreviewed_by: \"[PLACEHOLDER: reviewer]\"\nlast_reviewed: {{date}}\n---\nText.\n",
    ]

    @Test func newWritesThePageAndPrintsWhereAndWhat() throws {
        let root = try makeSite(Self.site)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try SacrumBinary.run(["new", "--source", root, "treatment", "SI-joint", "injection"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError == "")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines.first == "Created content/treatments/si-joint-injection.md (a treatment, from themes/t/archetypes/treatment.md).")
        #expect(lines.dropFirst().first == "  URL:  https://cli.example/treatments/si-joint-injection/")
        #expect(lines.dropFirst(2).first?.hasPrefix("  date: ") == true)
        #expect(lines.dropFirst(2).first?.hasSuffix(" (today in UTC, since site.yaml sets no timezone)") == true)
        #expect(Array(lines.dropFirst(3)) == [
            "Fill in before publishing:",
            "  content/treatments/si-joint-injection.md:4:14: reviewed_by: the clinician who reviewed the page: a provider page's title or a name under 'reviewers' in site.yaml",
            "  content/treatments/si-joint-injection.md: procedure_type: surgical, percutaneous or noninvasive",
            "  content/treatments/si-joint-injection.md: conditions: the conditions it treats, as content paths ('- conditions/back-pain'), if any",
            "It is a draft: 'sacrum serve --drafts' shows it; delete 'draft: true' to publish it.",
        ])
        let text = try String(contentsOfFile: root + "/content/treatments/si-joint-injection.md", encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"SI-joint injection\"\ndraft: true\n"))
    }

    @Test func newRefusesToReplaceAPageAndExitsOne() throws {
        let root = try makeSite(Self.site)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try SacrumBinary.run(["new", "--source", root, "treatment", "treatments/si.md"]).status == 0)
        let again = try SacrumBinary.run(["new", "--source", root, "treatment", "content/treatments/si.md"])
        #expect(again.status == 1)
        #expect(again.standardError == """
            content/treatments/si.md: error: the file already exists; 'sacrum new' never replaces a page [new.exists]
              hint: edit it, or give another title or path
            1 error

            """)
        #expect(again.standardOutput == "No page was written.\n")
    }

    @Test func newWithoutSiteYAMLExitsOne() throws {
        let root = try makeSite([:])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try SacrumBinary.run(["new", "page", "About"], in: URL(fileURLWithPath: root))
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("site.yaml: error: there is no site.yaml in "))
        #expect(result.standardError.hasSuffix(" [config.missing]\n  hint: run sacrum in the site's root folder, or point --source at it\n1 error\n"))
    }

    @Test func newHelpListsTheKinds() throws {
        let result = try SacrumBinary.run(["new", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("""
            Kinds:
              treatment  a treatment or procedure: procedure type, conditions, review
              condition  a condition the practice treats, with its medical review
              story      a patient story: its treatment and the signed authorization
              provider   a provider's biography: job title and credentials
              article    a dated article or news item
              page       any other page, at the top of content/ (about, contact)
            """))
    }
}
