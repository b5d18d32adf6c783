#if canImport(Glibc)
    internal import Glibc
#endif

/// One cmark text node lined up with the source it came from.
///
/// cmark merges neighbouring text nodes after parsing, so a text node's literal no longer shows which
/// of its characters were written as `\~`, `&#126;` or `&amp;`, nor which curly quotes, dashes and
/// ellipses smart punctuation made. The extensions need to know: an escaped tilde is not a
/// strikethrough delimiter, a URL keeps the `--` and `"` it was written with, and a link's column is
/// a column in the file. The map walks the literal and the source line side by side.
///
/// `scan` is the text the extensions read: the literal, except that smart punctuation is put back
/// as written. Where the source cannot be lined up (cmark 0.30 reports some columns of continuation
/// lines off by their indentation; the map then searches the line), `scan` is the literal and the
/// columns are counted from cmark's.
struct TextSourceMap {
    enum UnitKind: Equatable {
        /// Bytes copied from the source.
        case plain
        /// A backslash escape: one literal byte from two source bytes.
        case escape
        /// An entity or numeric character reference.
        case entity
        /// Smart punctuation: `scan` holds the source bytes, the literal the typographic ones.
        case smart
    }

    struct Unit {
        var kind: UnitKind
        var scanStart: Int
        var scanCount: Int
        var literalStart: Int
        var literalCount: Int
        /// Offset of the unit's first source byte from the node's first source byte.
        var sourceOffset: Int
    }

    /// The text the extensions read.
    private(set) var scan: [UInt8]
    /// The literal as cmark has it.
    let literal: [UInt8]
    /// The 1-based source column of the node's first byte.
    let column: Int
    private(set) var units: [Unit]

    /// Maps `literal`, whose source starts at the 1-based `reportedColumn` of `line` according to cmark.
    init(literal: [UInt8], line: UnsafeBufferPointer<UInt8>?, reportedColumn: Int, smart: Bool) {
        self.literal = literal
        if let line {
            let start = reportedColumn - 1
            if start >= 0 && start + literal.count <= line.count
                && Self.equal(literal, UnsafeBufferPointer(rebasing: line[start..<(start + literal.count)]))
            {
                // The common case: the source is the literal, byte for byte.
                self.scan = literal
                self.units = [Unit(kind: .plain, scanStart: 0, scanCount: literal.count, literalStart: 0, literalCount: literal.count, sourceOffset: 0)]
                self.column = reportedColumn
                return
            }
            var candidates = [reportedColumn - 1]
            // cmark 0.30 misplaces continuation lines by their indentation: try where the text can start.
            var tried = 0
            var position = 0
            while position < line.count && tried < 16 {
                if position != reportedColumn - 1 && Self.canStart(line[position], literal: literal, smart: smart) {
                    candidates.append(position)
                    tried += 1
                }
                position += 1
            }
            for start in candidates where start >= 0 && start < line.count {
                let raw = UnsafeBufferPointer(rebasing: line[start...])
                if let (scan, units) = Self.align(literal: literal, raw: raw, smart: smart) {
                    self.scan = scan
                    self.units = units
                    self.column = start + 1
                    return
                }
            }
        }
        self.scan = literal
        self.units = [Unit(kind: .plain, scanStart: 0, scanCount: literal.count, literalStart: 0, literalCount: literal.count, sourceOffset: 0)]
        self.column = reportedColumn
    }

