internal import Foundation
import SacrumBuild
import SacrumContent

/// Prints diagnostics and summaries: problems to standard error, compiler-style, coloured only on a
/// terminal; the summary to standard output.
enum Console {
    /// A line on standard output, written at once (not buffered), so that it shows while serving.
    static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data(("error: " + text + "\n").utf8))
    }

    /// After a preview build: problems compiler-style, then one line saying what happened (see
    /// `PreviewReport`).
    static func printPreviewUpdate(_ update: PreviewBuilder.Update, first: Bool, shown: Set<Diagnostic> = []) {
        let colors = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let report = PreviewReport(update, first: first, shown: shown)
        if !report.problems.isEmpty {
            FileHandle.standardError.write(Data((DiagnosticPrinter(colors: colors).format(report.problems) + "\n").utf8))
        }
        for line in report.lines { printLine(line) }
    }

    static func printOutcome(_ outcome: BuildAction.Outcome, quiet: Bool, timings: Bool, verb: String) {
        let colors = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let printer = DiagnosticPrinter(colors: colors)
        let diagnostics = outcome.diagnostics.sortedForDisplay()
        if !diagnostics.isEmpty {
            FileHandle.standardError.write(Data((printer.format(diagnostics) + "\n").utf8))
        }
        if timings {
            func line(_ phase: String, _ seconds: Double) -> String {
                "  " + phase.padding(toLength: 13, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", seconds * 1000)
            }
            var lines = outcome.result.timings.map { line($0.phase, $0.seconds) }
            if outcome.wroteOutput { lines.append(line("write", outcome.writeSeconds)) }
            let total = outcome.result.timings.reduce(0) { $0 + $1.seconds } + outcome.writeSeconds
            lines.append(line("total", total))
            print("Timings:\n" + lines.joined(separator: "\n"))
        }
        guard !quiet else { return }
        let summary = outcome.result.summary
        if outcome.exitStatus == 0 {
            let total = outcome.result.timings.reduce(0) { $0 + $1.seconds } + outcome.writeSeconds
            let destination = outcome.wroteOutput ? " into \(outcome.outputPath ?? "output")" : ""
            print(
                "\(verb) \(summary.pages) pages, \(summary.sections) sections, \(summary.tags) tag pages, "
                    + "\(summary.redirects) redirects and \(summary.assets) assets\(destination) in \(String(format: "%.0f", total * 1000)) ms: "
                    + summary.environmentLine + ".")
            if let heldBack = summary.heldBackLine { print("  " + heldBack + ".") }
            if !timings {
                var phases = outcome.result.timings.map { "\($0.phase) \(String(format: "%.0f", $0.seconds * 1000))" }
                if outcome.wroteOutput { phases.append("write \(String(format: "%.0f", outcome.writeSeconds * 1000))") }
                print("  (ms: " + phases.joined(separator: ", ") + ")")
            }
        } else {
            // `check` writes nothing; a build says whether there was a previous site to keep.
            let kept: String
            if let path = outcome.outputPath {
                kept = FileIO.type(atPath: path) == .directory
                    ? " The previous site in \(path) was not changed." : " Nothing was written to \(path)."
            } else {
                kept = ""
            }
            print("The build failed: \(DiagnosticPrinter.summary(of: diagnostics)).\(kept)")
        }
    }
}
