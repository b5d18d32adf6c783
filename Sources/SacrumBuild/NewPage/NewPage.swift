public import SacrumContent

/// A page `sacrum new` wrote: where, from which archetype, the URL it will have, and what the editor
/// must still fill in.
public struct NewPage: Sendable, Hashable {
    /// The file written, relative to the site's root (`content/treatments/si-joint-injection.md`).
    public var file: String
    /// The archetype it was made from (`themes/default/archetypes/treatment.md`).
    public var archetype: String
    /// Its kind.
    public var kind: PageKind
    /// Its title.
    public var title: String
    /// Its site path, by the build's own rules (`/treatments/si-joint-injection/`).
    public var sitePath: String
    /// Its address once published (`https://www.example.com/treatments/si-joint-injection/`).
    public var url: String
    /// The date written for `{{date}}`, if the archetype has one.
    public var date: String?
    /// The time zone `date` is today in: site.yaml's `timezone`, or `nil` for UTC.
    public var timeZone: String?
    /// Whether the page says `draft: true`.
    public var isDraft: Bool
    /// What to fill in before publishing.
    public var items: [Item]

    /// One thing to fill in.
    public struct Item: Sendable, Hashable {
        /// 1-based line in the file, or 0 when the key is not written yet.
        public var line: Int
        /// 1-based column, or 0.
        public var column: Int
        /// The front-matter key (`procedure_type`, `authorization.signed`), or `nil` for the text.
        public var key: String?
        /// What to write.
        public var what: String
    }

    /// What `sacrum new` prints: the file, its URL, the date, what to fill in and how to publish it.
    public var summary: String {
        let article = kind == .article ? "an" : "a"
        var lines = ["Created \(file) (\(article) \(kind.rawValue), from \(archetype))."]
        lines.append("  URL:  \(url)")
        if let date {
            lines.append("  date: \(date) (today in \(timeZone ?? "UTC, since site.yaml sets no timezone"))")
        }
        if !items.isEmpty {
            lines.append("Fill in before publishing:")
            for item in items {
                let location = item.line > 0 ? "\(file):\(item.line):\(item.column)" : file
                lines.append("  \(location): " + (item.key.map { "\($0): " } ?? "") + item.what)
            }
        }
        if isDraft {
            lines.append("It is a draft: 'sacrum serve --drafts' shows it; delete 'draft: true' to publish it.")
        }
        return lines.joined(separator: "\n")
    }
}
