/// A link or image destination found in a document, handed to the link rewriter and kept in
/// `MarkdownDocument.links` so that later checks can report it at its place in the source.
public struct MarkdownLink: Sendable, Hashable {
    /// Whether the destination belongs to a link or to an image.
    public enum Kind: Sendable, Hashable {
        /// `[text](destination)`, a reference link or an autolink.
        case link
        /// `![alt](destination)`.
        case image
    }

    /// Link or image.
    public var kind: Kind
    /// The destination as written (entities and escapes already decoded by cmark).
    public var destination: String
    /// The optional title (`[text](url "title")`).
    public var title: String
    /// The plain text of the link, or the alt text of the image.
    public var text: String
    /// Where the link or image starts in the source.
    public var position: SourcePosition

    /// Creates a link record.
    public init(kind: Kind, destination: String, title: String, text: String, position: SourcePosition) {
        self.kind = kind
        self.destination = destination
        self.title = title
        self.text = text
        self.position = position
    }
}
