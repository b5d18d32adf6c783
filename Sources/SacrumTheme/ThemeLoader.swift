public import SacrumContent

/// Loads a theme's templates and the site's overrides, parsing each once and checking that every
/// partial and parent a template names exists. Problems are diagnostics at the template's line and
/// column.
public struct ThemeLoader: Sendable {
    /// The site's root folder.
    public var root: String
    /// The theme's name (a folder under `themes/`).
    public var themeName: String

    /// Creates a loader.
    public init(root: String, themeName: String) {
        self.root = root
        self.themeName = themeName
    }

    /// The theme, or `nil` when it cannot be used; diagnostics either way.
    public func load() -> (theme: Theme?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let layout = SiteLayout(root: root, themeName: themeName)
        let themeFolder = layout.themeFolder
        guard FileIO.type(atPath: layout.absolute(themeFolder)) == .directory else {
            let available = FolderScanner().scan(root: layout.absolute(SiteLayout.themesFolder), displayPrefix: SiteLayout.themesFolder).folders.filter {
                !$0.contains("/")
            }
            diagnostics.append(
                Diagnostic(
                    .error, id: "theme.missing", file: "site.yaml",
                    message: "the theme '\(themeName)' does not exist (no folder \(themeFolder))",
                    hint: available.isEmpty ? "add the theme under themes/" : "available themes: \(available.joined(separator: ", "))"))
            return (nil, diagnostics)
        }
        var sources: [String: (file: String, text: String)] = [:]
        for display in [layout.themeTemplatesFolder, SiteLayout.templatesFolder] {
            let folder = layout.absolute(display)
            let scan = FolderScanner().scan(root: folder, displayPrefix: display)
            diagnostics.append(contentsOf: scan.diagnostics)
            for path in scan.files where path.hasSuffix(".mustache") {
                let file = display + "/" + path
                do {
                    let text = try SourceText.decode(FileIO.read(folder + "/" + path)).text
                    sources[String(path.dropLast(".mustache".count))] = (file, text)
                } catch let failure as FileIO.Failure {
                    diagnostics.append(Diagnostic(.error, id: "file.unreadable", file: file, message: "the template cannot be read: \(failure.reason)"))
                } catch let failure as SourceText.DecodingFailure {
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "file.encoding", file: file, line: failure.line, column: failure.column, message: failure.message,
                            hint: failure.hint))
                } catch {
                    diagnostics.append(Diagnostic(.error, id: "file.unreadable", file: file, message: "the template cannot be read: \(error)"))
                }
            }
        }
        var (theme, templateDiagnostics) = Self.compile(sources)
        diagnostics.append(contentsOf: templateDiagnostics)
        let (colors, colorDiagnostics) = ThemeColorsFile.load(root: root, themeFolder: themeFolder)
        theme.colors = colors
        diagnostics.append(contentsOf: colorDiagnostics)
        return (diagnostics.containsErrors ? nil : theme, diagnostics)
    }

    /// Parses templates given as name → (file, text), checks their references and compiles them.
    public static func compile(_ sources: [String: (file: String, text: String)]) -> (Theme, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [String: String] = [:]
        var sitePartials: [String] = []
        var scans: [String: TemplateReferenceScanner.Scan] = [:]
        var shortcodes: [String: ShortcodeDeclaration] = [:]
        var parsed: [String: TemplateCompiler.Source] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let scan = TemplateReferenceScanner.scan(source.text)
            scans[name] = scan
            if let deep = scan.tooDeep {
                diagnostics.append(
                    Diagnostic(
                        .error, id: "template.too-deep", file: source.file, line: deep.line, column: deep.column,
                        message: "sections are nested more than \(TemplateReferenceScanner.nestingLimit) levels deep here ('\(deep.name)')",
                        hint: "close the sections you opened ({{/name}}), or move the inner part into a partial"))
                continue
            }
            var parser = TemplateParser(source.text, blockPrefix: name)
            do {
                parsed[name] = TemplateCompiler.Source(file: source.file, nodes: try parser.parse())
            } catch {
                diagnostics.append(
                    Diagnostic(.error, id: "template.syntax", file: source.file, line: error.line, column: error.column, message: error.message,
                               hint: error.hint))
                continue
            }
            for (line, column) in parser.ignoredText {
                diagnostics.append(
                    Diagnostic(
                        .warning, id: "template.ignored-text", file: source.file, line: line, column: column,
                        message: "text between {{<parent}} and its {{/...}} outside a {{$block}} is not shown",
                        hint: "put the text in a {{$block}}…{{/block}} of the parent, or remove it"))
            }
            if name.hasPrefix(Theme.sitePartialPrefix) {
                sitePartials.append(name)
                diagnostics += SitePartials.check(source.text, file: source.file)
            }
            if name.hasPrefix(Theme.shortcodePrefix) {
                let (declaration, problems) = ShortcodeTemplates.declaration(of: String(name.dropFirst(Theme.shortcodePrefix.count)), text: source.text, file: source.file)
                diagnostics += problems
                if let declaration { shortcodes[String(name.dropFirst(Theme.shortcodePrefix.count))] = declaration }
            }
            files[name] = source.file
        }
        var references: [String: [TemplateReferenceScanner.Reference]] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) where files[name] != nil {
            guard let scan = scans[name] else { continue }
            references[name] = scan.references
            for reference in scan.dynamic {
                diagnostics.append(
                    Diagnostic(
                        .error, id: "template.dynamic-partial", file: source.file, line: reference.line, column: reference.column,
                        message: "this partial's name is read from '\(reference.name)' while the page renders, so Sacrum cannot check that it exists or that it does not include itself",
                        hint: "name the partial ({{>partials/sidebar}}), or choose between partials with sections ({{#page.isStory}}{{>partials/story}}{{/page.isStory}})"))
            }
            for reference in scan.references where files[reference.name] == nil {
                let suggestion = Suggestion.closest(to: reference.name, in: files.keys)
                diagnostics.append(
                    Diagnostic(
                        .error, id: "template.missing-partial", file: source.file, line: reference.line, column: reference.column,
                        message: "the template '\(reference.name)' does not exist",
                        hint: suggestion.map { "did you mean '\($0)'?" } ?? "add templates/\(reference.name).mustache"))
            }
        }
        diagnostics += TemplateRecursion.diagnostics(references: references, files: files)

        // Pages, then site-wide partials and shortcodes; partials on their own last, without reports
        // (they are checked where they are included, with the contexts they see there).
        var compiler = TemplateCompiler(
            sources: parsed, sitePartialSlots: Dictionary(uniqueKeysWithValues: sitePartials.enumerated().map { ($1, $0) }))
        var shortcodeSchemas: [String: TemplateSchema] = [:]
        let names = parsed.keys.sorted()
        for name in names where !name.hasPrefix("partials/") && !name.hasPrefix(Theme.shortcodePrefix) {
            compiler.compile(.init(name: name, root: .object(RootContext.schema), prerenderedSitePartials: true))
        }
        for name in sitePartials where parsed[name] != nil {
            compiler.compile(.init(name: name, root: .object(SiteOnlyContext.schema), quietRoots: SitePartials.pageNames))
        }
        for name in names where name.hasPrefix(Theme.shortcodePrefix) {
            let shortcode = String(name.dropFirst(Theme.shortcodePrefix.count))
            let schema = ShortcodeContext.schema(for: shortcodes[shortcode] ?? ShortcodeDeclaration())
            shortcodeSchemas[shortcode] = schema
            compiler.compile(.init(name: name, root: .object(schema)))
        }
        for name in names where name.hasPrefix("partials/") && !name.hasPrefix(Theme.sitePartialPrefix) {
            compiler.compile(.init(name: name, root: .object(RootContext.schema), prerenderedSitePartials: true, reports: false))
        }
        diagnostics += compiler.diagnostics
        let texts = Dictionary(uniqueKeysWithValues: sources.compactMap { name, source in files[name].map { _ in (name, source.text) } })
        let theme = Theme(
            program: compiler.program(), files: files, sources: texts, sitePartials: sitePartials, shortcodes: shortcodes,
            shortcodeSchemas: shortcodeSchemas, assetUses: compiler.assetUses)
        return (theme, diagnostics)
    }
}

