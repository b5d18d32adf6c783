import SacrumContent
import SacrumMarkdown

/// Accessibility problems an editor can fix in the Markdown: alt text that says nothing, skipped
/// heading levels, a second h1, vague or empty link text, and tables without a header row.
enum ContentAccessibilityCheck {
    static let meaninglessAlt: Set<String> = [
        "image", "picture", "photo", "photograph", "graphic", "img", "icon", "logo", "untitled", "screenshot",
        "diagram", "figure", "chart", "placeholder", "alt", "alt text", "spacer",
    ]
    static let vagueLinkText: Set<String> = [
        "click here", "here", "read more", "more", "learn more", "let us know", "this page", "link", "this link",
        "click", "go", "details", "more info", "continue", "find out more",
    ]

    static func check(_ page: Page, context: CheckContext, tags: [HTMLScanner.Tag]) -> [Diagnostic] {
        guard let source = page.source, let document = page.content?.document else { return [] }
        var diagnostics: [Diagnostic] = []
        func report(_ severity: DiagnosticSeverity, _ id: String, _ position: SourcePosition, _ message: String, _ hint: String) {
            diagnostics.append(
                Diagnostic(severity, id: id, file: source.file, line: position.line, column: position.column, message: message, hint: hint))
        }
        for link in document.links {
            // `normalizedText` trims too; the trimmed text itself is made only where it is shown.
            let normalized = normalizedText(link.text)
            if link.kind == .image {
                let text = link.text.trimmed
                guard !text.isEmpty else { continue }  // empty alt is a11y.alt-missing, reported with the Markdown
                let fileName = link.destination.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
                if meaninglessAlt.contains(normalized) || text.lowercased() == fileName || looksLikeFileName(text) {
                    report(.error, "a11y.alt-meaningless", link.position, "the alt text '\(text)' does not describe the image",
                           "say what the image shows and why it is there, as you would to someone on the phone")
                }
            } else if normalized.isEmpty {
                report(.error, "a11y.link-empty", link.position, "the link to '\(link.destination)' has no text",
                       "write words that say where the link goes between the brackets")
            } else if vagueLinkText.contains(normalized) || normalized.hasPrefix("click here") || normalized.hasPrefix("let us know") {
                report(.error, "a11y.link-text", link.position, "the link text '\(link.text.trimmed)' does not say where the link goes",
                       "use words that name the destination, like 'recovery after SI-joint fusion'")
            }
        }
        var previousLevel = 1  // the page title is the h1
        for heading in document.headings {
            if heading.level == 1 {
                report(.error, "a11y.h1-duplicate", heading.position, "the page title is already the page's h1; this heading makes a second one",
                       "start the content's headings at '##'")
            } else if heading.level > previousLevel + 1 {
                report(.warning, "a11y.heading-skip", heading.position,
                       "the heading '\(heading.text)' jumps from level \(previousLevel) to \(heading.level)",
                       "use '\(String(repeating: "#", count: previousLevel + 1))' here; screen-reader users navigate by heading levels")
            }
            previousLevel = max(heading.level, 1)
        }
        diagnostics += tablesWithoutHeaders(tags, page: page, context: context)
        return diagnostics
    }

    /// `text` in lower case with letters, digits and spaces only, trimmed: what the word lists are
    /// compared with. ASCII text (almost every link) is done byte by byte; other text by Character.
    static func normalizedText(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "): bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte | 0x20)
            case 0x80...: return text.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }.trimmed
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self).trimmed
    }

    private static func looksLikeFileName(_ text: String) -> Bool {
        let lower = text.lowercased()
        return [".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".avif"].contains { lower.hasSuffix($0) }
            && !lower.containsUTF8Byte(0x20)
    }

    /// Tables (from raw HTML in Markdown, or from a template) need a header row: `<th>` cells.
    private static func tablesWithoutHeaders(_ tags: [HTMLScanner.Tag], page: Page, context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var open: (line: Int, hasHeader: Bool)?
        for tag in tags {
            switch tag.name {
            case "table": open = (tag.line, false)
            case "th": open?.hasHeader = true
            case "/table":
                if let table = open, !table.hasHeader {
                    // A table in the Markdown (raw HTML) belongs to the page; otherwise to its template.
                    let inContent = page.content.map { ByteSearch.contains($0.document.html, "<table") } ?? false
                    let place = inContent ? (file: page.file, line: 0, column: 0) : context.locate("<table", page: page.id)
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "a11y.table-header", file: place.file, line: place.line, column: place.column,
                            message: "a table on \(page.url) (line \(table.line) of the HTML) has no header row",
                            hint: "make the first row <th> cells so screen readers can name each column"))
                }
                open = nil
            default: break
            }
        }
        return diagnostics
    }
}
