public import SacrumContent

/// What every page's render can read besides the page itself: the site and the published asset URLs.
///
/// A reference, so that the many small contexts a render creates hold one pointer to it: a context
/// of two words fits in an existential without a heap allocation, and copying it is one retain.
public final class RenderEnvironment: Sendable {
    /// The built site.
    public let site: Site
    /// Asset URLs by name, e.g. `style` → `/css/style.3f2a9c1b.css` (fingerprinted stylesheets).
    public let assets: [String: String]
    /// The site-wide partials, rendered once (see `Theme.renderSitePartials`), by slot.
    let sitePartials: [String]
    /// Slots of the site-wide partials whose render went over `RenderBudget.limit`; a page that
    /// includes one fails to render.
    let sitePartialsOverBudget: Set<Int>

    /// Creates an environment.
    public convenience init(site: Site, assets: [String: String]) {
        self.init(site: site, assets: assets, sitePartials: [], overBudget: [])
    }

    private init(site: Site, assets: [String: String], sitePartials: [String], overBudget: Set<Int>) {
        self.site = site
        self.assets = assets
        self.sitePartials = sitePartials
        self.sitePartialsOverBudget = overBudget
    }

    /// This environment with the theme's site-wide partials rendered.
    public func renderingSitePartials(of theme: Theme) -> RenderEnvironment {
        let partials = theme.renderSitePartials(site: self)
        return RenderEnvironment(site: site, assets: assets, sitePartials: partials.rendered, overBudget: partials.overBudget)
    }
}
