import Foundation
import SacrumBuild
import SacrumContent

/// A site written to a fresh temporary folder from a dictionary of files, for tests that build it.
struct TemporarySite {
    let root: String

    /// 2026-11-25T12:00:00Z: the moment every test build runs at.
    static let now = 1_795_608_000

    static let minimalConfig = """
        title: Test Clinic
        base_url: https://test.example
        theme: test
        practice:
          name: Test Clinic
          phone: "(580) 234-7246"
          phone_link: "+15802347246"
          address:
            street: 1 Main St
            city: Lawton
            region: OK
            postal_code: "73501"
            country: US
          hours:
            monday: ["08:00-12:00", "12:45-17:00"]
        stories:
          disclosure: Results vary.
        reviewers:
          - name: Dr. Test, MD
        """

    static let minimalTheme: [String: String] = [
        "themes/test/templates/page.mustache": "<h1>{{page.title}}</h1>\n{{{page.content}}}",
        "themes/test/templates/list.mustache": "<h1>{{page.title}}</h1>\n{{#page.children}}<a href=\"{{url}}\">{{title}}</a>\n{{/page.children}}",
        "themes/test/templates/404.mustache": "not found",
    ]

    /// Checks about the quality of a whole site (descriptions, canonical links, medical reviews,
    /// stories' records) that small fixtures for other behaviour do not care about. `diagnostics()`
    /// leaves them out unless asked; the checks' own tests ask for them.
    static let siteQualityChecks: [String] = ["seo.", "medical.", "story.", "config.placeholder"]

    /// Writes `files` (path → text) under a new temporary folder. `site.yaml` and the minimal theme are
    /// added unless `files` has its own.
    init(_ files: [String: String], defaults: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-test-\(UUID().uuidString)").path
        var all = files
        if defaults {
            if all["site.yaml"] == nil { all["site.yaml"] = Self.minimalConfig }
            for (path, text) in Self.minimalTheme where all[path] == nil { all[path] = text }
        }
        for (path, text) in all {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Writes raw bytes to `path` inside the site.
    func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func build(drafts: Bool = false, future: Bool = false, expired: Bool = false, strict: Bool = false) async -> BuildResult {
        await BuildPipeline(
            options: BuildOptions(root: root, drafts: drafts, future: future, expired: expired, strict: strict, now: Self.now)
        ).run()
    }

    /// The diagnostics of a build, one `file:line:column: severity: message [id]` per line: those whose id
    /// starts with one of `only`, or all but the site-quality checks.
    func diagnostics(drafts: Bool = false, strict: Bool = false, only: [String]? = nil) async -> [String] {
        await build(drafts: drafts, strict: strict).diagnostics.filter { Self.matches($0, only: only) }.map(Self.line)
    }

    static func matches(_ diagnostic: Diagnostic, only: [String]?) -> Bool {
        if let only { return only.contains { diagnostic.id.hasPrefix($0) } }
        return !siteQualityChecks.contains { diagnostic.id.hasPrefix($0) }
    }

    static func line(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id)]"
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

extension BuildResult {
    /// The diagnostics other than the site-quality checks (see `TemporarySite.siteQualityChecks`).
    var relevantDiagnostics: [Diagnostic] { diagnostics.filter { TemporarySite.matches($0, only: nil) } }

    /// The text of the output file at `path`, if there is one.
    func text(_ path: String) -> String? {
        guard let file = files.first(where: { $0.path == path }) else { return nil }
        switch file.contents {
        case .text(let text): return text
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .copy(let source): return (try? String(contentsOfFile: source, encoding: .utf8))
        }
    }

    /// Every output path.
    var paths: [String] { files.map(\.path) }
}
