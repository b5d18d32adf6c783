import Foundation
import SacrumContent
import Testing

@testable import SacrumBuild

/// `sacrum build` writes each page to the staging folder as it is rendered: the output is the same as
/// writing every file at the end, and a build with an error leaves the previous site as it was.
@Suite struct PageStagingTests {
    static func page(_ title: String, _ body: String) -> String {
        "---\ntitle: \(title)\ndescription: \(ChecksTests.description) \(title).\n---\n\(body)\n"
    }

    /// Pages long enough (over 1 KB) to get compressed twins, and a theme that passes the checks.
    static let files: [String: String] = ChecksTests.theme.merging([
        "content/_index.md": page("Home", String(repeating: "A home page long enough for twins. ", count: 60)),
        "content/a.md": page("A", String(repeating: "A page long enough for twins. ", count: 60)),
        "content/b/c.md": page("C", "Short."),
        "site.yaml": TemporarySite.minimalConfig.replacingOccurrences(of: "theme: test", with: "theme: test\npublish: { gzip: true, brotli: true, manifest: true }"),
    ]) { $1 }

    /// Every file under `folder` by relative path, with its bytes.
    func tree(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
            }
        }
        return files
    }

    func build(_ site: TemporarySite, into output: String) async -> BuildAction.Outcome {
        var options = BuildOptions(root: site.root, now: TemporarySite.now)
        options.output = output
        return await BuildAction(options: options).run()
    }

    @Test func stagedPagesGiveTheSameFilesAsWritingEverythingAtTheEnd() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        let outcome = await build(site, into: "streamed")
        #expect(outcome.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        #expect(outcome.wroteOutput && !outcome.result.files.contains { $0.path == "a/index.html" })
        // The same build kept in memory and written at once.
        let result = await site.build()
        let built = try #require(result.site)
        let host = await HostOutput.add(
            to: result.files, site: built, fingerprinted: result.fingerprinted, settings: built.config.publish,
            cacheDirectory: site.root + "/.sacrum-cache/compressed")
        try await OutputWriter(location: try OutputLocation(output: "at-once", root: site.root)).write(host.files)
        let streamed = try tree(site.root + "/streamed")
        #expect(streamed.keys.contains("a/index.html.gz") && streamed.keys.contains(".sacrum-manifest.json"))
        #expect(streamed == (try tree(site.root + "/at-once")))
    }

    @Test func theSameInputGivesTheSameOutput() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        #expect(await build(site, into: "one").wroteOutput)
        #expect(await build(site, into: "two").wroteOutput)
        #expect(try tree(site.root + "/one") == (try tree(site.root + "/two")))
    }

    @Test func aBuildWithAnErrorLeavesThePreviousSiteAndNoStagingFolder() async throws {
        let site = try TemporarySite(Self.files)
        defer { site.remove() }
        #expect(await build(site, into: "output").wroteOutput)
        let previous = try tree(site.root + "/output")
        try site.write(Array(Self.page("A", "[broken](missing.md)").utf8), to: "content/a.md")
        let failed = await build(site, into: "output")
        #expect(!failed.wroteOutput && failed.diagnostics.map(\.id).contains("link.broken"))
        #expect(try tree(site.root + "/output") == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root).filter { $0.contains("staging") } == [])
    }
}
