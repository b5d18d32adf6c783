@testable import SacrumContent
import Testing

/// The prescan that lets pages without `{{` skip the shortcode pass.
@Suite struct ShortcodePrescanTests {
    @Test func findsTwoOpeningBracesAnywhere() {
        #expect(ShortcodeExpander.mayContainTags("Call {{< phone >}}."))
        #expect(ShortcodeExpander.mayContainTags("{{"))
        #expect(ShortcodeExpander.mayContainTags("a { b {{"))
        #expect(ShortcodeExpander.mayContainTags("{{{"))
    }

    @Test func oneBraceAtATimeIsNotATag() {
        #expect(!ShortcodeExpander.mayContainTags(""))
        #expect(!ShortcodeExpander.mayContainTags("{"))
        #expect(!ShortcodeExpander.mayContainTags("{ {"))
        #expect(!ShortcodeExpander.mayContainTags("a{b{c}}"))
        #expect(!ShortcodeExpander.mayContainTags("ends with {"))
    }

    @Test func bridgedAndSubstringBackedTextIsScannedToo() {
        let sliced = String("xx{{yy".dropFirst())
        #expect(ShortcodeExpander.mayContainTags(sliced))
        #expect(ShortcodeExpander.mayContainTags(String(repeating: "é", count: 40) + "{{"))
    }

    @Test func digitsAreFoundAnywhere() {
        #expect("Call 580".containsASCIIDigit())
        #expect((String(repeating: "\u{00E9}", count: 30) + "0").containsASCIIDigit())
        #expect(!"No numbers: \u{0661}\u{0662} are not ASCII".containsASCIIDigit())
        #expect(!"".containsASCIIDigit())
    }
}

/// Names every shortcode template already has cannot be arguments.
@Suite struct ShortcodeReservedNameTests {
    @Test(arguments: ["site", "inner", "innerInline", "picture", "i18n"])
    func aReservedNameIsNotAnArgument(name: String) {
        let (_, diagnostics) = ShortcodeDeclaration.parse(template: "{{! arguments: \(name) }}\n", file: "t.mustache")
        #expect(diagnostics.map(\.message) == ["'\(name)' is a name every shortcode template already has"])
    }
}
