import SacrumContent

/// The phase after the assets: the raster images among them, resized and re-encoded (`ImageStage`)
/// with the theme's settings.
enum ImagePhase {
    /// Processes the images in `assets` (which gains their variants), using the processed-image cache
    /// of the site at `root`.
    static func process(_ assets: inout AssetCollector.Result, root: String, config: SiteConfig) async -> ImageStage.Result {
        let (settings, diagnostics) = ImageSettings.load(root: root, themeName: config.theme)
        var result = await ImageStage(root: root, settings: settings)
            .run(&assets, cacheDirectory: ImageStage.cacheDirectory(root: root))
        result.diagnostics = diagnostics + result.diagnostics
        return result
    }
}
