/// The shortcodes a site can use and how each renders: the theme's and the site's templates under
/// `templates/shortcodes/` (SacrumTheme's `ShortcodeTemplates`). Content expands calls through it
/// without knowing about templates.
public protocol ShortcodeRendering: Sendable {
    /// Every shortcode by name, with what it accepts.
    var declarations: [String: ShortcodeDeclaration] { get }

    /// The HTML of one call: its arguments (links already resolved) and, for a pair, the rendered
    /// Markdown between the tags. `picture` is the `<picture>` the build made of the call's image (its
    /// first `link` argument that is a published raster image), for `{{{picture}}}`. `nil` when the
    /// template needed more work than a render may take.
    func render(_ name: String, arguments: [String: String], inner: ShortcodeInner?, picture: String?) -> String?

    /// The template file of a shortcode, for messages (`themes/default/templates/shortcodes/figure.mustache`).
    func file(of name: String) -> String?

    /// The shortcodes as rendered on a page in another language (index into `SiteConfig.siteLanguages`).
    func inLanguage(_ language: Int) -> any ShortcodeRendering
}

extension ShortcodeRendering {
    /// The same shortcodes: by default, they do not depend on the page's language.
    func inLanguage(_ language: Int) -> any ShortcodeRendering { self }
}

/// The Markdown between a pair's tags, rendered with the page's settings.
public struct ShortcodeInner: Sendable, Hashable {
    /// The HTML as rendered (`<p>…</p>` and all).
    public var html: String
    /// The same, with a single paragraph's `<p>` and `</p>` removed, for templates that put it inline.
    public var inlineHTML: String

    /// Creates the content of a pair.
    init(html: String) {
        self.html = html
        var inline = html
        while inline.hasSuffix("\n") { inline.removeLast() }
        if inline.hasPrefix("<p>"), inline.hasSuffix("</p>") {
            let body = inline.dropFirst(3).dropLast(4)
            if !body.contains("<p>") && !body.contains("</p>") { inline = String(body) }
        }
        self.inlineHTML = inline
    }
}
