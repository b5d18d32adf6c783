import SacrumContent
import SacrumMarkdown

/// `page`: everything a template can show about the page being rendered. Values are computed when a
/// template asks for them; fields with no value are absent (false in sections, empty in text).
struct PageContext: TemplateObject {
    let environment: RenderEnvironment
    let index: Int

    private var site: Site { environment.site }
    private var page: Page { environment.site.pages[index] }

    enum Field: String, CaseIterable {
        // Identity
        case title, description, url, permalink, canonical, kind, role, layout
        case isHome, isSection, isRegular, isList, isTag, isTagIndex, isTreatment, isCondition, isStory, isProvider, isArticle, isMedical
        // Content
        case content, summary, toc, hasToc, wordCount, readingMinutes, image
        // Dates
        case date, updated, lastModified
        // Tree
        case breadcrumbs, parent, previous, next, children, subsections
        // Cross-links
        case conditions, treatments, stories, related, tags
        case hasChildren, hasSubsections, hasConditions, hasTreatments, hasStories, hasRelated, hasTags, hasBreadcrumbs
        // Medical pages, stories, providers
        case review, disclosure, treatment, procedureType, bodyLocation, jobTitle, params
        // Languages
        case language, translations, hasTranslations, languageLinks, hasLanguageLinks, xDefault
    }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "page", Field.self) {
        switch $0 {
        case .isHome, .isSection, .isRegular, .isList, .isTag, .isTagIndex, .isTreatment, .isCondition, .isStory, .isProvider,
            .isArticle, .isMedical, .hasToc, .hasChildren, .hasSubsections, .hasConditions, .hasTreatments, .hasStories,
            .hasRelated, .hasTags, .hasBreadcrumbs, .hasTranslations, .hasLanguageLinks:
            .bool
        case .translations, .languageLinks: .list(.object(LanguageLinkContext.schema))
        case .wordCount, .readingMinutes: .number
        case .toc: .list(.object(HeadingContext.schema))
        case .date, .updated, .lastModified: .object(DateContext.schema)
        case .breadcrumbs, .children, .subsections, .conditions, .treatments, .stories, .related, .tags:
            .list(.object(PageLinkContext.schema))
        case .parent, .previous, .next, .treatment: .object(PageLinkContext.schema)
        case .review: .object(ReviewContext.schema)
        case .params: .data
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at field: Int) -> TemplateValue {
        guard let field = TemplateSchema.element(field, of: Self.fields) else { return .absent }
        // The page is read in place: a copy of `Page` retains each of its many fields.
        return environment.site.pages.withUnsafeBufferPointer { pages in value(field, of: pages[index]) }
    }

    private func value(_ field: Field, of page: borrowing Page) -> TemplateValue {
        switch field {
        case .title: return .text(page.title)
        case .description: return (page.frontMatter.description ?? fallbackDescription).templateValue
        case .url: return .text(page.url)
        case .permalink, .canonical: return .text(site.absoluteURL(page.url))
        case .kind: return .text(page.kind.rawValue)
        case .role: return .text(page.role.rawValue)
        case .layout: return .text(page.frontMatter.layout?.value ?? "")
        case .isHome: return .bool(page.role == .home)
        case .isSection: return .bool(page.role == .section)
        case .isRegular: return .bool(page.role == .regular)
        case .isList: return .bool(page.isList)
        case .isTag: return .bool(page.role == .tag)
        case .isTagIndex: return .bool(page.role == .tagIndex)
        case .isTreatment: return .bool(page.kind == .treatment && page.role == .regular)
        case .isCondition: return .bool(page.kind == .condition && page.role == .regular)
        case .isStory: return .bool(page.kind == .story && page.role == .regular)
        case .isProvider: return .bool(page.kind == .provider && page.role == .regular)
        case .isArticle: return .bool(page.kind == .article && page.role == .regular)
        case .isMedical: return .bool(page.kind.isMedical && page.role == .regular)
        case .content: return .text(page.content?.document.html ?? "")
        case .image: return (page.content?.image).templateValue
        case .summary: return PageLinkContext.summary(of: page).templateValue
        case .toc: return .values(tableOfContents.map { .object($0) })
        case .hasToc: return .bool(tableOfContents.count >= 2)
        case .wordCount: return .integer(page.content?.document.wordCount ?? 0)
        case .readingMinutes: return .integer(max(1, ((page.content?.document.wordCount ?? 0) + 199) / 200))
        case .date: return date(page.frontMatter.date)
        case .updated: return date(page.frontMatter.updated)
        case .lastModified: return date(page.lastModified)
        case .breadcrumbs: return links(page.ancestors)
        case .parent: return link(page.parent)
        case .previous: return link(page.previous)
        case .next: return link(page.next)
        case .children: return links(page.children)
        case .subsections: return links(page.subsections)
        case .conditions: return links(page.conditions)
        case .treatments: return links(page.treatments)
        case .stories: return links(page.stories)
        case .related: return links(page.related)
        case .tags: return links(page.tagPages)
        case .hasChildren: return .bool(!page.children.isEmpty)
        case .hasSubsections: return .bool(!page.subsections.isEmpty)
        case .hasConditions: return .bool(!page.conditions.isEmpty)
        case .hasTreatments: return .bool(!page.treatments.isEmpty)
        case .hasStories: return .bool(!page.stories.isEmpty)
        case .hasRelated: return .bool(!page.related.isEmpty)
        case .hasTags: return .bool(!page.tagPages.isEmpty)
        case .hasBreadcrumbs: return .bool(!page.ancestors.isEmpty)
        case .review: return review.map { .object($0) } ?? .absent
        case .disclosure: return disclosure.templateValue
        case .treatment: return link(page.treatments.first)
        case .procedureType: return (page.frontMatter.procedureType?.value.rawValue).templateValue
        case .bodyLocation: return page.frontMatter.bodyLocation.templateValue
        case .jobTitle: return page.frontMatter.jobTitle.templateValue
        case .params: return ParamsValue.value(.mapping(page.frontMatter.params))
        case .language: return .text(environment.languages[min(page.language, environment.languages.count - 1)].tag)
        case .translations:
            return .values(page.translations.map { .object(LanguageLinkContext(environment: environment, language: site.pages[$0].language, page: $0)) })
        case .hasTranslations: return .bool(!page.translations.isEmpty)
        case .languageLinks: return .values(languageLinks(page))
        case .hasLanguageLinks: return .bool(environment.languages.count > 1)
        case .xDefault:
            return page.translations.first.map { .text(site.absoluteURL(site.pages[$0].url)) } ?? .absent
        }
    }

    /// The language switch: each other language, leading to this page's version in it, else to that
    /// language's home page.
    private func languageLinks(_ page: borrowing Page) -> [TemplateValue] {
        environment.languages.indices.compactMap { language in
            guard language != page.language else { return nil }
            let target = site.translation(of: index, in: language) ?? site.home(ofLanguage: language)
            return .object(LanguageLinkContext(environment: environment, language: language, page: target))
        }
    }

    private func links(_ indexes: [Int]) -> TemplateValue { .list(PageLinkList(environment: environment, indexes: indexes)) }

    private func link(_ target: Int?) -> TemplateValue {
        target.map { .object(PageLinkContext(environment: environment, index: $0)) } ?? .absent
    }

    private func date(_ date: ContentDate?) -> TemplateValue {
        date.map { .object(DateContext(date: $0, formats: environment.formats)) } ?? .absent
    }

    /// Section and tag pages without a description get one that says what they list.
    private var fallbackDescription: String? {
        switch page.role {
        case .tag: "Pages about \(page.title.lowercased()) from \(site.config.title)."
        case .tagIndex: "Every topic on \(site.config.title)."
        default: nil
        }
    }

    /// Second- and third-level headings, for an "On this page" list.
    private var tableOfContents: [HeadingContext] {
        (page.content?.document.headings ?? []).filter { $0.level == 2 || $0.level == 3 }.map {
            HeadingContext(level: $0.level, text: $0.text, id: $0.id)
        }
    }

    private var review: ReviewContext? {
        guard page.kind.isMedical, let date = page.frontMatter.lastReviewed?.value,
            let name = page.frontMatter.reviewedBy?.value
        else { return nil }
        switch page.reviewer {
        case .provider(let provider):
            return ReviewContext(name: site.pages[provider].title, url: site.pages[provider].url, date: DateContext(date: date, formats: environment.formats))
        case .person(let person):
            return ReviewContext(name: person, url: nil, date: DateContext(date: date, formats: environment.formats))
        case nil:
            return ReviewContext(name: name, url: nil, date: DateContext(date: date, formats: environment.formats))
        }
    }

    private var disclosure: String? {
        guard page.kind == .story else { return nil }
        let text = page.frontMatter.disclosure ?? site.config.storyDisclosure
        return text.isEmpty ? nil : text
    }
}

