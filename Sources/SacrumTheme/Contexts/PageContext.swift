public import Mustache
import SacrumContent
import SacrumMarkdown

/// `page`: everything a template can show about the page being rendered. Values are computed when a
/// template asks for them; keys with no value give `NoValue` (false in sections, empty in text).
public struct PageContext: MustacheParent, Sendable {
    let environment: RenderEnvironment
    let index: Int

    private var site: Site { environment.site }
    private var page: Page { environment.site.pages[index] }

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        let page = self.page
        let frontMatter = page.frontMatter
        switch name {
        // Identity
        case "title": return TemplateText(page.title)
        case "description": return (frontMatter.description ?? fallbackDescription).orNoValue
        case "url": return TemplateText(page.url)
        case "permalink", "canonical": return TemplateText(site.absoluteURL(page.url))
        case "kind": return TemplateText(page.kind.rawValue)
        case "role": return TemplateText(page.role.rawValue)
        case "layout": return TemplateText(frontMatter.layout?.value ?? "")
        case "isHome": return page.role == .home
        case "isSection": return page.role == .section
        case "isRegular": return page.role == .regular
        case "isList": return page.isList
        case "isTag": return page.role == .tag
        case "isTagIndex": return page.role == .tagIndex
        case "isTreatment": return page.kind == .treatment && page.role == .regular
        case "isCondition": return page.kind == .condition && page.role == .regular
        case "isStory": return page.kind == .story && page.role == .regular
        case "isProvider": return page.kind == .provider && page.role == .regular
        case "isArticle": return page.kind == .article && page.role == .regular
        case "isMedical": return page.kind.isMedical && page.role == .regular
        // Content
        case "content": return TemplateText(page.content?.document.html ?? "")
        case "summary": return PageLinkContext.summary(of: page).orNoValue
        case "toc": return tableOfContents
        case "hasToc": return tableOfContents.count >= 2
        case "wordCount": return page.content?.document.wordCount ?? 0
        case "readingMinutes": return max(1, ((page.content?.document.wordCount ?? 0) + 199) / 200)
        // Dates
        case "date": return frontMatter.date.map(DateContext.init).orNoValue
        case "updated": return frontMatter.updated.map(DateContext.init).orNoValue
        case "lastModified": return page.lastModified.map(DateContext.init).orNoValue
        // Tree
        case "breadcrumbs": return page.ancestors.map(link)
        case "parent": return page.parent.map(link).orNoValue
        case "previous": return page.previous.map(link).orNoValue
        case "next": return page.next.map(link).orNoValue
        case "children": return page.children.map(link)
        case "subsections": return page.subsections.map(link)
        // Cross-links
        case "conditions": return page.conditions.map(link)
        case "treatments": return page.treatments.map(link)
        case "stories": return page.stories.map(link)
        case "related": return page.related.map(link)
        case "tags": return page.tagPages.map(link)
        case "hasChildren": return !page.children.isEmpty
        case "hasSubsections": return !page.subsections.isEmpty
        case "hasConditions": return !page.conditions.isEmpty
        case "hasTreatments": return !page.treatments.isEmpty
        case "hasStories": return !page.stories.isEmpty
        case "hasRelated": return !page.related.isEmpty
        case "hasTags": return !page.tagPages.isEmpty
        case "hasBreadcrumbs": return !page.ancestors.isEmpty
        // Medical pages, stories, providers
        case "review": return review.orNoValue
        case "disclosure": return disclosure.orNoValue
        case "treatment": return page.treatments.first.map(link).orNoValue
        case "procedureType": return (frontMatter.procedureType?.value.rawValue).orNoValue
        case "bodyLocation": return frontMatter.bodyLocation.orNoValue
        case "jobTitle": return frontMatter.jobTitle.orNoValue
        case "params": return ParamsContext(values: frontMatter.params)
        default: return nil
        }
    }

    private func link(_ target: Int) -> PageLinkContext { PageLinkContext(environment: environment, index: target) }

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
            return ReviewContext(name: site.pages[provider].title, url: site.pages[provider].url, date: DateContext(date))
        case .person(let person):
            return ReviewContext(name: person, url: nil, date: DateContext(date))
        case nil:
            return ReviewContext(name: name, url: nil, date: DateContext(date))
        }
    }

    private var disclosure: String? {
        guard page.kind == .story else { return nil }
        let text = page.frontMatter.disclosure ?? site.config.storyDisclosure
        return text.isEmpty ? nil : text
    }
}

/// Another page as a link: `title`, `url`, `description`, `summary`, `date`, `kind`.
public struct PageLinkContext: MustacheParent, Sendable {
    let environment: RenderEnvironment
    let index: Int

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        let page = environment.site.pages[index]
        switch name {
        case "title": return TemplateText(page.title)
        case "url": return TemplateText(page.url)
        case "description": return page.frontMatter.description.orNoValue
        case "summary": return Self.summary(of: page).orNoValue
        case "date": return page.frontMatter.date.map(DateContext.init).orNoValue
        case "kind": return TemplateText(page.kind.rawValue)
        case "isCurrent": return false
        default: return nil
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

/// A date: `iso` (`2026-03-14`, for `<time datetime>`) and `display` (`March 14, 2026`).
public struct DateContext: MustacheParent, Sendable {
    let date: ContentDate

    init(_ date: ContentDate) {
        self.date = date
    }

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "iso": TemplateText(date.secondsOfDay == nil ? date.isoDate : date.iso8601)
        case "display": TemplateText(date.longEnglish)
        case "year": TemplateText(String(date.year))
        default: nil
        }
    }
}

/// `page.review`: who reviewed a medical page (`name`, `url` of their page if any) and when (`date`).
public struct ReviewContext: MustacheParent, Sendable {
    let name: String
    let url: String?
    let date: DateContext

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "name": TemplateText(self.name)
        case "url": url.orNoValue
        case "date": date
        default: nil
        }
    }
}

/// A heading for a table of contents: `level`, `text`, `id`.
public struct HeadingContext: MustacheParent, Sendable {
    let level: Int
    let text: String
    let id: String

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "level": level
        case "text": TemplateText(text)
        case "id": TemplateText(id)
        case "isSub": level > 2
        default: nil
        }
    }
}

/// `page.params`: front-matter keys Sacrum does not interpret, by name.
public struct ParamsContext: MustacheParent, Sendable {
    let values: [String: FrontMatterValue]

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        guard let value = values[name] else { return NoValue() }
        return Self.templateValue(value)
    }

    static func templateValue(_ value: FrontMatterValue) -> Any {
        switch value {
        case .text(let text): text
        case .integer(let integer): integer
        case .number(let number): number
        case .bool(let bool): bool
        case .null: NoValue()
        case .list(let values): values.map(templateValue)
        case .mapping(let values): ParamsContext(values: values)
        }
    }
}
