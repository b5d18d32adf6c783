/// Characters as cmark's inline parser sees them when it decides whether a delimiter run can open or
/// close: Unicode whitespace, Unicode punctuation (ASCII punctuation included), or anything else.
enum InlineCharacter: Equatable {
    case whitespace
    case punctuation
    case other

    /// cmark's `cmark_utf8proc_is_space` and `cmark_utf8proc_is_punctuation`.
    static func classify(_ scalar: Unicode.Scalar) -> InlineCharacter {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return .whitespace
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return .punctuation
            default: return .other
            }
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator:
            return .whitespace
        case .connectorPunctuation, .dashPunctuation, .closePunctuation, .finalPunctuation, .initialPunctuation,
            .otherPunctuation, .openPunctuation:
            return .punctuation
        default:
            return .other
        }
    }

    /// The scalar whose UTF-8 encoding starts at `index`, or nil if none does.
    static func scalar(startingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        let lead = bytes[index]
        if lead < 0x80 { return Unicode.Scalar(lead) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF:
            length = 2
            value = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = UInt32(lead & 0x07)
        default:
            return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// The class of the character that ends just before `index` (`index` > 0).
    static func classOfCharacter(endingBefore index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> InlineCharacter {
        var start = index - 1
        while start > 0 && index - start < 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard let scalar = scalar(startingAt: start, in: bytes) else { return .other }
        return classify(scalar)
    }

    /// The class of the character that starts at `index` (`index` < `bytes.count`).
    static func classOfCharacter(startingAt index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> InlineCharacter {
        guard let scalar = scalar(startingAt: index, in: bytes) else { return .other }
        return classify(scalar)
    }
}
