/// A page of the built site: a Markdown file, a section's list page, or a generated list page (a
/// tag's), with its place in the tree and its links to other pages by index into `Site.pages`.
public struct Page: Sendable, Identifiable {
    /// The page's index in `Site.pages`.
    public let id: Int
    /// What sort of page it is in the tree.
    public var role: PageRole
    /// What the page is about.
    public var kind: PageKind
    /// The Markdown file, or `nil` for a generated list page.
    public var source: PageSource?
    /// The title.
    public var title: String
    /// The site path (`/treatments/si-joint-fusion/`).
    public var url: String
    /// The file the page is written to, inside the output folder (`treatments/si-joint-fusion/index.html`).
    public var outputPath: String
    /// The content folder the page's section is (`treatments`; empty for the top).
    public var sectionFolder: String
    /// The list page of the section the page belongs to (`nil` for the home page).
    public var parent: Int?
    /// For list pages: the regular pages listed, in order.
    public var children: [Int] = []
    /// For list pages: the sections inside, in order.
    public var subsections: [Int] = []
    /// From the home page down to the parent, for breadcrumbs.
    public var ancestors: [Int] = []
    /// The page before this one in its section's order.
    public var previous: Int?
    /// The page after this one in its section's order.
    public var next: Int?
    /// For treatments: the conditions it treats. For stories: the conditions of their treatment.
    public var conditions: [Int] = []
    /// For conditions: the treatments that list them. For stories: the treatment they are about.
    public var treatments: [Int] = []
    /// For treatments: the stories about them.
    public var stories: [Int] = []
    /// Pages named in `related`.
    public var related: [Int] = []
    /// The tag list pages of the page's tags.
    public var tagPages: [Int] = []
    /// For medical pages: who reviewed it, as resolved.
    public var reviewer: PageReviewer?
    /// The rendered Markdown, once the content stage has run.
    public var content: MarkdownContent?
    /// False for a page that lost its URL to another page: it stays in the tree, so links to its file
    /// still resolve and do not add follow-on errors, but it is not written (the collision is an error).
    public var claimsURL = true
    /// The page's language: an index into `SiteConfig.siteLanguages` (0, the default, for a site in
    /// one language).
    public var language = 0
    /// The page in each language it exists in, itself included, in the order of `siteLanguages`;
    /// empty when it exists in one language only.
    public var translations: [Int] = []

    /// Creates a page.
    init(
        id: Int, role: PageRole, kind: PageKind, source: PageSource?, title: String, url: String, outputPath: String,
        sectionFolder: String, parent: Int?, language: Int = 0
    ) {
        self.language = language
        self.id = id
        self.role = role
        self.kind = kind
        self.source = source
        self.title = title
        self.url = url
        self.outputPath = outputPath
        self.sectionFolder = sectionFolder
        self.parent = parent
    }

    /// The front matter (empty for generated pages).
    @inlinable public var frontMatter: FrontMatter { source?.frontMatter ?? FrontMatter.empty }

    /// Whether the page lists other pages (home, sections, tags).
    public var isList: Bool { role != .regular }

    /// Whether the page is written to the output: its file could be read and it owns its URL.
    public var isWritten: Bool { claimsURL && (source?.isReadable ?? true) }

    /// The file diagnostics name for this page (`content/contact.md`), or empty for generated pages.
    public var file: String { source?.file ?? "" }

    /// The date shown and used for ordering and the sitemap: `updated`, else `date`.
    public var lastModified: ContentDate? { frontMatter.updated ?? frontMatter.date }
}

/// A page's place in the tree.
public enum PageRole: String, Sendable, Hashable {
    /// `content/_index.md`, or a generated home page.
    case home
    /// A folder's list page, from its `_index.md` or generated.
    case section
    /// A Markdown page.
    case regular
    /// The list of all tags (`/tags/`).
    case tagIndex
    /// The pages of one tag (`/tags/back-pain/`).
    case tag
    /// The page shown for an address that does not exist (`/404.html`); not in the sitemap.
    case notFound
}

/// Who reviewed a medical page.
public enum PageReviewer: Sendable, Hashable {
    /// A provider page of the site.
    case provider(page: Int)
    /// A person listed under `reviewers` in `site.yaml`.
    case person(name: String)
}
