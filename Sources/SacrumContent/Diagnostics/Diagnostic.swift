/// One problem a user can cause, with where it is, what is wrong and how to fix it.
///
/// Everything Sacrum finds — a broken front matter, a link to nowhere, a template error, a failed
/// check — becomes a `Diagnostic`. They are collected over the whole build and printed like a
/// compiler's (`content/treatments/si-joint-fusion.md:12:3: error: ...`).
public struct Diagnostic: Error, Sendable, Hashable, Codable {
    /// How serious the problem is.
    public var severity: DiagnosticSeverity
    /// The file, relative to the site's root folder (`content/contact.md`, `site.yaml`), or empty
    /// when the problem belongs to no file.
    public var file: String
    /// The 1-based line, or 0 when the problem belongs to the whole file.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int
    /// What is wrong, in one sentence.
    public var message: String
    /// What to do about it, or `nil`.
    public var hint: String?
    /// A stable identifier for the kind of problem (`link.broken`, `yaml.syntax`, `a11y.alt-missing`),
    /// which reports use and which front matter can name to silence a check.
    public var id: String

    /// Creates a diagnostic.
    public init(
        _ severity: DiagnosticSeverity, id: String, file: String, line: Int = 0, column: Int = 0,
        message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.id = id
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `file:line:column` as far as known (`site.yaml:4:9`, `content/a.md:3`, `content/a.md`).
    public var location: String {
        guard !file.isEmpty else { return "" }
        guard line > 0 else { return file }
        guard column > 0 else { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    /// This diagnostic with the severity raised to error (for `--strict`).
    public func asError() -> Diagnostic {
        var copy = self
        copy.severity = .error
        return copy
    }
}

/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable, Comparable {
    /// The build fails.
    case error
    /// The build succeeds, but someone should look.
    case warning
    /// Information, never a failure.
    case note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool { lhs.rank < rhs.rank }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics in the order they are printed: by file, line, column, then message.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            if a.file != b.file {
                // Problems that belong to no file come last.
                if a.file.isEmpty || b.file.isEmpty { return !a.file.isEmpty }
                return a.file < b.file
            }
            return (a.line, a.column, a.message, a.id) < (b.line, b.column, b.message, b.id)
        }
    }
}
