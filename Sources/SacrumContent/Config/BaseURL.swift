/// Checks and normalises the site's base URL.
enum BaseURL {
    /// `https://www.example.com/` → `https://www.example.com`; `nil` unless the text is an absolute
    /// http or https URL with a host and no query, fragment, spaces or credentials.
    static func normalize(_ text: String) -> String? {
        var url = text
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        guard !url.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" || $0 == "\\" || $0 == "@" }) else {
            return nil
        }
        while url.hasSuffix("/") { url.removeLast() }
        let afterScheme = url.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard afterScheme.count >= 3, !afterScheme[2].isEmpty else { return nil }
        let host = afterScheme[2].split(separator: "/").first ?? ""
        guard !host.isEmpty, !host.hasPrefix("."), !host.contains("..") else { return nil }
        return url
    }
}
