/// What a page is about; decides its template, the keys its front matter needs, and its checks.
///
/// Six kinds are built in. A site adds its own by naming them in `site.yaml`'s `section_kinds`
/// (`locations: location`): their pages have no kind-specific keys or checks and render with the
/// template named like the kind if the theme has one, else like any page (see `TemplateLookup`).
public struct PageKind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    /// The kind named `rawValue`, if it is a kind name: lower-case ASCII letters, digits and inner
    /// hyphens, starting with a letter (it becomes a template name and a CSS-friendly word).
    public init?(rawValue: String) {
        guard Self.isName(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(builtIn name: String) {
        rawValue = name
    }

    /// A treatment or procedure (SI-joint fusion, SI-joint injection).
    public static let treatment = PageKind(builtIn: "treatment")
    /// A condition the practice treats (back pain, leg and buttock pain).
    public static let condition = PageKind(builtIn: "condition")
    /// A patient story (a testimonial).
    public static let story = PageKind(builtIn: "story")
    /// A provider's biography.
    public static let provider = PageKind(builtIn: "provider")
    /// A dated article or news item.
    public static let article = PageKind(builtIn: "article")
    /// Anything else: contact, privacy notice, about.
    public static let page = PageKind(builtIn: "page")

    /// The kinds Sacrum knows the meaning of, in the order help texts list them.
    public static let builtIn: [PageKind] = [.treatment, .condition, .story, .provider, .article, .page]

    /// Whether Sacrum knows this kind's meaning (else the site defined it).
    public var isBuiltIn: Bool { Self.builtIn.contains(self) }

    /// Whether pages of this kind give medical information and must carry a medical review.
    public var isMedical: Bool { self == .treatment || self == .condition }

    public var description: String { rawValue }

    private static func isName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 64,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), last != UInt8(ascii: "-")
        else { return false }
        return bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "-")
        }
    }
}
