import SacrumContent
import SacrumTheme

/// The problems a build found, kept by the phase that found them, so that a preview's rebuild replaces
/// only what it redid (one page's Markdown, render and checks) and keeps the rest; `list` is what a
/// user sees: every phase's problems once, the site's ignores applied, in display order.
struct BuildDiagnostics: Sendable {
    /// site.yaml.
    var config: [Diagnostic] = []
    /// The theme: templates, strings, theme.yaml, colours.
    var theme: [Diagnostic] = []
    /// `content/` itself: names, links, unreadable folders.
    var scan: [Diagnostic] = []
    /// Published files that would land on a page, redirect or generated file.
    var outputCollisions: [Diagnostic] = []
    /// The page tree: URLs, menus, cross-links.
    var tree: [Diagnostic] = []
    /// Each page's Markdown, by page index.
    var markdown: [Int: [Diagnostic]] = [:]
    /// Each page's render, by page index.
    var render: [Int: Diagnostic] = [:]
    /// Links to `#fragments` that no page has.
    var fragments: [Diagnostic] = []
    /// Each page's checks, by page index.
    var pageChecks: [Int: [Diagnostic]] = [:]
    /// Checks of the site as a whole.
    var siteChecks: [Diagnostic] = []

    /// Every problem, with those of the phases kept elsewhere (each source file's front matter, the
    /// assets, the images): the site's ignores applied, the theme's repeats and the time-zone warnings
    /// merged, warnings made errors under `strict`, in display order.
    func list(
        sources: [Diagnostic], assets: [Diagnostic], images: [Diagnostic], site: Site?, theme: Theme?, strict: Bool
    ) -> [Diagnostic] {
        var all = config + self.theme + assets + images + outputCollisions + scan + tree + sources
        for diagnostics in markdown.values where !diagnostics.isEmpty { all += diagnostics }
        all += render.values
        all += fragments
        var checks: [Diagnostic] = []
        for diagnostics in pageChecks.values where !diagnostics.isEmpty { checks += diagnostics }
        checks += siteChecks
        if let theme { checks = SiteChecks.mergingTemplateRepeats(checks, templateFiles: Set(theme.files.values)) }
        all += checks
        if let site { all = SiteChecks.applyIgnores(all, site: site) }
        let unique = Self.mergingNoTimeZoneWarnings(Self.withoutRepeats(all.sortedForDisplay()))
        return strict ? unique.map { $0.severity == .warning ? $0.asError() : $0 } : unique
    }

    /// `sorted` (in display order) with each diagnostic once: equal diagnostics sort next to each other,
    /// among those with the same place, message and id.
    static func withoutRepeats(_ sorted: [Diagnostic]) -> [Diagnostic] {
        var unique: [Diagnostic] = []
        unique.reserveCapacity(sorted.count)
        var sameKeyStart = 0
        for diagnostic in sorted {
            if sameKeyStart < unique.count, !unique[sameKeyStart].sortsWith(diagnostic) { sameKeyStart = unique.count }
            if unique[sameKeyStart...].contains(diagnostic) { continue }
            unique.append(diagnostic)
        }
        return unique
    }

    /// One `date.no-timezone` warning per build is enough (the fix, `timezone:` in site.yaml, is one):
    /// the first in display order stays, saying how many more dates are read the same way. `sorted` is
    /// in display order, and so is the result.
    static func mergingNoTimeZoneWarnings(_ sorted: [Diagnostic]) -> [Diagnostic] {
        let id = "date.no-timezone"
        let others = sorted.count { $0.id == id } - 1
        guard others > 0 else { return sorted }
        var result: [Diagnostic] = []
        result.reserveCapacity(sorted.count - others)
        var kept = false
        for var diagnostic in sorted {
            if diagnostic.id == id {
                if kept { continue }
                kept = true
                diagnostic.message += "; so \(others == 1 ? "is 1 other date" : "are \(others) other dates") without an offset"
            }
            result.append(diagnostic)
        }
        return result.sortedForDisplay()  // the longer message may sort it after another problem of its line
    }
}

extension Diagnostic {
    /// Whether `other` has the same file, line, column, message and id: what the display order sorts by.
    fileprivate func sortsWith(_ other: Diagnostic) -> Bool {
        file == other.file && line == other.line && column == other.column && message == other.message && id == other.id
    }
}

extension BuildDiagnostics {
    /// Keeps what the checks of every page and of the site found, replacing what they found before.
    mutating func record(_ findings: CheckFindings) {
        fragments = findings.fragments
        pageChecks = findings.pageChecks
        siteChecks = findings.siteChecks
    }
}
