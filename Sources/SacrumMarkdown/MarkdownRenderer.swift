/// Renders Markdown (CommonMark, through libcmark) to HTML and collects what the rest of Sacrum
/// needs to know about the document: headings with unique ids, every link and image with its source
/// position, plain text and a summary.
///
/// A renderer is a plain value and safe to use from many tasks at once: every call parses its own
/// cmark tree and frees it before returning.
///
/// ```swift
/// let renderer = MarkdownRenderer()
/// let document = renderer.render("## Recovery\nSee [back pain](../conditions/back-pain.md).") { link in
///     link.destination == "../conditions/back-pain.md" ? "/conditions/back-pain/" : nil
/// }
/// // document.html == "<h2 id=\"recovery\">Recovery</h2>\n<p>See <a href=\"/conditions/back-pain/\">back pain</a>.</p>\n"
/// ```
public struct MarkdownRenderer: Sendable {
    /// The options every call uses.
    public var options: MarkdownOptions
    /// Where cmark's memory comes from.
    public var allocator: MarkdownAllocator
    /// Called for every image, in document order, after `rewriteLink`: returns the HTML to publish
    /// instead of cmark's `<img>` (a `<picture>` with sized variants) and any problem with the image.
    /// Nil, or a nil result, keeps cmark's `<img>` with the loading hints.
    public var renderImage: (@Sendable (MarkdownImage) -> MarkdownImageOutput?)?
    /// Whether the document's first image is handed to `renderImage` as the page's first image
    /// (`MarkdownImage.isFirst`, loaded eagerly). Off when an image before it (a page's `image` field,
    /// an earlier `figure`) is the page's first.
    public var firstImageIsEager = true

    /// Most image openers (`![`) accepted in one paragraph; see `MarkdownProblem.Kind.tooManyImageOpeners`.
    public static var maximumImageOpenersPerParagraph: Int { PathologicalPattern.maximumImageOpenersPerParagraph }

    /// Creates a renderer.
    public init(options: MarkdownOptions = MarkdownOptions(), allocator: MarkdownAllocator = .arena) {
        self.options = options
        self.allocator = allocator
        self.renderImage = nil
    }

    /// Renders `markdown`.
    ///
    /// - Parameters:
    ///   - markdown: The Markdown text (the body of a page, after its front matter).
    ///   - firstLine: The line of the file on which `markdown` starts, so that positions in the result
    ///     are positions in the file.
    ///   - rewriteLink: Called once for every link and image destination, in document order, before
    ///     the HTML is produced. Return a new destination, or `nil` to keep it. Destinations with a
    ///     dangerous scheme are removed in safe mode and not passed to it.
    /// - Returns: The HTML and what was learned about the document. A document that would make cmark
    ///   take minutes (see `MarkdownProblem.Kind.tooManyImageOpeners`) is not rendered; its one
    ///   problem says where it is.
    public func render(
        _ markdown: String,
        firstLine: Int = 1,
        rewriteLink: (MarkdownLink) -> String? = { _ in nil }
    ) -> MarkdownDocument {
        if let found = PathologicalPattern.tooManyImageOpeners(in: markdown) {
            let problem = MarkdownProblem(
                kind: .tooManyImageOpeners, position: SourcePosition(line: found + firstLine - 1, column: 1))
            return MarkdownDocument(html: "", headings: [], links: [], plainText: "", summary: "", problems: [problem])
        }
        return CmarkRenderPass(options: options, allocator: allocator, lineOffset: firstLine - 1, renderImage: renderImage, firstImageIsEager: firstImageIsEager).run(markdown, rewriteLink: rewriteLink)
    }
}

/// Where cmark allocates a document's nodes and buffers.
public enum MarkdownAllocator: Sendable, Hashable {
    /// A per-thread arena, reset after every document: about a fifth faster than `system` on typical
    /// pages, because cmark otherwise makes a heap allocation for every node.
    case arena
    /// `malloc` and `free`, node by node. Every allocation is visible to valgrind and LeakSanitizer, so
    /// leak checks use this to prove that every node, iterator and string is freed.
    case system
}
