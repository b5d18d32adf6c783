internal import SacrumMarkdown

/// Slugs for tags and other generated URL segments, by the same rules as heading ids.
enum SlugMaker {
    static func slug(_ text: String) -> String { HeadingSlug.make(from: text) }
}
