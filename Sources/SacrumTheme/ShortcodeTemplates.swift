import Mustache
public import SacrumContent

/// The shortcodes of a theme and site: each template under `templates/shortcodes/` renders a call
/// with a context of its arguments, `inner` / `innerInline` (a pair's rendered Markdown, for
/// `{{{inner}}}`) and `site`, nothing else, so the facts it shows come from `site.yaml`.
public struct ShortcodeTemplates: ShortcodeRendering {
    let theme: Theme
    let environment: RenderEnvironment

    /// Shortcodes from `theme`, rendered against `environment`'s site.
    public init(theme: Theme, environment: RenderEnvironment) {
        self.theme = theme
        self.environment = environment
    }

    public var declarations: [String: ShortcodeDeclaration] { theme.shortcodes }

    public func file(of name: String) -> String? { theme.files[Theme.shortcodePrefix + name] }

    public func render(_ name: String, arguments: [String: String], inner: ShortcodeInner?) -> String? {
        let context = ShortcodeContext(environment: environment, arguments: arguments, inner: inner)
        do {
            return try RenderBudget.run { theme.originals.render(context, withTemplate: Theme.shortcodePrefix + name) } ?? ""
        } catch {
            return nil
        }
    }

    /// The text of every template a shortcode's output depends on: the shortcodes and the partials
    /// they include, by name. Pages' Markdown is rendered again when this changes.
    public static func inputs(of theme: Theme) -> [String: String] {
        var inputs: [String: String] = [:]
        var pending = theme.sources.keys.filter { $0.hasPrefix(Theme.shortcodePrefix) }
        while let name = pending.popLast() {
            guard inputs[name] == nil, let text = theme.sources[name] else { continue }
            inputs[name] = text
            pending += TemplateReferenceScanner.scan(text).references.map(\.name)
        }
        return inputs
    }

    /// The declaration of the shortcode template `name`, or `nil` (and a diagnostic) when it cannot be one.
    static func declaration(of name: String, text: String, file: String) -> (ShortcodeDeclaration?, [Diagnostic]) {
        guard ShortcodeDeclaration.isName(name) else {
            return (nil, [
                Diagnostic(
                    .error, id: "shortcode.declaration", file: file,
                    message: "'\(name)' cannot name a shortcode: pages call it {{< name >}}, with letters, digits, '-' and '_' only",
                    hint: "rename the file, like templates/shortcodes/\(name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")).mustache"),
            ])
        }
        var (declaration, diagnostics) = ShortcodeDeclaration.parse(template: text, file: file)
        if declaration.content == .none,
            let use = TemplateTagScanner.names(in: text).first(where: { $0.name == "inner" || $0.name == "innerInline" })
        {
            diagnostics.append(
                Diagnostic(
                    .error, id: "shortcode.declaration", file: file, line: use.line, column: use.column,
                    message: "the shortcode shows '\(use.name)', but its declaration does not say it takes content",
                    hint: "add 'content: required' (always {{< \(name) >}}…{{< /\(name) >}}) or 'content: optional' to the {{! … }} comment at the top"))
            declaration.content = .optional
        }
        return (declaration, diagnostics)
    }
}

/// What a shortcode template sees.
struct ShortcodeContext: MustacheParent {
    let environment: RenderEnvironment
    let arguments: [String: String]
    let inner: ShortcodeInner?

    func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        switch name {
        case "site": return SiteContext(environment: environment)
        case "inner": return inner.map { TemplateText($0.html) }
        case "innerInline": return inner.map { TemplateText($0.inlineHTML) }
        default: return arguments[name].map(TemplateText.init)
        }
    }
}
