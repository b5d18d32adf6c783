import SacrumMarkdown

extension MarkdownProblem {
    /// The diagnostic an editor sees for this problem, at its line and column in the page's file.
    func diagnostic(in source: PageSource) -> Diagnostic {
        let line = position.line
        let column = position.column
        switch kind {
        case .duplicateExplicitHeadingID(let id):
            return Diagnostic(
                .error, id: "markdown.duplicate-id", file: source.file, line: line, column: column,
                message: "another heading already has the id '\(id)'; this one gets a numbered id instead",
                hint: "give each heading its own {#id}")
        case .dangerousURLRemoved(let url):
            let isFile = url.trimmed.lowercased().hasPrefix("file:")
            return Diagnostic(
                .error, id: "markdown.unsafe-url", file: source.file, line: line, column: column,
                message: isFile
                    ? "the link '\(url)' is a file on the author's or reader's own computer, not an address on the web, and was removed"
                    : "the link '\(url)' could run code in the reader's browser and was removed",
                hint: isFile ? "copy the file into content/ or static/ and link to it there" : "link to a page or an https:// address")
        case .imageWithoutAlt(let url):
            return Diagnostic(
                .error, id: "a11y.alt-missing", file: source.file, line: line, column: column,
                message: "the image '\(url)' has no alt text",
                hint: "describe the image between the brackets: ![Surgeon pointing at the SI joint on a model](\(url)); a blind patient hears only that")
        case .tooManyImageOpeners:
            return Diagnostic(
                .error, id: "markdown.too-complex", file: source.file, line: line, column: column,
                message: "this paragraph holds more than \(MarkdownRenderer.maximumImageOpenersPerParagraph) image openers '!['; the page was not rendered, as it would take cmark minutes",
                hint: "split the paragraph with blank lines, or write '\\![' where an exclamation mark and a bracket are meant as text")
        case .rawHTMLOmitted(let tag):
            let what = tag == "<!-- -->" ? "an HTML comment" : "raw HTML '\(tag)'"
            return Diagnostic(
                .warning, id: "markdown.raw-html", file: source.file, line: line, column: column,
                message: "\(what) is left out of the page: raw HTML is off (safe mode)",
                hint: "use a shortcode such as {{< figure src=... alt=... >}}, or Markdown, for what it shows; "
                    + "or allow raw HTML for the whole site with 'markdown: {unsafe: true}' in site.yaml")
        case .footnoteUndefined(let label):
            return Diagnostic(
                .error, id: "markdown.footnote-undefined", file: source.file, line: line, column: column,
                message: "the footnote reference '[^\(label)]' has no definition and would be published as text",
                hint: "add a line '[^\(label)]: the note's text' on its own, after a blank line, or remove the reference")
        case .footnoteUnused(let label):
            return Diagnostic(
                .warning, id: "markdown.footnote-unused", file: source.file, line: line, column: column,
                message: "the footnote '[^\(label)]' is never referenced, so it is not published",
                hint: "write '[^\(label)]' in the text where the note belongs, or delete the definition")
        case .footnoteDuplicate(let label):
            return Diagnostic(
                .error, id: "markdown.footnote-duplicate", file: source.file, line: line, column: column,
                message: "the footnote '[^\(label)]' is defined twice; only the first definition is published",
                hint: "give this note its own label, such as '[^\(label)-2]', and use it in the text")
        case .tableTooManyEmptyCells:
            return Diagnostic(
                .error, id: "markdown.table-too-large", file: source.file, line: line, column: column,
                message: "this table's short rows would need more than \(MarkdownRenderer.maximumEmptyTableCells) empty cells; the rows from here on are published as a paragraph",
                hint: "give the rows as many cells as the header, or split the table")
        case .imageFile(let id, let message, let hint, let isError):
            return Diagnostic(
                isError ? .error : .warning, id: id, file: source.file, line: line, column: column, message: message, hint: hint)
        case .unknownAlert(let word):
            let suggestion = Suggestion.closest(to: word, in: MarkdownRenderer.alertKinds)
            let kinds = MarkdownRenderer.alertKinds.map { "[!\($0)]" }.joined(separator: ", ")
            return Diagnostic(
                .warning, id: "markdown.alert-unknown", file: source.file, line: line, column: column,
                message: "'[!\(word)]' is not an alert kind; the block quote is published as a plain quote"
                    + (suggestion.map { "; did you mean '[!\($0)]'?" } ?? ""),
                hint: "use one of \(kinds)")
        }
    }
}
