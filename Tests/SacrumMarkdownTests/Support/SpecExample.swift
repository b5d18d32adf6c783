import Foundation
import Testing

/// One example of a conformance suite: Markdown in, the HTML the reference implementation gives.
struct SpecExample: Sendable, CustomTestStringConvertible {
    /// Which suite file it comes from.
    var suite: String
    /// Its number in the file, counted as the suite's own runner counts.
    var number: Int
    /// The heading it stands under (`Tables (extension)`, `Footnotes`).
    var section: String
    /// The words after `example` in its opening fence (`table`, `autolink`, `disabled`).
    var extensions: [String]
    var markdown: String
    var html: String
    /// The line of its opening fence, for finding it in the file.
    var line: Int

    var testDescription: String { "\(suite) example \(number) (line \(line), \(section))" }

    /// The folder holding the suites.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Spec")

    /// The 652 examples of CommonMark 0.30.
    static func commonMark() throws -> [SpecExample] {
        struct Entry: Decodable {
            var markdown: String
            var html: String
            var example: Int
            var start_line: Int
            var section: String
        }
        let data = try Data(contentsOf: folder.appendingPathComponent("spec-0.30.json"))
        return try JSONDecoder().decode([Entry].self, from: data).map {
            SpecExample(
                suite: "spec-0.30.json", number: $0.example, section: $0.section, extensions: [],
                markdown: $0.markdown, html: $0.html, line: $0.start_line)
        }
    }

    /// Every example of the GFM spec (`spec.txt`).
    static func gfmSpec() throws -> [SpecExample] { try read("spec.txt") }
    /// Every example of cmark-gfm's extension tests (`extensions.txt`).
    static func gfmExtensions() throws -> [SpecExample] { try read("extensions.txt") }

    /// Reads a file in the spec format, as cmark-gfm's `spec_tests.py` does (its `get_tests`), but
    /// keeps the examples marked `disabled` too, with that word among their extensions.
    static func read(_ name: String) throws -> [SpecExample] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var state = 0  // 0 text, 1 Markdown, 2 HTML
        var markdown = "", html = "", section = "", extensions: [String] = [], start = 0, number = 0
        var lineNumber = 0
        text.enumerateLines { line, _ in
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(fence + " example") {
                state = 1
                start = lineNumber
                extensions = trimmed.dropFirst(fence.count + " example".count).split(separator: " ").map(String.init)
            } else if trimmed == fence {
                state = 0
                number += 1
                examples.append(
                    SpecExample(
                        suite: name, number: number, section: section, extensions: extensions,
                        markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                        html: html.replacingOccurrences(of: "→", with: "\t"), line: start))
                markdown = ""
                html = ""
            } else if trimmed == "." && state == 1 {
                state = 2
            } else if state == 1 {
                markdown += line + "\n"
            } else if state == 2 {
                html += line + "\n"
            } else if state == 0, line.hasPrefix("#") {
                let marks = line.prefix { $0 == "#" }
                if line.dropFirst(marks.count).hasPrefix(" ") {
                    section = line.dropFirst(marks.count).trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return examples
    }
}
