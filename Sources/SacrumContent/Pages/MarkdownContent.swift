public import SacrumMarkdown

/// A page's Markdown, rendered with its links resolved. Immutable and shared by reference, like
/// `PageSource`, so copying a page stays cheap.
public final class MarkdownContent: Sendable, Hashable {
    /// The HTML and what was learned about the document.
    public let document: MarkdownDocument
    /// Links whose `#fragment` still has to be found on the target page once it is rendered.
    public let pendingFragments: [PendingFragment]
    /// Every link and image destination as it is written in the HTML (after rewriting), for checks that
    /// must tell the Markdown's links from the template's.
    public let linkTargets: Set<String>
    /// The HTML of the page's `image` field (a `<picture>` for a processed image), or nil.
    public let image: String?
    /// Every image the page shows (its `image` field, Markdown images, shortcodes' image arguments),
    /// in the order they were resolved, for the image checks (weight, size, animation).
    public let imageReferences: [ImageReference]

    public static func == (lhs: MarkdownContent, rhs: MarkdownContent) -> Bool {
        lhs === rhs || (lhs.document == rhs.document && lhs.pendingFragments == rhs.pendingFragments && lhs.image == rhs.image)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document.html)
    }

    /// Creates rendered content.
    init(
        document: MarkdownDocument, pendingFragments: [PendingFragment], linkTargets: Set<String> = [], image: String? = nil,
        imageReferences: [ImageReference] = []
    ) {
        self.imageReferences = imageReferences
        self.document = document
        self.pendingFragments = pendingFragments
        self.linkTargets = linkTargets
        self.image = image
    }
}

/// An image a page shows, where it is written.
public struct ImageReference: Sendable, Hashable {
    /// The destination as written (`images/office.jpg`).
    public var destination: String
    /// The site path it resolves to (`/images/office.jpg`), or the destination when it is not a file.
    public var url: String
    /// Where it is written in the page's file.
    public var position: SourcePosition

    /// Creates a reference.
    init(destination: String, url: String, position: SourcePosition) {
        self.destination = destination
        self.url = url
        self.position = position
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
    init(target: Int, fragment: String, destination: String, position: SourcePosition) {
        self.target = target
        self.fragment = fragment
        self.destination = destination
        self.position = position
    }
}
