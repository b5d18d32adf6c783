public import SacrumContent

/// The build behind `sacrum serve`: one full build, then incremental updates as files change. It
/// keeps stylesheets under their plain names, so editing CSS changes no page, and it never writes:
/// its files are served from memory.
public actor PreviewBuilder {
    /// The last build, kept to update (see `IncrementalBuild` for what an edit redoes).
    private var state: IncrementalBuild
    private let options: BuildOptions

    /// What one build or update produced.
    public struct Update: Sendable {
        /// Every file of the site, by output path (only when the build has no error).
        public var files: [String: OutputFile]
        /// Paths whose files changed or vanished since the previous update.
        public var changedPaths: Set<String>
        /// Every diagnostic of the current state.
        public var diagnostics: [Diagnostic]
        /// Whether only stylesheets changed (open pages swap them without reloading).
        public var stylesheetsOnly: Bool
        /// Seconds the update took.
        public var seconds: Double
        /// Counts for the summary line.
        public var summary: BuildSummary

        /// Whether the site may be shown: no error.
        public var succeeded: Bool { !diagnostics.containsErrors }
    }

    /// Creates a builder for the site in `options.root`; `options.output` is not used.
    public init(options: BuildOptions) {
        self.options = options
        state = IncrementalBuild(options: options)
    }

    /// Takes the state out of the actor (so its storage is not shared while it changes), lets `body`
    /// work on it across suspension points, and puts it back. Callers run one at a time (the preview's
    /// `RebuildLoop` guarantees it).
    private func withState<Result>(_ body: (inout IncrementalBuild) async -> Result) async -> Result {
        var working = state
        state = IncrementalBuild(options: options)
        let result = await body(&working)
        state = working
        return result
    }

    /// The first build.
    public func build() async -> Update {
        let start = ContinuousClock.now
        await withState { await $0.buildAll() }
        return update(start: start, stylesheetsOnly: false)
    }

    /// After an edit of templates, theme.yaml or site.yaml only: the pages at `outputPaths` (those open
    /// in the browser, `contact/index.html`) rendered with the files as they are now, to show before
    /// the rest of the site follows in `rebuild(changed:)`. `nil` for other edits, or when the theme or
    /// site.yaml has an error (the rebuild reports it). Changes nothing: `rebuild(changed:)` still
    /// rebuilds everything the edit touches.
    public func renderFirst(_ outputPaths: Set<String>, changed paths: Set<String>) async -> [String: OutputFile]? {
        let current = state
        return await current.renderFirst(outputPaths, changed: paths)
    }

    /// Brings the site up to date with the files at `paths` (absolute), which changed.
    public func rebuild(changed paths: Set<String>) async -> Update {
        let start = ContinuousClock.now
        let change = await withState { await $0.update(changed: paths) }
        var update = update(start: start, stylesheetsOnly: change == .stylesheets)
        // After a full rebuild, files that are gone changed too.
        if state.changedPaths == nil { update.changedPaths.formUnion(state.removedPaths) }
        return update
    }

    /// The current state; after a full build every path counts as changed.
    private func update(start: ContinuousClock.Instant, stylesheetsOnly: Bool) -> Update {
        let files = state.build.files
        let changed = state.changedPaths ?? Set(files.keys)
        let diagnostics = state.build.diagnostics
        let elapsed = ContinuousClock.now - start
        return Update(
            files: files, changedPaths: changed, diagnostics: diagnostics, stylesheetsOnly: stylesheetsOnly,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            summary: state.build.summary)
    }
}
