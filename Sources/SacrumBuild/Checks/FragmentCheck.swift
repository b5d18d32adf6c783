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
        var ids: Set<String> = []
        let bytes = Array(html.utf8)
        var index = 0
        while index + 4 < bytes.count {
            // ` id="` preceded by whitespace, so `data-id` and `valid` do not count.
            if bytes[index] == UInt8(ascii: "i"), bytes[index + 1] == UInt8(ascii: "d"), bytes[index + 2] == UInt8(ascii: "="),
                index > 0, bytes[index - 1] == 0x20 || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x09
            {
                let quote = bytes[index + 3]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    var end = index + 4
                    while end < bytes.count, bytes[end] != quote { end += 1 }
                    ids.insert(String(decoding: bytes[(index + 4)..<end], as: UTF8.self))
                    index = end
                }
            }
            index += 1
        }
        return ids
    }
}
