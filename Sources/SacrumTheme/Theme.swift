public import SacrumContent

/// A theme's templates, compiled once into one program shared by every render.
///
/// Templates come from `themes/<name>/templates/` and from the site's own `templates/`, which
/// overrides any theme template of the same name. A template's name is its path there without
/// `.mustache` (`page`, `partials/header`).
public struct Theme: Sendable {
    /// The compiled templates.
    let program: TemplateProgram
    /// Where each template came from (`themes/default/templates/page.mustache`), by name.
    public let files: [String: String]
    /// Each template's text, by name, for checks that look for hard-coded facts in templates.
    public let sources: [String: String]
    /// The site-wide partials (`partials/site/...`): rendered once per build, not once per page. Their
    /// order is their slot in the program.
    public let sitePartials: [String]
    /// What each shortcode (`templates/shortcodes/NAME.mustache`) accepts, by name.
    public let shortcodes: [String: ShortcodeDeclaration]
    /// The context each shortcode was compiled against, by name.
    let shortcodeSchemas: [String: TemplateSchema]
    /// Every `assets.NAME` the templates use, checked against the site's stylesheets.
    let assetUses: [TemplateAssetUse]
    /// The theme's own colours (`colors:` in theme.yaml), before the site's replace them.
    public internal(set) var colors = ThemeColors()

    init(
        program: TemplateProgram, files: [String: String], sources: [String: String], sitePartials: [String],
        shortcodes: [String: ShortcodeDeclaration], shortcodeSchemas: [String: TemplateSchema], assetUses: [TemplateAssetUse]
    ) {
        self.shortcodeSchemas = shortcodeSchemas
        self.program = program
        self.files = files
        self.sources = sources
        self.sitePartials = sitePartials
        self.shortcodes = shortcodes
        self.assetUses = assetUses
    }

    /// The folder of shortcode templates.
    public static let shortcodePrefix = "shortcodes/"

    /// The folder of site-wide partials.
    public static let sitePartialPrefix = "partials/site/"

    /// Whether a template of that name exists.
    public func has(_ name: String) -> Bool { files[name] != nil }

    /// Renders the template `name` for a page; `nil` if there is no such template. Throws when the
    /// render needs more than `RenderBudget.limit` steps (sections over lists nested in each other).
    public func render(_ name: String, context: RootContext) throws(RenderLimitExceeded) -> String? {
        guard let procedure = program.entries[name] else { return nil }
        let environment = context.environment
        var renderer = TemplateRenderer(
            program: program, assets: program.assetNames.map { environment.assets[$0] }, sitePartials: environment.sitePartials,
            sitePartialsOverBudget: environment.sitePartialsOverBudget, capacity: 16_384)
        renderer.render(procedure, root: .object(context))
        guard !renderer.isOverBudget else { throw RenderLimitExceeded(template: name, limit: RenderBudget.limit) }
        return renderer.output
    }

    /// Renders the template `name` with `root`, site-wide partials rendered in place (shortcodes, and the
    /// site-wide partials themselves); `nil` when over the budget or there is no such template.
    func renderInPlace(_ name: String, root: TemplateValue, assets: [String: String]) -> String? {
        guard let procedure = program.entries[name] else { return nil }
        var renderer = TemplateRenderer(program: program, assets: program.assetNames.map { assets[$0] })
        renderer.render(procedure, root: root)
        return renderer.isOverBudget ? nil : renderer.output
    }

    /// Renders every site-wide partial once, with a context that has only `site` and `assets`; the
    /// slots of those that went over the render budget come back apart (and render as nothing).
    func renderSitePartials(site environment: RenderEnvironment) -> (rendered: [String], overBudget: Set<Int>) {
        var rendered: [String] = []
        var overBudget: Set<Int> = []
        let root = TemplateValue.object(SiteOnlyContext(environment: environment))
        for (slot, name) in sitePartials.enumerated() {
            if let text = renderInPlace(name, root: root, assets: environment.assets) {
                rendered.append(text)
            } else {
                rendered.append("")
                overBudget.insert(slot)
            }
        }
        return (rendered, overBudget)
    }

    /// Errors for `assets.NAME` in templates where the site has no stylesheet `NAME`.
    public func assetDiagnostics(stylesheets: some Collection<String>) -> [Diagnostic] {
        assetUses.filter { !stylesheets.contains($0.name) }.map { use in
            Diagnostic(
                .error, id: "template.unknown-name", file: use.file, line: use.line, column: use.column,
                message: "there is no stylesheet '\(use.name)' for 'assets.\(use.name)'",
                hint: Suggestion.closest(to: use.name, in: stylesheets).map { "did you mean 'assets.\($0)'?" }
                    ?? (stylesheets.isEmpty
                        ? "add assets/css/\(use.name).css to the theme or static/css/\(use.name).css to the site"
                        : "stylesheets: \(stylesheets.sorted().joined(separator: ", "))"))
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
