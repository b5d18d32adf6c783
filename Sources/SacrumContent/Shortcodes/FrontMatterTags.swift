/// Shortcodes and template tags work in a page's body only: one written in the front matter's text
/// (`title: Call {{< phone >}}`) would be published as written, so it is an error at its key.
enum FrontMatterTags {
    static func diagnostics(for source: PageSource) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let frontMatter = source.frontMatter
        for (key, value) in [("title", frontMatter.title), ("description", frontMatter.description), ("summary", frontMatter.summary)] {
            guard let value, ShortcodeExpander.mayContainTags(value), let position = frontMatter.keyPositions[key] else { continue }
            diagnostics.append(
                Diagnostic(
                    .error, id: "shortcode.front-matter", file: source.file, line: position.line, column: position.column,
                    message: "'\(key)' holds a '{{' tag, but shortcodes and template tags work in the body only: it is published as written",
                    hint: "write the text itself here (the phone number or hours as in site.yaml), or move it into the body"))
        }
        return diagnostics
    }
}
