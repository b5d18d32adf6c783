@testable import SacrumContent
import Testing

/// Inputs for the front-matter fuzz target (Fuzz/, fuzz-front-matter) that crashed, each with the result
/// Sacrum must give instead. The inputs are also seeds in Fuzz/corpus/front-matter/, so that the smoke
/// pass replays them.
@Suite struct FrontMatterFuzzRegressionTests {
    private func decode(_ text: String) -> (PageSource, [Diagnostic]) {
        PageSource.decode(.success(Array(text.utf8)), contentPath: "a.md")
    }

    /// `[a 'b,` opens no quoted value (the quote is inside a plain one), but the nesting check took it
    /// for one and skipped everything after it; 20,000 nested lists then overflowed the stack of the
    /// recursive YAML composer (a segmentation fault of `sacrum build`).
    @Test func quoteInsideAPlainValueDoesNotHideDeepFlowNesting() {
        let text = "---\nparams: [a 'b,\n" + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_001)
            + "\n---\nBody\n"
        let (page, diagnostics) = decode(text)
        #expect(!page.isReadable)
        #expect(diagnostics.map { "\($0.location): \($0.id)" } == ["content/a.md:3:1: yaml.too-deep"])
    }

    /// The same trick before a line of 8,000 compact nested lists (`- - - ...`).
    @Test func quoteInsideAPlainValueDoesNotHideDeepBlockNesting() {
        let text = "---\n- [a 'b, c]\n" + String(repeating: "- ", count: 8_000) + "x\n---\n"
        let (page, diagnostics) = decode(text)
        #expect(!page.isReadable)
        #expect(diagnostics.map { "\($0.location): \($0.id)" } == ["content/a.md:3:1: yaml.too-deep"])
    }

    /// Ordinary nesting is still reported by the first check, at its level.
    @Test func ordinaryDeepNestingKeepsItsMessage() {
        let (_, diagnostics) = decode("---\nparams: " + String(repeating: "[", count: 100) + "\n---\n")
        #expect(diagnostics.map(\.message) == ["the YAML is nested more than 64 levels deep"])
    }
}
