import Foundation
import SacrumBuild
import Testing

/// Issue 8, item 3, through the whole pipeline: very large pages are built, files over the limit and
/// folders nested too deep are refused with a diagnostic. The time limit is a hang guard; the bounds
/// measured on a release build are in the README.
@Suite(.timeLimit(.minutes(2))) struct HostileSizeTests {
    @Test func twentyMegabytePageIsBuilt() async throws {
        let paragraph = "Sacroiliac joint pain can spread to the buttock and the back of the thigh; **rest** helps.\n\n"
        let body = String(repeating: paragraph, count: 20_000_000 / paragraph.utf8.count + 1)
        let site = try TemporarySite(["content/big.md": "---\ntitle: Big\n---\n" + body])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.isEmpty)
        let html = try #require(result.text("big/index.html"))
        #expect(html.utf8.count > 20_000_000)
    }

    @Test func fiveMegabyteLineIsBuilt() async throws {
        let line = String(repeating: "pain ", count: 1_000_000)
        let site = try TemporarySite(["content/line.md": "---\ntitle: Line\n---\n" + line + "\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.isEmpty)
        #expect(result.text("line/index.html")?.contains("<p>pain pain pain") == true)
    }

    @Test func fileOverTheLimitIsRefused() async throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        try site.write([], to: "content/huge.md")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: site.root + "/content/huge.md"))
        try handle.write(contentsOf: Array("---\ntitle: Huge\n---\n".utf8))
        for _ in 0..<65 { try handle.write(contentsOf: chunk) }
        try handle.close()
        #expect(await site.diagnostics() == ["content/huge.md: error: the file is larger than 64 MiB [file.unreadable]"])
    }

    @Test func foldersNestedTooDeepAreSkippedWithADiagnostic() async throws {
        let deep = (1...40).map { "d\($0)" }.joined(separator: "/")
        let site = try TemporarySite(["content/\(deep)/page.md": "---\ntitle: Deep\n---\n"])
        defer { site.remove() }
        let shallowEnough = (1...32).map { "d\($0)" }.joined(separator: "/")
        #expect(await site.diagnostics() == [
            "content/\(shallowEnough)/d33: error: folders are nested more than 32 levels deep; this one is skipped [file.too-deep]"
        ])
    }

    @Test func tenThousandNestedQuotesInAPageAreBuilt() async throws {
        let site = try TemporarySite(["content/deep.md": "---\ntitle: Deep\n---\n" + String(repeating: "> ", count: 10_000) + "a\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.isEmpty)
        #expect(result.text("deep/index.html")?.components(separatedBy: "<blockquote>").count == 10_001)
    }
}
