import SacrumContent

/// `site`: the title, base URL, language and the practice's facts from `site.yaml`, and the build's
/// environment (`environment`: `production` or `preview`; `isPreview` for sections).
struct SiteContext: TemplateObject {
    let environment: RenderEnvironment

    enum Field: String, CaseIterable {
        case title, baseURL, language, ogLocale, practice, storyDisclosure, homeURL, footerMenu, environment, isPreview, colors
        case languages, isMultilingual, languageAssistance, languageAssistanceURL
    }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "site", Field.self) {
        switch $0 {
        case .practice: .object(PracticeContext.schema)
        case .colors: .object(ColorsContext.schema)
        case .footerMenu: .list(.object(MenuItemContext.schema))
        case .languages: .list(.object(LanguageLinkContext.schema))
        case .languageAssistance: .list(.object(TaglineContext.schema))
        case .isPreview, .isMultilingual: .bool
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        let config = environment.site.config
        return switch TemplateSchema.element(index, of: Self.fields) {
        case .title: .text(environment.siteLanguage.title)
        case .baseURL: .text(config.baseURL)
        case .language: .text(environment.siteLanguage.tag)
        case .ogLocale: .text(environment.siteLanguage.ogLocale)
        case .practice: .object(PracticeContext(environment: environment))
        case .storyDisclosure: .text(config.storyDisclosure)
        case .homeURL: .text(environment.siteLanguage.prefix)
        case .footerMenu: .list(MenuList(environment: environment, footer: true, page: -1))
        case .environment: .text(config.environment.rawValue)
        case .isPreview: .bool(config.isPreview)
        case .colors: .object(ColorsContext(colors: config.colors))
        case .isMultilingual: .bool(environment.languages.count > 1)
        case .languageAssistance:
            .values(
                (config.languageAssistance?.taglines ?? []).map {
                    .object(TaglineContext(tagline: $0, phone: config.practice.phone, phoneLink: "tel:" + config.practice.phoneLink))
                })
        case .languageAssistanceURL: languageAssistanceURL.templateValue
        case .languages:
            .values(
                environment.languages.indices.map { language in
                    .object(LanguageLinkContext(environment: environment, language: language, page: environment.site.home(ofLanguage: language)))
                })
        case nil: .absent
        }
    }
}

/// `site.colors`: the theme's colours with the site's in their place, as CSS (`brand` → `#0b5d7a`,
/// for `<meta name="theme-color">`); empty when neither theme.yaml nor site.yaml sets one.
struct ColorsContext: TemplateObject {
    let colors: ThemeColors

    enum Field: String, CaseIterable { case brand }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "site.colors", Field.self) { _ in .text }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        switch TemplateSchema.element(index, of: Self.fields) {
        case .brand: .text(colors.brand?.color.css ?? "")
        case nil: .absent
        }
    }
}

extension SiteContext {
    /// The page showing the taglines, in the language being rendered when it has a version in it.
    var languageAssistanceURL: String? {
        let site = environment.site
        guard var path = site.config.languageAssistance?.page else { return nil }
        while path.hasPrefix("/") { path.removeFirst() }
        let candidates = path.hasSuffix(".md") ? [path] : [path + ".md", path + "/index.md", path + "/_index.md"]
        guard let page = candidates.compactMap({ site.pageByContentPath[$0] }).first else { return nil }
        return site.pages[site.translation(of: page, in: environment.language) ?? page].url
    }
}

/// A language-assistance tagline: `language` (for `lang`), `name`, `text` (the phone number written
/// in), `phone` and `phoneLink`.
struct TaglineContext: TemplateObject {
    let tagline: LanguageAssistance.Tagline
    let phone: String
    let phoneLink: String

    enum Field: String, CaseIterable { case language, name, text, phone, phoneLink }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "a language-assistance tagline", Field.self) { _ in .text }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        switch TemplateSchema.element(index, of: Self.fields) {
        case .language: .text(tagline.language)
        case .name: .text(tagline.name)
        case .text: .text(tagline.text.replacing("{phone}", with: phone))
        case .phone: .text(phone)
        case .phoneLink: .text(phoneLink)
        case nil: .absent
        }
    }
}

/// `site.practice`: name, phone (`phone`, `phoneLink` for `tel:`), address and opening hours.
struct PracticeContext: TemplateObject {
    let environment: RenderEnvironment

