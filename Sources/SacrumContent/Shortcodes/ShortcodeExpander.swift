internal import SacrumMarkdown

/// Renders a page's Markdown with its shortcodes expanded.
///
/// Every call outside code is replaced by a placeholder word that cmark keeps as text (letters and
/// digits, untouched by smart punctuation), the text is rendered, and each placeholder is swapped for
/// its shortcode's HTML; a call that renders a block (`<figure>`, `<dl>`) alone in a paragraph
/// replaces the whole `<p>…</p>`. Raw HTML in the page stays subject to safe mode; only the
/// templates' HTML gets through. The placeholders start with a prefix derived from a hash of the
/// page's text and absent from it, so page text cannot forge one. Positions cmark reports in the
/// replaced text are mapped back to the page's file, so every later diagnostic points at the right
/// line and column.
struct ShortcodeExpander {
    /// The page's file, for diagnostics.
    public let file: String
    /// The line of the file the Markdown starts on.
    public let firstLine: Int
    /// The page's Markdown renderer (its settings apply to a pair's content too).
    public let renderer: MarkdownRenderer
    /// The shortcodes; `nil` when the theme could not be loaded (calls then render as nothing, and the
    /// theme's own errors say why).
    let shortcodes: (any ShortcodeRendering)?

    /// Pairs nested deeper than this are an error.
    static let nestingLimit = 32

    /// Creates an expander for one page.
    init(file: String, firstLine: Int, renderer: MarkdownRenderer, shortcodes: (any ShortcodeRendering)?) {
        self.file = file
        self.firstLine = firstLine
        self.renderer = renderer
        self.shortcodes = shortcodes
    }

    /// Whether `markdown` may hold a tag at all (`{{`); when it does not, plain rendering is the same.
    static func mayContainTags(_ markdown: String) -> Bool {
        markdown.containsUTF8BytePair(UInt8(ascii: "{"))
    }

    /// The prefix of the placeholders for `markdown`: absent from it, and derived from a hash of it.
    static func placeholderPrefix(for markdown: String) -> String {
        String(decoding: ExpansionPass.prefix(for: Array(markdown.utf8)), as: UTF8.self)
    }

    /// The rendered document and the shortcode problems. `resolveLink` is called for every link and
    /// image (positions already in the file) and for every `link` argument of a shortcode.
    public func render(_ markdown: String, resolveLink: (MarkdownLink) -> String?) -> (MarkdownDocument, [Diagnostic]) {
        var pass = ExpansionPass(expander: self, bytes: Array(markdown.utf8))
        let document = pass.run(resolveLink: resolveLink)
        return (document, pass.diagnostics)
    }
}
