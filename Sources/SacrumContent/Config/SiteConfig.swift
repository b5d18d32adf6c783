public import Foundation

/// The site's configuration, decoded from `site.yaml`: the single source of truth for the practice's
/// facts (name, phone, address, hours) and for how the site is built.
public struct SiteConfig: Sendable, Hashable {
    /// The site's title, shown in every page's `<title>` and header.
    public var title: String
    /// The absolute URL the site is published at, without a trailing slash
    /// (`https://www.example.com`, `https://example.github.io/clinic-site`); used for canonical links,
    /// the sitemap and the feed. Its path (`basePath`) prefixes every root-relative link.
    public var baseURL: String
    /// The content language as a BCP 47 tag (`en-US`), for `<html lang>`.
    public var language: String
    /// The theme folder under `themes/`.
    public var theme: String
    /// The practice's time zone (`timezone:` in site.yaml, an IANA name such as `America/Chicago`):
    /// what a front-matter time without an offset means, daylight saving included, and where "today"
    /// is. `nil` when site.yaml does not set one.
    public var timeZone: TimeZone?
    /// The practice's facts.
    public var practice: PracticeInfo
    /// How Markdown is rendered.
    public var markdown: MarkdownSettings
    /// The typical-results disclosure shown next to every patient story.
    public var storyDisclosure: String
    /// How many months a medical page's review stays current.
    public var reviewIntervalMonths: Int
    /// People who may be named in `reviewed_by` without having a provider page.
    public var reviewers: [Reviewer]
    /// The main menu, in order.
    public var menu: [MenuItemConfig]
    /// Links for the footer (privacy notice, accessibility statement...), in order.
    var footerMenu: [MenuItemConfig]
    /// Hosts that pages other than medical and contact pages may load resources from.
    public var allowedHosts: [String]
    /// The page kind of each top-level section folder (`treatments` → treatment).
    public var sectionKinds: [String: PageKind]
    /// Values still marked as placeholders, which the build warns about.
    var placeholders: [Placeholder]
    /// What this build is for (`--environment`); `applying(_:)` sets it.
    public var environment: SiteEnvironment = .production
    /// Values each environment replaces (`environments:` in site.yaml).
    var environments: [SiteEnvironment: EnvironmentSettings] = [:]
    /// What the build adds for hosts (`publish:`): compressed twins, header and redirect rules, a manifest.
    public var publish = PublishSettings()
    /// The colours `colors:` sets, replacing the theme's (see `ThemeColors`); once the theme is
    /// loaded, the build puts the theme's own colours where the site sets none.
    public var colors = ThemeColors()
    /// Most bytes a page's images may weigh together before a warning (`images: page_weight_budget_kb`
    /// in site.yaml, in kilobytes of 1,000 bytes; 1,000 by default; 0 turns the check off).
    public var imagePageWeightBudget = 1_000_000
    /// The languages of a multilingual site (`languages:`), the default language first; empty for a
    /// site in one language (`siteLanguages` then has that one).
    public var languages: [SiteLanguage] = []
    /// The language-assistance taglines (`language_assistance:`), if the site lists them.
    public var languageAssistance: LanguageAssistance?

    /// Creates a configuration.
    init(
        title: String, baseURL: String, language: String = "en-US", theme: String = "default",
        timeZone: TimeZone? = nil, practice: PracticeInfo, markdown: MarkdownSettings = MarkdownSettings(), storyDisclosure: String = "",
        reviewIntervalMonths: Int = 12, reviewers: [Reviewer] = [], menu: [MenuItemConfig] = [],
        footerMenu: [MenuItemConfig] = [], allowedHosts: [String] = [],
        sectionKinds: [String: PageKind] = SiteConfig.defaultSectionKinds, placeholders: [Placeholder] = []
    ) {
        self.title = title
        self.baseURL = baseURL
        self.language = language
        self.theme = theme
        self.timeZone = timeZone
        self.practice = practice
        self.markdown = markdown
        self.storyDisclosure = storyDisclosure
        self.reviewIntervalMonths = reviewIntervalMonths
        self.reviewers = reviewers
        self.menu = menu
        self.footerMenu = footerMenu
        self.allowedHosts = allowedHosts
        self.sectionKinds = sectionKinds
        self.placeholders = placeholders
    }

    /// Every language of the site, the default first: `languages`, or the one `language` with the
    /// site's title and menus.
    public var siteLanguages: [SiteLanguage] {
        if !languages.isEmpty { return languages }
        return [
            SiteLanguage(
                tag: language, code: SiteLanguage.primarySubtag(of: language),
                name: SiteLanguage.ownName(of: language), prefix: "/", title: title, menu: menu, footerMenu: footerMenu)
        ]
    }

    /// Whether the site has more than one language.
    public var isMultilingual: Bool { languages.count > 1 }

