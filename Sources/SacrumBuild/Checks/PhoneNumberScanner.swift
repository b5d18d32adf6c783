import SacrumContent

/// Finds North American phone numbers in text as people write them: `(580) 234-7246`,
/// `580-234-7246`, `580.234.7246`, `580 234 7246`, `+1 580 234 7246`, `1-580-234-7246`. Short numbers
/// (911) and runs of digits without separators are not phone numbers here.
enum PhoneNumberScanner {
    struct Match: Equatable {
        /// The number as written.
        var text: String
        /// Its ten digits.
        var digits: String
        /// 0-based offset in UTF-8 bytes.
        var offset: Int
    }

    static func find(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            // A number starts with a digit, '(' or '+': skip to the next such byte.
            index = bytes.withUnsafeBufferPointer { buffer in
                var cursor = index
                while cursor < buffer.count, buffer[cursor] &- 0x30 > 9, buffer[cursor] != UInt8(ascii: "("),
                    buffer[cursor] != UInt8(ascii: "+")
                { cursor += 1 }
                return cursor
            }
            guard index < bytes.count else { break }
            if let (end, digits) = number(bytes, at: index) {
                matches.append(Match(text: String(decoding: bytes[index..<end], as: UTF8.self), digits: digits, offset: index))
                index = end
            } else {
                index += 1
            }
        }
        return matches
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// A number starting exactly at `start`.
    private static func number(_ bytes: [UInt8], at start: Int) -> (Int, String)? {
        if start > 0 && (isDigit(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "+")) { return nil }
        var index = start
        // Optional country code: "+1" or "1" followed by a separator.
        if bytes[index] == UInt8(ascii: "+") {
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "1") else { return nil }
            index += 2
            index = skipSeparator(bytes, index)
        } else if bytes[index] == UInt8(ascii: "1"), index + 1 < bytes.count, isSeparator(bytes[index + 1]) {
            index = skipSeparator(bytes, index + 1)
        }
        // Area code, optionally in parentheses.
        var parenthesised = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
            parenthesised = true
            index += 1
        }
        guard let area = digits(bytes, at: index, count: 3) else { return nil }
        index += 3
        if parenthesised {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else { return nil }
            index += 1
            if index < bytes.count, bytes[index] == 0x20 || bytes[index] == UInt8(ascii: "-") { index += 1 }
        } else {
            guard index < bytes.count, isSeparator(bytes[index]) else { return nil }
            index += 1
        }
        guard let exchange = digits(bytes, at: index, count: 3) else { return nil }
        index += 3
        guard index < bytes.count, isSeparator(bytes[index]) else { return nil }
        index += 1
        guard let line = digits(bytes, at: index, count: 4) else { return nil }
        index += 4
        if index < bytes.count && isDigit(bytes[index]) { return nil }
        return (index, area + exchange + line)
    }

    private static func skipSeparator(_ bytes: [UInt8], _ index: Int) -> Int {
        index < bytes.count && isSeparator(bytes[index]) ? index + 1 : index
    }

    /// A space, '-' or '.' between the groups of a number.
    private static func isSeparator(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x2D || byte == 0x2E }

    private static func digits(_ bytes: [UInt8], at index: Int, count: Int) -> String? {
        guard index + count <= bytes.count, bytes[index..<(index + count)].allSatisfy(isDigit) else { return nil }
        return String(decoding: bytes[index..<(index + count)], as: UTF8.self)
    }
}

/// Finds opening-hours ranges in text (`8:00 a.m. – 5:00 p.m.`, `12:00-12:45pm`, `9am to 5pm`,
/// `8:00–12:00 noon`): two times joined by a dash or "to", at least one of them with minutes or a.m./p.m.,
/// so "1-2 hours" or "2–5 days" are not hours.
enum HoursTextScanner {
    struct Match: Equatable {
        var text: String
        /// Minutes after midnight of both ends.
        var opens: Int
        var closes: Int
        var offset: Int
    }

    private struct Time {
        var hour: Int
        var minute: Int
        var meridiem: Character?  // "a", "p", or "n" for noon
        var explicit: Bool  // had minutes or a meridiem
        var end: Int
    }

    static func find(in text: String) -> [Match] {
        // A range needs a dash, an en or em dash, or "to"; most text has times rarely.
        guard text.containsUTF8Byte(UInt8(ascii: ":")) || text.containsUTF8Byte(UInt8(ascii: "m")) else { return [] }
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { find(in: LowercasedBytes(bytes: $0)) } ?? []
    }

