import Testing

@testable import SacrumBuild

/// What link and alt text is compared with the lists of vague phrases: lower case, letters, digits and
/// spaces, trimmed; ASCII byte by byte and anything else by Character, with the same result.
@Suite struct LinkTextNormalizationTests {
    @Test func asciiKeepsLettersDigitsAndSpaces() { #expect(ContentAccessibilityCheck.normalizedText(" Click HERE! ") == "click here") }
    @Test func punctuationAndTabsGo() { #expect(ContentAccessibilityCheck.normalizedText("read-more\t(2)") == "readmore2") }
    @Test func nonASCIIGoesByCharacter() { #expect(ContentAccessibilityCheck.normalizedText("Read more… ") == "read more") }
    @Test func accentedLettersStay() { #expect(ContentAccessibilityCheck.normalizedText("Más información") == "más información") }
    @Test func nothingLeft() { #expect(ContentAccessibilityCheck.normalizedText("→ !") == "") }
}
