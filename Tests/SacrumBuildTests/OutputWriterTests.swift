import Foundation
import SacrumBuild
import SacrumContent
import Testing

@Suite struct OutputWriterTests {
    func makeFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sacrum-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func newSiteReplacesTheOldAndStaleFilesVanish() async throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = OutputWriter(location: try OutputLocation(output: "output", root: root))
        try await writer.write([
            OutputFile(path: "index.html", contents: .text("one")),
            OutputFile(path: "old/index.html", contents: .text("stale")),
        ])
        try await writer.write([
            OutputFile(path: "index.html", contents: .text("two")),
            OutputFile(path: "a/b/c.txt", contents: .bytes([0x41])),
        ])
        #expect(try String(contentsOfFile: root + "/output/index.html", encoding: .utf8) == "two")
        #expect(try String(contentsOfFile: root + "/output/a/b/c.txt", encoding: .utf8) == "A")
        #expect(!FileManager.default.fileExists(atPath: root + "/output/old"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func failedWriteLeavesThePreviousSite() async throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = OutputWriter(location: try OutputLocation(output: "output", root: root))
        try await writer.write([OutputFile(path: "index.html", contents: .text("previous"))])
        await #expect(throws: Diagnostic.self) {
            try await writer.write([
                OutputFile(path: "index.html", contents: .text("new")),
                OutputFile(path: "missing.png", contents: .copy(from: root + "/does-not-exist.png")),
            ])
        }
        #expect(try String(contentsOfFile: root + "/output/index.html", encoding: .utf8) == "previous")
    }

    @Test func pathsLeavingTheOutputAreRefused() async throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = OutputWriter(location: try OutputLocation(output: "output", root: root))
        for bad in ["../escape.html", "/etc/x", "a/../../b", "a//b", ""] {
            await #expect(throws: Diagnostic.self, "\(bad)") {
                try await writer.write([OutputFile(path: bad, contents: .text("x"))])
            }
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/escape.html"))
    }

    @Test(arguments: ["/", ".", "content", "content/out", "..", "themes"])
    func dangerousOutputFoldersAreRefused(_ output: String) throws {
        let root = try makeFolder() + "/site"
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }
        #expect(throws: Diagnostic.self) { try OutputLocation(output: output, root: root) }
    }

    @Test func outputThatLooksLikeASiteIsRefused() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/other-site/content", withIntermediateDirectories: true)
        #expect(throws: Diagnostic.self) { try OutputLocation(output: "other-site", root: root) }
    }

    @Test func symbolicLinkOutputIsRefused() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/output", withDestinationPath: "/tmp")
        #expect(throws: Diagnostic.self) { try OutputLocation(output: "output", root: root) }
    }
}