    /// The scan itself, over the text's own bytes read as lowercase ASCII (no copy of the text).
    private static func find(in bytes: LowercasedBytes) -> [Match] {
        var matches: [Match] = []
        var index = 0
        while index < bytes.count {
            // Only a digit starts a time: skip to the next one over the raw bytes (digits are not cased).
            while index < bytes.count, bytes.bytes[index] &- 0x30 > 9 { index += 1 }
            guard index < bytes.count else { break }
            guard index == 0 || !(isDigit(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ":")),
                let first = time(bytes, at: index)
            else {
                index += 1
                continue
            }
            var cursor = first.end
            while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
            var joined = false
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") {
                cursor += 1
                joined = true
            } else if bytes[cursor...].starts(with: [0xE2, 0x80, 0x93]) || bytes[cursor...].starts(with: [0xE2, 0x80, 0x94]) {
                cursor += 3  // en or em dash
                joined = true
            } else if bytes[cursor...].starts(with: "to ".utf8) {
                cursor += 3
                joined = true
            } else if let joiner = spanishJoiners.first(where: { bytes[cursor...].starts(with: $0) }) {
                cursor += joiner.count  // "de 8:00 a 12:00", "hasta"
                joined = true
            }
            while cursor < bytes.count, bytes[cursor] == 0x20 { cursor += 1 }
            guard joined, cursor < bytes.count, isDigit(bytes[cursor]), let second = time(bytes, at: cursor),
                first.explicit || second.explicit
            else {
                index = first.end
                continue
            }
            let (opens, closes) = resolve(first, second)
            let matched = String(decoding: bytes.bytes[index..<min(second.end, bytes.count)], as: UTF8.self)
            matches.append(Match(text: matched, opens: opens, closes: closes, offset: index))
            index = second.end
        }
        return matches
    }

    /// A text's UTF-8 bytes with ASCII capitals read as small letters, so "9 AM To 5 PM" scans like
    /// "9 am to 5 pm".
    private struct LowercasedBytes: RandomAccessCollection {
        let bytes: UnsafeBufferPointer<UInt8>
        var startIndex: Int { 0 }
        var endIndex: Int { bytes.count }
        subscript(position: Int) -> UInt8 {
            let byte = bytes[position]
            return byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func time(_ bytes: LowercasedBytes, at start: Int) -> Time? {
        var index = start
        var hour = 0
        var count = 0
        while index < bytes.count, isDigit(bytes[index]), count < 2 {
            hour = hour * 10 + Int(bytes[index] - 0x30)
            index += 1
            count += 1
        }
        guard count > 0, index >= bytes.count || !isDigit(bytes[index]), hour <= 24 else { return nil }
        var minute = 0
        var explicit = false
        if index + 2 < bytes.count, bytes[index] == UInt8(ascii: ":"), isDigit(bytes[index + 1]), isDigit(bytes[index + 2]) {
            minute = Int(bytes[index + 1] - 0x30) * 10 + Int(bytes[index + 2] - 0x30)
            guard minute < 60 else { return nil }
            index += 3
            explicit = true
        }
        var probe = index
        // A space, or the no-break spaces locale data writes before "a. m." (U+00A0, U+202F).
        while probe < bytes.count {
            if bytes[probe] == 0x20 {
                probe += 1
            } else if bytes[probe...].starts(with: [0xC2, 0xA0]) {
                probe += 2
            } else if bytes[probe...].starts(with: [0xE2, 0x80, 0xAF]) {
                probe += 3
            } else {
                break
            }
        }
        var meridiem: Character?
        for (spelling, value) in meridiemSpellings {
            if bytes[probe...].starts(with: spelling) {
                let after = probe + spelling.count
                if after >= bytes.count || !(bytes[after] >= 0x61 && bytes[after] <= 0x7A) {
                    meridiem = value
                    index = after
                    explicit = true
                    break
                }
            }
        }
        return Time(hour: hour, minute: minute, meridiem: meridiem, explicit: explicit, end: index)
    }

    /// How "a.m.", "p.m." and "noon" are written after a time, longest first.
    /// Spanish forms too: "a. m.", "p. m." and "mediodía".
    private static let meridiemSpellings: [([UInt8], Character)] = [
        (Array("a.m.".utf8), "a"), (Array("p.m.".utf8), "p"), (Array("a. m.".utf8), "a"), (Array("p. m.".utf8), "p"),
        (Array("am".utf8), "a"), (Array("pm".utf8), "p"), (Array("noon".utf8), "n"), (Array("mediodía".utf8), "n"),
    ]

    /// Spanish words joining two times: "de 8:00 a 12:00", "hasta las 5:00".
    private static let spanishJoiners: [[UInt8]] = [Array("a ".utf8), Array("hasta ".utf8)]

    /// Minutes after midnight, inferring a.m./p.m. when only one end says (`12:00-12:45pm`, `8–5 p.m.`).
    private static func resolve(_ first: Time, _ second: Time) -> (Int, Int) {
        func minutes(_ time: Time, _ meridiem: Character?) -> Int {
            var hour = time.hour
            switch meridiem {
            case "p": if hour < 12 { hour += 12 }
            case "a": if hour == 12 { hour = 0 }
            case "n": hour = 12
            default: break
            }
            return hour * 60 + time.minute
        }
        var firstMeridiem = first.meridiem
        var secondMeridiem = second.meridiem
        if firstMeridiem == nil, let other = secondMeridiem {
            // "12:00-12:45pm": the same half of the day unless that would make the range run backwards.
            firstMeridiem = other == "n" ? "a" : other
            if minutes(first, firstMeridiem) > minutes(second, other) { firstMeridiem = "a" }
        }
        if secondMeridiem == nil, let other = firstMeridiem {
            secondMeridiem = other == "n" ? "p" : other
            if minutes(second, secondMeridiem) < minutes(first, other) { secondMeridiem = "p" }
        }
        if firstMeridiem == nil && secondMeridiem == nil && second.hour < first.hour && second.hour < 12 {
            secondMeridiem = "p"  // "8:00–5:00" reads as a working day
        }
        return (minutes(first, firstMeridiem), minutes(second, secondMeridiem))
    }
}
