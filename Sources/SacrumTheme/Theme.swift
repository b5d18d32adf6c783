public import Mustache
public import SacrumContent

/// A theme's templates, parsed once and shared by every render (a `MustacheLibrary` is `Sendable`).
///
/// Templates come from `themes/<name>/templates/` and from the site's own `templates/`, which
/// overrides any theme template of the same name. A template's name is its path there without
/// `.mustache` (`page`, `partials/header`).
public struct Theme: Sendable {
    /// Every template by name.
    public let library: MustacheLibrary
    /// Where each template came from (`themes/default/templates/page.mustache`), by name.
    public let files: [String: String]
    /// Each template's text, by name, for checks that look for hard-coded facts in templates.
    public let sources: [String: String]
    /// The site-wide partials (`partials/site/...`): rendered once per build, not once per page.
    public let sitePartials: [String]
    /// The templates as written, site-wide partials included, for rendering the site-wide partials
    /// and shortcodes.
    let originals: MustacheLibrary
    /// What each shortcode (`templates/shortcodes/NAME.mustache`) accepts, by name.
    public let shortcodes: [String: ShortcodeDeclaration]

    /// Creates a theme from parsed templates.
    public init(
        library: MustacheLibrary, files: [String: String], sources: [String: String] = [:], sitePartials: [String] = [],
        originals: MustacheLibrary? = nil, shortcodes: [String: ShortcodeDeclaration] = [:]
    ) {
        self.library = library
        self.files = files
        self.sources = sources
        self.sitePartials = sitePartials
        self.originals = originals ?? library
        self.shortcodes = shortcodes
    }

    /// The folder of shortcode templates.
    public static let shortcodePrefix = "shortcodes/"

    /// The folder of site-wide partials.
    public static let sitePartialPrefix = "partials/site/"

    /// Renders every site-wide partial once, with a context that has only `site` and `assets`; the
    /// keys of those that went over the render budget come back apart (and render as nothing).
    func renderSitePartials(site: RenderEnvironment) -> (rendered: [String: String], overBudget: Set<String>) {
        var rendered: [String: String] = [:]
        var overBudget: Set<String> = []
        let context = SiteOnlyContext(environment: site)
        for name in sitePartials {
            do {
                rendered[SitePartials.key(for: name)] = try RenderBudget.run { originals.render(context, withTemplate: name) } ?? ""
            } catch {
                rendered[SitePartials.key(for: name)] = ""
                overBudget.insert(SitePartials.key(for: name))
            }
        }
        return (rendered, overBudget)
    }

    /// Whether a template of that name exists.
    public func has(_ name: String) -> Bool { files[name] != nil }

    /// Renders the template `name` with `context`; `nil` if there is no such template. Throws when the
    /// render needs more than `RenderBudget.limit` lookups (sections over lists nested in each other).
    public func render(_ name: String, context: some MustacheParent) throws(RenderLimitExceeded) -> String? {
        do {
            return try RenderBudget.run { library.render(context, withTemplate: name) }
        } catch {
            throw RenderLimitExceeded(template: name, limit: RenderBudget.limit)
        }
    }
}

/// A render that needed more lookups than a page may take.
public struct RenderLimitExceeded: Error, Sendable {
    /// The template rendered.
    public let template: String
    /// The number of lookups allowed.
    public let limit: Int
}
