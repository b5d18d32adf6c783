import SacrumContent
import SacrumTheme

/// The theme a site.yaml names, its strings in each language and the colours the site is shown in.
struct LoadedTheme: Sendable {
    /// The compiled templates; `nil` when the theme has an error.
    var theme: Theme?
    /// The theme's strings in each language (`i18n/<language>.yaml`).
    var strings = ThemeStrings()
    /// The theme's colours where site.yaml sets none: what templates, CSS and the checks see.
    var colors: ThemeColors
    /// The theme's problems: templates, strings, theme.yaml, colours.
    var diagnostics: [Diagnostic] = []
}

/// The phase after the configuration: load the theme, its strings and its colours.
enum ThemePhase {
    /// The theme `config` names, in the site at `root`.
    static func load(_ config: SiteConfig, root: String) -> LoadedTheme {
        let (loaded, diagnostics) = ThemeLoader(root: root, themeName: config.theme).load()
        var result = LoadedTheme(theme: loaded, colors: config.colors, diagnostics: diagnostics)
        guard let loaded else { return result }
        let (strings, stringDiagnostics) = ThemeStrings.load(
            root: root, themeName: config.theme, theme: loaded, languages: config.siteLanguages)
        result.strings = strings
        result.diagnostics += stringDiagnostics
        let colors = loaded.colors.overridden(by: config.colors)
        result.colors = colors
        result.diagnostics += colors.contrastDiagnostics
        if colors.brand == nil, let user = loaded.sources.sorted(by: { $0.key < $1.key }).first(where: { $0.value.contains("site.colors.brand") }) {
            result.diagnostics.append(
                Diagnostic(
                    .warning, id: "theme.colors", file: loaded.files[user.key] ?? user.key,
                    message: "this template shows site.colors.brand, but neither themes/\(config.theme)/theme.yaml nor site.yaml sets a brand colour, so it is empty",
                    hint: "add colors: { brand: \"#0b5d7a\" } to site.yaml"))
        }
        return result
    }
}
