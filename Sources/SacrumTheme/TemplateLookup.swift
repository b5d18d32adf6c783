public import SacrumContent

/// Which template renders a page: the front matter's `layout`, then the page's kind, then its
/// top-level section, then `page`. List pages look for `home`, `list-<kind>`, `list-<section>` or
/// `tag` / `tags`, then `list`.
public enum TemplateLookup {
    /// The names tried for `page`, in order.
    public static func candidates(for page: Page) -> [String] {
        var names: [String] = []
        if let layout = page.frontMatter.layout?.value { names.append(layout) }
        let section = String(page.sectionFolder.split(separator: "/").first ?? "")
        switch page.role {
        case .regular:
            names += [page.kind.rawValue]
            if !section.isEmpty { names.append(section) }
            names.append("page")
        case .home:
            names += ["home", "list"]
        case .section:
            names += ["list-\(page.kind.rawValue)"]
            if !section.isEmpty { names.append("list-\(section)") }
            names.append("list")
        case .tag:
            names += ["tag", "list"]
        case .tagIndex:
            names += ["tags", "list"]
        case .notFound:
            names += ["404"]
        }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// The template for `page`, or a diagnostic saying which names were tried. A `layout` that names
    /// no template is an error even when a fallback exists: the author asked for that one.
    public static func template(for page: Page, in theme: Theme) -> Result<String, Diagnostic> {
        if let layout = page.frontMatter.layout {
            if !isTemplateName(layout.value) {
                return .failure(
                    Diagnostic(
                        .error, id: "template.missing", file: page.file, line: layout.position.line, column: layout.position.column,
                        message: "the layout '\(layout.value)' is not a template name",
                        hint: "write the name of a template in templates/ without '.mustache', like 'layout: treatment'"))
            }
            if theme.has(layout.value) { return .success(layout.value) }
            return .failure(
                Diagnostic(
                    .error, id: "template.missing", file: page.file, line: layout.position.line, column: layout.position.column,
                    message: "the layout '\(layout.value)' does not exist",
                    hint: Suggestion.closest(to: layout.value, in: theme.files.keys).map { "did you mean '\($0)'?" }
                        ?? "add templates/\(layout.value).mustache, or remove 'layout'"))
        }
        let names = candidates(for: page)
        if let name = names.first(where: theme.has) { return .success(name) }
        return .failure(
            Diagnostic(
                .error, id: "template.missing", file: page.file,
                message: "no template can render \(page.url): none of \(names.map { "'\($0)'" }.joined(separator: ", ")) exists",
                hint: "add one of them to the theme's templates/ folder"))
    }

    /// Whether `name` can name a template: a relative path inside templates/ made of plain segments,
    /// without the extension. A layout is only ever looked up among the loaded templates, never read
    /// from disk, but '../x' or '/etc/x' deserve to be told so rather than searched for.
    static func isTemplateName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasSuffix(".mustache") else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.unicodeScalars.allSatisfy { $0 != "\\" && $0.value >= 0x20 && $0.value != 0x7F }
        }
    }
}
