internal import Foundation
import SacrumContent

/// How dates, times and weekdays are written in a language: English as Sacrum always wrote them
/// (`March 14, 2026`, `8:00 a.m.`, `12:00 noon`), any other language through the platform's locale
/// data (es-US: `14 de marzo de 2026`, `8:00 a.m.` with a narrow no-break space before `a.m.`,
/// `lunes`), never from tables of our own.
struct LocalFormats: Sendable {
    /// The language's tag, or `nil` for the built-in English forms.
    let tag: String?

    /// The English forms.
    static let english = LocalFormats(tag: nil)

    /// The forms of `tag`: English ones for any `en` tag.
    init(tag: String?) {
        self.tag = tag.flatMap { SiteLanguage.primarySubtag(of: $0) == "en" ? nil : $0 }
    }

    private static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    private func style(date: Date.FormatStyle.DateStyle, time: Date.FormatStyle.TimeStyle, tag: String) -> Date.FormatStyle {
        Date.FormatStyle(
            date: date, time: time, locale: Locale(identifier: tag), calendar: Calendar(identifier: .gregorian),
            timeZone: Self.utc)
    }

    /// A calendar date (`March 14, 2026`; `14 de marzo de 2026`).
    func date(_ date: ContentDate) -> String {
        guard let tag else { return date.longEnglish }
        let day = ContentDate(year: date.year, month: date.month, day: date.day)
        return Date(timeIntervalSince1970: TimeInterval(day.secondsSinceEpoch)).formatted(style(date: .long, time: .omitted, tag: tag))
    }

    /// A time range (`8:00 a.m. – 12:00 noon`; `8:00 a.m. – 12:00 p.m.`).
    func range(_ range: TimeRange) -> String {
        guard let tag else { return range.display }
        let format = style(date: .omitted, time: .shortened, tag: tag)
        func time(_ minutes: Int) -> String { Date(timeIntervalSince1970: TimeInterval(minutes * 60)).formatted(format) }
        return "\(time(range.opens)) – \(time(range.closes))"
    }

    /// A weekday's name as it starts a line (`Monday`; `Lunes`).
    func weekday(_ day: Weekday) -> String {
        guard let tag else { return day.name }
        var calendar = Calendar(identifier: .gregorian)
        let locale = Locale(identifier: tag)
        calendar.locale = locale
        // Calendar's symbols start on Sunday; Weekday starts on Monday.
        let index = (Weekday.allCases.firstIndex(of: day) ?? 0) + 1
        let symbols = calendar.standaloneWeekdaySymbols
        guard symbols.count == 7 else { return day.name }
        let name = symbols[index % 7]
        return name.prefix(1).uppercased(with: locale) + name.dropFirst()
    }
}
