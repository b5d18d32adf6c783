public import SacrumContent

/// Everything a build produced: the files to write (as values), the diagnostics, and figures.
public struct BuildResult: Sendable {
    /// Every file of the site, by path inside the output folder, in path order.
    public var files: [OutputFile]
    /// Every problem found, in display order. Under `strict`, warnings are already errors.
    public var diagnostics: [Diagnostic]
    /// What was built.
    public var summary: BuildSummary
    /// How long each phase took.
    public var timings: [PhaseTiming]
    /// The site as built, for tools that inspect it (the checks, the preview server).
    public var site: Site?
    /// The files named by a hash of their content (`css/style.3f2a9c1b07.css`), which hosts may cache
    /// for a year.
    public var fingerprinted: Set<String> = []
    /// The pages already written to the staging folder, when the build wrote them as it rendered them
    /// (`BuildPipeline.run(staging:)`); they are not in `files`.
    var staged: [StagedFile] = []

    /// Whether the site may be published: no error.
    public var succeeded: Bool { !diagnostics.containsErrors && site != nil }
}

/// Counts for the summary line.
public struct BuildSummary: Sendable, Hashable {
    /// Regular pages written.
    public var pages: Int = 0
    /// Section list pages (and the home page).
    public var sections: Int = 0
    /// Tag pages.
    public var tags: Int = 0
    /// Redirect pages for aliases.
    public var redirects: Int = 0
    /// Static files and theme assets.
    public var assets: Int = 0
    /// Pages not published, by reason (drafts, future, expired, stories whose authorization expired).
    public var heldBack: [HiddenReason: Int] = [:]
    /// What the site was built for.
    public var environment: SiteEnvironment = .production
    /// The base URL it was built for (`https://example.github.io/clinic-site`), if site.yaml gave one.
    public var baseURL: String?

    /// Creates an empty summary.
    public init() {}

    /// `production build for https://www.example.com/`, or for a preview
    /// `preview build for https://host/sub/ (noindex, robots.txt disallows all)`: what the summary says
    /// the site was built for.
    public var environmentLine: String {
        var line = "\(environment.rawValue) build"
        if let baseURL { line += " for \(baseURL)/" }
        if environment == .preview { line += " (noindex, robots.txt disallows all)" }
        return line
    }

    /// The reasons in the order the summary names them.
    static let heldBackOrder: [HiddenReason] = [.draft, .future, .expired, .authorizationExpired]

    /// `3 held back: 1 draft, 1 future, 1 expired; --drafts --future --expired to include them`, naming
    /// only the reasons that occur; `nil` when every page is published.
    public var heldBackLine: String? {
        let reasons = Self.heldBackOrder.filter { (heldBack[$0] ?? 0) > 0 }
        guard !reasons.isEmpty else { return nil }
        let total = reasons.reduce(0) { $0 + (heldBack[$1] ?? 0) }
        let parts = reasons.map { reason -> String in
            let count = heldBack[reason] ?? 0
            switch reason {
            case .draft: return count == 1 ? "1 draft" : "\(count) drafts"
            case .future: return "\(count) future"
            case .expired: return "\(count) expired"
            case .authorizationExpired:
                return count == 1 ? "1 story whose authorization expired" : "\(count) stories whose authorization expired"
            }
        }
        let flags = reasons.compactMap(\.flag)
        return "\(total) held back: " + parts.joined(separator: ", ")
            + (flags.isEmpty ? "" : "; " + flags.joined(separator: " ") + " to include them")
    }
}

/// One phase's wall time.
public struct PhaseTiming: Sendable, Hashable {
    /// `scan`, `read`, `front matter`, `cross-links`, `markdown`, `render`, `write`.
    public var phase: String
    /// Seconds.
    public var seconds: Double

    /// Creates a record.
    public init(phase: String, seconds: Double) {
        self.phase = phase
        self.seconds = seconds
    }
}