    /// Which kind the pages of a top-level folder have unless their front matter says otherwise.
    static let defaultSectionKinds: [String: PageKind] = [
        "treatments": .treatment, "conditions": .condition, "stories": .story, "providers": .provider,
        "articles": .article, "news": .article, "blog": .article, "posts": .article,
    ]
}

/// The practice's facts, rendered into headers, footers, the contact page and structured data.
public struct PracticeInfo: Sendable, Hashable {
    /// The practice's name.
    public var name: String
    /// The phone number as people read it, `(580) 234-7246`.
    public var phone: String
    /// The phone number in international form for `tel:` links and JSON-LD, `+15802347246`.
    public var phoneLink: String
    /// The postal address.
    public var address: PostalAddress
    /// Opening hours per weekday.
    public var hours: OpeningHours
    /// Where patients request an appointment (a page path or URL), if anywhere.
    public var appointmentURL: String?

    /// Creates the practice's facts.
    init(
        name: String, phone: String, phoneLink: String, address: PostalAddress, hours: OpeningHours,
        appointmentURL: String? = nil
    ) {
        self.name = name
        self.phone = phone
        self.phoneLink = phoneLink
        self.address = address
        self.hours = hours
        self.appointmentURL = appointmentURL
    }

    /// `+1-580-234-7246`, the form structured data examples use.
    public var phoneInternational: String {
        let digits = phoneLink.filter(\.isNumber)
        guard digits.count == 11, digits.first == "1" else { return phoneLink }
        let d = Array(digits)
        return "+1-\(String(d[1...3]))-\(String(d[4...6]))-\(String(d[7...10]))"
    }
}

/// A postal address.
public struct PostalAddress: Sendable, Hashable {
    /// Street and number.
    public var street: String
    /// City.
    public var city: String
    /// State or region (`OK`).
    public var region: String
    /// Postal code, kept as text (`07030` keeps its zero).
    public var postalCode: String
    /// Two-letter country code (`US`).
    public var country: String

    /// Creates an address.
    init(street: String, city: String, region: String, postalCode: String, country: String) {
        self.street = street
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }
}

/// How Markdown is rendered for this site.
public struct MarkdownSettings: Sendable, Hashable {
    /// Keep raw HTML and links with any scheme. Off unless `markdown.unsafe: true`.
    public var unsafe: Bool
    /// Typographic quotes and dashes.
    public var smartPunctuation: Bool
    /// GitHub-flavoured pipe tables (`markdown.tables`).
    var tables: Bool
    /// `~~strikethrough~~` (`markdown.strikethrough`).
    var strikethrough: Bool
    /// Links made from `www.`, `https://` and e-mail addresses in text (`markdown.autolinks`).
    var autolinks: Bool
    /// `- [x]` task list items as checkboxes (`markdown.task_lists`).
    var taskLists: Bool
    /// `[^label]` footnotes (`markdown.footnotes`).
    var footnotes: Bool
    /// `> [!NOTE]` alerts (`markdown.alerts`).
    var alerts: Bool

    /// Creates settings (safe, smart, every GitHub-flavoured extension on by default).
    init(
        unsafe: Bool = false, smartPunctuation: Bool = true, tables: Bool = true, strikethrough: Bool = true,
        autolinks: Bool = true, taskLists: Bool = true, footnotes: Bool = true, alerts: Bool = true
    ) {
        self.unsafe = unsafe
        self.smartPunctuation = smartPunctuation
        self.tables = tables
        self.strikethrough = strikethrough
        self.autolinks = autolinks
        self.taskLists = taskLists
        self.footnotes = footnotes
        self.alerts = alerts
    }
}

/// A person who may review medical pages.
public struct Reviewer: Sendable, Hashable {
    /// The name as pages write it in `reviewed_by` (`Dr. Ada Reyes, MD`).
    public var name: String

    /// Creates a reviewer.
    init(name: String) {
        self.name = name
    }
}

/// A menu entry as configured: a title and where it goes.
public struct MenuItemConfig: Sendable, Hashable {
    /// The link text.
    public var title: String
    /// A site path (`/treatments/`), a content path (`treatments/_index.md`) or an absolute URL.
    public var target: String
    /// Where `target` is written in `site.yaml`, for diagnostics.
    public var position: YAMLPosition

    /// Creates a menu entry.
    init(title: String, target: String, position: YAMLPosition) {
        self.title = title
        self.target = target
        self.position = position
    }
}

/// A value in `site.yaml` that still holds a placeholder.
struct Placeholder: Sendable, Hashable {
    /// The key path (`practice.name`).
    public var key: String
    /// Where it is written.
    public var position: YAMLPosition

    /// Creates a placeholder record.
    init(key: String, position: YAMLPosition) {
        self.key = key
        self.position = position
    }
}
