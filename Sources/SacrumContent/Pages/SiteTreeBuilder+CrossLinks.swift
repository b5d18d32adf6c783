extension SiteTreeBuilder {
    // MARK: - References

    /// Finds the page a front-matter reference names. References are paths inside `content/`, with or
    /// without `.md` and a leading `/`: `conditions/back-pain`, `/conditions/back-pain.md`.
    mutating func resolveReference(
        _ reference: Positioned<String>, from source: PageSource, key: String, expecting kind: PageKind?
    ) -> Int? {
        var path = reference.value.trimmed
        while path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        let candidates = path.hasSuffix(".md") ? [path] : [path + ".md", path + "/index.md", path + "/_index.md"]
        guard let target = candidates.compactMap({ pageByContentPath[$0] }).first else {
            if let hidden = candidates.compactMap({ hiddenPages[$0] }).first {
                report(
                    source, reference.position, id: "reference.hidden",
                    "'\(key)' names '\(reference.value)', which is \(hidden.description)",
                    hint: hidden.flag.map { "publish that page, remove it from '\(key)', or build with \($0)" }
                        ?? "remove it from '\(key)'")
                return nil
            }
            let known = pages.compactMap { page -> String? in
                guard let source = page.source, kind == nil || page.kind == kind else { return nil }
                return String(source.contentPath.dropLast(3))
            }
            let suggestion = Suggestion.closest(to: path.hasSuffix(".md") ? String(path.dropLast(3)) : path, in: known)
            report(
                source, reference.position, id: "reference.broken", "'\(key)' names '\(reference.value)', which is not a page",
                hint: suggestion.map { "did you mean '\($0)'?" }
                    ?? "write the path of a page inside content/, without '.md', like 'conditions/back-pain'")
            return nil
        }
        // A translation's references lead to the pages of its own language; a page that does not
        // exist in that language is left out of its lists.
        let language = languageOfSource[source.contentPath] ?? 0
        guard let target = version(of: target, in: language) else { return nil }
        if let kind, pages[target].kind != kind {
            report(
                source, reference.position, id: "reference.kind",
                "'\(key)' names '\(reference.value)', which is a \(pages[target].kind.rawValue) page, not a \(kind.rawValue)",
                hint: "name a \(kind.rawValue) page here")
            return nil
        }
        return target
    }

    // MARK: - Cross-links

    /// A treatment's `conditions` link both ways; a story's `treatment` puts it on that treatment's
    /// page; `related` lists other pages.
    mutating func makeCrossLinks() {
        for index in pages.indices {
            guard let source = pages[index].source, pages[index].role == .regular, pages[index].claimsURL else { continue }
            let frontMatter = source.frontMatter
            if pages[index].kind == .treatment {
                for reference in frontMatter.conditions {
                    guard let condition = resolveReference(reference, from: source, key: "conditions", expecting: .condition),
                        !pages[index].conditions.contains(condition)
                    else { continue }
                    pages[index].conditions.append(condition)
                    pages[condition].treatments.append(index)
                }
            } else if !frontMatter.conditions.isEmpty, let first = frontMatter.conditions.first {
                report(
                    source, first.position, .warning, id: "reference.unused",
                    "'conditions' is only read on treatment pages; this is a \(pages[index].kind.rawValue) page",
                    hint: "list conditions on the treatment pages; condition pages then show their treatments")
            }
            if let reference = frontMatter.treatment {
                if pages[index].kind == .story {
                    if let treatment = resolveReference(reference, from: source, key: "treatment", expecting: .treatment) {
                        pages[index].treatments = [treatment]
                        pages[treatment].stories.append(index)
                    }
                } else {
                    report(
                        source, reference.position, .warning, id: "reference.unused",
                        "'treatment' is only read on story pages; this is a \(pages[index].kind.rawValue) page")
                }
            }
            for reference in frontMatter.related {
                if let target = resolveReference(reference, from: source, key: "related", expecting: nil), target != index,
                    !pages[index].related.contains(target)
                {
                    pages[index].related.append(target)
                }
            }
        }
        let order = PageOrder(pages)
        for index in pages.indices {
            pages[index].treatments.sort(by: order.precedes)
            pages[index].stories.sort(by: order.precedes)
            pages[index].conditions.sort(by: order.precedes)
            if pages[index].kind == .story, let treatment = pages[index].treatments.first {
                pages[index].conditions = pages[treatment].conditions
            }
        }
    }

    // MARK: - Reviewers

    /// `reviewed_by` names a provider page (by path or title) or a reviewer in `site.yaml`. Pages whose
    /// reviewer is unknown keep none; the medical checks report them.
    mutating func resolveReviewers() {
        var providersByTitle: [String: Int] = [:]
        for page in pages where page.kind == .provider && page.role == .regular {
            providersByTitle[page.title.lowercased()] = page.id
        }
        let reviewers = Set(config.reviewers.map { $0.name.lowercased() })
        for index in pages.indices {
            guard let name = pages[index].frontMatter.reviewedBy?.value else { continue }
            let lowered = name.lowercased()
            var path = lowered
            while path.hasPrefix("/") { path.removeFirst() }
            if let page = [path, path + ".md", path + "/index.md"].compactMap({ pageByContentPath[$0] }).first,
                pages[page].kind == .provider
            {
                pages[index].reviewer = .provider(page: page)
            } else if let page = providersByTitle[lowered] {
                pages[index].reviewer = .provider(page: page)
            } else if reviewers.contains(lowered) {
                pages[index].reviewer = .person(name: config.reviewers.first { $0.name.lowercased() == lowered }?.name ?? name)
            }
        }
    }
}
