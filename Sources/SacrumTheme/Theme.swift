public import Mustache

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

    /// Creates a theme from parsed templates.
    public init(library: MustacheLibrary, files: [String: String], sources: [String: String] = [:]) {
        self.library = library
        self.files = files
        self.sources = sources
    }

    /// Whether a template of that name exists.
    public func has(_ name: String) -> Bool { files[name] != nil }

    /// Renders the template `name` with `context`; `nil` if there is no such template.
    public func render(_ name: String, context: some MustacheParent) -> String? {
        library.render(context, withTemplate: name)
    }
}