/// Pages as links, made as a section reaches them.
struct PageLinkList: TemplateList {
    let environment: RenderEnvironment
    let indexes: [Int]

    var count: Int { indexes.count }

    func element(at index: Int) -> TemplateValue { .object(PageLinkContext(environment: environment, index: indexes[index])) }
}

/// Another page as a link: `title`, `url`, `description`, `summary`, `date`, `kind`.
struct PageLinkContext: TemplateObject {
    let environment: RenderEnvironment
    let index: Int

    enum Field: String, CaseIterable { case title, url, description, summary, date, kind, isCurrent }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "a page link", Field.self) {
        switch $0 {
        case .date: .object(DateContext.schema)
        case .isCurrent: .bool
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at field: Int) -> TemplateValue {
        environment.site.pages.withUnsafeBufferPointer { pages in value(TemplateSchema.element(field, of: Self.fields), of: pages[index]) }
    }

    private func value(_ field: Field?, of page: borrowing Page) -> TemplateValue {
        switch field {
        case .title: .text(page.title)
        case .url: .text(page.url)
        case .description: page.frontMatter.description.templateValue
        case .summary: Self.summary(of: page).templateValue
        case .date: page.frontMatter.date.map { .object(DateContext(date: $0, formats: environment.formats)) } ?? .absent
        case .kind: .text(page.kind.rawValue)
        case .isCurrent: .bool(false)
        case nil: .absent
        }
    }

    /// The front matter's `summary`, else the description, else the first paragraph.
    static func summary(of page: Page) -> String? {
        if let summary = page.frontMatter.summary, !summary.isEmpty { return summary }
        if let description = page.frontMatter.description, !description.isEmpty { return description }
        let first = page.content?.document.summary ?? ""
        return first.isEmpty ? nil : first
    }
}

