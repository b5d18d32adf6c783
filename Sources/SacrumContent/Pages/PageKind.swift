/// What a page is about; decides its template, the keys its front matter needs, and its checks.
public enum PageKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A treatment or procedure (SI-joint fusion, SI-joint injection).
    case treatment
    /// A condition the practice treats (back pain, leg and buttock pain).
    case condition
    /// A patient story (a testimonial).
    case story
    /// A provider's biography.
    case provider
    /// A dated article or news item.
    case article
    /// Anything else: contact, privacy notice, about.
    case page

    /// Whether pages of this kind give medical information and must carry a medical review.
    public var isMedical: Bool { self == .treatment || self == .condition }
}
