public import SacrumContent

/// What to build and how: the site's folder, where the output goes, which pages to publish.
public struct BuildOptions: Sendable {
    /// The site's root folder (the one holding `site.yaml`).
    public var root: String
    /// The output folder, absolute or relative to `root`.
    public var output: String
    /// Publish drafts.
    public var drafts: Bool
    /// Publish pages dated in the future.
    public var future: Bool
    /// Publish expired pages.
    public var expired: Bool
    /// Treat warnings as errors.
    public var strict: Bool
    /// Replace `site.yaml`'s `base_url` (for staging deployments), normalised as `BaseURL.check` makes it
    /// (`https://example.github.io/clinic-site`, without a trailing slash).
    public var baseURL: String?
    /// What the build is for (`--environment`): `production` (the default) or `preview`, which takes
    /// site.yaml's `environments.preview` values and keeps the site out of search engines.
    public var environment: SiteEnvironment = .production
    /// The moment of the build, seconds since the Unix epoch; decides what is in the future. Injected so
    /// that tests are repeatable. It never reaches the output (dates there come from content).
    public var now: Int

    /// Creates options.
    public init(
        root: String, output: String = "output", drafts: Bool = false, future: Bool = false, expired: Bool = false,
        strict: Bool = false, baseURL: String? = nil, now: Int
    ) {
        self.root = root
        self.output = output
        self.drafts = drafts
        self.future = future
        self.expired = expired
        self.strict = strict
        self.baseURL = baseURL
        self.now = now
    }

    var publishing: PublishingOptions {
        PublishingOptions(drafts: drafts, future: future, expired: expired, now: now)
    }
}
