import SacrumMarkdown
import Testing

/// CommonMark 0.30's 652 examples with every GitHub-flavoured extension switched on give cmark's
/// exact HTML wherever no extension syntax occurs. The examples where it does occur are listed below
/// with the syntax; they render as GFM says instead (their GFM rendering is covered by the GFM suites).
@Suite struct CommonMarkWithExtensionsTests {
    static var options: MarkdownOptions {
        var options = MarkdownOptions.plainCmark
        options.unsafe = true  // the spec's HTML keeps raw HTML, as cmark --unsafe does
        options.tables = true
        options.strikethrough = true
        options.autolinks = true
        options.taskLists = true
        options.footnotes = true
        options.alerts = true
        return options
    }

    /// Example numbers with extension syntax, and what it is. (Tables, footnotes and alerts add theirs
    /// where they are built.)
    static let extensionSyntax: [Int: String] = [
        601: "`http://foo.bar/baz` inside `<…>` with a space (not a CommonMark autolink) is an extended autolink",
        605: "`foo\\+@bar.example.com` is an e-mail address (extended autolink) between `<` and `>`",
        607: "`http://foo.bar` is an extended autolink between `< ` and ` >`",
        610: "`http://example.com` is an extended autolink",
        611: "`foo@bar.example.com` is an extended e-mail autolink",
    ]

    static let examples: [SpecExample] = (try? SpecExample.commonMark()) ?? []

    @Test func allExamplesAreRead() {
        #expect(Self.examples.count == 652)
    }

    @Test(arguments: examples.filter { extensionSyntax[$0.number] == nil })
    func exampleWithoutExtensionSyntax(_ example: SpecExample) {
        #expect(MarkdownRenderer(options: Self.options).render(example.markdown).html == example.html)
    }

    /// The list stays honest: every listed example really renders differently with the extensions on.
    @Test(arguments: examples.filter { extensionSyntax[$0.number] != nil })
    func exampleWithExtensionSyntaxDiffers(_ example: SpecExample) {
        #expect(MarkdownRenderer(options: Self.options).render(example.markdown).html != example.html)
    }
}
