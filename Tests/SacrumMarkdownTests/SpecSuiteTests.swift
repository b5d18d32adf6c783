import Testing

/// The conformance suites are read whole: a truncated or misread file would make the data-driven
/// suites pass on too few examples.
@Suite struct SpecSuiteTests {
    @Test func commonMarkHas652Examples() throws {
        #expect(try SpecExample.commonMark().count == 652)
    }

    @Test func gfmSpecHasItsExtensionExamples() throws {
        let examples = try SpecExample.gfmSpec()
        #expect(examples.count == 673)
        #expect(examples.filter { $0.extensions.contains("table") }.count == 8)
        #expect(examples.filter { $0.extensions.contains("strikethrough") }.count == 2)
        #expect(examples.filter { $0.extensions.contains("autolink") }.count == 11)
        #expect(examples.filter { $0.extensions.contains("disabled") }.count == 2)
    }

    @Test func extensionTestsHaveTheirFootnoteExample() throws {
        let footnotes = try SpecExample.gfmExtensions().filter { $0.section == "Footnotes" }
        #expect(footnotes.count == 1)
        #expect(footnotes.first?.markdown.hasPrefix("This is some text![^1]") == true)
    }
}
