public import SacrumContent

/// A theme's words in each language of the site: `themes/<theme>/i18n/<tag>.yaml` (`es-US.yaml`), else
/// the file of the language subtag (`es.yaml`), a flat mapping of keys to text. Templates show them as
/// `{{i18n.onThisPage}}`. Every key a template names must be in the file of every language the site
/// has; a missing key (or file) is an error naming the key and the language, at the tag that uses it.
public struct ThemeStrings: Sendable, Hashable {
    /// The strings of each language, by index into `SiteConfig.siteLanguages`.
    public var byLanguage: [[String: String]]

    /// Creates strings.
    public init(byLanguage: [[String: String]] = []) {
        self.byLanguage = byLanguage
    }

    /// The strings of a language (empty when the theme has none).
    public func strings(ofLanguage language: Int) -> [String: String] {
        language < byLanguage.count ? byLanguage[language] : [:]
    }

    /// Reads the files of `languages` for the keys `theme`'s templates use.
    public static func load(root: String, themeName: String, theme: Theme, languages: [SiteLanguage]) -> (ThemeStrings, [Diagnostic]) {
        var uses: [(key: String, file: String, line: Int, column: Int)] = []
        for (name, text) in theme.sources.sorted(by: { $0.key < $1.key }) where text.contains("i18n.") {
            for use in TemplateTagScanner.names(in: text) where use.name.hasPrefix("i18n.") {
                uses.append((String(use.name.dropFirst(5)), theme.files[name] ?? name, use.line, use.column))
            }
        }
        guard !uses.isEmpty else { return (ThemeStrings(byLanguage: languages.map { _ in [:] }), []) }
        var diagnostics: [Diagnostic] = []
        var byLanguage: [[String: String]] = []
        for language in languages {
            let names = [language.tag, SiteLanguage.primarySubtag(of: language.tag)]
            let folder = SiteLayout(root: root, themeName: themeName).themeStringsFolder
            let candidates = names.map { folder + "/\($0).yaml" }
            guard let file = candidates.first(where: { FileIO.type(atPath: root + "/" + $0) == .file }) else {
                let first = uses[0]
                diagnostics.append(
                    Diagnostic(
                        .error, id: "theme.i18n", file: first.file, line: first.line, column: first.column,
                        message: "the theme's templates use its strings (i18n.\(first.key)), but it has none for \(language.tag)",
                        hint: "write \(candidates[0]) (or \(candidates[1])) with the theme's \(uses.count == 1 ? "string" : "strings") in \(language.name)"))
                byLanguage.append([:])
                continue
            }
            let (strings, fileDiagnostics) = read(root + "/" + file, display: file)
            diagnostics += fileDiagnostics
            byLanguage.append(strings)
            var reported = Set<String>()
            for use in uses where strings[use.key] == nil && reported.insert(use.key).inserted {
                diagnostics.append(
                    Diagnostic(
                        .error, id: "theme.i18n", file: use.file, line: use.line, column: use.column,
                        message: "the string 'i18n.\(use.key)' has no \(language.tag) text in \(file)",
                        hint: "add '\(use.key): ...' to \(file)"))
            }
        }
        return (ThemeStrings(byLanguage: byLanguage), diagnostics)
    }

    private static func read(_ path: String, display: String) -> ([String: String], [Diagnostic]) {
        var reader = YAMLFieldReader(file: display)
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(path)
        } catch {
            return ([:], [Diagnostic(.error, id: "file.unreadable", file: display, message: "the file cannot be read: \(error.reason)")])
        }
        let source: SourceText
        do {
            source = try SourceText.decode(bytes)
        } catch {
            return ([:], [Diagnostic(.error, id: "file.encoding", file: display, line: error.line, column: error.column, message: error.message)])
        }
        let root: YAMLValue?
        do {
            root = try YAMLParser().parse(source.text)
        } catch {
            reader.report(id: error.id, at: error.position, error.message, hint: error.hint)
            return ([:], reader.diagnostics)
        }
        guard let root, let pairs = reader.mapping(root, what: "a theme's strings") else { return ([:], reader.diagnostics) }
        var strings: [String: String] = [:]
        for pair in pairs {
            if let text = reader.nonEmptyText(pair.value, key: pair.key) { strings[pair.key] = text }
        }
        return (strings, reader.diagnostics)
    }
}
