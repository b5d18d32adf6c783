/// Builds the page tree from what `ContentLoader` read: decides what is published, gives every page
/// its URL and place in the tree, orders sections, and makes the cross-links, tags, menus and
/// redirects. Every problem becomes a diagnostic; the tree is built as far as possible regardless.
public struct SiteTreeBuilder {
    let config: SiteConfig
    let options: PublishingOptions
    /// `config.siteLanguages`, the default first.
    let siteLanguages: [SiteLanguage]
    var pages: [Page] = []
    var diagnostics: [Diagnostic] = []
    var pageByURL: [String: Int] = [:]
    var pageByContentPath: [String: Int] = [:]
    var hiddenPages: [String: HiddenReason] = [:]
    var sectionPage: [String: Int] = [:]
    /// Output paths folded to lower case, for collisions that only case-insensitive file systems see.
    var claimedOutputPaths: [String: String] = [:]
    var staticFiles: Set<String> = []
    /// The language the tree is being built for (index into `config.siteLanguages`).
    var currentLanguage = 0
    /// Each source's language, by content path.
    var languageOfSource: [String: Int] = [:]
    /// Each source's translation key (the page it is a version of), by content path.
    var translationKeyOfSource: [String: String] = [:]

    /// Files Sacrum writes itself; no page may take their place.
    public static let generatedFiles: Set<String> = ["sitemap.xml", "robots.txt", "404.html", "feed.xml"]

    /// Creates a builder.
    init(config: SiteConfig, options: PublishingOptions) {
        self.config = config
        self.options = options
        self.siteLanguages = config.siteLanguages
    }

    /// Builds the site.
    public static func build(
        config: SiteConfig, content: ContentLoader.Result, options: PublishingOptions
    ) -> (site: Site, diagnostics: [Diagnostic]) {
        var builder = SiteTreeBuilder(config: config, options: options)
        return builder.build(content)
    }

    mutating func build(_ content: ContentLoader.Result) -> (site: Site, diagnostics: [Diagnostic]) {
        staticFiles = Set(content.staticFiles)
        let sources = assignLanguages(content.pages, folders: content.folders)
        let visible = hidingTranslationsOfHiddenPages(publishedSources(sources))
        let languages = siteLanguages
        var sectionPages: [[String: Int]] = []
        for language in languages.indices {
            currentLanguage = language
            sectionPage = [:]
            let mine = languages.count == 1 ? visible : visible.filter { languageOfSource[$0.contentPath] == language }
            makeSections(visible: mine)
            makeRegularPages(visible: mine)
            sectionPages.append(sectionPage)
        }
        currentLanguage = 0
        sectionPage = sectionPages[0]
        linkTranslations()
        orderSections()
        linkAncestorsAndNeighbours()
        makeCrossLinks()
        makeTagPages()
        makeNotFoundPage()
        resolveReviewers()
        let menu = resolveMenu(languages[0].menu, key: "menu")
        let footerMenu = resolveMenu(languages[0].footerMenu, key: "footer_menu")
        var languageMenus = [menu]
        var languageFooterMenus = [footerMenu]
        for (index, language) in languages.enumerated().dropFirst() {
            languageMenus.append(resolveMenu(language.menu, key: "languages.\(language.tag).menu", language: index))
            languageFooterMenus.append(
                resolveMenu(language.footerMenu, key: "languages.\(language.tag).footer_menu", language: index))
        }
        let aliases = makeAliases()
        checkStaticFileCollisions()
        var site = Site(
            config: config, pages: pages, home: sectionPage[""] ?? 0, pageByURL: pageByURL,
            pageByContentPath: pageByContentPath, hiddenPages: hiddenPages, staticFiles: staticFiles, menu: menu,
            footerMenu: footerMenu, aliases: aliases)
        if languages.count > 1 {
            site.languageHomes = sectionPages.map { $0[""] ?? site.home }
            site.languageMenus = languageMenus
            site.languageFooterMenus = languageFooterMenus
            site.languageNames = languages.map { target in languages.map { reader in LanguageNames.names(of: target, readBy: reader) } }
            site.foldedLanguageNames = site.languageNames.map { $0.map { $0.map(LanguageNames.folded) } }
        }
        return (site, diagnostics)
    }

    // MARK: - Publishing

    /// The sources that are published; the others are remembered with the reason, so that a link to
    /// them can say why it goes nowhere.
    private mutating func publishedSources(_ sources: [PageSource]) -> [PageSource] {
        var hiddenSections: [(folder: String, language: Int, path: String)] = []
        var visible: [PageSource] = []
        let today = options.today(in: config.timeZone)
        for source in sources {
            let frontMatter = source.frontMatter
            var reason: HiddenReason?
            if frontMatter.draft && !options.drafts {
                reason = .draft
            } else if !options.future, let date = frontMatter.publishDate ?? frontMatter.date,
                date.secondsOfDay == nil ? date.daysSinceEpoch > today.daysSinceEpoch : date.secondsSinceEpoch > options.now
            {
                reason = .future
            } else if !options.expired, let expiry = frontMatter.expiryDate,
                expiry.secondsOfDay == nil ? expiry.daysSinceEpoch <= today.daysSinceEpoch : expiry.secondsSinceEpoch <= options.now
            {
                reason = .expired
            } else if let expired = expiredAuthorization(source) {
                reason = .authorizationExpired
                diagnostics.append(expired)
            }
            if let reason {
                hiddenPages[source.contentPath] = reason
                if source.isSectionIndex {
                    hiddenSections.append((source.folder, languageOfSource[source.contentPath] ?? 0, source.contentPath))
                }
            } else {
                visible.append(source)
            }
        }
        // A hidden `_index.md` hides its whole branch, as in Hugo.
        guard !hiddenSections.isEmpty else { return visible }
        return visible.filter { source in
            let language = languageOfSource[source.contentPath] ?? 0
            let hiddenBy = hiddenSections.first { section in
                !section.folder.isEmpty && section.language == language
                    && (source.folder == section.folder || source.folder.hasPrefix(section.folder + "/"))
            }
            if let hiddenBy, let reason = hiddenPages[hiddenBy.path] {
                hiddenPages[source.contentPath] = reason
                return false
            }
            return true
        }
    }

