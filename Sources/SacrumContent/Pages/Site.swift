public import Foundation

/// The whole site in memory: configuration, every page with its place in the tree and its links, the
/// menus, the redirects and the files published as they are.
public struct Site: Sendable {
    /// The configuration from `site.yaml`.
    public var config: SiteConfig
    /// Every page; `Page.id` is the index.
    public var pages: [Page]
    /// The home page's index.
    public var home: Int
    /// Page by site path (`/treatments/si-joint-fusion/`).
    public var pageByURL: [String: Int]
    /// Page by path inside `content/` (`treatments/si-joint-fusion.md`).
    public var pageByContentPath: [String: Int]
    /// Pages that exist but are not published, by content path, with the reason.
    public var hiddenPages: [String: HiddenReason]
    /// Files of `content/` that are not Markdown, published at the same path.
    public var staticFiles: Set<String>
    /// The main menu.
    public var menu: [MenuEntry]
    /// The footer menu.
    var footerMenu: [MenuEntry]
    /// Old URLs that redirect to pages.
    public var aliases: [Alias]
    /// Each language's home page, main menu and footer menu, by index into `config.siteLanguages`
    /// (the default language's are `home`, `menu` and `footerMenu`).
    var languageHomes: [Int] = []
    /// See `languageHomes`.
    var languageMenus: [[MenuEntry]] = []
    /// See `languageHomes`.
    var languageFooterMenus: [[MenuEntry]] = []
    /// How readers of each language name each language, folded for matching (case and accents
    /// ignored): `[target][reader]`, for the check of links between languages.
    var foldedLanguageNames: [[[String]]] = []
    /// The same names as written ("inglés", "English"), for messages.
    var languageNames: [[[String]]] = []

    /// Creates a site value.
    init(
        config: SiteConfig, pages: [Page], home: Int, pageByURL: [String: Int], pageByContentPath: [String: Int],
        hiddenPages: [String: HiddenReason], staticFiles: Set<String>, menu: [MenuEntry], footerMenu: [MenuEntry],
        aliases: [Alias]
    ) {
        self.config = config
        self.pages = pages
        self.home = home
        self.pageByURL = pageByURL
        self.pageByContentPath = pageByContentPath
        self.hiddenPages = hiddenPages
        self.staticFiles = staticFiles
        self.menu = menu
        self.footerMenu = footerMenu
        self.aliases = aliases
    }

    /// The absolute URL of a site path (`https://www.example.com/treatments/`).
    public func absoluteURL(_ path: String) -> String { config.baseURL + path }

    /// The home page of a language (index into `config.siteLanguages`).
    public func home(ofLanguage language: Int) -> Int {
        language > 0 && language < languageHomes.count ? languageHomes[language] : home
    }

    /// The main menu of a language.
    public func menu(ofLanguage language: Int) -> [MenuEntry] {
        language > 0 && language < languageMenus.count ? languageMenus[language] : menu
    }

    /// The footer menu of a language.
    public func footerMenu(ofLanguage language: Int) -> [MenuEntry] {
        language > 0 && language < languageFooterMenus.count ? languageFooterMenus[language] : footerMenu
    }

    /// A page's version in another language, if it has one.
    public func translation(of page: Int, in language: Int) -> Int? {
        if pages[page].language == language { return page }
        return pages[page].translations.first { pages[$0].language == language }
    }

    /// Pages that are written to the output (readable Markdown pages and every list page).
    var publishedPages: [Page] { pages.filter(\.isWritten) }
}

/// Why a page is not published.
public enum HiddenReason: String, Sendable, Hashable {
    /// `draft: true`, without `--drafts`.
    case draft
    /// A `date` or `publishDate` in the future, without `--future`.
    case future
    /// An `expiryDate` in the past, without `--expired`.
    case expired
    /// A patient story whose authorization has expired.
    case authorizationExpired

    /// For messages: `a draft`, `scheduled for later`, ...
    public var description: String {
        switch self {
        case .draft: "a draft (draft: true)"
        case .future: "not published yet (its date is in the future)"
        case .expired: "expired (its expiryDate has passed)"
        case .authorizationExpired: "left out because the patient's authorization has expired"
        }
    }

    /// The build flag that publishes such pages, if any.
    public var flag: String? {
        switch self {
        case .draft: "--drafts"
        case .future: "--future"
        case .expired: "--expired"
        case .authorizationExpired: nil
        }
    }
}

/// An entry of a menu, resolved.
public struct MenuEntry: Sendable, Hashable {
    /// The link text.
    public var title: String
    /// The site path or absolute URL.
    public var url: String
    /// The page it leads to, if it is a page of the site.
    public var page: Int?

    /// Creates an entry.
    init(title: String, url: String, page: Int?) {
        self.title = title
        self.url = url
        self.page = page
    }
}

/// An old URL that redirects to a page.
public struct Alias: Sendable, Hashable {
    /// The old site path (`/si-fusion/`).
    public var url: String
    /// Where the redirect page is written (`si-fusion/index.html`).
    public var outputPath: String
    /// The page it leads to.
    public var target: Int

    /// Creates an alias.
    init(url: String, outputPath: String, target: Int) {
        self.url = url
        self.outputPath = outputPath
        self.target = target
    }
}

/// Options that decide which pages are published.
public struct PublishingOptions: Sendable, Hashable {
    /// Publish `draft: true` pages.
    var drafts: Bool
    /// Publish pages dated in the future.
    var future: Bool
    /// Publish pages past their `expiryDate`.
    var expired: Bool
    /// The moment the build runs, in seconds since the Unix epoch (injected so tests are repeatable).
    public var now: Int

    /// Creates options.
    public init(drafts: Bool = false, future: Bool = false, expired: Bool = false, now: Int) {
        self.drafts = drafts
        self.future = future
        self.expired = expired
        self.now = now
    }

    /// The calendar day of `now` (UTC).
    var today: ContentDate { ContentDate.day(ofSecondsSinceEpoch: now) }

    /// The calendar day of `now` where the practice is (`timezone:` in site.yaml; UTC without one):
    /// what dates without a time are compared with.
    public func today(in timeZone: TimeZone?) -> ContentDate {
        guard let timeZone else { return today }
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(now)))
        return ContentDate.day(ofSecondsSinceEpoch: now + offset)
    }
}
