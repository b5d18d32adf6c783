import SacrumContent

/// What the build keeps of a rendered page once its HTML is written: the problems its own checks found,
/// and the little the checks across pages need (its `id` values, and the links its template makes to
/// `#fragments` of other pages). The HTML itself is read once, where the page is rendered, and not
/// kept: a site of 10,000 pages holds 10,000 of these, not 10,000 pages.
struct PageFacts: Sendable, Hashable {
    /// The values of the page's `id` attributes: what a link to `page#fragment` may name.
    var ids: Set<String>
    /// Links the page's template produced to a `#fragment` of another page, checked once every page's
    /// ids are known (`TemplateLinkCheck.checkFragments`).
    var fragmentLinks: [FragmentLink]
    /// The problems of the checks that read only this page (`SiteChecks.checkPage`).
    var diagnostics: [Diagnostic]

    /// A link to `target#fragment` that a template wrote.
    struct FragmentLink: Sendable, Hashable {
        /// The link as written (`/contact/#hours`), for the message and for finding it in the template.
        var url: String
        /// The output path of the page it leads to (`contact/index.html`).
        var target: String
        /// That page's index, so that the check across pages needs no table of every page's path.
        var targetPage: Int
        /// The id it names (`hours`).
        var fragment: String
    }
}
