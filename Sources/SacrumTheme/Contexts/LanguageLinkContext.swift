import SacrumContent

/// A page in a language, for `hreflang` links, Open Graph alternates and the language switch: `tag`
/// (`es-US`, for `hreflang` and `lang`), `name` (in the language itself, `Español`), `ogLocale`
/// (`es_US`), `url` (site path), `canonical` (absolute URL), `isCurrent` (the language being rendered)
/// and `isTranslation` (the page itself in that language, not its home page).
struct LanguageLinkContext: TemplateObject {
    let environment: RenderEnvironment
    let language: Int
    let page: Int

    enum Field: String, CaseIterable { case tag, name, ogLocale, url, canonical, isCurrent, isTranslation }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "a language link", Field.self) {
        switch $0 {
        case .isCurrent, .isTranslation: .bool
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        let languages = environment.languages
        let info = languages[min(language, languages.count - 1)]
        let site = environment.site
        return switch TemplateSchema.element(index, of: Self.fields) {
        case .tag: .text(info.tag)
        case .name: .text(info.name)
        case .ogLocale: .text(info.ogLocale)
        case .url: .text(site.pages[page].url)
        case .canonical: .text(site.absoluteURL(site.pages[page].url))
        case .isCurrent: .bool(language == environment.language)
        case .isTranslation: .bool(site.pages[page].role != .home || site.pages[page].translations.count > 1)
        case nil: .absent
        }
    }
}
