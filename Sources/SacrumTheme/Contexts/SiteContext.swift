public import Mustache
import SacrumContent

/// `site`: the title, base URL, language and the practice's facts from `site.yaml`, and the build's
/// environment (`environment`: `production` or `preview`; `isPreview` for sections).
public struct SiteContext: MustacheParent, Sendable {
    let environment: RenderEnvironment

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        let config = environment.site.config
        switch name {
        case "title": return TemplateText(config.title)
        case "baseURL": return TemplateText(config.baseURL)
        case "language": return TemplateText(config.language)
        case "ogLocale": return TemplateText(config.language.split(separator: "-").joined(separator: "_"))
        case "practice": return PracticeContext(practice: config.practice)
        case "storyDisclosure": return TemplateText(config.storyDisclosure)
        case "homeURL": return TemplateText("/")
        case "environment": return TemplateText(config.environment.rawValue)
        case "isPreview": return config.isPreview
        case "footerMenu":
            return environment.site.footerMenu.map {
                MenuItemContext(title: $0.title, url: $0.url, isCurrent: false, isActive: false)
            }
        default: return nil
        }
    }
}

/// `site.practice`: name, phone (`phone`, `phoneLink` for `tel:`), address and opening hours.
public struct PracticeContext: MustacheParent, Sendable {
    let practice: PracticeInfo

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "name": TemplateText(practice.name)
        case "phone": TemplateText(practice.phone)
        case "phoneLink": TemplateText("tel:" + practice.phoneLink)
        case "phoneInternational": TemplateText(practice.phoneInternational)
        case "address": AddressContext(address: practice.address)
        case "hours": practice.hours.week.map { DayContext(days: [$0.day], ranges: $0.ranges) }
        case "hoursByDays": practice.hours.consecutiveGroups.map { DayContext(days: $0.days, ranges: $0.ranges) }
        case "appointmentURL": practice.appointmentURL.orNoValue
        default: nil
        }
    }
}

/// `site.practice.address`.
public struct AddressContext: MustacheParent, Sendable {
    let address: PostalAddress

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "street": TemplateText(address.street)
        case "city": TemplateText(address.city)
        case "region": TemplateText(address.region)
        case "postalCode": TemplateText(address.postalCode)
        case "country": TemplateText(address.country)
        case "singleLine": TemplateText("\(address.street), \(address.city), \(address.region) \(address.postalCode)")
        default: nil
        }
    }
}

/// A weekday, or a run of days with the same hours, in the opening hours: `name` (`Monday`, or
/// `Monday – Friday`), `isClosed`, `ranges` (each with `opens`, `closes` in 24-hour time and `display`),
/// `display` for the whole day (`8:00 a.m. – 12:00 noon, 12:45 p.m. – 5:00 p.m.`), and `closures`, the
/// gaps between ranges (a lunch closure).
public struct DayContext: MustacheParent, Sendable {
    let days: [Weekday]
    let ranges: [TimeRange]

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "name": TemplateText(days.count == 1 ? days[0].name : "\(days[0].name) – \(days[days.count - 1].name)")
        case "isClosed": ranges.isEmpty
        case "ranges": ranges.map(RangeContext.init)
        case "display": TemplateText(ranges.isEmpty ? "Closed" : ranges.map(\.display).joined(separator: ", "))
        case "closures": closures
        default: nil
        }
    }

    /// The gaps between ranges, such as the lunch closure (`12:00 noon – 12:45 p.m.`).
    private var closures: [RangeContext] {
        zip(ranges, ranges.dropFirst()).map { RangeContext(range: TimeRange(opens: $0.closes, closes: $1.opens)) }
    }
}

/// A time range for templates.
public struct RangeContext: MustacheParent, Sendable {
    let range: TimeRange

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "opens": TemplateText(range.opens24)
        case "closes": TemplateText(range.closes24)
        case "display": TemplateText(range.display)
        default: nil
        }
    }
}