    /// Whether the bytes are the same, compared with memcmp.
    private static func equal(_ literal: [UInt8], _ source: UnsafeBufferPointer<UInt8>) -> Bool {
        guard literal.count == source.count else { return false }
        guard !literal.isEmpty, let sourceBase = source.baseAddress else { return true }
        return literal.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memcmp(base, sourceBase, literal.count) == 0
        }
    }

    private static func canStart(_ byte: UInt8, literal: [UInt8], smart: Bool) -> Bool {
        guard let first = literal.first else { return false }
        if byte == first || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "&") { return true }
        return smart && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."))
    }

    /// The 1-based source column of the scan byte at `offset`.
    func column(ofScanOffset offset: Int) -> Int {
        guard let unit = unit(containingScanOffset: offset) else { return column + offset }
        return column + unit.sourceOffset + (unit.kind == .plain ? offset - unit.scanStart : 0)
    }

    /// Whether the scan byte at `offset` is a tilde written as `\~` or a character reference.
    func isLiteralTilde(_ offset: Int) -> Bool {
        guard let unit = unit(containingScanOffset: offset) else { return false }
        return unit.kind == .escape || unit.kind == .entity
    }

    /// Appends the literal bytes for the scan bytes `range` to `bytes`, with smart punctuation
    /// restored where `range` covers it whole (a unit cut by the range keeps the source bytes).
    func appendLiteralBytes(_ range: Range<Int>, to bytes: inout [UInt8]) {
        if units.count == 1 && units[0].kind == .plain {
            literal.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
            return
        }
        var index = unitIndex(containingScanOffset: range.lowerBound) ?? units.count
        while index < units.count && units[index].scanStart < range.upperBound {
            let unit = units[index]
            index += 1
            let unitRange = unit.scanStart..<(unit.scanStart + unit.scanCount)
            let overlap = unitRange.clamped(to: range)
            if overlap.isEmpty { continue }
            if unit.kind == .smart {
                if overlap == unitRange {
                    bytes.append(contentsOf: literal[unit.literalStart..<(unit.literalStart + unit.literalCount)])
                } else {
                    bytes.append(contentsOf: scan[overlap])
                }
            } else {
                bytes.append(contentsOf: scan[overlap])
            }
        }
    }

    private func unit(containingScanOffset offset: Int) -> Unit? {
        unitIndex(containingScanOffset: offset).map { units[$0] }
    }

    private func unitIndex(containingScanOffset offset: Int) -> Int? {
        var low = 0
        var high = units.count
        while low < high {
            let middle = (low + high) / 2
            let unit = units[middle]
            if offset < unit.scanStart {
                high = middle
            } else if offset >= unit.scanStart + unit.scanCount {
                low = middle + 1
            } else {
                return middle
            }
        }
        return nil
    }

    // MARK: - Lining up

    private static func align(literal: [UInt8], raw: UnsafeBufferPointer<UInt8>, smart: Bool) -> ([UInt8], [Unit])? {
        var units: [Unit] = []
        var scan: [UInt8] = []
        scan.reserveCapacity(literal.count)
        var l = 0
        var r = 0

        func add(_ kind: UnitKind, scanBytes: some Collection<UInt8>, literalCount: Int, sourceCount: Int) {
            if kind == .plain, let last = units.last, last.kind == .plain,
                last.sourceOffset + last.scanCount == r
            {
                units[units.count - 1].scanCount += scanBytes.count
                units[units.count - 1].literalCount += literalCount
            } else {
                units.append(
                    Unit(kind: kind, scanStart: scan.count, scanCount: scanBytes.count, literalStart: l, literalCount: literalCount, sourceOffset: r))
            }
            scan.append(contentsOf: scanBytes)
            l += literalCount
            r += sourceCount
        }

        while l < literal.count {
            guard r < raw.count else { return nil }
            let byte = raw[r]
            if byte == UInt8(ascii: "\\"), r + 1 < raw.count, isASCIIPunctuation(raw[r + 1]), literal[l] == raw[r + 1] {
                add(.escape, scanBytes: CollectionOfOne(literal[l]), literalCount: 1, sourceCount: 2)
                continue
            }
            if byte == UInt8(ascii: "&"), let reference = entityEnd(raw, at: r), !literal.hasBytes(raw[r..<reference.end], at: l) {
                if let decoded = reference.decoded {
                    guard literal.hasBytes(decoded, at: l) else { return nil }
                    add(.entity, scanBytes: decoded, literalCount: decoded.count, sourceCount: reference.end - r)
                    continue
                }
                // A named reference: its expansion ends where the literal lines up with the source again.
                var length = 1
                while l + length < literal.count && length <= 8
                    && (literal[l + length] & 0xC0 == 0x80 || reference.end >= raw.count || literal[l + length] != raw[reference.end])
                {
                    length += 1
                }
                guard length <= 8, l + length <= literal.count else { return nil }
                add(.entity, scanBytes: literal[l..<(l + length)], literalCount: length, sourceCount: reference.end - r)
                continue
            }
            if smart {
                if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && isCurlyQuote(literal, at: l) {
                    add(.smart, scanBytes: CollectionOfOne(byte), literalCount: 3, sourceCount: 1)
                    continue
                }
                if byte == UInt8(ascii: "."), r + 2 < raw.count, raw[r + 1] == byte, raw[r + 2] == byte,
                    literal.hasBytes([0xE2, 0x80, 0xA6], at: l)
                {
                    add(.smart, scanBytes: raw[r..<(r + 3)], literalCount: 3, sourceCount: 3)
                    continue
                }
                if byte == UInt8(ascii: "-"), r + 1 < raw.count, raw[r + 1] == byte {
                    var hyphens = 2
                    while r + hyphens < raw.count && raw[r + hyphens] == byte { hyphens += 1 }
                    let dashes = smartDashes(hyphens)
                    guard literal.hasBytes(dashes, at: l) else { return nil }
                    add(.smart, scanBytes: raw[r..<(r + hyphens)], literalCount: dashes.count, sourceCount: hyphens)
                    continue
                }
            }
            guard byte == literal[l] else { return nil }
            add(.plain, scanBytes: CollectionOfOne(byte), literalCount: 1, sourceCount: 1)
        }
        return (scan, units)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }

    private static func isCurlyQuote(_ literal: [UInt8], at index: Int) -> Bool {
        index + 2 < literal.count && literal[index] == 0xE2 && literal[index + 1] == 0x80
            && [0x98, 0x99, 0x9C, 0x9D].contains(literal[index + 2])
    }

    /// cmark's smart dashes for a run of hyphens: em dashes where the count allows, en dashes for the rest.
    private static func smartDashes(_ hyphens: Int) -> [UInt8] {
        var em = 0
        var en = 0
        if hyphens % 3 == 0 {
            em = hyphens / 3
        } else if hyphens % 2 == 0 {
            en = hyphens / 2
        } else if hyphens % 3 == 2 {
            en = 1
            em = (hyphens - 2) / 3
        } else {
            en = 2
            em = (hyphens - 4) / 3
        }
        return Array(repeating: [0xE2, 0x80, 0x94], count: em).flatMap { $0 }
            + Array(repeating: [0xE2, 0x80, 0x93], count: en).flatMap { $0 }
    }

    /// The end of an entity or numeric character reference at `start`, with its UTF-8 for a numeric one.
    private static func entityEnd(_ raw: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, decoded: [UInt8]?)? {
        var index = start + 1
        guard index < raw.count else { return nil }
        if raw[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < raw.count && (raw[index] | 0x20) == UInt8(ascii: "x") {
                hex = true
                index += 1
            }
            let digitsStart = index
            var value: UInt32 = 0
            while index < raw.count && index - digitsStart < (hex ? 6 : 7), let digit = digitValue(raw[index], hex: hex) {
                value = value * (hex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart, index < raw.count, raw[index] == UInt8(ascii: ";") else { return nil }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (index + 1, Array(String(Character(scalar ?? "\u{FFFD}")).utf8))
        }
        let nameStart = index
        while index < raw.count && index - nameStart < 32
            && ((raw[index] | 0x20) >= UInt8(ascii: "a") && (raw[index] | 0x20) <= UInt8(ascii: "z")
                || (raw[index] >= UInt8(ascii: "0") && raw[index] <= UInt8(ascii: "9")))
        {
            index += 1
        }
        guard index > nameStart, index < raw.count, raw[index] == UInt8(ascii: ";") else { return nil }
        return (index + 1, nil)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether `bytes` occur in the array at `index`.
    fileprivate func hasBytes(_ bytes: some Collection<UInt8>, at index: Int) -> Bool {
        guard index + bytes.count <= count else { return false }
        var position = index
        for byte in bytes {
            if self[position] != byte { return false }
            position += 1
        }
        return true
    }
}
