import SacrumContent

/// Treatment and condition pages carry a medical review: who (a provider page or a reviewer listed in
/// site.yaml) and when (not in the future, not older than the review interval).
enum MedicalReviewCheck {
    static func check(_ page: Page, context: CheckContext) -> [Diagnostic] {
        guard page.role == .regular, page.kind.isMedical, let source = page.source else { return [] }
        let frontMatter = source.frontMatter
        let site = context.site
        var diagnostics: [Diagnostic] = []
        guard let reviewedBy = frontMatter.reviewedBy, let lastReviewed = frontMatter.lastReviewed else {
            let missing = [frontMatter.reviewedBy == nil ? "'reviewed_by'" : nil, frontMatter.lastReviewed == nil ? "'last_reviewed'" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            return [
                Diagnostic(
                    .error, id: "medical.review-missing", file: source.file, line: 1, column: 1,
                    message: "this \(page.kind.rawValue) page has no \(missing)",
                    hint: "a clinician must review medical pages: add 'reviewed_by: <provider page or reviewer in site.yaml>' and 'last_reviewed: YYYY-MM-DD'")
            ]
        }
        if page.reviewer == nil {
            let known = site.config.reviewers.map(\.name) + site.pages.filter { $0.kind == .provider && $0.role == .regular }.map(\.title)
            let suggestion = Suggestion.closest(to: reviewedBy.value, in: known)
            diagnostics.append(
                Diagnostic(
                    .error, id: "medical.reviewer-unknown", file: source.file, line: reviewedBy.position.line,
                    column: reviewedBy.position.column,
                    message: "'reviewed_by' names '\(reviewedBy.value)', who is neither a provider page nor a reviewer in site.yaml",
                    hint: suggestion.map { "did you mean '\($0)'?" } ?? "add the reviewer under 'reviewers' in site.yaml, or a provider page"))
        }
        let date = lastReviewed.value
        if date.daysSinceEpoch > context.today.daysSinceEpoch {
            diagnostics.append(
                Diagnostic(
                    .error, id: "medical.review-future", file: source.file, line: lastReviewed.position.line,
                    column: lastReviewed.position.column, message: "'last_reviewed' (\(date.isoDate)) is in the future",
                    hint: "write the date the review actually happened"))
        } else if date.addingMonths(site.config.reviewIntervalMonths).daysSinceEpoch < context.today.daysSinceEpoch {
            diagnostics.append(
                Diagnostic(
                    .warning, id: "medical.review-overdue", file: source.file, line: lastReviewed.position.line,
                    column: lastReviewed.position.column,
                    message: "the medical review of \(date.longEnglish) is more than \(site.config.reviewIntervalMonths) months old",
                    hint: "have a clinician review the page again, then update 'last_reviewed'"))
        }
        return diagnostics
    }
}
