internal import Mustache
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
        let themeFolder = "themes/\(themeName)"
        guard FileIO.type(atPath: root + "/" + themeFolder) == .directory else {
            let available = FolderScanner().scan(root: root + "/themes", displayPrefix: "themes").folders.filter {
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
        for (folder, display) in [(root + "/" + themeFolder + "/templates", themeFolder + "/templates"), (root + "/templates", "templates")] {
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
        let (theme, templateDiagnostics) = Self.compile(sources)
        diagnostics.append(contentsOf: templateDiagnostics)
        return (diagnostics.containsErrors ? nil : theme, diagnostics)
    }

    /// Parses templates given as name → (file, text) and checks their references.
    public static func compile(_ sources: [String: (file: String, text: String)]) -> (Theme, [Diagnostic]) {
        HTMLEscaping.register()
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var files: [String: String] = [:]
        var sitePartials: [String] = []
        var originals = MustacheLibrary()
        var scans: [String: TemplateReferenceScanner.Scan] = [:]
        var shortcodes: [String: ShortcodeDeclaration] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let scan = TemplateReferenceScanner.scan(source.text)
            scans[name] = scan
            if let deep = scan.tooDeep {
                // Before swift-mustache sees it: its parser would overflow the stack.
                diagnostics.append(
                    Diagnostic(
                        .error, id: "template.too-deep", file: source.file, line: deep.line, column: deep.column,
                        message: "sections are nested more than \(TemplateReferenceScanner.nestingLimit) levels deep here ('\(deep.name)')",
                        hint: "close the sections you opened ({{/name}}), or move the inner part into a partial"))
                continue
            }
            do {
                // The pragma selects the fast escaper; it takes a line of its own, which errors give back.
                let template = try MustacheTemplate(string: HTMLEscaping.pragma + source.text)
                originals.register(template, named: name)
                if name.hasPrefix(Theme.sitePartialPrefix) {
                    // Rendered once per build (from `originals`); pages include the result.
                    library.register(try MustacheTemplate(string: SitePartials.includeTemplate(for: name)), named: name)
                    sitePartials.append(name)
                    diagnostics += SitePartials.check(source.text, file: source.file)
                } else {
                    library.register(template, named: name)
                }
                if name.hasPrefix(Theme.shortcodePrefix) {
                    let (declaration, problems) = ShortcodeTemplates.declaration(of: String(name.dropFirst(Theme.shortcodePrefix.count)), text: source.text, file: source.file)
                    diagnostics += problems
                    if let declaration { shortcodes[String(name.dropFirst(Theme.shortcodePrefix.count))] = declaration }
                }
                files[name] = source.file
            } catch let error as MustacheTemplate.ParserError {
                let line = TemplateErrorText.line(error.context.lineNumber, in: source.text)
                let column = error.context.columnNumber
                diagnostics.append(
                    Diagnostic(
                        .error, id: "template.syntax", file: source.file, line: line,
                        column: max(1, column), message: TemplateErrorText.message(for: error.error),
                        hint: TemplateErrorText.hint(for: error.error)))
            } catch {
                diagnostics.append(Diagnostic(.error, id: "template.syntax", file: source.file, message: "the template cannot be parsed: \(error)"))
            }
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
        let texts = Dictionary(uniqueKeysWithValues: sources.compactMap { name, source in files[name].map { _ in (name, source.text) } })
        return (Theme(library: library, files: files, sources: texts, sitePartials: sitePartials, originals: originals, shortcodes: shortcodes), diagnostics)
    }
}

/// Editor-friendly words for swift-mustache's parser errors.
enum TemplateErrorText {
    /// The line of an error in the template as written. swift-mustache counts the pragma's line and
    /// every `Character.isNewline` (vertical tab, form feed, U+2028...) as a line break; editors count
    /// line feeds only.
    static func line(_ mustacheLine: Int, in text: String) -> Int {
        var breaks = mustacheLine - 2
        var line = 1
        for character in text where character.isNewline {
            guard breaks > 0 else { break }
            breaks -= 1
            if character == "\n" { line += 1 }
        }
        return line
    }

    static func message(for error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "the template cannot be parsed: \(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the section it closes"
        case .unfinishedName: return "a tag is not closed with '}}'"
        case .expectedSectionEnd: return "a section is opened but never closed"
        case .invalidSetDelimiter: return "the set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to a parent section"
        case .illegalTokenInsideInheritSection: return "inside {{<parent}} only {{$block}} sections are allowed"
        case .textInsideInheritSection: return "inside {{<parent}} only {{$block}} sections are allowed"
        case .invalidConfigVariableSyntax: return "the {{% ... }} pragma is malformed"
        case .unrecognisedConfigVariable: return "the {{% ... }} pragma is not known"
        @unknown default: return "the template cannot be parsed: \(error)"
        }
    }

    static func hint(for error: any Error) -> String? {
        guard let error = error as? MustacheTemplate.Error else { return nil }
        switch error {
        case .sectionCloseNameIncorrect, .expectedSectionEnd:
            return "every {{#name}} and {{^name}} needs a matching {{/name}}"
        case .unfinishedName: return "close the tag with '}}' (or '}}}' for raw HTML)"
        default: return nil
        }
    }
}