    enum Field: String, CaseIterable { case name, phone, phoneLink, phoneInternational, address, hours, hoursByDays, appointmentURL }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "site.practice", Field.self) {
        switch $0 {
        case .address: .object(AddressContext.schema)
        case .hours, .hoursByDays: .list(.object(DayContext.schema))
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        let practice = environment.site.config.practice
        let closed = environment.strings.strings(ofLanguage: environment.language)["closed"] ?? "Closed"
        return switch TemplateSchema.element(index, of: Self.fields) {
        case .name: .text(practice.name)
        case .phone: .text(practice.phone)
        case .phoneLink: .text("tel:" + practice.phoneLink)
        case .phoneInternational: .text(practice.phoneInternational)
        case .address: .object(AddressContext(environment: environment))
        case .hours: .values(practice.hours.week.map { .object(DayContext(days: [$0.day], ranges: $0.ranges, formats: environment.formats, closed: closed)) })
        case .hoursByDays: .values(
                practice.hours.consecutiveGroups.map {
                    .object(DayContext(days: $0.days, ranges: $0.ranges, formats: environment.formats, closed: closed))
                })
        case .appointmentURL: practice.appointmentURL.map(translatedURL).templateValue
        case nil: .absent
        }
    }
}

extension PracticeContext {
    /// A site path to a page (`/contact/#request-an-appointment`) leads to that page's version in the
    /// language being rendered, when it has one; anything else stays as written.
    func translatedURL(_ url: String) -> String {
        guard environment.language != 0, url.hasPrefix("/") else { return url }
        let hash = url.firstIndex(of: "#") ?? url.endIndex
        let site = environment.site
        guard let page = site.pageByURL[String(url[..<hash])], let translated = site.translation(of: page, in: environment.language)
        else { return url }
        return site.pages[translated].url + url[hash...]
    }
}

/// `site.practice.address`.
struct AddressContext: TemplateObject {
    let environment: RenderEnvironment

    enum Field: String, CaseIterable { case street, city, region, postalCode, country, singleLine }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "site.practice.address", Field.self) { _ in .text }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        let address = environment.site.config.practice.address
        return switch TemplateSchema.element(index, of: Self.fields) {
        case .street: .text(address.street)
        case .city: .text(address.city)
        case .region: .text(address.region)
        case .postalCode: .text(address.postalCode)
        case .country: .text(address.country)
        case .singleLine: .text("\(address.street), \(address.city), \(address.region) \(address.postalCode)")
        case nil: .absent
        }
    }
}

/// A weekday, or a run of days with the same hours, in the opening hours: `name` (`Monday`, or
/// `Monday – Friday`), `isClosed`, `ranges` (each with `opens`, `closes` in 24-hour time and `display`),
/// `display` for the whole day (`8:00 a.m. – 12:00 noon, 12:45 p.m. – 5:00 p.m.`), and `closures`, the
/// gaps between ranges (a lunch closure).
struct DayContext: TemplateObject {
    let days: [Weekday]
    let ranges: [TimeRange]
    var formats = LocalFormats.english
    /// "Closed", in the language (the theme's `i18n.closed`).
    var closed = "Closed"

    enum Field: String, CaseIterable { case name, isClosed, ranges, display, closures }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "a day of the opening hours", Field.self) {
        switch $0 {
        case .isClosed: .bool
        case .ranges, .closures: .list(.object(RangeContext.schema))
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        switch TemplateSchema.element(index, of: Self.fields) {
        case .name:
            .text(days.count == 1 ? formats.weekday(days[0]) : "\(formats.weekday(days[0])) – \(formats.weekday(days[days.count - 1]))")
        case .isClosed: .bool(ranges.isEmpty)
        case .ranges: .values(ranges.map { .object(RangeContext(range: $0, formats: formats)) })
        case .display: .text(ranges.isEmpty ? closed : ranges.map(formats.range).joined(separator: ", "))
        case .closures:
            // The gaps between ranges, such as the lunch closure (`12:00 noon – 12:45 p.m.`).
            .values(zip(ranges, ranges.dropFirst()).map { .object(RangeContext(range: TimeRange(opens: $0.closes, closes: $1.opens), formats: formats)) })
        case nil: .absent
        }
    }
}

/// A time range for templates.
struct RangeContext: TemplateObject {
    let range: TimeRange
    var formats = LocalFormats.english

    enum Field: String, CaseIterable { case opens, closes, display }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "a time range", Field.self) { _ in .text }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        switch TemplateSchema.element(index, of: Self.fields) {
        case .opens: .text(range.opens24)
        case .closes: .text(range.closes24)
        case .display: .text(formats.range(range))
        case nil: .absent
        }
    }
}
