import SacrumMarkdown
import Testing

/// The GFM spec's table examples and cmark-gfm's table and footnote tests, rendered with only
/// tables and footnotes on (GitHub's exact HTML, raw HTML kept), give cmark-gfm's HTML byte for byte.
@Suite struct GFMBlockConformanceTests {
    static var options: MarkdownOptions {
        var options = MarkdownOptions.plainCmark
        options.tables = true
        options.footnotes = true
        options.unsafe = true  // as the suites' runner: cmark-gfm --unsafe keeps raw HTML
        return options
    }

    /// The sections of extensions.txt from `## Tables` up to `## Strikethroughs`, and `## Footnotes`.
    static let extensionSections: Set<String> = [
        "Tables", "Table cell count mismatches", "Embedded pipes", "Oddly-formatted markers", "Escaping",
        "Embedded HTML", "Reference-style links", "Sequential cells", "Interaction with emphasis",
        "a table can be recognised when separated from a paragraph of text without an empty line", "Footnotes",
    ]

    /// Table examples outside those sections that need the inline extensions too, by line.
    static let interop: [Int: String] = [
        720: "Interop, \"Autolink and tables\": cells hold www. and https:// autolinks (extended autolinks)"
    ]

    static func gfmTableExamples() throws -> [SpecExample] {
        try SpecExample.gfmSpec().filter { $0.extensions.contains("table") }
    }

    static func extensionExamples() throws -> [SpecExample] {
        try SpecExample.gfmExtensions().filter { extensionSections.contains($0.section) }
    }

    @Test func theSuitesAreReadWhole() throws {
        #expect(try Self.gfmTableExamples().count == 8)
        #expect(try Self.extensionExamples().count == 17)
        let interop = try Self.interopExamples()
        #expect(interop.map(\.section) == ["Interop"])
        #expect(interop.first?.html.hasPrefix("<table>") == true)
    }

    static func interopExamples() throws -> [SpecExample] {
        try SpecExample.gfmExtensions().filter { interop[$0.line] != nil }
    }

    @Test(arguments: try interopExamples())
    func tableWithInlineExtensions(_ example: SpecExample) {
        var options = Self.options
        options.autolinks = true
        options.strikethrough = true
        #expect(MarkdownRenderer(options: options).render(example.markdown).html == example.html)
    }

    @Test(arguments: try gfmTableExamples())
    func gfmSpecTable(_ example: SpecExample) {
        #expect(MarkdownRenderer(options: Self.options).render(example.markdown).html == example.html)
    }

    @Test(arguments: try extensionExamples())
    func cmarkGFMExtension(_ example: SpecExample) {
        #expect(MarkdownRenderer(options: Self.options).render(example.markdown).html == example.html)
    }
}
