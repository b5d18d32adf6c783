import SacrumContent

/// The first phase: `site.yaml`, read and decoded, with the build's environment and base URL applied.
enum ConfigPhase {
    /// The site's configuration, or `nil` (with an error) when site.yaml is missing, unreadable or wrong.
    static func load(_ layout: SiteLayout, options: BuildOptions) -> (config: SiteConfig?, diagnostics: [Diagnostic]) {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(layout.configPath)
        } catch {
            let diagnostic = Diagnostic(
                .error, id: "config.missing", file: "site.yaml",
                message: error.code == 2 ? "there is no site.yaml in \(layout.root)" : "site.yaml cannot be read: \(error.reason)",
                hint: "run sacrum in the site's root folder, or point --source at it")
            return (nil, [diagnostic])
        }
        let source: SourceText
        do {
            source = try SourceText.decode(bytes)
        } catch {
            let diagnostic = Diagnostic(
                .error, id: "file.encoding", file: "site.yaml", line: error.line, column: error.column, message: error.message,
                hint: error.hint)
            return (nil, [diagnostic])
        }
        let (decoded, diagnostics) = SiteConfigDecoder().decode(source)
        return (decoded.map { configured($0, options: options) }, diagnostics)
    }

    /// `decoded` as a build with `options` uses it: its environment's values, and the options' base URL.
    static func configured(_ decoded: SiteConfig, options: BuildOptions) -> SiteConfig {
        var config = decoded.applying(options.environment)
        if let override = options.baseURL { config.baseURL = override }
        return config
    }
}
