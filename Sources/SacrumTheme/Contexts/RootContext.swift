import SacrumContent

/// The object every page template is rendered with: `site`, `page`, `menu`, `footerMenu`, `assets` and
/// the page's structured data as `jsonLD` (raw, for `{{{jsonLD}}}`).
public struct RootContext: TemplateObject {
    let environment: RenderEnvironment
    let pageIndex: Int
    let jsonLD: @Sendable () -> String

    /// Creates the context for rendering `page`; `jsonLD` computes the page's structured data when a
    /// template asks for it.
    public init(environment: RenderEnvironment, page: Int, jsonLD: @escaping @Sendable () -> String) {
        self.environment = environment
        self.pageIndex = page
        self.jsonLD = jsonLD
    }

    enum Field: String, CaseIterable { case site, page, menu, footerMenu, assets, jsonLD, i18n }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "the page's context", Field.self) {
        switch $0 {
        case .site: .object(SiteContext.schema)
        case .page: .object(PageContext.schema)
        case .menu, .footerMenu: .list(.object(MenuItemContext.schema))
        case .assets: .assets
        case .jsonLD: .text
        case .i18n: .data
        }
    }

    public var templateSchema: TemplateSchema { Self.schema }

    public func value(at index: Int) -> TemplateValue {
        switch TemplateSchema.element(index, of: Self.fields) {
        case .site: .object(SiteContext(environment: environment))
        case .page: .object(PageContext(environment: environment, index: pageIndex))
        case .menu: .list(MenuList(environment: environment, footer: false, page: pageIndex))
        case .footerMenu: .list(MenuList(environment: environment, footer: true, page: pageIndex))
        case .jsonLD: .text(jsonLD())
        case .i18n: environment.i18n
        case .assets, nil: .absent
        }
    }
}

/// A menu of the site, its entries made as a section reaches them.
struct MenuList: TemplateList {
    let environment: RenderEnvironment
    let footer: Bool
    /// The page being rendered, whose entry is current; -1 for none.
    let page: Int

    private var entries: [MenuEntry] {
        footer ? environment.site.footerMenu(ofLanguage: environment.language) : environment.site.menu(ofLanguage: environment.language)
    }

    var count: Int { entries.count }

    func element(at index: Int) -> TemplateValue {
        .object(MenuItemContext(environment: environment, entry: footer ? -(index + 1) : index, page: page))
    }
}

/// A menu entry for templates: `title`, `url`, `isCurrent` (this page; for `aria-current="page"`) and
/// `isActive` (this page or the section it is in).
struct MenuItemContext: TemplateObject {
    let environment: RenderEnvironment
    /// The entry's index in the menu, or -(index + 1) in the footer menu.
    let entry: Int
    /// The page being rendered; -1 for none.
    let page: Int

    enum Field: String, CaseIterable { case title, url, isCurrent, isActive }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "a menu entry", Field.self) {
        switch $0 {
        case .title, .url: .text
        case .isCurrent, .isActive: .bool
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        let site = environment.site
        let language = environment.language
        let entry =
            self.entry >= 0 ? site.menu(ofLanguage: language)[self.entry] : site.footerMenu(ofLanguage: language)[-self.entry - 1]
        switch TemplateSchema.element(index, of: Self.fields) {
        case .title: return .text(entry.title)
        case .url: return .text(entry.url)
        case .isCurrent: return .bool(page >= 0 && entry.page == page)
        case .isActive:
            guard page >= 0, let target = entry.page else { return .bool(false) }
            return .bool(target == page || (target != site.home(ofLanguage: language) && site.pages[page].ancestors.contains(target)))
        case nil: return .absent
        }
    }
}
