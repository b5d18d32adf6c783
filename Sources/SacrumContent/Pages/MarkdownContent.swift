public import SacrumMarkdown

/// A page's Markdown, rendered with its links resolved.
public struct MarkdownContent: Sendable, Hashable {
    /// The HTML and what was learned about the document.
    public var document: MarkdownDocument
    /// Links whose `#fragment` still has to be found on the target page once it is rendered.
    public var pendingFragments: [PendingFragment]

    /// Creates rendered content.
    public init(document: MarkdownDocument, pendingFragments: [PendingFragment]) {
        self.document = document
        self.pendingFragments = pendingFragments
    }
}

/// A link to `#fragment` on another page (or this one), checked after rendering.
public struct PendingFragment: Sendable, Hashable {
    /// The page the fragment must exist on.
    public var target: Int
    /// The fragment, without `#`.
    public var fragment: String
    /// The destination as written, for the message.
    public var destination: String
    /// Where the link is written.
    public var position: SourcePosition

    /// Creates a record.
    public init(target: Int, fragment: String, destination: String, position: SourcePosition) {
        self.target = target
        self.fragment = fragment
        self.destination = destination
        self.position = position
    }
}
