import SacrumContent

/// `sitemap.xml`: every published page with its `lastmod` from content dates (`updated`, else `date`;
/// a list page takes the newest of its pages), never from the clock.
enum SitemapWriter {
    static func sitemap(for site: Site) -> OutputFile {
        let languages = site.config.languages
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
        xml += languages.count > 1 ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n"
        let indexes = site.pages.indices.filter { site.pages[$0].role != .notFound && site.pages[$0].isWritten }
            .sorted { site.pages[$0].url < site.pages[$1].url }
        var dates: [Int: ContentDate?] = [:]
        for index in indexes {
            xml += "  <url>\n    <loc>" + Escaping.xml(Escaping.urlEncoded(site.absoluteURL(site.pages[index].url))) + "</loc>\n"
            if let date = lastModified(index, in: site, memo: &dates) {
                xml += "    <lastmod>" + date.isoDate + "</lastmod>\n"
            }
            // Each version of a translated page lists every version, itself included, and x-default.
            let translations = site.pages[index].translations
            for version in translations {
                xml += "    <xhtml:link rel=\"alternate\" hreflang=\"" + Escaping.xml(languages[site.pages[version].language].tag)
                    + "\" href=\"" + Escaping.xml(Escaping.urlEncoded(site.absoluteURL(site.pages[version].url))) + "\"/>\n"
            }
            if let original = translations.first {
                xml += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\""
                    + Escaping.xml(Escaping.urlEncoded(site.absoluteURL(site.pages[original].url))) + "\"/>\n"
            }
            xml += "  </url>\n"
        }
        xml += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: .text(xml))
    }

    /// The date a page last changed: its own, or for a list the newest of what it lists.
    static func lastModified(_ index: Int, in site: Site, memo: inout [Int: ContentDate?], depth: Int = 0) -> ContentDate? {
        if let known = memo[index] { return known }
        let page = site.pages[index]
        var newest = page.source?.frontMatter.updated ?? page.source?.frontMatter.date
        if page.isList, depth < 16 {
            for child in page.children + page.subsections {
                if let date = lastModified(child, in: site, memo: &memo, depth: depth + 1), newest.map({ date > $0 }) ?? true {
                    newest = date
                }
            }
        }
        memo[index] = newest
        return newest
    }

    /// `robots.txt`: everything allowed and the sitemap named; in a preview build everything disallowed
    /// and no sitemap, so that a review copy stays out of search engines.
    static func robots(for site: Site) -> OutputFile {
        if site.config.isPreview {
            return OutputFile(path: "robots.txt", contents: .text("User-agent: *\nDisallow: /\n"))
        }
        return OutputFile(path: "robots.txt", contents: .text("User-agent: *\nAllow: /\n\nSitemap: \(site.absoluteURL("/sitemap.xml"))\n"))
    }
}
