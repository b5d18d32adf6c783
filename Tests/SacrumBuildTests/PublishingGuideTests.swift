import Foundation
import SacrumBuild
@testable import SacrumContent
import Testing

/// The `site.yaml` examples of `docs/publishing.md` are decoded: a ```` ```yaml ```` block is added to a
/// minimal site.yaml (its first line is line 20); a ```` ```text ```` block right after it is the
/// diagnostics it must give, as `sacrum build` prints them; without one it must give none.
@Suite struct PublishingGuideTests {
    static let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/publishing.md")

    struct Example: Sendable, CustomTestStringConvertible {
        var line: Int
        var yaml: String
        var expected: String?
        var testDescription: String { "docs/publishing.md:\(line)" }
    }

    static func examples() throws -> [Example] {
        let lines = try String(contentsOf: guide, encoding: .utf8).components(separatedBy: "\n")
        var blocks: [(info: String, text: String, line: Int)] = []
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("```") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < lines.count && lines[end] != "```" { end += 1 }
            blocks.append((String(lines[index].dropFirst(3)), lines[(index + 1)..<min(end, lines.count)].joined(separator: "\n") + "\n", index + 1))
            index = end + 1
        }
        var examples: [Example] = []
        for (position, block) in blocks.enumerated() where block.info == "yaml" {
            let next = position + 1 < blocks.count && blocks[position + 1].info == "text" ? blocks[position + 1].text : nil
            examples.append(Example(line: block.line, yaml: block.text, expected: next))
        }
        return examples
    }

    @Test func theGuideHasExamples() throws {
        #expect(try Self.examples().count == 2)
    }

    @Test(arguments: try examples())
    func example(_ example: Example) throws {
        let config = TemporarySite.minimalConfig + "\n" + example.yaml
        let (decoded, diagnostics) = SiteConfigDecoder().decode(try SourceText.decode(Array(config.utf8)))
        let printed = diagnostics.isEmpty ? nil : DiagnosticPrinter(colors: false).format(diagnostics.sortedForDisplay())
        if let expected = example.expected {
            #expect(printed.map { $0 + "\n" } == expected.replacingOccurrences(of: "\n\n", with: "\n"))
        } else {
            #expect(printed == nil)
            #expect(decoded?.publish == PublishSettings())
        }
    }
}
