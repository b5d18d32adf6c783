import Foundation
@testable import SacrumContent
import Testing

/// Translation file names and `languages:` in site.yaml.
@Suite struct SiteLanguageTests {
    @Test(arguments: [
        ("si-joint-fusion.es.md", "si-joint-fusion.md", "es"),
        ("_index.es-US.md", "_index.md", "es-US"),
        ("index.es.md", "index.md", "es"),
    ])
    func translationNames(name: String, original: String, code: String) {
        let split = TranslationFileName.split(name)
        #expect(split?.original == original)
        #expect(split?.code == code)
    }

    @Test(arguments: ["contact.md", "release.v2.md", "node.config.md", ".es.md", "notes.zz.md"])
    func namesWithoutALanguage(name: String) {
        #expect(TranslationFileName.split(name) == nil)
    }

    static let config = """
        title: Clinic
        base_url: https://example.com
        language: en-US
        practice:
          name: Clinic
          phone: "(580) 234-7246"
          phone_link: "+15802347246"
          address: {street: 1 Main, city: Lawton, region: OK, postal_code: "73501", country: US}
          hours: {monday: ["08:00-12:00"]}
        languages:
          es-US: {title: Clínica}

        """

    @Test func languagesDefaultFirstWithNamesFromLocaleData() {
        let (config, diagnostics) = SiteConfigDecoder().decode(SourceText(Self.config))
        #expect(diagnostics.filter { $0.id != "config.placeholder" } == [])
        let languages = config?.languages ?? []
        #expect(languages.map(\.tag) == ["en-US", "es-US"])
        #expect(languages.map(\.name) == ["English", "Español"])
        #expect(languages.map(\.prefix) == ["/", "/es/"])
        #expect(languages.map(\.code) == ["en", "es"])
        #expect(languages.map(\.title) == ["Clinic", "Clínica"])
    }

    @Test func badLanguageSettingsAreErrorsAtTheirPlace() {
        let text = Self.config.replacingOccurrences(
            of: "  es-US: {title: Clínica}", with: "  es-US: {title: Clínica, prefix: /a/b/}\n  español: {title: X}")
        let (_, diagnostics) = SiteConfigDecoder().decode(SourceText(text))
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == [
            "site.yaml:11:35: a language's prefix is one folder under the site's root, not '/a/b/'",
            "site.yaml:12:3: 'español' is not a language tag",
        ])
    }
}
