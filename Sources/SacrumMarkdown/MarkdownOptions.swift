/// How `MarkdownRenderer` parses and renders a document.
///
/// The defaults are the safe, editor-friendly choice: typographic punctuation, no raw HTML, no
/// `javascript:` links, heading ids, lazy-loading images, and the GitHub-flavoured extensions.
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
    /// GitHub-flavoured pipe tables.
    public var tables: Bool
    /// GitHub-flavoured `~~strikethrough~~`.
    public var strikethrough: Bool
    /// GitHub-flavoured extended autolinks: `www.`, `http(s)://` and e-mail addresses in text.
    public var autolinks: Bool
    /// GitHub-flavoured task list items (`- [x] done`), rendered as disabled checkboxes.
    public var taskLists: Bool
    /// Footnotes: `[^label]` references and `[^label]: text` definitions, as a numbered list at the end.
    public var footnotes: Bool
    /// Alerts: `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]` as asides with a title.
    public var alerts: Bool
    /// Accessibility markup that GitHub's HTML lacks: `scope="col"` on table header cells, each table
    /// in a focusable, labelled region that scrolls sideways on a narrow screen, labels on the
    /// footnotes section and its back-links. Off only to compare with GitHub's exact HTML.
    public var accessibleHTML: Bool

    /// Creates options; every argument has the safe default.
    public init(
        smartPunctuation: Bool = true,
        unsafe: Bool = false,
        headingIDs: Bool = true,
        imageLoadingHints: Bool = true,
        sourcePositionsInHTML: Bool = false,
        tables: Bool = true,
        strikethrough: Bool = true,
        autolinks: Bool = true,
        taskLists: Bool = true,
        footnotes: Bool = true,
        alerts: Bool = true,
        accessibleHTML: Bool = true
    ) {
        self.smartPunctuation = smartPunctuation
        self.unsafe = unsafe
        self.headingIDs = headingIDs
        self.imageLoadingHints = imageLoadingHints
        self.sourcePositionsInHTML = sourcePositionsInHTML
        self.tables = tables
        self.strikethrough = strikethrough
        self.autolinks = autolinks
        self.taskLists = taskLists
        self.footnotes = footnotes
        self.alerts = alerts
        self.accessibleHTML = accessibleHTML
    }

    /// Options under which `MarkdownRenderer` changes nothing in cmark's own output.
    public static let plainCmark = MarkdownOptions(
        smartPunctuation: false, headingIDs: false, imageLoadingHints: false, tables: false,
        strikethrough: false, autolinks: false, taskLists: false, footnotes: false, alerts: false, accessibleHTML: false)
}
