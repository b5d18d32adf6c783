import SacrumContent

/// Reads a site's `site.yaml`, with the diagnostics a build gives for a missing or unreadable one.
enum SiteConfigFile {
    /// The configuration of the site at `root`, or `nil` and why.
    static func load(root: String) -> (config: SiteConfig?, diagnostics: [Diagnostic]) {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(SiteLayout(root: root).configPath)
        } catch {
            return (
                nil,
                [
                    Diagnostic(
                        .error, id: "config.missing", file: "site.yaml",
                        message: error.code == 2 ? "there is no site.yaml in \(root)" : "site.yaml cannot be read: \(error.reason)",
                        hint: "run sacrum in the site's root folder, or point --source at it")
                ]
            )
        }
        let source: SourceText
        do {
            source = try SourceText.decode(bytes)
        } catch {
            return (
                nil,
                [Diagnostic(.error, id: "file.encoding", file: "site.yaml", line: error.line, column: error.column, message: error.message, hint: error.hint)]
            )
        }
        return SiteConfigDecoder().decode(source)
    }
}
