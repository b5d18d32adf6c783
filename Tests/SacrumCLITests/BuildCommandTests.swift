import Foundation
import Testing

/// Runs the real `sacrum` binary on small sites and checks exit codes, output and reports.
@Suite struct BuildCommandTests {
    static let description = "A page of the test clinic that is long enough for search results."

    func makeSite(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-cli-\(UUID().uuidString)").path
        var all = files
        all["site.yaml"] = all["site.yaml"] ?? """
            title: CLI Clinic
            base_url: https://cli.example
            theme: t
            practice:
              name: CLI Clinic
              phone: "(580) 234-7246"
              phone_link: "+15802347246"
              address: {street: 1 Main St, city: Lawton, region: OK, postal_code: "73501", country: US}
            """
        all["themes/t/templates/page.mustache"] = "<link rel=\"canonical\" href=\"{{page.canonical}}\"><h1>{{page.title}}</h1>{{{page.content}}}"
        all["themes/t/templates/list.mustache"] = "<link rel=\"canonical\" href=\"{{page.canonical}}\"><h1>{{page.title}}</h1>"
        all["themes/t/templates/404.mustache"] = "missing"
        all["content/_index.md"] = all["content/_index.md"] ?? "---\ntitle: Home\ndescription: The home page of the test clinic, for command-line tests.\n---\n"
        for (path, text) in all {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func successfulBuildWritesTheSiteAndExitsZero() throws {
        let root = try makeSite(["content/a.md": "---\ntitle: A\ndescription: \(Self.description)\n---\nHello"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try SacrumBinary.run(["build", "--source", root])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("Built 1 pages, 1 sections, 0 tag pages, 0 redirects and 0 assets into \(root)/output in "))
        #expect(try String(contentsOfFile: root + "/output/a/index.html", encoding: .utf8) == "<link rel=\"canonical\" href=\"https://cli.example/a/\"><h1>A</h1><p>Hello</p>\n")
    }

    @Test func errorExitsOneAndKeepsThePreviousSite() throws {
        let root = try makeSite(["content/a.md": "---\ntitle: A\ndescription: \(Self.description)\n---\nHello"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try SacrumBinary.run(["build", "--source", root]).status == 0)
        try Data("---\ntitle: A\ndescription: \(Self.description)\nweight: heavy\n---\nChanged".utf8).write(to: URL(fileURLWithPath: root + "/content/a.md"))
        let result = try SacrumBinary.run(["build", "--source", root, "--quiet"])
        #expect(result.status == 1)
        #expect(result.standardError == """
            content/a.md:4:9: error: 'weight' must be a whole number, not 'heavy' [yaml.type]
              hint: write digits only, like 'weight: 10'
            1 error

            """)
        #expect(try String(contentsOfFile: root + "/output/a/index.html", encoding: .utf8) == "<link rel=\"canonical\" href=\"https://cli.example/a/\"><h1>A</h1><p>Hello</p>\n")
    }

    @Test func strictFailsOnWarningsAndReportIsJSON() throws {
        let root = try makeSite(["content/a.md": "---\ntitle: A\ndescription: \(Self.description)\n---\n", "site.yaml": """
            title: CLI Clinic
            base_url: https://cli.example
            theme: t
            colour: blue
            practice:
              name: CLI Clinic
              phone: "(580) 234-7246"
              phone_link: "+15802347246"
              address: {street: 1 Main St, city: Lawton, region: OK, postal_code: "73501", country: US}
            """])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try SacrumBinary.run(["build", "--source", root, "--quiet"]).status == 0)
        let report = root + "/report.json"
        let strict = try SacrumBinary.run(["build", "--source", root, "--strict", "--quiet", "--report", report])
        #expect(strict.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect(json?["succeeded"] as? Bool == false)
        #expect(json?["errors"] as? Int == 1)
        let first = (json?["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["file"] as? String == "site.yaml")
        #expect(first?["line"] as? Int == 4)
        #expect(first?["id"] as? String == "config.unknown-key")
    }

    @Test func summaryAndReportCountThePagesHeldBack() throws {
        let root = try makeSite([
            "content/a.md": "---\ntitle: A\ndescription: \(Self.description)\n---\n",
            "content/b.md": "---\ntitle: B\ndraft: true\n---\n",
            "content/c.md": "---\ntitle: C\ndate: 2999-01-01\n---\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let report = root + "/report.json"
        let result = try SacrumBinary.run(["check", "--source", root, "--report", report])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.split(separator: "\n").dropFirst().first == "  2 held back: 1 draft, 1 future; --drafts --future to include them.")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect(json?["heldBack"] as? [String: Int] == ["draft": 1, "future": 1])
        #expect(json?["environment"] as? String == "production")
        #expect(json?["baseURL"] as? String == "https://cli.example/")
    }

    @Test func refusesToWriteIntoContent() throws {
        let root = try makeSite(["content/a.md": "---\ntitle: A\ndescription: \(Self.description)\n---\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try SacrumBinary.run(["build", "--source", root, "--output", "content", "--quiet"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("refusing to write the site to \(root)/content: it is content/ or inside it"))
    }

    @Test func invalidBaseURLIsAUsageError() throws {
        let result = try SacrumBinary.run(["build", "--base-url", "example.com"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--base-url: 'example.com' is not an absolute http or https URL; write 'https://example.com/'"))
    }

    @Test func baseURLPathWithoutSlashIsAUsageErrorWithTheFix() throws {
        let result = try SacrumBinary.run(["build", "--base-url", "https://example.github.io/clinic-site"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--base-url: the path of 'https://example.github.io/clinic-site' does not end with '/', so it would name a file instead of the site's folder; write 'https://example.github.io/clinic-site/'"))
    }

    @Test func previewBuildSaysSoAndPrefixesLinks() throws {
        let root = try makeSite(["content/a.md": "---\ntitle: A\ndescription: \(Self.description)\n---\n[Home](/)"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try SacrumBinary.run(
            ["build", "--source", root, "--environment", "preview", "--base-url", "https://example.github.io/clinic-site/"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.split(separator: "\n").first?.hasSuffix(
            " ms: preview build for https://example.github.io/clinic-site/ (noindex, robots.txt disallows all).") == true)
        #expect(try String(contentsOfFile: root + "/output/a/index.html", encoding: .utf8) == "<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"https://example.github.io/clinic-site/a/\"><h1>A</h1><p><a href=\"/clinic-site/\">Home</a></p>\n")
        #expect(try String(contentsOfFile: root + "/output/robots.txt", encoding: .utf8) == "User-agent: *\nDisallow: /\n")
    }

    @Test func unknownEnvironmentIsAUsageError() throws {
        let result = try SacrumBinary.run(["build", "--environment", "staging"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("'staging'"))
    }
}