/// A date: `iso` (`2026-03-14`, for `<time datetime>`), `display` (`March 14, 2026`) and `year`.
struct DateContext: TemplateObject {
    let date: ContentDate
    var formats = LocalFormats.english

    enum Field: String, CaseIterable { case iso, display, year }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "a date", Field.self) { _ in .text }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at field: Int) -> TemplateValue {
        switch TemplateSchema.element(field, of: Self.fields) {
        case .iso: .text(date.secondsOfDay == nil ? date.isoDate : date.iso8601)
        case .display: .text(formats.date(date))
        case .year: .text(String(date.year))
        case nil: .absent
        }
    }
}

/// `page.review`: who reviewed a medical page (`name`, `url` of their page if any) and when (`date`).
struct ReviewContext: TemplateObject {
    let name: String
    let url: String?
    let date: DateContext

    enum Field: String, CaseIterable { case name, url, date }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "page.review", Field.self) {
        switch $0 {
        case .date: .object(DateContext.schema)
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at field: Int) -> TemplateValue {
        switch TemplateSchema.element(field, of: Self.fields) {
        case .name: .text(name)
        case .url: url.templateValue
        case .date: .object(date)
        case nil: .absent
        }
    }
}

/// A heading for a table of contents: `level`, `text`, `id`, `isSub`.
struct HeadingContext: TemplateObject {
    let level: Int
    let text: String
    let id: String

    enum Field: String, CaseIterable { case level, text, id, isSub }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "a heading", Field.self) {
        switch $0 {
        case .level: .number
        case .isSub: .bool
        default: .text
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at field: Int) -> TemplateValue {
        switch TemplateSchema.element(field, of: Self.fields) {
        case .level: .integer(level)
        case .text: .text(text)
        case .id: .text(id)
        case .isSub: .bool(level > 2)
        case nil: .absent
        }
    }
}

/// `page.params`: front-matter keys Sacrum does not interpret, as untyped data.
enum ParamsValue {
    static func value(_ value: FrontMatterValue) -> TemplateValue {
        switch value {
        case .text(let text): .text(text)
        case .integer(let integer): .integer(integer)
        case .number(let number): .number(number)
        case .bool(let bool): .bool(bool)
        case .null: .absent
        case .list(let values): .values(values.map(Self.value))
        case .mapping(let values): .map(values.mapValues(Self.value))
        }
    }
}
