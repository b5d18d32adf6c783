import SacrumContent
import SacrumMarkdown

/// Checks that every `#fragment` a Markdown link names exists on its target page: as a heading id, or
/// as any `id` the rendered page has (`PageFacts.ids`, which its template produces too).
enum FragmentCheck {
    static func check(_ site: Site, facts: [Int: PageFacts]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for index in site.pages.indices {  // by index: a page is not copied to read one field
            guard let content = site.pages[index].content, !content.pendingFragments.isEmpty else { continue }
            let page = site.pages[index]
            for pending in content.pendingFragments {
                let target = site.pages[pending.target]
                let headingIDs = target.content?.document.headingIDs ?? []
                if headingIDs.contains(pending.fragment) { continue }
                if facts[pending.target]?.ids.contains(pending.fragment) ?? false { continue }
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
