/// Recognises destinations whose scheme makes a browser run code or read local files, however the
/// scheme is disguised: any letter case, and with the ASCII tabs, newlines and control characters that
/// browsers strip from a URL before reading its scheme.
enum URLSafety {
    /// Whether `destination` should never reach the HTML of a safe-mode page. `data:` is allowed for
    /// images of the raster types cmark itself lets through.
    static func isDangerous(_ destination: String, isImage: Bool) -> Bool {
        var scheme: [UInt8] = []
        var hasColon = false
        for byte in destination.utf8 {
            if byte <= 0x20 { continue }  // browsers drop controls and spaces before the scheme
            if byte == UInt8(ascii: ":") {
                hasColon = true
                break
            }
            if scheme.count >= 12 { return false }
            let lower = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
            guard (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2B
                || lower == 0x2D || lower == 0x2E
            else { return false }
            scheme.append(lower)
        }
        guard hasColon else { return false }
        switch String(decoding: scheme, as: UTF8.self) {
        case "javascript", "vbscript", "file":
            return true
        case "data":
            guard isImage else { return true }
            let lowered = destination.lowercased().filter { !$0.isWhitespace }
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                lowered.hasPrefix($0)
            }
        default:
            return false
        }
    }
}
