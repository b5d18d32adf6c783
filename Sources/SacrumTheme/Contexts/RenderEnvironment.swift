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
    /// The language pages are rendered in (index into `site.config.siteLanguages`): `site.title`,
    /// `site.language`, the menus and the site-wide partials are this language's.
    public let language: Int
    /// `site.config.siteLanguages`, computed once.
    public let languages: [SiteLanguage]
    /// The theme's strings in every language.
    public let strings: ThemeStrings
    /// `i18n` for templates: the strings of `language`.
    let i18n: TemplateValue
    /// How dates and times are written in `language`.
    let formats: LocalFormats

    /// Creates an environment.
    public convenience init(site: Site, assets: [String: String], strings: ThemeStrings = ThemeStrings()) {
        self.init(site: site, assets: assets, sitePartials: [], overBudget: [], language: 0, strings: strings)
    }

    private init(
        site: Site, assets: [String: String], sitePartials: [String], overBudget: Set<Int>, language: Int, strings: ThemeStrings
    ) {
        self.strings = strings
        self.formats = LocalFormats(tag: language == 0 && site.config.languages.isEmpty ? site.config.language : site.config.siteLanguages[min(language, site.config.siteLanguages.count - 1)].tag)
        self.i18n = .map(strings.strings(ofLanguage: language).mapValues { .text($0) })
        self.site = site
        self.assets = assets
        self.sitePartials = sitePartials
        self.sitePartialsOverBudget = overBudget
        self.language = language
        self.languages = site.config.siteLanguages
    }

    /// This environment for rendering pages of another language (site-wide partials not rendered).
    public func forLanguage(_ language: Int) -> RenderEnvironment {
        RenderEnvironment(site: site, assets: assets, sitePartials: [], overBudget: [], language: language, strings: strings)
    }

    /// The language pages are rendered in.
    public var siteLanguage: SiteLanguage { languages[min(language, languages.count - 1)] }

    /// This environment with the theme's site-wide partials rendered.
    public func renderingSitePartials(of theme: Theme) -> RenderEnvironment {
        let partials = theme.renderSitePartials(site: self)
        return RenderEnvironment(
            site: site, assets: assets, sitePartials: partials.rendered, overBudget: partials.overBudget, language: language,
            strings: strings)
    }
}
