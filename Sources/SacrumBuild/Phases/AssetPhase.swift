import SacrumContent
import SacrumTheme

/// The phase after the theme: the theme's and the site's assets and `static/` files, named as
/// published (fingerprinted when publishing).
enum AssetPhase {
    /// The assets of the site at `root`, with `contentFiles` (the non-Markdown files of `content/`) for
    /// collisions; `theme`'s `assets.NAME` lookups are checked against the stylesheets found.
    static func collect(
        root: String, config: SiteConfig, theme: Theme?, contentFiles: Set<String>, fingerprint: Bool
    ) -> (assets: AssetCollector.Result, themeDiagnostics: [Diagnostic]) {
        let assets = AssetCollector(root: root, themeName: config.theme, fingerprint: fingerprint, colors: config.colors)
            .collect(contentFiles: contentFiles)
        return (assets, theme?.assetDiagnostics(stylesheets: assets.names.keys) ?? [])
    }
}
