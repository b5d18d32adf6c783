#if canImport(Glibc)
    import Glibc
#endif
import SacrumContent
import SacrumMarkdown

/// Checks that every `#fragment` a Markdown link names exists on its target page: as a heading id, or
/// as any `id` the page's template produces.
enum FragmentCheck {
    static func check(_ site: Site, pages html: [Int: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var templateIDs: [Int: Set<String>] = [:]
        for page in site.pages {
            guard let content = page.content else { continue }
            for pending in content.pendingFragments {
                let target = site.pages[pending.target]
                let headingIDs = target.content?.document.headingIDs ?? []
                if headingIDs.contains(pending.fragment) { continue }
                if templateIDs[pending.target] == nil {
                    templateIDs[pending.target] = HTMLIDs.ids(in: html[pending.target] ?? "")
                }
                if templateIDs[pending.target]!.contains(pending.fragment) { continue }
                let suggestion = Suggestion.closest(to: pending.fragment, in: headingIDs)
                diagnostics.append(
                    Diagnostic(
                        .error, id: "link.anchor", file: page.file, line: pending.position.line, column: pending.position.column,
                        message: "the link '\(pending.destination)' names '#\(pending.fragment)', which \(target.url) does not have",
                        hint: suggestion.map { "did you mean '#\($0)'?" }
                            ?? (headingIDs.isEmpty
                                ? "link to the page without '#...'"
                                : "the page's heading ids are: \(headingIDs.sorted().joined(separator: ", "))")))
            }
        }
        return diagnostics
    }
}

/// The `id` attributes of an HTML document.
enum HTMLIDs {
    static func ids(in html: String) -> Set<String> {
        var html = html
        html.makeContiguousUTF8()
        return html.utf8.withContiguousStorageIfAvailable(ids(in:)) ?? []
    }

    /// ` id="..."` or ` id='...'`, preceded by whitespace so `data-id` and `valid` do not count; the scan
    /// jumps from one `=` to the next with `memchr`.
    private static func ids(in bytes: UnsafeBufferPointer<UInt8>) -> Set<String> {
        var ids: Set<String> = []
        guard let base = bytes.baseAddress else { return ids }
        var index = 0
        while index < bytes.count, let found = memchr(base + index, Int32(UInt8(ascii: "=")), bytes.count - index) {
            let equals = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            index = equals + 1
            guard equals >= 3, equals + 1 < bytes.count, bytes[equals - 2] == UInt8(ascii: "i"), bytes[equals - 1] == UInt8(ascii: "d"),
                bytes[equals - 3] == 0x20 || bytes[equals - 3] == 0x0A || bytes[equals - 3] == 0x09
            else { continue }
            let quote = bytes[equals + 1]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
            var end = equals + 2
            while end < bytes.count, bytes[end] != quote { end += 1 }
            ids.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[(equals + 2)..<end]), as: UTF8.self))
            index = end
        }
        return ids
    }
}
