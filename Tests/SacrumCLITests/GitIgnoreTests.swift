import Foundation
import Testing

/// The git executable, if the machine has one.
private let gitExecutable = ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// What `sacrum build` leaves beside the site (`output/`, the lock file `.output.lock`) is ignored by the
/// repository's `.gitignore` and not tracked, so `make build` leaves `git status` clean.
@Suite(.enabled(if: gitExecutable != nil, "needs git"))
struct GitIgnoreTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gitExecutable ?? "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func buildLeavesOnlyTheSitesOwnFilesUntracked() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            ".gitignore": try String(contentsOf: Self.repository.appendingPathComponent(".gitignore"), encoding: .utf8),
            "site.yaml": """
                title: Git Clinic
                base_url: https://git.example
                theme: t
                practice:
                  name: Git Clinic
                  phone: "(580) 234-7246"
                  phone_link: "+15802347246"
                  address: {street: 1 Main St, city: Lawton, region: OK, postal_code: "73501", country: US}
                """,
            "themes/t/templates/list.mustache": "<link rel=\"canonical\" href=\"{{page.canonical}}\"><h1>{{page.title}}</h1>",
            "themes/t/templates/404.mustache": "missing",
            "content/_index.md": "---\ntitle: Home\ndescription: The home page of the test clinic, for the git-ignore test.\n---\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        _ = try Self.run(["init", "-q"], in: root)
        let build = try SacrumBinary.run(["build", "--quiet"], in: root)
        #expect(build.status == 0, "\(build.standardError)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".output.lock").path))
        #expect(try Self.run(["status", "--porcelain", "--untracked-files=all"], in: root) == """
            ?? .gitignore
            ?? content/_index.md
            ?? site.yaml
            ?? themes/t/templates/404.mustache
            ?? themes/t/templates/list.mustache

            """)
    }

    @Test func repositoryTracksNoOutputOrLock() throws {
        #expect(try Self.run(["ls-files", "--", "output", ".output.lock"], in: Self.repository) == "")
    }
}
