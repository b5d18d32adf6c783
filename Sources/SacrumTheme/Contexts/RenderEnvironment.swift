public import SacrumContent

/// What every page's render can read besides the page itself: the site and the published asset URLs.
public struct RenderEnvironment: Sendable {
    /// The built site.
    public var site: Site
    /// Asset URLs by name, e.g. `style` → `/css/style.3f2a9c1b.css` (fingerprinted stylesheets).
    public var assets: [String: String]

    /// Creates an environment.
    public init(site: Site, assets: [String: String]) {
        self.site = site
        self.assets = assets
    }
}
