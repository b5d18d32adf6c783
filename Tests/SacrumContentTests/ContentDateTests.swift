import Foundation
@testable import SacrumContent
import Testing

/// Issue 11, item 4: dates are read as YAML writes timestamps, and a time without an offset is the
/// local time of the site's `timezone:`, daylight saving included.
@Suite struct ContentDateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: String
        var testDescription: String { text }
        init(_ text: String, _ expected: String) {
            self.text = text
            self.expected = expected
        }
    }

    /// Each written form, with its `iso8601` (a local time prints as UTC until it is resolved).
    static let timestamps: [Case] = [
        Case("2026-03-10", "2026-03-10"),
        Case("2026-03-10T09:00:00-06:00", "2026-03-10T09:00:00-06:00"),
        Case("2026-03-10 09:00:00 -06:00", "2026-03-10T09:00:00-06:00"),
        Case("2026-03-10t09:00:00Z", "2026-03-10T09:00:00Z"),
        Case("2026-03-10 09:00:00 Z", "2026-03-10T09:00:00Z"),
        Case("2026-03-10T09:00:00.5Z", "2026-03-10T09:00:00Z"),
        Case("2026-03-10 09:00:00.123456-06:00", "2026-03-10T09:00:00-06:00"),
        Case("2026-03-10 09:00:00 -6", "2026-03-10T09:00:00-06:00"),
        Case("2026-03-10 09:00:00-06", "2026-03-10T09:00:00-06:00"),
        Case("2026-03-10 09:00:00 -0600", "2026-03-10T09:00:00-06:00"),
        Case("2026-03-10 09:00:00 +05:30", "2026-03-10T09:00:00+05:30"),
        Case("2026-03-10 09:30", "2026-03-10T09:30:00Z"),
        Case("2026-03-10\t 9:00:00", "2026-03-10T09:00:00Z"),
        Case("2026-3-5 9:00:00", "2026-03-05T09:00:00Z"),
    ]

    @Test(arguments: timestamps)
    func yamlTimestampIsRead(_ testCase: Case) throws {
        #expect(try ContentDate.parse(testCase.text).iso8601 == testCase.expected)
    }

    static let notDates: [String] = [
        "2026-3-5", "2026-03-10 09", "2026-03-10 09:00:00 -061", "2026-03-10 09:00:00 UTC", "2026-03-10T", "March 10",
    ]

    @Test(arguments: notDates)
    func malformedTimestampIsNotADate(_ text: String) {
        #expect(throws: ContentDate.ParseError.notADate) { try ContentDate.parse(text) }
    }

    @Test func offsetOutOfRangeIsImpossible() {
        #expect(throws: ContentDate.ParseError.impossible("the UTC offset is out of range")) {
            try ContentDate.parse("2026-03-10 09:00:00 -15:00")
        }
    }

    static let chicago = TimeZone(identifier: "America/Chicago")!

    static let localTimes: [Case] = [
        // Central Standard Time in winter, Central Daylight Time from 8 March 2026.
        Case("2026-01-15 09:00", "2026-01-15T09:00:00-06:00"),
        Case("2026-03-10 09:00:00", "2026-03-10T09:00:00-05:00"),
        Case("2026-07-01 23:30", "2026-07-01T23:30:00-05:00"),
        // 02:30 on 8 March does not exist (clocks go from 02:00 to 03:00): the offset from before.
        Case("2026-03-08 02:30", "2026-03-08T02:30:00-06:00"),
        // 01:30 on 1 November happens twice: the first (daylight-saving) one.
        Case("2026-11-01 01:30", "2026-11-01T01:30:00-05:00"),
        Case("2026-11-01 03:00", "2026-11-01T03:00:00-06:00"),
        // An offset written wins; a date without a time stays a calendar date.
        Case("2026-07-01 09:00 Z", "2026-07-01T09:00:00Z"),
        Case("2026-07-01", "2026-07-01"),
    ]

    @Test(arguments: localTimes)
    func localTimeTakesTheOffsetOfTheTimeZoneThen(_ testCase: Case) throws {
        #expect(try ContentDate.parse(testCase.text).resolvingLocalTime(in: Self.chicago).iso8601 == testCase.expected)
    }

    @Test func todayIsTheDayWhereThePracticeIs() {
        // 2026-11-25T03:00:00Z is still the 24th in Chicago.
        let options = PublishingOptions(now: 1_795_575_600)
        #expect(options.today.isoDate == "2026-11-25")
        #expect(options.today(in: Self.chicago).isoDate == "2026-11-24")
        #expect(options.today(in: nil).isoDate == "2026-11-25")
    }

    func problems(_ yaml: String, timeZone: TimeZone?) -> [String] {
        FrontMatterDecoder(timeZone: timeZone).decode(yaml: yaml, firstLine: 2, file: "content/a.md").diagnostics
            .map { "\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.id)]" }
    }

    @Test func frontMatterTimeIsReadInTheSiteTimeZone() {
        let decoded = FrontMatterDecoder(timeZone: Self.chicago).decode(
            yaml: "date: 2026-03-10 09:00:00\nexpiryDate: 2026-12-01 17:00\n", firstLine: 2, file: "content/a.md")
        #expect(decoded.diagnostics.isEmpty)
        #expect(decoded.frontMatter.date?.iso8601 == "2026-03-10T09:00:00-05:00")
        #expect(decoded.frontMatter.expiryDate?.iso8601 == "2026-12-01T17:00:00-06:00")
    }

    @Test func frontMatterTimeWithoutATimeZoneIsUTCWithAWarning() {
        #expect(problems("date: 2026-03-10 09:00\n", timeZone: nil) == [
            "2:7: warning: 'date' has a time but no UTC offset, so it is read as UTC (2026-03-10T09:00:00Z) [date.no-timezone]"
        ])
        #expect(problems("date: 2026-03-10 09:00 -06:00\nupdated: 2026-03-11\n", timeZone: nil) == [])
    }

    @Test func spaceBeforeTheOffsetIsNoLongerAnError() {
        #expect(problems("date: 2026-03-10 09:00:00 -06:00\n", timeZone: nil) == [])
    }
}
