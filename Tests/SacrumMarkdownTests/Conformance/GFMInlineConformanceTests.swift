import Foundation
import SacrumMarkdown
import Testing

/// The GFM spec's strikethrough, extended autolink and task list examples, and the Strikethroughs,
/// Autolinks, Interop (those without a table) and Task lists sections of cmark-gfm's
/// `extensions.txt`, rendered byte for byte with cmark's plain options and the inline extensions on.
@Suite struct GFMInlineConformanceTests {
    static var options: MarkdownOptions {
        var options = MarkdownOptions.plainCmark
        options.strikethrough = true
        options.autolinks = true
        options.taskLists = true
        return options
    }

    static let specExamples: [SpecExample] = (try? SpecExample.gfmSpec())?.filter {
        $0.extensions.contains("strikethrough") || $0.extensions.contains("autolink") || $0.extensions.contains("disabled")
    } ?? []

    static let extensionExamples: [SpecExample] = (try? SpecExample.gfmExtensions())?.filter {
        ["Strikethroughs", "Autolinks", "Interop", "Task lists"].contains($0.section) && !$0.markdown.contains("| --- |")
    } ?? []

    @Test func theSuitesAreReadWhole() {
        #expect(Self.specExamples.count == 15)
        #expect(Self.extensionExamples.count == 9)
    }

    @Test(arguments: specExamples)
    func gfmSpecExample(_ example: SpecExample) {
        #expect(MarkdownRenderer(options: Self.options).render(example.markdown).html == example.html)
    }

    /// cmark-gfm's own tests write its checkbox as `<input type="checkbox" disabled="" />`; Sacrum writes
    /// the GFM spec's `<input disabled="" type="checkbox">` (README, "Deliberate differences"), so the
    /// expected HTML is read with the spec's form.
    @Test(arguments: extensionExamples)
    func extensionsExample(_ example: SpecExample) {
        let html = MarkdownRenderer(options: Self.options).render(example.markdown).html
        guard example.html != "<IGNORE>\n" else {
            #expect(html.hasPrefix("<p>"))  // only that it renders (the example is a crash test)
            return
        }
        let expected = example.html
            .replacingOccurrences(of: "<input type=\"checkbox\" disabled=\"\" />", with: "<input disabled=\"\" type=\"checkbox\">")
            .replacingOccurrences(of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />", with: "<input checked=\"\" disabled=\"\" type=\"checkbox\">")
        #expect(html == expected)
    }
}
