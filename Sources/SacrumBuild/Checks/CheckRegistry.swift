/// Every check Sacrum runs, by its stable id: what reports show and what front matter's
/// `ignore_checks` may name.
public enum CheckRegistry {
    /// A check's id and what it looks for.
    public struct Check: Sendable, Hashable {
        /// The stable id (`a11y.alt-missing`).
        public var id: String
        /// One line saying what it reports.
        public var summary: String
    }

    /// All checks.
    public static let all: [Check] = [
        Check(id: "link.broken", summary: "A link or image in Markdown goes nowhere."),
        Check(id: "link.anchor", summary: "A link names a #fragment its target page does not have."),
        Check(id: "link.hidden", summary: "A link leads to a draft, future or expired page."),
        Check(id: "link.outside", summary: "A link leaves the content folder."),
        Check(id: "link.empty", summary: "A link or image has no destination."),
        Check(id: "link.local-file", summary: "A link or image names a file on a Windows computer (C:\\...)."),
        Check(id: "link.template", summary: "A link, image or asset that a template produced goes nowhere."),
        Check(id: "url.collision", summary: "Two pages, files or aliases claim one URL."),
        Check(id: "url.reserved", summary: "A page claims a file Sacrum generates (sitemap.xml, 404.html, robots.txt, feed.xml)."),
        Check(id: "alias.collision", summary: "An alias collides with a page or another alias."),
        Check(id: "a11y.alt-missing", summary: "An image has no alt text."),
        Check(id: "a11y.alt-meaningless", summary: "An image's alt text is a file name or a word like 'image'."),
        Check(id: "a11y.heading-skip", summary: "A heading skips a level (h2 to h4)."),
        Check(id: "a11y.h1-duplicate", summary: "The content has its own h1 besides the page title."),
        Check(id: "a11y.link-text", summary: "Link text that says nothing ('click here', 'read more')."),
        Check(id: "a11y.link-empty", summary: "A link without text."),
        Check(id: "a11y.table-header", summary: "A table without a header row."),
        Check(id: "medical.review-missing", summary: "A treatment or condition page without reviewed_by and last_reviewed."),
        Check(id: "medical.reviewer-unknown", summary: "reviewed_by names nobody the site knows."),
        Check(id: "medical.review-overdue", summary: "The medical review is older than the review interval."),
        Check(id: "medical.review-future", summary: "last_reviewed is in the future."),
        Check(id: "medical.procedure-type", summary: "A treatment without procedure_type (its JSON-LD says only MedicalProcedure)."),
        Check(id: "story.authorization-missing", summary: "A patient story without its authorization record (id, signed, expires)."),
        Check(id: "story.authorization-expired", summary: "A patient story whose authorization has expired (left out)."),
        Check(id: "story.treatment-missing", summary: "A patient story that names no treatment."),
        Check(id: "story.disclosure-missing", summary: "A patient story shown without the typical-results disclosure."),
        Check(id: "story.outcome-claim", summary: "An outcome claim in a story (a percentage, 'cure', 'guaranteed', 'painless', 'full relief')."),
        Check(id: "nap.phone", summary: "A phone number in content or templates that is not site.yaml's."),
        Check(id: "nap.tel", summary: "A tel: link that is not site.yaml's phone_link."),
        Check(id: "nap.hours", summary: "Opening hours in content or templates that differ from site.yaml's."),
        Check(id: "config.placeholder", summary: "A value in site.yaml or front matter, or a page's text, is still a placeholder."),
        Check(id: "privacy.external-resource", summary: "A page loads something from another host."),
        Check(id: "seo.title-missing", summary: "A page without a title."),
        Check(id: "seo.title-duplicate", summary: "Two pages with the same title."),
        Check(id: "seo.description-missing", summary: "A page without a description."),
        Check(id: "seo.description-duplicate", summary: "Two pages with the same description."),
        Check(id: "seo.description-length", summary: "A description shorter than 50 or longer than 160 characters."),
        Check(id: "seo.canonical-missing", summary: "A page without a canonical link."),
        Check(id: "lang.cross-link", summary: "A link to a page in another language that does not say so."),
        Check(id: "lang.translation-review", summary: "A translation without translation_review (who reviewed it, when)."),
        Check(id: "lang.translation-outdated", summary: "A translation reviewed before its original's last medical review."),
        Check(id: "lang.untranslated", summary: "Pages that exist in the default language only (a note)."),
    ]

    /// The ids of all checks.
    public static let ids: Set<String> = Set(all.map(\.id))
}
