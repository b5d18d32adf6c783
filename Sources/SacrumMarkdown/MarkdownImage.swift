/// An image of a document as it is about to be rendered, handed to `MarkdownRenderer.renderImage`
/// so that the build can publish it as responsive, sized HTML (a `<picture>`).
public struct MarkdownImage: Sendable, Hashable {
    /// The destination after `rewriteLink` (a site path such as `/images/office.jpg` for a file).
    public var source: String
    /// The alt text, as plain text (not escaped).
    public var alt: String
    /// The title, as plain text (not escaped); empty when there is none.
    public var title: String
    /// Where the image starts in the file.
    public var position: SourcePosition
    /// Whether this is the document's first image (which should not be lazy-loaded: it is often the
    /// largest thing in the first screen).
    public var isFirst: Bool
    /// The `sizes` the image is shown at, when its caller knows better than the theme (a `figure`
    /// shortcode's `sizes` argument, for a portrait narrower than the text); nil for the theme's.
    public var sizes: String?

    /// Creates an image record.
    public init(source: String, alt: String, title: String, position: SourcePosition, isFirst: Bool, sizes: String? = nil) {
        self.source = source
        self.alt = alt
        self.title = title
        self.position = position
        self.isFirst = isFirst
        self.sizes = sizes
    }
}

/// What `MarkdownRenderer.renderImage` makes of an image: HTML that replaces it, a problem reported
/// at its position, or both.
public struct MarkdownImageOutput: Sendable, Hashable {
    /// HTML published instead of cmark's `<img>`; nil keeps cmark's (with the loading hints).
    public var html: String?
    /// A problem with the image, reported at its position.
    public var problem: MarkdownProblem.Kind?

    /// Creates an output.
    public init(html: String? = nil, problem: MarkdownProblem.Kind? = nil) {
        self.html = html
        self.problem = problem
    }
}
