import SacrumContent
import SacrumMarkdown

/// The JSON-LD graph of a page, built from the same front matter and `site.yaml` that render the
/// visible page, so the two cannot drift: the practice as a `MedicalClinic` (phone, address, opening
/// hours with the lunch closure as two ranges on the same day), the page as a `WebPage` or, on medical
/// pages, a `MedicalWebPage` with `lastReviewed` and `reviewedBy`, the treatment as a
/// `SurgicalProcedure` or a percutaneous `TherapeuticProcedure` (a plain `MedicalProcedure` when the
/// front matter has no `procedure_type`), the condition as a `MedicalCondition`,
/// and a `BreadcrumbList`. Never review or rating markup: stories are testimonials, not reviews.
enum StructuredData {
    /// The page's JSON-LD; `clinic` is `serializedClinic(site)`, which is the same on every page.
    static func jsonLD(for page: Page, in site: Site, clinic: JSONValue? = nil) -> String {
        var graph: [JSONValue] = [clinic ?? self.clinic(site)]
        if page.role == .home { graph.append(website(site)) }
        graph.append(webPage(page, in: site))
        if let entity = mainEntity(page, in: site) { graph.append(entity) }
        if page.role != .notFound { graph.append(breadcrumbs(page, in: site)) }
        return JSONValue.object([("@context", "https://schema.org"), ("@graph", .array(graph))]).serialized()
    }

    private static func id(_ site: Site, _ path: String, _ fragment: String) -> JSONValue {
        .string(site.absoluteURL(path) + "#" + fragment)
    }

    /// The practice's node, serialized once for all the pages of a build.
    static func serializedClinic(_ site: Site) -> JSONValue {
        .serializedJSON(Array(clinic(site).serialized().utf8))
    }

    static func clinic(_ site: Site) -> JSONValue {
        let practice = site.config.practice
        let address = practice.address
        var hours: [JSONValue] = []
        for group in practice.hours.groupedByRange {
            hours.append(
                .object([
                    ("@type", "OpeningHoursSpecification"),
                    ("dayOfWeek", .array(group.days.map { .string($0.schemaName) })),
                    ("opens", .string(group.range.opens24)),
                    ("closes", .string(group.range.closes24)),
                ]))
        }
        return .object([
            ("@type", "MedicalClinic"),
            ("@id", id(site, "/", "clinic")),
            ("name", .string(practice.name)),
            ("url", .string(site.absoluteURL("/"))),
            ("telephone", .string(practice.phoneInternational)),
            (
                "address",
                .object([
                    ("@type", "PostalAddress"),
                    ("streetAddress", .string(address.street)),
                    ("addressLocality", .string(address.city)),
                    ("addressRegion", .string(address.region)),
                    ("postalCode", .string(address.postalCode)),
                    ("addressCountry", .string(address.country)),
                ])
            ),
            ("openingHoursSpecification", .array(hours)),
        ])
    }

    private static func website(_ site: Site) -> JSONValue {
        .object([
            ("@type", "WebSite"),
            ("@id", id(site, "/", "website")),
            ("name", .string(site.config.title)),
            ("url", .string(site.absoluteURL("/"))),
            ("inLanguage", .string(site.config.language)),
            ("publisher", .object([("@id", id(site, "/", "clinic"))])),
        ])
    }

