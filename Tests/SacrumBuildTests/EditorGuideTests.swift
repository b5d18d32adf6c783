import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// Every example of the editor's guide (`docs/editing.md`) is built, so the guide cannot go stale.
///
/// An example is a ```` ```markdown ```` block. What follows it says what it must give:
/// - a ```` ```html ```` block: the page's rendered content, exactly, with no error or warning;
/// - a ```` ```text ```` block: the diagnostics the build prints for the example's file, as
///   `sacrum build` prints them (`content/example.md:4:5: error: ... [id]` and the hint);
/// - neither: the example builds with no error or warning about its file (notes are fine).
///
/// A block is the body of `content/example.md` (title "Example") unless its info string names a
/// whole file: ```` ```markdown file="content/Back pain FAQ.md" ````. The examples build in a site
/// with the default theme (its shortcodes and archetypes), a page template that shows only
/// `page.content`, and a few pages and an image to link to. `SACRUM_RECORD=1` rewrites the `html` and `text` blocks with what the build gives
/// (the test then fails once, to make the change visible): review the diff.
@Suite struct EditorGuideTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let guide = repository.appendingPathComponent("docs/editing.md")
    static var recording: Bool { ProcessInfo.processInfo.environment["SACRUM_RECORD"] == "1" }

    static let config = TemporarySite.minimalConfig
        .replacingOccurrences(of: "theme: test", with: "theme: default\ntimezone: America/Chicago")
        .replacingOccurrences(of: "  hours:\n", with: "  appointment_url: /contact/\n  hours:\n")
        .replacingOccurrences(
            of: "    monday: [\"08:00-12:00\", \"12:45-17:00\"]\n",
            with: ["monday", "tuesday", "wednesday", "thursday", "friday"].map { "    \($0): [\"08:00-12:00\", \"12:45-17:00\"]\n" }.joined()
                + "    saturday: closed\n    sunday: closed\n")

    /// One example of the guide, with the line of its opening fence.
    struct Example: Sendable, CustomTestStringConvertible {
        var line: Int
        var file: String
        var markdown: String
        /// The expected block: its kind (`html` or `text`), text and the lines it spans in the guide.
        var expected: (kind: String, text: String, lines: Range<Int>)?

        var testDescription: String { "docs/editing.md:\(line) (\(file))" }
    }

    static func examples() throws -> [Example] {
        let lines = try String(contentsOf: guide, encoding: .utf8).components(separatedBy: "\n")
        var blocks: [(info: String, text: String, lines: Range<Int>)] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("```") else {
                index += 1
                continue
            }
            let fence = String(line.prefix { $0 == "`" })
            let info = String(line.dropFirst(fence.count)).trimmingCharacters(in: .whitespaces)
            var end = index + 1
            while end < lines.count && lines[end] != fence { end += 1 }
            blocks.append((info, lines[(index + 1)..<min(end, lines.count)].joined(separator: "\n") + "\n", index..<(end + 1)))
            index = end + 1
        }
        var examples: [Example] = []
        for (position, block) in blocks.enumerated() where block.info.hasPrefix("markdown") {
            var file = "content/example.md"
            var markdown = block.text
            if let range = block.info.range(of: "file=\"") {
                let rest = block.info[range.upperBound...]
                file = String(rest.prefix { $0 != "\"" })
            } else {
                markdown = "---\ntitle: Example\n---\n" + markdown
            }
            var example = Example(line: block.lines.lowerBound + 1, file: file, markdown: markdown)
            if position + 1 < blocks.count, ["html", "text"].contains(blocks[position + 1].info) {
                let next = blocks[position + 1]
                example.expected = (next.info, next.text, next.lines)
            }
            examples.append(example)
        }
        return examples
    }

    /// The page template's canonical link (the checks want one), cut from the HTML compared.
    static let canonical = "<link rel=\"canonical\" href=\"{{page.canonical}}\">"

    /// The default theme's files, to build the examples with.
    static func themeFiles() throws -> [String: String] {
        let theme = repository.appendingPathComponent("themes/default")
        var files: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: theme.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            let url = theme.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files["themes/default/" + path] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return files
    }

    /// What the build gives for one example: its content HTML and the diagnostics about its file.
    static func build(_ example: Example) async throws -> (html: String?, diagnostics: String) {
        var files = try themeFiles()
        files["site.yaml"] = config
        files["templates/page.mustache"] = "{{{page.content}}}" + canonical
        files["content/_index.md"] = "---\ntitle: Home\n---\nHome.\n"
        files["content/contact.md"] = "---\ntitle: Contact\n---\nCall us.\n"
        files["content/treatments/_index.md"] = "---\ntitle: Treatments\n---\nTreatments.\n"
        files["content/conditions/back-pain.md"] = "---\ntitle: Back pain\n---\nBack pain.\n"
        files["content/images/si-joint.svg"] = try String(
            contentsOf: repository.appendingPathComponent("content/images/si-joint.svg"), encoding: .utf8)
        files[example.file] = example.markdown
        let site = try TemporarySite(files, defaults: false)
        defer { site.remove() }
        let result = await site.build()
        let printer = DiagnosticPrinter(colors: false)
        let ownFile = result.relevantDiagnostics.filter { $0.file == example.file }.sortedForDisplay()
        // An example with HTML may say something in a note (a title taken from a heading); it may
        // not warn or fail.
        let diagnostics = ownFile.filter { example.expected?.kind == "text" || $0.severity != .note }.map(printer.format)
        let others: Set<String> = [
            "index.html", "contact/index.html", "treatments/index.html", "conditions/index.html",
            "conditions/back-pain/index.html",
        ]
        let page = result.files.first { $0.path.hasSuffix("index.html") && !others.contains($0.path) }
        let html = page.flatMap { result.text($0.path) }.map { text in
            text.range(of: "<link rel=\"canonical\"", options: .backwards).map { String(text[..<$0.lowerBound]) } ?? text
        }
        return (html, diagnostics.map { $0 + "\n" }.joined())
    }

    @Test(arguments: try examples())
    func exampleBuildsAsTheGuideSays(_ example: Example) async throws {
        guard !Self.recording else { return }  // recordGuide() rewrites the guide instead
        let (html, diagnostics) = try await Self.build(example)
        guard let expected = example.expected else {
            #expect(diagnostics == "", "docs/editing.md:\(example.line) must build without a diagnostic")
            return
        }
        let actual = expected.kind == "html" ? (html ?? "(no page)") : diagnostics
        #expect(actual == expected.text, "docs/editing.md:\(example.line)")
        if expected.kind == "html" {
            #expect(diagnostics == "", "docs/editing.md:\(example.line) must build without a diagnostic")
        }
    }

    @Test func guideHasExamples() throws {
        #expect(try Self.examples().count >= 10)
    }

    /// With `SACRUM_RECORD=1`, rewrites every `html` and `text` block of the guide with what the build
    /// gives, from the last block up so that earlier line ranges stay right.
    @Test func recordGuide() async throws {
        guard Self.recording else { return }
        var lines = try String(contentsOf: Self.guide, encoding: .utf8).components(separatedBy: "\n")
        var changed = 0
        for example in try Self.examples().reversed() {
            guard let expected = example.expected else { continue }
            let (html, diagnostics) = try await Self.build(example)
            let actual = expected.kind == "html" ? (html ?? "(no page)") : diagnostics
            guard actual != expected.text else { continue }
            var body = actual
            if body.hasSuffix("\n") { body.removeLast() }
            let inner = (expected.lines.lowerBound + 1)..<(expected.lines.upperBound - 1)
            lines.replaceSubrange(inner, with: body.isEmpty ? [] : body.components(separatedBy: "\n"))
            changed += 1
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: Self.guide)
        Issue.record("Recorded \(changed) blocks of docs/editing.md; unset SACRUM_RECORD and review the diff.")
    }
}
