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

    /// Creates an empty summary.
    public init() {}
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
