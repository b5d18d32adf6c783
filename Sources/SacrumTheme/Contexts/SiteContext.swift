import SacrumContent

/// `site`: the title, base URL, language and the practice's facts from `site.yaml`, and the build's
/// environment (`environment`: `production` or `preview`; `isPreview` for sections).
struct SiteContext: TemplateObject {
    let environment: RenderEnvironment

    enum Field: String, CaseIterable {
        case title, baseURL, language, ogLocale, practice, storyDisclosure, homeURL, footerMenu, environment, isPreview, colors
    }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "site", Field.self) {
        switch $0 {
        case .practice: .object(PracticeContext.schema)
        case .colors: .object(ColorsContext.schema)
        case .footerMenu: .list(.object(MenuItemContext.schema))
        case .isPreview: .bool
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        let config = environment.site.config
        return switch TemplateSchema.element(index, of: Self.fields) {
        case .title: .text(config.title)
        case .baseURL: .text(config.baseURL)
        case .language: .text(config.language)
        case .ogLocale: .text(config.language.split(separator: "-").joined(separator: "_"))
        case .practice: .object(PracticeContext(environment: environment))
        case .storyDisclosure: .text(config.storyDisclosure)
        case .homeURL: .text("/")
        case .footerMenu: .list(MenuList(environment: environment, footer: true, page: -1))
        case .environment: .text(config.environment.rawValue)
        case .isPreview: .bool(config.isPreview)
        case .colors: .object(ColorsContext(colors: config.colors))
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
        return switch TemplateSchema.element(index, of: Self.fields) {
        case .name: .text(practice.name)
        case .phone: .text(practice.phone)
        case .phoneLink: .text("tel:" + practice.phoneLink)
        case .phoneInternational: .text(practice.phoneInternational)
        case .address: .object(AddressContext(environment: environment))
        case .hours: .values(practice.hours.week.map { .object(DayContext(days: [$0.day], ranges: $0.ranges)) })
        case .hoursByDays: .values(practice.hours.consecutiveGroups.map { .object(DayContext(days: $0.days, ranges: $0.ranges)) })
        case .appointmentURL: practice.appointmentURL.templateValue
        case nil: .absent
        }
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
        case .name: .text(days.count == 1 ? days[0].name : "\(days[0].name) – \(days[days.count - 1].name)")
        case .isClosed: .bool(ranges.isEmpty)
        case .ranges: .values(ranges.map { .object(RangeContext(range: $0)) })
        case .display: .text(ranges.isEmpty ? "Closed" : ranges.map(\.display).joined(separator: ", "))
        case .closures:
            // The gaps between ranges, such as the lunch closure (`12:00 noon – 12:45 p.m.`).
            .values(zip(ranges, ranges.dropFirst()).map { .object(RangeContext(range: TimeRange(opens: $0.closes, closes: $1.opens))) })
        case nil: .absent
        }
    }
}

/// A time range for templates.
struct RangeContext: TemplateObject {
    let range: TimeRange

    enum Field: String, CaseIterable { case opens, closes, display }

    static let fields = Array(Field.allCases)

    static let schema = TemplateSchema(name: "a time range", Field.self) { _ in .text }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        switch TemplateSchema.element(index, of: Self.fields) {
        case .opens: .text(range.opens24)
        case .closes: .text(range.closes24)
        case .display: .text(range.display)
        case nil: .absent
        }
    }
}
