/// A request target's path, percent-decoded exactly once and checked so that it can only name
/// a file inside the snapshot.
struct RequestPath: Equatable {
    /// Why a request target was refused.
    enum Rejection: Error, Equatable {
        /// Not an origin-form path, a broken `%` escape, or not UTF-8 after decoding: 400.
        case malformed
        /// A NUL, a backslash, or a `.` or `..` segment, before or after decoding: 400.
        case unsafe
        /// An empty segment (`//`) names no file: 404.
        case emptySegment
        /// Longer than ``RequestPath/maximumLength``: 414.
        case tooLong
    }

    /// The longest request target accepted, in bytes.
    static let maximumLength = 2048

    /// The decoded path segments; none is empty, `.` or `..`, or holds a NUL or a backslash.
    let segments: [String]
    /// Whether the path ended with `/` (the root path `/` does).
    let hasTrailingSlash: Bool
    /// The path as the client sent it, still percent-encoded (used for redirects).
    let encodedPath: Substring
    /// The query string without its `?`, if there was one.
    let query: Substring?

    /// The snapshot key the segments name, such as `treatments/si-joint-fusion`; empty for `/`.
    var key: String { segments.joined(separator: "/") }

    /// The snapshot key of the page named by `page=` in the live-reload stream's query (the tab's
    /// `location.pathname`, percent-encoded): `/contact/` → `contact/index.html`, `/` → `index.html`,
    /// `/404.html` → `404.html`; `nil` when there is none or it could name no file.
    static func pageKey(inQuery query: Substring) -> String? {
        for parameter in query.split(separator: "&") where parameter.hasPrefix("page=") {
            guard let decoded = percentDecode(parameter.dropFirst("page=".count).utf8),
                case .success(let path) = parse(String(decoding: decoded, as: UTF8.self))
            else { return nil }
            let key = path.key
            if path.hasTrailingSlash { return key.isEmpty ? "index.html" : key + "/index.html" }
            return key.hasSuffix(".html") ? key : key + "/index.html"
        }
        return nil
    }

    /// Parses a request target such as `/treatments/si-joint-fusion/?ref=nav`.
    static func parse(_ target: String) -> Result<RequestPath, Rejection> {
        guard target.utf8.count <= maximumLength else { return .failure(.tooLong) }
        let withoutFragment = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let encodedPath = parts[0]
        let query = parts.count > 1 ? parts[1] : nil
        guard encodedPath.first == "/" else { return .failure(.malformed) }
        guard let decoded = percentDecode(encodedPath.utf8) else { return .failure(.malformed) }
        if decoded.contains(0) || decoded.contains(UInt8(ascii: "\\")) { return .failure(.unsafe) }
        guard let path = String(validating: decoded, as: UTF8.self) else { return .failure(.malformed) }

        var segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let hasTrailingSlash = segments.last == ""
        if hasTrailingSlash { segments.removeLast() }
        for segment in segments {
            if segment == "." || segment == ".." { return .failure(.unsafe) }
        }
        if segments.contains("") { return .failure(.emptySegment) }
        return .success(RequestPath(segments: segments, hasTrailingSlash: hasTrailingSlash, encodedPath: encodedPath, query: query))
    }

    /// Decodes each `%XX` escape once; `nil` when a `%` is not followed by two hex digits.
    static func percentDecode(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            guard byte == UInt8(ascii: "%") else {
                result.append(byte)
                continue
            }
            guard index != bytes.endIndex, let high = hexValue(bytes[index]) else { return nil }
            index = bytes.index(after: index)
            guard index != bytes.endIndex, let low = hexValue(bytes[index]) else { return nil }
            index = bytes.index(after: index)
            result.append(high << 4 | low)
        }
        return result
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
