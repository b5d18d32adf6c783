/// Prints diagnostics the way compilers do, so that editors and terminals can jump to them:
///
///     content/treatments/si-joint-fusion.md:12:3: error: link to '../conditons/back-pain.md' matches no page
///       hint: did you mean '../conditions/back-pain.md'?
public struct DiagnosticPrinter: Sendable {
    /// Whether to colour severities with ANSI escapes (only on a terminal).
    var colors: Bool

    /// Creates a printer.
    public init(colors: Bool) {
        self.colors = colors
    }

    /// One diagnostic, with its hint on a second line.
    public func format(_ diagnostic: Diagnostic) -> String {
        var text = ""
        let location = diagnostic.location
        if !location.isEmpty { text += colors ? "\u{1B}[1m\(location):\u{1B}[0m " : "\(location): " }
        text += severityLabel(diagnostic.severity) + " " + diagnostic.message + " [\(diagnostic.id)]"
        if let hint = diagnostic.hint {
            text += "\n  " + (colors ? "\u{1B}[36mhint:\u{1B}[0m " : "hint: ") + hint
        }
        return text
    }

    /// All diagnostics in display order and a summary line, e.g. `2 errors, 1 warning`.
    public func format(_ diagnostics: [Diagnostic]) -> String {
        var lines = diagnostics.sortedForDisplay().map(format)
        let summary = Self.summary(of: diagnostics)
        if !summary.isEmpty { lines.append(summary) }
        return lines.joined(separator: "\n")
    }

    /// `2 errors, 1 warning` (empty when there is nothing).
    public static func summary(of diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        var parts: [String] = []
        if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        return parts.joined(separator: ", ")
    }

    private func severityLabel(_ severity: DiagnosticSeverity) -> String {
        switch (severity, colors) {
        case (.error, true): "\u{1B}[1;31merror:\u{1B}[0m"
        case (.warning, true): "\u{1B}[1;33mwarning:\u{1B}[0m"
        case (.note, true): "\u{1B}[1;36mnote:\u{1B}[0m"
        case (.error, false): "error:"
        case (.warning, false): "warning:"
        case (.note, false): "note:"
        }
    }
}
