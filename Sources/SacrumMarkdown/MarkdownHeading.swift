/// A heading of a rendered document: one entry of its table of contents.
public struct MarkdownHeading: Sendable, Hashable {
    /// 1 for `#`, up to 6.
    public var level: Int
    /// The heading's plain text, without an explicit `{#id}`.
    public var text: String
    /// The `id` attribute the heading carries in the HTML, unique within the document.
    public var id: String
    /// Whether the author wrote the id (`## Recovery {#after-surgery}`).
    public var hasExplicitID: Bool
    /// Where the heading starts in the source.
    public var position: SourcePosition

    /// Creates a heading record.
    public init(level: Int, text: String, id: String, hasExplicitID: Bool, position: SourcePosition) {
        self.level = level
        self.text = text
        self.id = id
        self.hasExplicitID = hasExplicitID
        self.position = position
    }
}
