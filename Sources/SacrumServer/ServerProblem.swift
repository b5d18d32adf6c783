/// A diagnostic the preview server shows in the browser when the site could not be built.
///
/// Every open page shows the current problems in an overlay; the last good snapshot keeps being
/// served underneath it.
public struct ServerProblem: Sendable, Hashable, Codable {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The site could not be built.
        case error
        /// The site was built, but something should be fixed.
        case warning
    }

    /// How serious the problem is; encoded as `"error"` or `"warning"`.
    public var severity: Severity
    /// Where the problem is, like `content/contact.md:12:3`.
    public var location: String
    /// What is wrong.
    public var message: String
    /// What to change, if known.
    public var hint: String?

    /// Creates a problem.
    /// - Parameters:
    ///   - severity: how serious the problem is.
    ///   - location: where the problem is, like `content/contact.md:12:3`.
    ///   - message: what is wrong.
    ///   - hint: what to change, if known.
    public init(severity: Severity, location: String, message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }
}
