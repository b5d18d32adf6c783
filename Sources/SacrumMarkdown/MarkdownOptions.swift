/// How `MarkdownRenderer` parses and renders a document.
///
/// The defaults are the safe, editor-friendly choice: typographic punctuation, no raw HTML, no
/// `javascript:` links, heading ids, and lazy-loading images.
public struct MarkdownOptions: Sendable, Hashable {
    /// Turn straight quotes into curly ones, `--` into an en dash, `---` into an em dash and `...`
    /// into an ellipsis.
    public var smartPunctuation: Bool
    /// Keep raw HTML and links with dangerous schemes (`javascript:`, `vbscript:`, `file:`, most
    /// `data:`). Off by default: cmark replaces raw HTML with `<!-- raw HTML omitted -->` and empties
    /// dangerous URLs.
    public var unsafe: Bool
    /// Give every heading an `id` attribute (a slug of its text, or an explicit `{#id}`).
    public var headingIDs: Bool
    /// Add `loading="lazy"` and `decoding="async"` to every image.
    public var imageLoadingHints: Bool
    /// Add cmark's `data-sourcepos` attributes to block elements in the HTML.
    public var sourcePositionsInHTML: Bool

    /// Creates options; every argument has the safe default.
    public init(
        smartPunctuation: Bool = true,
        unsafe: Bool = false,
        headingIDs: Bool = true,
        imageLoadingHints: Bool = true,
        sourcePositionsInHTML: Bool = false
    ) {
        self.smartPunctuation = smartPunctuation
        self.unsafe = unsafe
        self.headingIDs = headingIDs
        self.imageLoadingHints = imageLoadingHints
        self.sourcePositionsInHTML = sourcePositionsInHTML
    }

    /// Options under which `MarkdownRenderer` changes nothing in cmark's own output.
    public static let plainCmark = MarkdownOptions(
        smartPunctuation: false, headingIDs: false, imageLoadingHints: false)
}
