import SacrumContent

/// What the editor must fill in on a page `sacrum new` wrote: every placeholder the
/// `config.placeholder` check reports, and every key the page's kind needs that is still missing or
/// empty (the checks that would fail on it run only when the page is published).
enum NewPageChecklist {
    /// Every item, in the order of the file's lines (items without a line last).
    static func items(for source: PageSource, kind: PageKind) -> [NewPage.Item] {
        let frontMatter = source.frontMatter
        var items = PagePlaceholders.find(in: source).map { found in
            NewPage.Item(
                line: found.line, column: found.column, key: found.key,
                what: found.key.map { placeholderHints[$0] ?? "replace the placeholder" } ?? "the page's text")
        }
        func missing(_ key: String, _ what: String, at position: YAMLPosition? = nil) {
            let position = position ?? frontMatter.keyPositions[key]
            items.append(NewPage.Item(line: position?.line ?? 0, column: position?.column ?? 0, key: key, what: what))
        }
        if kind == .treatment {
            if frontMatter.procedureType == nil { missing("procedure_type", "surgical, percutaneous or noninvasive") }
            if frontMatter.conditions.isEmpty {
                missing("conditions", "the conditions it treats, as content paths ('- conditions/back-pain'), if any")
            }
        }
        if kind.isMedical {
            if frontMatter.reviewedBy == nil { missing("reviewed_by", reviewerHint) }
            if frontMatter.lastReviewed == nil { missing("last_reviewed", "the date of the clinician's review, YYYY-MM-DD") }
        }
        if kind == .story {
            if frontMatter.treatment == nil { missing("treatment", "the treatment the story is about, as a content path ('treatments/si-joint-fusion')") }
            if let authorization = frontMatter.authorization {
                let record = authorization.value
                let position = authorization.position
                if record.id == nil { missing("authorization.id", authorizationIDHint, at: position) }
                if record.signed == nil { missing("authorization.signed", "the date the patient signed it: 'signed: YYYY-MM-DD' under 'authorization:'", at: position) }
                if record.expires == nil { missing("authorization.expires", "the date it ends: 'expires: YYYY-MM-DD' under 'authorization:'", at: position) }
            } else {
                missing("authorization", "the patient's signed authorization: its id, the date signed and when it expires")
            }
        }
        if kind == .provider, frontMatter.jobTitle == nil { missing("job_title", jobTitleHint) }
        // By line and column; items at one place keep the order above (id, signed, expires).
        return items.enumerated().sorted { a, b in
            if (a.element.line == 0) != (b.element.line == 0) { return b.element.line == 0 }
            return (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    private static let reviewerHint =
        "the clinician who reviewed the page: a provider page's title or a name under 'reviewers' in site.yaml"
    private static let jobTitleHint = "the provider's job title and credentials"
    private static let authorizationIDHint = "the number of the patient's signed authorization form"

    /// What to write in place of each front-matter placeholder.
    static let placeholderHints: [String: String] = [
        "title": "the page's title",
        "description": "one sentence of 50 to 160 characters for search results and link previews",
        "reviewed_by": reviewerHint,
        "disclosure": "the typical-results disclosure, as approved",
        "job_title": jobTitleHint,
        "authorization.id": authorizationIDHint,
    ]
}
