import SacrumContent

/// The phase after reading: the page tree (URLs, sections, menus, taxonomies, cross-links).
enum TreePhase {
    /// The tree of the pages in `sources`, in `scan`'s order, with `scan`'s other files and folders.
    static func build(
        config: SiteConfig, sources: PageSources, scan: ContentLoader.Scan, options: PublishingOptions
    ) -> (site: Site, diagnostics: [Diagnostic]) {
        let content = ContentLoader.Result(
            pages: scan.markdown.compactMap { sources.byPath[$0]?.source }, staticFiles: scan.staticFiles, folders: scan.folders,
            diagnostics: [])
        let (site, diagnostics) = SiteTreeBuilder.build(config: config, content: content, options: options)
        return (site, diagnostics)
    }
}
