/// The text of a source file, decoded the way editors expect: UTF-8 with or without a byte-order
/// mark, UTF-16 with a byte-order mark, and every line ending (CRLF, lone CR) turned into LF so that
/// line numbers match what an editor shows.
public struct SourceText: Sendable, Hashable {
    /// The decoded text, with LF line endings.
    public var text: String

    /// Creates a source text from text that is already decoded; line endings are normalised.
    public init(_ text: String) {
        self.text = Self.normalizingLineEndings(text)
    }

    /// Why bytes could not be read as text.
    public struct DecodingFailure: Error, Sendable, Hashable {
        /// 1-based line of the first byte that is not UTF-8.
        public var line: Int
        /// 1-based column (in bytes) of that byte.
        public var column: Int
        /// What was found.
        public var message: String
        /// How to fix it.
        public var hint: String = "save the file as UTF-8 (most editors offer it under 'Save with encoding')"
    }

    /// Decodes a file's bytes.
    ///
    /// - Throws: `DecodingFailure` at the first byte that is not valid UTF-8 (a Latin-1 or Windows-1252
    ///   file, say), or at the first NUL byte (a binary file, or UTF-16 saved without a byte-order mark),
    ///   so that the editor can be told where and how to fix it.
    public static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> SourceText {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(bytes)
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            // Whichever comes first: a byte that is not UTF-8 (a binary file's header), or the NUL.
            if let failure = utf16WithoutMark(body) { throw failure }
            if String(validating: body[..<nul], as: UTF8.self) == nil { throw invalidUTF8(in: body[..<nul]) }
            throw nulByte(at: nul, in: body)
        }
        if let text = String(validating: body, as: UTF8.self) {
            return SourceText(text)
        }
        throw invalidUTF8(in: body)
    }

    /// UTF-16 without a byte-order mark: ASCII text then has a NUL in every other byte.
    private static func utf16WithoutMark(_ bytes: ArraySlice<UInt8>) -> DecodingFailure? {
        let head = bytes.prefix(64)
        let evenZeros = head.indices.filter { ($0 - head.startIndex) % 2 == 0 && head[$0] == 0 }.count
        let oddZeros = head.indices.filter { ($0 - head.startIndex) % 2 == 1 && head[$0] == 0 }.count
        guard head.count >= 4 && max(evenZeros, oddZeros) * 4 >= head.count else { return nil }
        return DecodingFailure(
            line: 1, column: 1, message: "the file looks like UTF-16 without a byte-order mark (every other byte is NUL)")
    }

    /// A NUL byte: text files never hold one.
    private static func nulByte(at index: Int, in bytes: ArraySlice<UInt8>) -> DecodingFailure {
        var line = 1
        var lineStart = bytes.startIndex
        for position in bytes.startIndex..<index where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return DecodingFailure(
            line: line, column: index - lineStart + 1,
            message: "the file holds a NUL byte (0x00), which text never does; it may be a binary file or damaged",
            hint: "delete the invisible character at this position; images and other binary files belong in static/")
    }

    private static func decodeUTF16(_ bytes: [UInt8]) throws(DecodingFailure) -> SourceText {
        let bigEndian = bytes[0] == 0xFE
        guard bytes.count % 2 == 0 else {
            throw DecodingFailure(line: 1, column: 1, message: "the file starts like UTF-16 but has an odd number of bytes")
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index + 1 < bytes.count {
            let unit = bigEndian
                ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
                : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
            units.append(unit)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw DecodingFailure(line: 1, column: 1, message: "the file is UTF-16 with invalid surrogate pairs")
        }
        return SourceText(text)
    }

    private static func invalidUTF8(in bytes: ArraySlice<UInt8>) -> DecodingFailure {
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = index + length
            if length == 0 || end > bytes.endIndex
                || String(validating: bytes[index..<end], as: UTF8.self) == nil
            {
                let shown = String(byte, radix: 16, uppercase: true)
                return DecodingFailure(
                    line: line, column: index - lineStart + 1,
                    message: "the file is not UTF-8: byte 0x\(shown.count == 1 ? "0" + shown : shown) cannot start a character here")
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index = end
        }
        return DecodingFailure(line: line, column: 1, message: "the file is not UTF-8")
    }

    /// CRLF and lone CR become LF.
    static func normalizingLineEndings(_ text: String) -> String {
        guard text.containsUTF8Byte(0x0D) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 0x0D {
                bytes.append(0x0A)
                previousWasCR = true
                continue
            }
            if byte == 0x0A && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
