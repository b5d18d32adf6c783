import SacrumContent

/// The files made from the page tree rather than from a template: redirect pages for aliases,
/// `sitemap.xml`, `robots.txt` and the feeds.
enum GeneratedFilesPhase {
    /// A redirect page for each alias.
    static func redirects(_ site: Site, finisher: PageFinisher) -> [OutputFile] {
        site.aliases.map { RedirectPageWriter.page(for: $0, in: site, finisher: finisher) }
    }

    /// `sitemap.xml` and `robots.txt`.
    static func sitemapAndRobots(_ site: Site) -> [OutputFile] {
        [SitemapWriter.sitemap(for: site), SitemapWriter.robots(for: site)]
    }

    /// The feed of each language (`feed.xml`, then `es/feed.xml`...) and every article they carry.
    static func feeds(_ site: Site, finisher: PageFinisher) -> (files: [OutputFile], articles: [Int]) {
        var files: [OutputFile] = []
        var articles: [Int] = []
        for language in site.config.siteLanguages.indices {
            let newest = AtomFeedWriter.newestArticles(in: site, language: language)
            articles += newest
            files.append(AtomFeedWriter.feed(for: site, articles: newest, finisher: finisher, language: language))
        }
        return (files, articles)
    }
}