    /// A story whose authorization has expired is left out, with a warning saying so.
    private func expiredAuthorization(_ source: PageSource) -> Diagnostic? {
        guard let authorization = source.frontMatter.authorization, let expires = authorization.value.expires,
            expires.daysSinceEpoch < options.today(in: config.timeZone).daysSinceEpoch
        else { return nil }
        return Diagnostic(
            .warning, id: "story.authorization-expired", file: source.file, line: authorization.position.line,
            column: authorization.position.column,
            message: "the patient's authorization expired on \(expires.isoDate); the story is left out of the site",
            hint: "renew the authorization and update 'authorization.expires', or delete the story")
    }

    /// The page for addresses that do not exist, written to `404.html` with the theme's `404` template.
    mutating func makeNotFoundPage() {
        let page = Page(
            id: pages.count, role: .notFound, kind: .page, source: nil, title: "Page not found", url: "/404.html",
            outputPath: "404.html", sectionFolder: "", parent: nil)
        pages.append(page)
        pageByURL[page.url] = page.id
    }

    // MARK: - Claiming URLs

    /// Registers `page` under its URL and output path, refusing a second page at the same place
    /// (also when the two differ only in letter case or Unicode normalisation) and generated files.
    mutating func register(_ page: Page, position: YAMLPosition?) -> Bool {
        let folded = page.outputPath.lowercased()
        if Self.generatedFiles.contains(folded) {
            report(
                page.source, position, id: "url.reserved",
                "the page would be written to '\(page.outputPath)', which Sacrum generates itself",
                hint: "give the page another 'url' or 'slug'")
            return false
        }
        if let other = claimedOutputPaths[folded] {
            let otherName = other.isEmpty ? "a generated page" : other
            // Swift compares strings by canonical equivalence, so a name spelled in NFD finds the same
            // one spelled in NFC here; the bytes tell the two apart for the message.
            let sameURL = pageByURL[page.url].map { pages[$0].url }
            let message: String
            if let sameURL, !sameURL.utf8.elementsEqual(page.url.utf8) {
                message = "this page (\(page.url)) and \(otherName) differ only in how accented letters are encoded (Unicode NFC and NFD); they would be one file on macOS"
            } else if sameURL != nil {
                message = "this page and \(otherName) are both published at \(page.url)"
            } else {
                message = "this page (\(page.url)) and \(otherName) differ only in letter case or accents; they would be one file on macOS and Windows"
            }
            report(
                page.source, position, id: "url.collision", message,
                hint: "give one of them another file name, 'slug' or 'url'")
            return false
        }
        claimedOutputPaths[folded] = page.source?.file ?? ""
        pageByURL[page.url] = page.id
        if let source = page.source { pageByContentPath[source.contentPath] = page.id }
        return true
    }

    /// Records a diagnostic at a position in a page's file (or at its first line).
    mutating func report(
        _ source: PageSource?, _ position: YAMLPosition?, _ severity: DiagnosticSeverity = .error, id: String,
        _ message: String, hint: String? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                severity, id: id, file: source?.file ?? "", line: position?.line ?? (source == nil ? 0 : 1),
                column: position?.column ?? (source == nil ? 0 : 1), message: message, hint: hint))
    }

    /// A page's kind: its front matter's, else its top-level section's, else `page`. A kind of the
    /// site's own must be named in `section_kinds` first, so that a mistyped kind is not taken for a
    /// new one (which would lose the checks of the kind meant).
    mutating func kind(of source: PageSource?, in folder: String) -> PageKind {
        guard let source, let kind = source.frontMatter.kind else { return sectionKind(of: folder) ?? .page }
        if !kind.value.isBuiltIn && !config.sectionKinds.values.contains(kind.value) {
            let known = Set(PageKind.builtIn.map(\.rawValue) + config.sectionKinds.values.map(\.rawValue))
            report(
                source, kind.position, id: "frontmatter.kind",
                "'\(kind.value)' is not a kind this site has",
                hint: (Suggestion.closest(to: kind.value.rawValue, in: known).map { "did you mean '\($0)'? " } ?? "")
                    + "the kinds are \(known.sorted().joined(separator: ", ")); a kind of your own is named in site.yaml's section_kinds (locations: location)")
        }
        return kind.value
    }

    /// The kind pages in `folder` get from their top-level section.
    func sectionKind(of folder: String) -> PageKind? {
        guard let top = folder.split(separator: "/").first else { return nil }
        return config.sectionKinds[String(top)]
    }
}
