/// A page's front matter, decoded into typed values. Keys Sacrum does not know are kept in `params`
/// for templates.
public struct FrontMatter: Sendable, Hashable {
    /// The page title (required for pages; section pages fall back to the folder name).
    public var title: String?
    /// A one-sentence description for search results and link previews.
    public var description: String?
    /// When the page was first published.
    public var date: ContentDate?
    /// When the page last changed in a way readers should know (`updated`, or Hugo's `lastmod`).
    public var updated: ContentDate?
    /// Hidden until this date unless the build runs with `--future`.
    var publishDate: ContentDate?
    /// Hidden from this date unless the build runs with `--expired`.
    var expiryDate: ContentDate?
    /// Hidden unless the build runs with `--drafts`.
    public var draft = false
    /// Sort order within the section; lower first, unset last.
    public var weight: Int?
    /// Replaces the last part of the URL.
    var slug: Positioned<String>?
    /// Replaces the whole URL (a path inside the site).
    public var url: Positioned<String>?
    /// Old URLs that redirect to this page.
    public var aliases: [Positioned<String>] = []
    /// A template name to use instead of the kind's.
    public var layout: Positioned<String>?
    /// The page kind, overriding the section's.
    public var kind: Positioned<PageKind>?
    /// Tags; each gets a list page.
    public var tags: [String] = []
    /// A summary for list pages; without it, the first paragraph is used.
    public var summary: String?
    /// Who reviewed a medical page: a provider page or a reviewer in `site.yaml`.
    public var reviewedBy: Positioned<String>?
    /// When the medical review happened.
    public var lastReviewed: Positioned<ContentDate>?
    /// For treatments: the conditions it treats, as content paths (`conditions/back-pain`).
    public var conditions: [Positioned<String>] = []
    /// For treatments: what kind of procedure it is, for structured data.
    public var procedureType: Positioned<ProcedureType>?
    /// For treatments and conditions: the part of the body concerned (`Sacroiliac joint`).
    public var bodyLocation: String?
    /// For stories: the treatment the story is about, as a content path.
    public var treatment: Positioned<String>?
    /// For stories: the patient's written authorization to publish it.
    public var authorization: Positioned<StoryAuthorization>?
    /// For stories: a disclosure to show instead of the site's default.
    public var disclosure: String?
    /// For providers: job title and credentials (`Interventional pain physician`).
    public var jobTitle: String?
    /// `image`: the page's picture (a provider's portrait, an article's photo), relative to the page
    /// like an image link; templates show it as `{{{page.image}}}`, processed like a Markdown image.
    public var image: Positioned<String>?
    /// `image_alt`: the description of `image` for readers who cannot see it.
    var imageAlt: String?
    /// Other pages to list as related, as content paths.
    public var related: [Positioned<String>] = []
    /// Checks this page opts out of, each with the reason.
    public var ignoredChecks: [IgnoredCheck] = []
    /// Every other key, for templates (`{{page.params.key}}`).
    public var params: [String: FrontMatterValue] = [:]
    /// Where each key was written, for diagnostics about the page as a whole.
    public var keyPositions: [String: YAMLPosition] = [:]

    /// Creates an empty front matter.
    init() {}

    /// The front matter of a page that has none.
    public static let empty = FrontMatter()
}

/// A value with the place in its file where it was written.
public struct Positioned<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var position: YAMLPosition

    /// Creates a positioned value.
    init(_ value: Value, at position: YAMLPosition) {
        self.value = value
        self.position = position
    }
}

/// The kind of procedure a treatment is, as schema.org's `MedicalProcedureType` knows it.
public enum ProcedureType: String, Sendable, Hashable, CaseIterable {
    /// Surgery, however minimally invasive (SI-joint fusion).
    case surgical
    /// Through a needle puncture of the skin (an SI-joint injection).
    case percutaneous
    /// Without entering the body (physical therapy).
    case noninvasive
}

/// A patient's written authorization to publish their story.
public struct StoryAuthorization: Sendable, Hashable {
    /// The practice's record id for the signed form.
    public var id: String?
    /// When it was signed.
    public var signed: ContentDate?
    /// When it expires.
    public var expires: ContentDate?
    /// Whether the signed form covers publishing the patient's photo (`photo: true`).
    public var photo: Bool

    /// Creates an authorization record.
    init(id: String?, signed: ContentDate?, expires: ContentDate?, photo: Bool = false) {
        self.id = id
        self.signed = signed
        self.expires = expires
        self.photo = photo
    }
}

/// A check a page opts out of, with the reason the author gave.
public struct IgnoredCheck: Sendable, Hashable {
    /// The check's id (`a11y.alt-missing`).
    public var id: String
    /// Why.
    var reason: String
    /// Where it was written.
    public var position: YAMLPosition

    /// Creates a record.
    init(id: String, reason: String, position: YAMLPosition) {
        self.id = id
        self.reason = reason
        self.position = position
    }
}

/// A front-matter value Sacrum does not interpret, kept for templates. Plain scalars are typed by
/// YAML 1.2's core schema (`true`, `12`, `1.5`, `null`); everything else is text.
public indirect enum FrontMatterValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case list([FrontMatterValue])
    case mapping([String: FrontMatterValue])

    /// Converts a YAML value.
    init(_ value: YAMLValue) {
        switch value {
        case .scalar(let text, let isPlain, _):
            guard isPlain else {
                self = .text(text)
                return
            }
            if value.isNull {
                self = .null
            } else if text == "true" || text == "True" || text == "TRUE" {
                self = .bool(true)
            } else if text == "false" || text == "False" || text == "FALSE" {
                self = .bool(false)
            } else if let integer = Int(text) {
                self = .integer(integer)
            } else if text.contains(where: \.isNumber), let number = Double(text), number.isFinite {
                self = .number(number)
            } else {
                self = .text(text)
            }
        case .sequence(let elements, _):
            self = .list(elements.map(FrontMatterValue.init))
        case .mapping(let pairs, _):
            var mapping: [String: FrontMatterValue] = [:]
            for pair in pairs { mapping[pair.key] = FrontMatterValue(pair.value) }
            self = .mapping(mapping)
        }
    }
}
