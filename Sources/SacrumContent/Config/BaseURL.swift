/// Checks and normalises the site's base URL: the address the site is published at, which may hold a
/// path (`https://example.github.io/clinic-site/`) when the site lives in a sub-folder of its host.
public enum BaseURL {
    /// Why a text is not a base URL, and the URL the user most likely meant.
    public struct Problem: Error, Sendable, Hashable {
        /// What is wrong, naming the text (`'https://host/sub' has a path without a trailing slash`).
        public var message: String
        /// The corrected URL, when one can be made (`https://host/sub/`).
        public var fixed: String?

        /// How to fix it: write the corrected URL, or the shape of one.
        public var hint: String {
            fixed.map { "write '\($0)'" } ?? "write the address the site is published at, like 'https://www.example.com/'"
        }
    }

    /// `https://www.example.com/` → `https://www.example.com`; `https://host/sub/dir/` →
    /// `https://host/sub/dir` (the form `Site.absoluteURL` appends a site path to). Refused: anything but
    /// an absolute http or https URL with a host, a query, a fragment, credentials, spaces, a path
    /// without a trailing slash, a path with empty, `.` or `..` segments or characters that would need
    /// escaping in HTML.
    public static func check(_ text: String) -> Result<String, Problem> {
        let lower = text.lowercased()
        let schemeLength = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        guard schemeLength > 0 else {
            let looksLikeHost = !text.isEmpty && !text.contains(":") && !text.hasPrefix("/") && text.first?.isLetter == true
            return .failure(Problem(
                message: "'\(text)' is not an absolute http or https URL",
                fixed: looksLikeHost ? fixedURL("https://" + text) : nil))
        }
        if text.contains("?") || text.contains("#") {
            let what = text.contains("?") ? "a query" : "a fragment"
            return .failure(Problem(
                message: "'\(text)' has \(what); a base URL is a folder, without '?' or '#'", fixed: fixedURL(text)))
        }
        guard !text.contains(where: { $0.isWhitespace || $0 == "\\" || $0 == "@" }) else {
            return .failure(Problem(message: "'\(text)' is not an absolute http or https URL", fixed: nil))
        }
        let rest = text.dropFirst(schemeLength)
        let host = rest.prefix { $0 != "/" }
        let path = String(rest.dropFirst(host.count))
        guard !host.isEmpty, !host.hasPrefix("."), !host.contains("..") else {
            return .failure(Problem(message: "'\(text)' is not an absolute http or https URL", fixed: nil))
        }
        if path.isEmpty || path == "/" {
            return .success(String(text.prefix(schemeLength)) + host)
        }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let inner = path.hasSuffix("/") ? segments.dropLast() : segments[...]
        if inner.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return .failure(Problem(
                message: "the path of '\(text)' has an empty, '.' or '..' part", fixed: fixedURL(text)))
        }
        if let bad = path.first(where: { !isPathCharacter($0) }) {
            return .failure(Problem(
                message: "the path of '\(text)' holds '\(bad)'; write letters, digits, '-', '.', '_' and '~' (percent-encode others)",
                fixed: nil))
        }
        guard path.hasSuffix("/") else {
            return .failure(Problem(
                message: "the path of '\(text)' does not end with '/', so it would name a file instead of the site's folder",
                fixed: fixedURL(text)))
        }
        return .success(String(text.prefix(schemeLength)) + host + String(path.dropLast()))
    }

    /// The text without query and fragment, with empty, `.` and `..` path parts dropped and a trailing
    /// slash: what a base URL looks like. `nil` when that still is not one.
    static func fixedURL(_ text: String) -> String? {
        var url = String(text.prefix { $0 != "?" && $0 != "#" })
        let lower = url.lowercased()
        let schemeLength = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        guard schemeLength > 0 else { return nil }
        let rest = url.dropFirst(schemeLength)
        let host = rest.prefix { $0 != "/" }
        let parts = rest.dropFirst(host.count).split(separator: "/").filter { $0 != "." && $0 != ".." }
        url = String(url.prefix(schemeLength)) + host + "/" + parts.map { $0 + "/" }.joined()
        if case .success = check(url) { return url }
        return nil
    }

    private static func isPathCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || "-._~%!$()*+,;=:/".contains(character)
    }
}
