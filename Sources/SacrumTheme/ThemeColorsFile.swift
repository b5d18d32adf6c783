import SacrumContent

/// Reads the theme's own colours: `colors:` in `themes/NAME/theme.yaml` (see `ThemeColors`).
enum ThemeColorsFile {
    /// The colours of the theme in `root/themeFolder`, with a diagnostic for each value that cannot be
    /// used. Keys of theme.yaml other than `colors` are other readers' business; so is a theme.yaml
    /// that is not YAML (the image settings' reader reports it, once).
    static func load(root: String, themeFolder: String) -> (ThemeColors, [Diagnostic]) {
        let file = themeFolder + "/" + SiteLayout.themeConfigFile
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(root + "/" + file)
        } catch {
            if error.code == 2 { return (ThemeColors(), []) }  // a theme without theme.yaml
            return (ThemeColors(), [Diagnostic(.error, id: "file.unreadable", file: file, message: "theme.yaml cannot be read: \(error.reason)")])
        }
        var reader = YAMLFieldReader(file: file)
        let document: YAMLValue?
        do {
            document = try YAMLParser().parse(String(decoding: bytes, as: UTF8.self))
        } catch {
            return (ThemeColors(), [])
        }
        guard let colors = document?["colors"] else { return (ThemeColors(), []) }
        let decoded = ThemeColors.decode(colors, reader: &reader)
        return (decoded, reader.diagnostics)
    }
}
