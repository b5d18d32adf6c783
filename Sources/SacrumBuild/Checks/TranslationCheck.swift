import SacrumContent

/// The checks of a site in several languages:
/// - a translation says who reviewed it and when (`translation_review: {by: ..., date: YYYY-MM-DD}`);
///   without it, a warning like a placeholder's, since a patient may act on the translated words;
/// - a translation reviewed before its original's last medical review may say what the original no
///   longer says: a warning;
/// - pages that exist in one language only: a note per language, for `sacrum check`.
enum TranslationCheck {
    static func check(_ page: Page, context: CheckContext) -> [Diagnostic] {
        let site = context.site
        guard site.config.isMultilingual, page.language != 0, let source = page.source else { return [] }
        let frontMatter = source.frontMatter
        let languages = site.config.languages
        let tag = languages[min(page.language, languages.count - 1)].tag
        guard let review = frontMatter.params["translation_review"] else {
            return [
                Diagnostic(
                    .warning, id: "lang.translation-review", file: source.file, line: 1, column: 1,
                    message: "this \(tag) translation does not say who reviewed it and when ('translation_review')",
                    hint: "have a qualified translator review it, then add 'translation_review: {by: <name, credentials>, date: YYYY-MM-DD}'")
            ]
        }
        let position = frontMatter.keyPositions["translation_review"] ?? YAMLPosition(line: 1, column: 1)
        guard case .mapping(let fields) = review, case .text(let by)? = fields["by"], !by.isEmpty, let dateValue = fields["date"] else {
            return [
                Diagnostic(
                    .warning, id: "lang.translation-review", file: source.file, line: position.line, column: position.column,
                    message: "'translation_review' must name who reviewed the translation ('by') and when ('date')",
                    hint: "write 'translation_review: {by: <name, credentials>, date: YYYY-MM-DD}'")
            ]
        }
        // A placeholder is reported by config.placeholder; a date compares with the original's review.
        guard case .text(let text) = dateValue, !text.uppercased().contains("PLACEHOLDER") else { return [] }
        let reviewed: ContentDate
        do {
            reviewed = try ContentDate.parse(text)
        } catch {
            return [
                Diagnostic(
                    .warning, id: "lang.translation-review", file: source.file, line: position.line, column: position.column,
                    message: "'translation_review.date' ('\(text)') is not a date",
                    hint: "write the date of the translator's review as YYYY-MM-DD")
            ]
        }
        guard let original = page.translations.first, original != page.id,
            let originalReview = site.pages[original].frontMatter.lastReviewed?.value,
            originalReview.daysSinceEpoch > reviewed.daysSinceEpoch
        else { return [] }
        return [
            Diagnostic(
                .warning, id: "lang.translation-outdated", file: source.file, line: position.line, column: position.column,
                message: "the \(languages[0].tag) page changed since this translation was reviewed: \(site.pages[original].file) was medically reviewed on \(originalReview.isoDate), the translation on \(reviewed.isoDate)",
                hint: "bring the translation up to date with \(site.pages[original].file), have it reviewed, then update 'translation_review.date'")
        ]
    }

    /// A note per language listing the pages that have no version in it.
    static func checkSite(_ context: CheckContext) -> [Diagnostic] {
        let site = context.site
        guard site.config.isMultilingual else { return [] }
        var diagnostics: [Diagnostic] = []
        for (index, language) in site.config.languages.enumerated().dropFirst() {
            let missing = site.pages.filter { page in
                page.language == 0 && page.source != nil && page.isWritten
                    && (page.role == .regular || page.role == .section || page.role == .home)
                    && site.translation(of: page.id, in: index) == nil
            }
            guard !missing.isEmpty else { continue }
            let listed = missing.prefix(10).map(\.url).joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
            diagnostics.append(
                Diagnostic(
                    .note, id: "lang.untranslated", file: "site.yaml", line: language.position.line, column: language.position.column,
                    message: "\(missing.count) \(missing.count == 1 ? "page exists" : "pages exist") in \(site.config.languages[0].tag) only, not in \(language.tag): \(listed)",
                    hint: "translate a page as <name>.\(language.code).md beside it; until then its \(language.tag) readers get the \(language.tag) home page from the language switch"))
        }
        return diagnostics
    }
}
