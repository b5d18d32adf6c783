/// The result of rendering one Markdown text: HTML plus what templates and checks need to know about
/// it. A plain value; no C memory is referenced.
public struct MarkdownDocument: Sendable, Hashable {
    /// The rendered HTML.
    public var html: String
    /// Every heading in document order, with the id it carries.
    public var headings: [MarkdownHeading]
    /// Every link and image destination in document order (images inside an image's alt text are not
    /// rendered as images and are left out).
    public var links: [MarkdownLink]
    /// The document as plain text: blocks separated by a newline, inline markup and raw HTML removed.
    public var plainText: String
    /// The plain text of the first top-level paragraph, or an empty string.
    public var summary: String
    /// Problems in the Markdown itself, such as two headings with the same explicit id.
    public var problems: [MarkdownProblem]

    /// Creates a document value.
    public init(
        html: String, headings: [MarkdownHeading], links: [MarkdownLink], plainText: String,
        summary: String, problems: [MarkdownProblem]
    ) {
        self.html = html
        self.headings = headings
        self.links = links
        self.plainText = plainText
        self.summary = summary
        self.problems = problems
    }

    /// Every image, in document order.
    public var images: [MarkdownLink] { links.filter { $0.kind == .image } }

    /// The ids of all headings, for checking `#fragment` links.
    public var headingIDs: Set<String> { Set(headings.map(\.id)) }

    /// The number of words of the plain text.
    public var wordCount: Int {
        var count = 0
        var inWord = false
        for scalar in plainText.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace
            if !isSpace && !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }
}

/// A problem found while rendering: the Markdown is valid, but the result is not what the author meant.
public struct MarkdownProblem: Sendable, Hashable {
    /// What kind of problem.
    public enum Kind: Sendable, Hashable {
        /// Two headings asked for the same explicit id; the second one got a numbered id instead.
        case duplicateExplicitHeadingID(String)
        /// A link or image destination with a scheme that can run code was removed.
        case dangerousURLRemoved(String)
        /// An image has empty alt text (`![](photo.jpg)`); the destination is attached.
        case imageWithoutAlt(String)
        /// A paragraph has more image openers (`![`) than the limit on which cmark stays fast
        /// (`MarkdownRenderer.maximumImageOpenersPerParagraph`); the document was not rendered.
        case tooManyImageOpeners
        /// Raw HTML was left out of the page (safe mode: `MarkdownOptions.unsafe` is off); the tag it
        /// starts with is attached: `<table>`, `</div>`, `<!-- -->` for a comment.
        case rawHTMLOmitted(tag: String)
        /// A footnote reference `[^label]` has no definition; it stays text.
        case footnoteUndefined(String)
        /// A footnote definition `[^label]: …` is never referenced; it is not published.
        case footnoteUnused(String)
        /// A second definition of the same footnote label; the first one is used.
        case footnoteDuplicate(String)
        /// A block quote starts with `[!WORD]` that is not an alert kind (`MarkdownRenderer.alertKinds`);
        /// it stays a block quote.
        case unknownAlert(String)
        /// A table's short rows needed more empty cells than the limit
        /// (`MarkdownRenderer.maximumEmptyTableCells`); the rows from here on stay a paragraph.
        case tableTooManyEmptyCells
        /// The image hook (`MarkdownRenderer.renderImage`) found a problem with the image file:
        /// `message` and `hint` are for the editor; an error when `isError`, otherwise a warning.
        case imageFile(id: String, message: String, hint: String, isError: Bool)
    }

    /// What kind of problem.
    public var kind: Kind
    /// Where it is.
    public var position: SourcePosition

    /// Creates a problem record.
    public init(kind: Kind, position: SourcePosition) {
        self.kind = kind
        self.position = position
    }
}
