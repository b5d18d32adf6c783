import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// Whole-pipeline tests: each folder under `Sites/` is a site with the output it must produce in
/// `expected/` and the diagnostics it must print in `diagnostics.txt`. Set `SACRUM_RECORD=1` to
/// re-record them after an intended change (the test then fails once, to make the change visible),
/// and review the diff.
@Suite struct GoldenSiteTests {
    static let sites = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Sites")
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sites.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
    static var recording: Bool { ProcessInfo.processInfo.environment["SACRUM_RECORD"] == "1" }

    @Test(arguments: cases)
    func siteBuildsAsRecorded(_ name: String) async throws {
        let folder = Self.sites.appendingPathComponent(name)
        let result = await BuildPipeline(options: BuildOptions(root: folder.path, now: TemporarySite.now)).run()
        var actual: [String: [UInt8]] = [:]
        for file in result.files {
            switch file.contents {
            case .text(let text): actual[file.path] = Array(text.utf8)
            case .bytes(let bytes): actual[file.path] = bytes
            case .copy(let source): actual[file.path] = Array(try Data(contentsOf: URL(fileURLWithPath: source)))
            }
        }
        let diagnostics = DiagnosticPrinter(colors: false).format(result.diagnostics) + "\n"
        let expectedFolder = folder.appendingPathComponent("expected")
        let diagnosticsFile = folder.appendingPathComponent("diagnostics.txt")

        if Self.recording {
            try? FileManager.default.removeItem(at: expectedFolder)
            for (path, bytes) in actual {
                let url = expectedFolder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            try Data(diagnostics.utf8).write(to: diagnosticsFile)
            Issue.record("Recorded \(name); unset SACRUM_RECORD and review the diff.")
            return
        }

        let expectedDiagnostics = (try? String(contentsOf: diagnosticsFile, encoding: .utf8)) ?? "(no diagnostics.txt)"
        #expect(diagnostics == expectedDiagnostics, "diagnostics of \(name)")
        var expected: [String: [UInt8]] = [:]
        if let enumerator = FileManager.default.enumerator(atPath: expectedFolder.path) {
            while let path = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let url = expectedFolder.appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    expected[path] = Array(try Data(contentsOf: url))
                }
            }
        }
        #expect(actual.keys.sorted() == expected.keys.sorted(), "files of \(name)")
        for (path, bytes) in actual.sorted(by: { $0.key < $1.key }) where expected[path] != nil {
            #expect(
                String(decoding: bytes, as: UTF8.self) == String(decoding: expected[path]!, as: UTF8.self),
                "\(name)/expected/\(path)")
        }
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() async throws {
        for name in Self.cases {
            let folder = Self.sites.appendingPathComponent(name).path
            let first = await BuildPipeline(options: BuildOptions(root: folder, now: TemporarySite.now)).run()
            let second = await BuildPipeline(options: BuildOptions(root: folder, now: TemporarySite.now + 3600)).run()
            #expect(first.files == second.files, "\(name)")
            #expect(first.diagnostics == second.diagnostics, "\(name)")
        }
    }
}
