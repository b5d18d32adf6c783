import SacrumContent

/// `sitemap.xml`: every published page with its `lastmod` from content dates (`updated`, else `date`;
/// a list page takes the newest of its pages), never from the clock.
enum SitemapWriter {
    static func sitemap(for site: Site) -> OutputFile {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in site.pages.sorted(by: { $0.url < $1.url }) where page.role != .notFound && page.isWritten {
            xml += "  <url>\n    <loc>" + Escaping.xml(Escaping.urlEncoded(site.absoluteURL(page.url))) + "</loc>\n"
            if let date = lastModified(page, in: site) {
                xml += "    <lastmod>" + date.isoDate + "</lastmod>\n"
            }
            xml += "  </url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: .text(xml))
    }

    /// The date a page last changed: its own, or for a list the newest of what it lists.
    static func lastModified(_ page: Page, in site: Site) -> ContentDate? {
        let own = page.lastModified
        guard page.isList else { return own }
        let listed = (page.children + page.subsections).compactMap { lastModified(site.pages[$0], depth: 1, in: site) }
        return ([own].compactMap { $0 } + listed).max()
    }

    private static func lastModified(_ page: Page, depth: Int, in site: Site) -> ContentDate? {
        guard page.isList, depth < 16 else { return page.lastModified }
        let listed = (page.children + page.subsections).compactMap { lastModified(site.pages[$0], depth: depth + 1, in: site) }
        return ([page.lastModified].compactMap { $0 } + listed).max()
    }

    static func robots(for site: Site) -> OutputFile {
        OutputFile(path: "robots.txt", contents: .text("User-agent: *\nAllow: /\n\nSitemap: \(site.absoluteURL("/sitemap.xml"))\n"))
    }
}
