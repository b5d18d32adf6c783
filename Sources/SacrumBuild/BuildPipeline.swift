import SacrumContent
import SacrumTheme

/// The build: `site.yaml`, `content/` and the theme in; the site's files out, as values, with every
/// problem found on the way. Nothing is written here: `OutputWriter` does that, only when the build
/// succeeded.
///
/// Phases: scan, read, front matter, cross-links (the page tree), markdown, render (templates, JSON-LD,
/// sitemap, feed, redirects, link and anchor checks).
public struct BuildPipeline: Sendable {
    /// What to build.
    public var options: BuildOptions

    /// Creates a pipeline.
    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs every phase: the site's files and every diagnostic.
    public func run() async -> BuildResult {
        await run(staging: nil)
    }

    /// Runs every phase; with `staging`, each page is written to the staging folder as soon as it is
    /// rendered (with its compressed twins) and is in `staged`, not in `files`.
    func run(staging: PageStaging.Target?) async -> BuildResult {
        var session = BuildSession(options: options)
        session.staging = staging
        await session.buildAll()
        return session.result()
    }
}
