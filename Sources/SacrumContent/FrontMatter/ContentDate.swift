internal import Foundation

/// A calendar date, optionally with a time and a UTC offset, as written in front matter
/// (`2026-03-14`, `2026-03-14T09:30:00-06:00`, `2026-03-14 09:30`).
public struct ContentDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year, e.g. 2026.
    public var year: Int
    /// Month, 1–12.
    public var month: Int
    /// Day of the month, 1–31.
    public var day: Int
    /// Seconds since midnight, when a time was written.
    public var secondsOfDay: Int?
    /// Offset from UTC in seconds, when one was written (`Z` is 0).
    var utcOffset: Int?

    /// Creates a date; the caller guarantees it exists in the calendar.
    public init(year: Int, month: Int, day: Int, secondsOfDay: Int? = nil, utcOffset: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.secondsOfDay = secondsOfDay
        self.utcOffset = utcOffset
    }

    /// Why text is not a date.
    public enum ParseError: Error, Sendable, Hashable {
        /// The text does not have the shape of a date.
        case notADate
        /// The shape is right but the date does not exist (`2026-02-30`, `2026-13-01`, `25:00`).
        case impossible(String)
    }

    /// Parses a date as YAML writes timestamps: `YYYY-MM-DD`, optionally followed by `T`, `t` or spaces,
    /// `H:MM` or `HH:MM[:SS[.fraction]]` (the fraction is dropped), then optionally spaces and `Z` or an
    /// offset `±H`, `±HH`, `±HHMM` or `±HH:MM`. With a time, month and day may have one digit, as YAML
    /// allows (`2026-3-5 9:00:00`).
    public static func parse(_ text: String) throws(ParseError) -> ContentDate {
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        /// `minimum` to `maximum` digits.
        func number(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maximum, isDigit(index) {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
                count += 1
            }
            return count >= minimum ? value : nil
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        func skipSpaces() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            return index > start
        }
        guard let year = number(4, 4), expect("-") else { throw .notADate }
        let monthStart = index
        guard let month = number(1, 2), expect("-") else { throw .notADate }
        let monthDigits = index - 1 - monthStart
        let dayStart = index
        guard let day = number(1, 2) else { throw .notADate }
        let dayDigits = index - dayStart
        let hasTime = index < bytes.count
        // A date alone is exactly YYYY-MM-DD; YAML allows one-digit months and days only before a time.
        guard hasTime || (monthDigits == 2 && dayDigits == 2) else { throw .notADate }
        guard (1...12).contains(month) else { throw .impossible("there is no month \(month)") }
        guard (1...daysIn(month: month, year: year)).contains(day) else {
            throw .impossible("\(monthNames[month - 1]) \(year) has no day \(day)")
        }
        var date = ContentDate(year: year, month: month, day: day)
        guard hasTime else { return date }
        guard expect("T") || expect("t") || skipSpaces() else { throw .notADate }
        guard let hour = number(1, 2), expect(":"), let minute = number(2, 2) else { throw .notADate }
        var second = 0
        if expect(":") {
            guard let value = number(2, 2) else { throw .notADate }
            second = value
            if expect(".") {
                while isDigit(index) { index += 1 }
            }
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw .impossible("\(hour):\(minute < 10 ? "0" : "")\(minute) is not a time of day")
        }
        date.secondsOfDay = hour * 3600 + minute * 60 + second
        _ = skipSpaces()
        if index < bytes.count {
            if expect("Z") || expect("z") {
                date.utcOffset = 0
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                let hoursStart = index
                guard let hoursAndMaybeMinutes = number(1, 4) else { throw .notADate }
                let digits = index - hoursStart
                var offsetHours = hoursAndMaybeMinutes
                var offsetMinutes = 0
                if digits == 4 {
                    // `-0600`
                    offsetHours = hoursAndMaybeMinutes / 100
                    offsetMinutes = hoursAndMaybeMinutes % 100
                } else if digits == 3 {
                    throw .notADate
                } else if expect(":") {
                    guard let minutes = number(2, 2) else { throw .notADate }
                    offsetMinutes = minutes
                }
                guard offsetHours <= 14, offsetMinutes < 60 else { throw .impossible("the UTC offset is out of range") }
                date.utcOffset = sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        guard index == bytes.count else { throw .notADate }
        return date
    }

    /// Whether the date has a time of day but no UTC offset: a local time that means nothing until a
    /// time zone is chosen.
    var isLocalTime: Bool { secondsOfDay != nil && utcOffset == nil }

    /// The date with the offset `timeZone` has at that local time, daylight saving included (through
    /// `TimeZone.secondsFromGMT(for:)`); unchanged when it already has an offset or has no time. A local
    /// time that occurs twice (when clocks go back) is the first occurrence; one that does not occur
    /// (the hour skipped when clocks go forward) takes the offset from before the change, as a clock
    /// that was not yet put forward would show it.
    func resolvingLocalTime(in timeZone: TimeZone) -> ContentDate {
        guard let seconds = secondsOfDay, utcOffset == nil else { return self }
        let local = daysSinceEpoch * 86_400 + seconds
        func offset(at moment: Int) -> Int { timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(moment))) }
        // The offsets in force a day before and a day after; one of them is the offset at `local`
        // unless `local` is skipped.
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        let valid = [before, after].filter { offset(at: local - $0) == $0 }
        var copy = self
        copy.utcOffset = valid.max() ?? before
        return copy
    }

    /// Days since 1970-01-01 of the calendar date (proleptic Gregorian).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Seconds since the Unix epoch; a date without a time is midnight and without an offset is UTC.
    public var secondsSinceEpoch: Int {
        daysSinceEpoch * 86_400 + (secondsOfDay ?? 0) - (utcOffset ?? 0)
    }

    /// The date at midnight UTC of a moment given in seconds since the Unix epoch.
    static func day(ofSecondsSinceEpoch seconds: Int) -> ContentDate {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return ContentDate(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// `2026-03-14`, or with a time `2026-03-14T09:30:00-06:00` (`Z` for UTC or no offset).
    public var iso8601: String {
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        guard let seconds = secondsOfDay else { return date }
        let time = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        guard let offset = utcOffset, offset != 0 else { return date + "T" + time + "Z" }
        let sign = offset < 0 ? "-" : "+"
        return date + "T" + time + sign + "\(pad(abs(offset) / 3600, 2)):\(pad(abs(offset) / 60 % 60, 2))"
    }

    /// The calendar date alone, `2026-03-14`.
    public var isoDate: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    /// `March 14, 2026`.
    public var longEnglish: String { "\(Self.monthNames[month - 1]) \(day), \(year)" }

    public var description: String { iso8601 }

    public static func < (lhs: ContentDate, rhs: ContentDate) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// This date moved by whole calendar months (the day clamped to the month's length).
    public func addingMonths(_ months: Int) -> ContentDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        var copy = self
        copy.year = newYear
        copy.month = newMonth
        copy.day = min(day, Self.daysIn(month: newMonth, year: newYear))
        return copy
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
