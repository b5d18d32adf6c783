public import Mustache
import SacrumContent

/// The object every template is rendered with: `site`, `page`, `menu`, `footerMenu`, `assets` and the
/// page's structured data as `jsonLD` (raw, for `{{{jsonLD}}}`).
public struct RootContext: MustacheParent, Sendable {
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

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "site": SiteContext(environment: environment)
        case "page": PageContext(environment: environment, index: pageIndex)
        case "menu": menu(environment.site.menu)
        case "footerMenu": menu(environment.site.footerMenu)
        case "assets": AssetsContext(assets: environment.assets)
        case "jsonLD": TemplateText(jsonLD())
        case "sacrumSitePartials":
            SitePartialsContext(rendered: environment.sitePartials, overBudget: environment.sitePartialsOverBudget)
        default: nil
        }
    }

    /// Menu entries, the current one (the page itself or a section it is in) marked.
    private func menu(_ entries: [MenuEntry]) -> [MenuItemContext] {
        let site = environment.site
        let page = site.pages[pageIndex]
        let trail = Set(page.ancestors + [pageIndex])
        return entries.map { entry in
            let isCurrent = entry.page == pageIndex
            let isInSection = !isCurrent && entry.page.map { $0 != site.home && trail.contains($0) } == true
            return MenuItemContext(title: entry.title, url: entry.url, isCurrent: isCurrent, isActive: isCurrent || isInSection)
        }
    }
}

/// A menu entry for templates: `title`, `url`, `isCurrent` (this page; for `aria-current="page"`) and
/// `isActive` (this page or the section it is in).
public struct MenuItemContext: MustacheParent, Sendable {
    let title: String
    let url: String
    let isCurrent: Bool
    let isActive: Bool

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return switch name {
        case "title": TemplateText(title)
        case "url": TemplateText(url)
        case "isCurrent": isCurrent
        case "isActive": isActive
        default: nil
        }
    }
}

/// Asset URLs by name: `{{assets.style}}` is the fingerprinted URL of `css/style.css`.
public struct AssetsContext: MustacheParent, Sendable {
    let assets: [String: String]

    public func child(named name: String) -> Any? {
        guard RenderBudget.spend() else { return nil }
        return assets[name].orNoValue
    }
}
