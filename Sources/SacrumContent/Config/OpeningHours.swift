/// When the practice is open: for each weekday, a list of time ranges. A lunch closure is the gap
/// between two ranges (`08:00-12:00`, `12:45-17:00`); a day without ranges is closed.
public struct OpeningHours: Sendable, Hashable {
    /// The ranges of each day, in order; days that are closed have none.
    var days: [Weekday: [TimeRange]]

    /// Creates opening hours.
    init(days: [Weekday: [TimeRange]] = [:]) {
        self.days = days
    }

    /// The ranges of `day`, empty when closed.
    func ranges(on day: Weekday) -> [TimeRange] { days[day] ?? [] }

    /// Every weekday from Monday to Sunday with its ranges.
    public var week: [(day: Weekday, ranges: [TimeRange])] {
        Weekday.allCases.map { ($0, ranges(on: $0)) }
    }

    /// Runs of consecutive days with the same ranges, for display (`Monday – Friday`, `Saturday – Sunday`).
    public var consecutiveGroups: [(days: [Weekday], ranges: [TimeRange])] {
        var groups: [(days: [Weekday], ranges: [TimeRange])] = []
        for (day, ranges) in week {
            if let last = groups.last, last.ranges == ranges {
                groups[groups.count - 1].days.append(day)
            } else {
                groups.append(([day], ranges))
            }
        }
        return groups
    }

    /// Days that share the same ranges, grouped in week order, for compact display and for
    /// `openingHoursSpecification` (one entry per distinct range).
    public var groupedByRange: [(range: TimeRange, days: [Weekday])] {
        var groups: [(range: TimeRange, days: [Weekday])] = []
        for day in Weekday.allCases {
            for range in ranges(on: day) {
                if let index = groups.firstIndex(where: { $0.range == range }) {
                    groups[index].days.append(day)
                } else {
                    groups.append((range, [day]))
                }
            }
        }
        return groups
    }
}

/// A day of the week.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// `Monday`.
    public var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The schema.org day name (`Monday`).
    public var schemaName: String { name }

    private var index: Int { Weekday.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }
}

/// A time range within one day, in minutes after midnight.
public struct TimeRange: Sendable, Hashable {
    /// Opening time, minutes after midnight.
    public var opens: Int
    /// Closing time, minutes after midnight; later than `opens`.
    public var closes: Int

    /// Creates a range.
    public init(opens: Int, closes: Int) {
        self.opens = opens
        self.closes = closes
    }

    /// Parses `08:00-12:00` (also with `–` or spaces around the dash).
    public static func parse(_ text: String) -> TimeRange? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" }).map(\.trimmed)
        guard parts.count == 2, let opens = minutes(parts[0]), let closes = minutes(parts[1]) else { return nil }
        return TimeRange(opens: opens, closes: closes)
    }

    private static func minutes(_ text: String) -> Int? {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, pieces[0].count <= 2, pieces[1].count == 2, let hour = Int(pieces[0]),
            let minute = Int(pieces[1]), (0...24).contains(hour), (0..<60).contains(minute),
            hour * 60 + minute <= 24 * 60
        else { return nil }
        return hour * 60 + minute
    }

    /// `08:00`, the 24-hour form structured data uses.
    public var opens24: String { Self.clock24(opens) }
    /// `12:45`.
    public var closes24: String { Self.clock24(closes) }

    /// `8:00 a.m. – 12:00 p.m.`, for people.
    public var display: String { "\(Self.clock12(opens)) – \(Self.clock12(closes))" }

    static func clock24(_ minutes: Int) -> String {
        let hour = minutes / 60
        let minute = minutes % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    static func clock12(_ minutes: Int) -> String {
        let hour = minutes / 60 % 24
        let minute = minutes % 60
        let suffix = hour < 12 ? "a.m." : "p.m."
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        if hour == 12 && minute == 0 { return "12:00 noon" }
        return "\(twelve):" + (minute < 10 ? "0" : "") + "\(minute) \(suffix)"
    }
}
