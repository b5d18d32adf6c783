internal import Foundation
import SacrumBuild
import SacrumContent

/// What `sacrum serve` prints after a build: the problems, then a line saying what happened. After a
/// rebuild only the problems not shown after the build before are printed, and the line says how many
/// of those are still there, so that an edit's own problems are not lost among the site's.
struct PreviewReport: Equatable {
    /// The problems to print, in display order.
    var problems: [Diagnostic]
    /// The lines for standard output.
    var lines: [String]

    /// The report of `update`; `shown` are the problems printed after the build before (none for the first).
    init(_ update: PreviewBuilder.Update, first: Bool, shown: Set<Diagnostic>) {
        let diagnostics = update.diagnostics  // in display order
        problems = first ? diagnostics : diagnostics.filter { !shown.contains($0) }
        let milliseconds = String(format: "%.0f", update.seconds * 1000)
        let before = diagnostics.count == problems.count
            ? "" : "; \(DiagnosticPrinter.summary(of: diagnostics.filter { shown.contains($0) })) shown before"
        if !update.succeeded {
            lines = ["The build has errors (\(DiagnosticPrinter.summary(of: diagnostics))); the browser shows them. Serving the last good build."]
        } else if first {
            let summary = update.summary
            lines = ["Built \(summary.pages) pages, \(summary.sections) sections and \(summary.tags) tag pages in \(milliseconds) ms (\(summary.environment.rawValue))."]
            if let heldBack = summary.heldBackLine { lines.append("  " + heldBack + ".") }
        } else {
            let what = update.stylesheetsOnly ? "stylesheets" : "\(update.changedPaths.count) files"
            lines = ["Rebuilt in \(milliseconds) ms (\(what) changed)\(before)."]
        }
    }
}
