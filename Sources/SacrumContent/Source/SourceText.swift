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
    }

    /// Decodes a file's bytes.
    ///
    /// - Throws: `DecodingFailure` at the first byte that is not valid UTF-8 (a Latin-1 or Windows-1252
    ///   file, say), so that the editor can be told where and how to fix it.
    public static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> SourceText {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(bytes)
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) {
            return SourceText(text)
        }
        throw invalidUTF8(in: body)
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
        guard text.utf8.contains(0x0D) else { return text }
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
