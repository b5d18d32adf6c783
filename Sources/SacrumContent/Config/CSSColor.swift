internal import Foundation

/// An opaque sRGB colour as CSS writes it (`#0b5d7a`, `#0b5`, `rgb(11 93 122)`), with the WCAG
/// contrast arithmetic the theme's colour checks need.
public struct CSSColor: Sendable, Hashable {
    /// Red, green and blue, 0–255.
    var red: UInt8, green: UInt8, blue: UInt8

    /// Creates a colour from its channels.
    init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// White, the default theme's page background.
    static let white = CSSColor(red: 255, green: 255, blue: 255)

    /// Why a text is not a colour Sacrum accepts: the message and how to fix it.
    public struct Problem: Error, Sendable, Hashable {
        /// What is wrong.
        public var message: String
        /// How to fix it.
        var hint: String
    }

    /// The colour `text` writes: `#rgb`, `#rrggbb` or `rgb(r, g, b)` / `rgb(r g b)` with channels
    /// 0–255. Transparent colours and colour names are refused (their contrast cannot be checked, or
    /// is easily mistaken).
    public static func parse(_ text: String) -> Result<CSSColor, Problem> {
        let written = text.trimmingCharacters(in: .whitespaces)
        let lowered = written.lowercased()
        let example = "write it as '#rrggbb', like '#0b5d7a', or as 'rgb(11 93 122)'"
        if lowered.hasPrefix("#") {
            let digits = Array(lowered.utf8.dropFirst())
            guard digits.allSatisfy({ hexValue($0) != nil }) else {
                return .failure(Problem(message: "'\(written)' is not a colour: a hex colour has only the digits 0-9 and a-f after '#'", hint: example))
            }
            switch digits.count {
            case 3:
                let v = digits.map { hexValue($0)! * 17 }
                return .success(CSSColor(red: v[0], green: v[1], blue: v[2]))
            case 6:
                let v = stride(from: 0, to: 6, by: 2).map { hexValue(digits[$0])! * 16 + hexValue(digits[$0 + 1])! }
                return .success(CSSColor(red: v[0], green: v[1], blue: v[2]))
            case 4, 8:
                return .failure(Problem(
                    message: "'\(written)' is partly transparent; a brand colour must be opaque, or its contrast depends on what is behind it",
                    hint: "leave out the alpha digits ('\(String(written.prefix(digits.count == 4 ? 4 : 7)))')"))
            default:
                return .failure(Problem(message: "'\(written)' is not a colour: a hex colour has 3 or 6 digits after '#'", hint: example))
            }
        }
        if lowered.hasPrefix("rgb(") && lowered.hasSuffix(")") {
            let inside = lowered.dropFirst(4).dropLast()
            let parts = inside.split(whereSeparator: { $0 == "," || $0 == " " })
            let channels = parts.compactMap { UInt8($0) }
            if parts.count == 3 && channels.count == 3 {
                return .success(CSSColor(red: channels[0], green: channels[1], blue: channels[2]))
            }
            return .failure(Problem(message: "'\(written)' is not a colour Sacrum reads: rgb() takes three whole numbers from 0 to 255", hint: example))
        }
        return .failure(Problem(message: "'\(written)' is not a colour Sacrum reads", hint: example))
    }

    /// The colour as CSS, `#rrggbb` in lower case.
    public var css: String {
        "#" + [red, green, blue].map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// WCAG 2.1 relative luminance, 0 (black) to 1 (white).
    var relativeLuminance: Double {
        func linear(_ channel: UInt8) -> Double {
            let c = Double(channel) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// The WCAG contrast ratio of this colour and `other`, 1 to 21.
    func contrast(with other: CSSColor) -> Double {
        let (a, b) = (relativeLuminance, other.relativeLuminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// This colour darkened in even steps toward black until it reaches `ratio` against `background`
    /// (for hints); black when nothing lighter does.
    func darkened(toContrast ratio: Double, against background: CSSColor) -> CSSColor {
        for step in stride(from: 1.0, through: 0, by: -0.02) {
            let candidate = CSSColor(
                red: UInt8((Double(red) * step).rounded(.down)), green: UInt8((Double(green) * step).rounded(.down)),
                blue: UInt8((Double(blue) * step).rounded(.down)))
            if candidate.contrast(with: background) >= ratio { return candidate }
        }
        return CSSColor(red: 0, green: 0, blue: 0)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
