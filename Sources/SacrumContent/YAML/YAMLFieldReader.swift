internal import Foundation

/// Reads typed values out of YAML, with a diagnostic at the value's own line and column for every
/// value of the wrong type.
///
/// Text fields take what is written, so YAML 1.1's surprises never reach them (`title: no` is the
/// text "no", `postal_code: 07030` keeps its zero). Booleans are `true` or `false`; numbers are
/// written in digits; dates are `YYYY-MM-DD` with an optional time.
public struct YAMLFieldReader: Sendable {
    /// The file the YAML came from, relative to the site's root.
    public let file: String
    /// Every problem found so far.
    public private(set) var diagnostics: [Diagnostic] = []
    /// What a date with a time but no UTC offset means.
    var localTimes: LocalTimes = .kept

    /// What a date with a time but no UTC offset (`2026-03-10 09:00`) means.
    enum LocalTimes: Sendable, Hashable {
        /// Left without an offset (read as UTC wherever one is needed), silently.
        case kept
        /// The local time of the site's `timezone:`, daylight saving included.
        case inZone(TimeZone)
        /// UTC, with a warning (`date.no-timezone`) at the date: the site has no `timezone:`.
        case utc
    }

    /// Creates a reader for YAML from `file`.
    public init(file: String) {
        self.file = file
    }

    /// Records a problem at `position`.
    public mutating func report(
        _ severity: DiagnosticSeverity = .error, id: String, at position: YAMLPosition, _ message: String,
        hint: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                severity, id: id, file: file, line: position.line, column: position.column, message: message,
                hint: hint))
    }

    /// The pairs of a mapping, or a diagnostic naming what was found instead.
    public mutating func mapping(_ value: YAMLValue, what: String) -> [YAMLPair]? {
        if case .mapping(let pairs, _) = value { return pairs }
        report(
            id: "yaml.type", at: value.position, "\(what) must be a mapping of 'key: value' lines, not \(value.kindDescription)")
        return nil
    }

    /// Text: any scalar, as written.
    public mutating func text(_ value: YAMLValue, key: String) -> String? {
        guard case .scalar(let text, _, _) = value else {
            report(
                id: "yaml.type", at: value.position, "'\(key)' must be text, not \(value.kindDescription)",
                hint: "write it on one line after '\(key): '; quote it if it contains ': ' or starts with [ or {")
            return nil
        }
        return text
    }

    /// Text that must not be empty.
    public mutating func nonEmptyText(_ value: YAMLValue, key: String) -> String? {
        guard let text = text(value, key: key) else { return nil }
        if text.allSatisfy(\.isWhitespace) {
            report(id: "yaml.empty", at: value.position, "'\(key)' is empty", hint: "write a value after '\(key): '")
            return nil
        }
        return text
    }

    /// `true` or `false`.
    mutating func bool(_ value: YAMLValue, key: String) -> Bool? {
        if case .scalar(let text, let isPlain, _) = value, isPlain {
            switch text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        report(
            id: "yaml.type", at: value.position, "'\(key)' must be true or false, not \(describe(value))",
            hint: "write '\(key): true' or '\(key): false'")
        return nil
    }

    /// A whole number.
    public mutating func integer(_ value: YAMLValue, key: String) -> Int? {
        if case .scalar(let text, let isPlain, _) = value, isPlain, let number = Int(text) { return number }
        report(
            id: "yaml.type", at: value.position, "'\(key)' must be a whole number, not \(describe(value))",
            hint: "write digits only, like '\(key): 10'")
        return nil
    }

    /// A date (`2026-03-14`, optionally with a time).
    public mutating func date(_ value: YAMLValue, key: String) -> ContentDate? {
        guard case .scalar(let text, _, let position) = value else {
            report(id: "yaml.type", at: value.position, "'\(key)' must be a date, not \(value.kindDescription)",
                   hint: "write it as YYYY-MM-DD, like '\(key): 2026-03-14'")
            return nil
        }
        do {
            let date = try ContentDate.parse(text)
            guard date.isLocalTime else { return date }
            switch localTimes {
            case .kept:
                return date
            case .inZone(let timeZone):
                return date.resolvingLocalTime(in: timeZone)
            case .utc:
                var utc = date
                utc.utcOffset = 0
                report(
                    .warning, id: "date.no-timezone", at: position,
                    "'\(key)' has a time but no UTC offset, so it is read as UTC (\(utc.iso8601))",
                    hint: "set 'timezone:' in site.yaml (an IANA name, like 'timezone: America/Chicago'), or write the offset after the time, like '09:00:00 -06:00'")
                return utc
            }
        } catch .impossible(let reason) {
            report(id: "yaml.date", at: position, "'\(key)' is not a real date: \(reason)",
                   hint: "check the month and day; dates are written YYYY-MM-DD")
        } catch {
            report(id: "yaml.date", at: position, "'\(key)' must be a date written YYYY-MM-DD, not '\(text)'",
                   hint: "write it like '\(key): 2026-03-14' (a time may follow: 2026-03-14T09:30:00-06:00)")
        }
        return nil
    }

    /// A list of text; a single value counts as a list of one.
    public mutating func textList(_ value: YAMLValue, key: String) -> [String]? {
        switch value {
        case .scalar(let text, _, _):
            return value.isNull ? [] : [text]
        case .sequence(let elements, _):
            var texts: [String] = []
            for element in elements {
                guard let text = text(element, key: "\(key)[\(texts.count)]") else { return nil }
                texts.append(text)
            }
            return texts
        case .mapping:
            report(
                id: "yaml.type", at: value.position, "'\(key)' must be a list, not a mapping",
                hint: "write the items as '- item' lines under '\(key):', or as [a, b]")
            return nil
        }
    }

    /// A list of positioned text values (for references that are checked later).
    mutating func positionedTextList(_ value: YAMLValue, key: String) -> [(String, YAMLPosition)]? {
        switch value {
        case .scalar(let text, _, let position):
            return value.isNull ? [] : [(text, position)]
        case .sequence(let elements, _):
            var result: [(String, YAMLPosition)] = []
            for element in elements {
                guard let text = text(element, key: key) else { return nil }
                result.append((text, element.position))
            }
            return result
        case .mapping:
            report(
                id: "yaml.type", at: value.position, "'\(key)' must be a list, not a mapping",
                hint: "write the items as '- item' lines under '\(key):'")
            return nil
        }
    }

    /// Warns about a key nobody reads, suggesting the closest known one.
    public mutating func unknownKey(_ pair: YAMLPair, known: [String], in what: String) {
        let suggestion = Suggestion.closest(to: pair.key, in: known)
        report(
            .warning, id: "config.unknown-key", at: pair.keyPosition, "unknown key '\(pair.key)' in \(what)",
            hint: suggestion.map { "did you mean '\($0)'?" } ?? "known keys: \(known.joined(separator: ", "))")
    }

    private func describe(_ value: YAMLValue) -> String {
        if case .scalar(let text, _, _) = value { return "'\(text)'" }
        return value.kindDescription
    }
}