    private static func webPage(_ page: Page, in site: Site) -> JSONValue {
        let frontMatter = page.frontMatter
        let isMedical = page.kind.isMedical && page.role == .regular
        var pairs: [(String, JSONValue)] = [
            ("@type", isMedical ? "MedicalWebPage" : "WebPage"),
            ("@id", id(site, page.url, "webpage")),
            ("url", .string(site.absoluteURL(page.url))),
            ("name", .string(page.title)),
            ("inLanguage", .string(site.config.isMultilingual ? site.config.languages[min(page.language, site.config.languages.count - 1)].tag : site.config.language)),
            ("isPartOf", .object([("@id", id(site, "/", "website"))])),
        ]
        if let description = frontMatter.description, !description.isEmpty { pairs.append(("description", .string(description))) }
        if let date = frontMatter.date { pairs.append(("datePublished", .string(date.iso8601Short))) }
        if let updated = frontMatter.updated { pairs.append(("dateModified", .string(updated.iso8601Short))) }
        if isMedical {
            pairs.append(("medicalAudience", .object([("@type", "MedicalAudience"), ("audienceType", "Patient")])))
            if let reviewed = frontMatter.lastReviewed { pairs.append(("lastReviewed", .string(reviewed.value.isoDate))) }
            if let reviewer = reviewer(page, in: site) { pairs.append(("reviewedBy", reviewer)) }
            pairs.append(("about", .object([("@id", id(site, page.url, "topic"))])))
            let related = (page.conditions + page.treatments).map { JSONValue.string(site.absoluteURL(site.pages[$0].url)) }
            if !related.isEmpty { pairs.append(("relatedLink", .array(related))) }
        }
        if page.role != .notFound {
            pairs.append(("breadcrumb", .object([("@id", id(site, page.url, "breadcrumb"))])))
        }
        return .object(pairs)
    }

    private static func reviewer(_ page: Page, in site: Site) -> JSONValue? {
        switch page.reviewer {
        case .provider(let provider):
            return .object([
                ("@type", "Person"), ("name", .string(site.pages[provider].title)),
                ("url", .string(site.absoluteURL(site.pages[provider].url))),
            ])
        case .person(let name):
            return .object([("@type", "Person"), ("name", .string(name))])
        case nil:
            return page.frontMatter.reviewedBy.map { .object([("@type", "Person"), ("name", .string($0.value))]) }
        }
    }

    private static func mainEntity(_ page: Page, in site: Site) -> JSONValue? {
        guard page.role == .regular else { return nil }
        let frontMatter = page.frontMatter
        var pairs: [(String, JSONValue)]
        switch page.kind {
        case .treatment:
            switch frontMatter.procedureType?.value {
            case nil:
                // Never a guessed subtype: an injection must not be called surgery (see ProcedureTypeCheck).
                pairs = [("@type", "MedicalProcedure")]
            case .surgical:
                pairs = [("@type", "SurgicalProcedure"), ("procedureType", "https://schema.org/SurgicalProcedure")]
            case .percutaneous:
                pairs = [("@type", "TherapeuticProcedure"), ("procedureType", "https://schema.org/PercutaneousProcedure")]
            case .noninvasive:
                pairs = [("@type", "TherapeuticProcedure"), ("procedureType", "https://schema.org/NoninvasiveProcedure")]
            }
        case .condition:
            pairs = [("@type", "MedicalCondition")]
        default:
            return nil
        }
        pairs.insert(("@id", id(site, page.url, "topic")), at: 1)
        pairs.append(("name", .string(page.title)))
        if let description = frontMatter.description, !description.isEmpty { pairs.append(("description", .string(description))) }
        if let location = frontMatter.bodyLocation {
            pairs.append((page.kind == .condition ? "associatedAnatomy" : "bodyLocation",
                          page.kind == .condition ? .object([("@type", "AnatomicalStructure"), ("name", .string(location))]) : .string(location)))
        }
        pairs.append(("url", .string(site.absoluteURL(page.url))))
        return .object(pairs)
    }

    private static func breadcrumbs(_ page: Page, in site: Site) -> JSONValue {
        let trail = page.ancestors + [page.id]
        let items: [JSONValue] = trail.enumerated().map { position, index in
            .object([
                ("@type", "ListItem"), ("position", .number(position + 1)), ("name", .string(site.pages[index].title)),
                ("item", .string(site.absoluteURL(site.pages[index].url))),
            ])
        }
        return .object([("@type", "BreadcrumbList"), ("@id", id(site, page.url, "breadcrumb")), ("itemListElement", .array(items))])
    }
}

extension ContentDate {
    /// The date alone when no time was written, else the full timestamp.
    var iso8601Short: String { secondsOfDay == nil ? isoDate : iso8601 }
}
