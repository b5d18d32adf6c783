internal import Foundation

extension SiteConfig {
    /// The calendar day of the moment `now` (seconds since the Unix epoch) where the practice is: in
    /// `timeZone`, daylight saving included, or in UTC when site.yaml sets none.
    public func dayInTimeZone(now: Int) -> ContentDate {
        let offset = timeZone?.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(now))) ?? 0
        return ContentDate.day(ofSecondsSinceEpoch: now + offset)
    }

    /// The IANA name of the practice's time zone (`America/Chicago`), or `nil` when site.yaml sets none.
    public var timeZoneIdentifier: String? { timeZone?.identifier }
}
