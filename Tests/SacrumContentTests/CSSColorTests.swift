@testable import SacrumContent
import Testing

/// The brand colour's parsing and WCAG contrast arithmetic (issue 12, item 5).
@Suite struct CSSColorTests {
    func css(_ text: String) -> String {
        switch CSSColor.parse(text) {
        case .success(let color): color.css
        case .failure(let problem): "error: " + problem.message
        }
    }

    @Test func sixHexDigits() { #expect(css("#0B5D7A") == "#0b5d7a") }
    @Test func threeHexDigits() { #expect(css("#0b5") == "#00bb55") }
    @Test func rgbWithSpaces() { #expect(css("rgb(11 93 122)") == "#0b5d7a") }
    @Test func rgbWithCommas() { #expect(css("rgb(11, 93, 122)") == "#0b5d7a") }
    @Test func alphaIsRefused() { #expect(css("#0b5d7a80") == "error: '#0b5d7a80' is partly transparent; a brand colour must be opaque, or its contrast depends on what is behind it") }
    @Test func badHexDigit() { #expect(css("#0b5d7g") == "error: '#0b5d7g' is not a colour: a hex colour has only the digits 0-9 and a-f after '#'") }
    @Test func fiveDigits() { #expect(css("#0b5d7") == "error: '#0b5d7' is not a colour: a hex colour has 3 or 6 digits after '#'") }
    @Test func channelOutOfRange() { #expect(css("rgb(300 0 0)") == "error: 'rgb(300 0 0)' is not a colour Sacrum reads: rgb() takes three whole numbers from 0 to 255") }
    @Test func colourNamesAreRefused() { #expect(css("teal") == "error: 'teal' is not a colour Sacrum reads") }

    @Test func blackOnWhiteIs21() {
        #expect(CSSColor(red: 0, green: 0, blue: 0).contrast(with: .white) == 21)
    }

    @Test func theDefaultThemesBrandOnWhite() throws {
        let brand = try CSSColor.parse("#0b5563").get()
        #expect((brand.contrast(with: .white) * 10).rounded() / 10 == 8.4)
    }

    @Test func aPassingColourGetsNoWarning() throws {
        let colors = ThemeColors(brand: ColorSetting(color: try CSSColor.parse("#0b5563").get(), file: "site.yaml", position: YAMLPosition(line: 1, column: 1)))
        #expect(colors.contrastDiagnostics.isEmpty)
    }

    @Test func theSitesColourWins() throws {
        let theme = ThemeColors(brand: ColorSetting(color: .white, file: "themes/t/theme.yaml", position: YAMLPosition(line: 1, column: 1)))
        let site = ThemeColors(brand: ColorSetting(color: try CSSColor.parse("#123").get(), file: "site.yaml", position: YAMLPosition(line: 2, column: 3)))
        #expect(theme.overridden(by: site).brand?.file == "site.yaml")
        #expect(theme.overridden(by: ThemeColors()).brand?.file == "themes/t/theme.yaml")
    }
}
