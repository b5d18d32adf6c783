/// Recognises destinations whose scheme makes a browser run code or read local files, however the
/// scheme is disguised: any letter case, and with the ASCII tabs, newlines and control characters that
/// browsers strip from a URL before reading its scheme.
enum URLSafety {
    /// Whether `destination` should never reach the HTML of a safe-mode page. `data:` is allowed for
    /// images of the raster types cmark itself lets through.
    private static func schemeIs(_ scheme: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        scheme.count == name.utf8CodeUnitCount
            && scheme.elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    static func isDangerous(_ destination: String, isImage: Bool) -> Bool {
        // The scheme is read into a small buffer on the stack: most destinations are checked without
        // an allocation.
        let maximumSchemeLength = 12
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumSchemeLength) { buffer -> Bool in
            var count = 0
            var hasColon = false
            for byte in destination.utf8 {
                if byte <= 0x20 { continue }  // browsers drop controls and spaces before the scheme
                if byte == UInt8(ascii: ":") {
                    hasColon = true
                    break
                }
                if count >= maximumSchemeLength { return false }
                let lower = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
                guard (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) || lower == 0x2B
                    || lower == 0x2D || lower == 0x2E
                else { return false }
                buffer[count] = lower
                count += 1
            }
            guard hasColon else { return false }
            let scheme = UnsafeBufferPointer(rebasing: buffer[..<count])
            if schemeIs(scheme, "javascript") || schemeIs(scheme, "vbscript") || schemeIs(scheme, "file") { return true }
            guard schemeIs(scheme, "data") else { return false }
            guard isImage else { return true }
            let lowered = destination.lowercased().filter { !$0.isWhitespace }
            return !["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains {
                lowered.hasPrefix($0)
            }
        }
    }
}
