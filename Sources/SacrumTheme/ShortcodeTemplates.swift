public import SacrumContent

/// The shortcodes of a theme and site: each template under `templates/shortcodes/` renders a call
/// with a context of its arguments, `inner` / `innerInline` (a pair's rendered Markdown, for
/// `{{{inner}}}`) and `site`, nothing else, so the facts it shows come from `site.yaml`.
public struct ShortcodeTemplates: ShortcodeRendering {
    let theme: Theme
    let environment: RenderEnvironment
    /// The environment of each language, for pages in other languages.
    let environments: [RenderEnvironment]

    /// Shortcodes from `theme`, rendered against `environment`'s site.
    public init(theme: Theme, environment: RenderEnvironment) {
        self.theme = theme
        self.environment = environment
        self.environments =
            environment.languages.count > 1 ? environment.languages.indices.map { environment.forLanguage($0) } : [environment]
    }

    private init(theme: Theme, environment: RenderEnvironment, environments: [RenderEnvironment]) {
        self.theme = theme
        self.environment = environment
        self.environments = environments
    }

    /// The shortcodes with the site's facts written in `language` (its hours, its strings).
    public func inLanguage(_ language: Int) -> any ShortcodeRendering {
        guard language < environments.count else { return self }
        return ShortcodeTemplates(theme: theme, environment: environments[language], environments: environments)
    }

    public var declarations: [String: ShortcodeDeclaration] { theme.shortcodes }

    public func file(of name: String) -> String? { theme.files[Theme.shortcodePrefix + name] }

    public func render(_ name: String, arguments: [String: String], inner: ShortcodeInner?, picture: String?) -> String? {
        let template = Theme.shortcodePrefix + name
        guard theme.has(template) else { return "" }
        let schema = theme.shortcodeSchemas[name] ?? ShortcodeContext.schema(for: ShortcodeDeclaration())
        let context = ShortcodeContext(schema: schema, environment: environment, arguments: arguments, inner: inner, picture: picture)
        return theme.renderInPlace(template, root: .object(context), assets: environment.assets)
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

/// What a shortcode template sees: `site`, `assets`, `inner`, `innerInline`, `picture` (the processed
/// `<picture>` of its image argument, when it names a published raster image) and its declared arguments.
struct ShortcodeContext: TemplateObject {
    let schema: TemplateSchema
    let environment: RenderEnvironment
    let arguments: [String: String]
    let inner: ShortcodeInner?
    var picture: String? = nil

    /// The fixed names, before the arguments.
    enum Field: Int, CaseIterable { case site, assets, inner, innerInline, picture, i18n }

    /// The names a shortcode with `declaration` sees.
    static func schema(for declaration: ShortcodeDeclaration) -> TemplateSchema {
        TemplateSchema(
            name: "the shortcode's context",
            fields: Field.allCases.map { field -> (String, TemplateType) in
                switch field {
                case .site: ("site", .object(SiteContext.schema))
                case .assets: ("assets", .assets)
                case .inner: ("inner", .text)
                case .innerInline: ("innerInline", .text)
                case .picture: ("picture", .text)
                case .i18n: ("i18n", .data)
                }
            } + declaration.arguments.map { ($0.name, .text) })
    }

    var templateSchema: TemplateSchema { schema }

    func value(at index: Int) -> TemplateValue {
        switch Field(rawValue: index) {
        case .site: .object(SiteContext(environment: environment))
        case .assets: .absent
        case .inner: (inner?.html).templateValue
        case .innerInline: (inner?.inlineHTML).templateValue
        case .picture: picture.templateValue
        case .i18n: environment.i18n
        case nil: index < schema.names.count ? arguments[schema.names[index]].templateValue : .absent
        }
    }
}
