import SacrumContent
import SacrumMarkdown

/// `feed.xml`: an Atom feed of the newest articles (at most 20), with dates from their front matter.
enum AtomFeedWriter {
    static let path = "feed.xml"

    static func feed(for site: Site, finisher: PageFinisher = .none) -> OutputFile {
        feed(for: site, articles: newestArticles(in: site), finisher: finisher)
    }

    /// The indexes of the 20 newest articles, newest first.
    static func newestArticles(in site: Site, language: Int = 0) -> [Int] {
        let epoch = ContentDate(year: 1970, month: 1, day: 1)
        let candidates = site.pages.indices.filter {
            site.pages[$0].kind == .article && site.pages[$0].role == .regular && site.pages[$0].isWritten
                && site.pages[$0].language == language
        }
        let keys = Dictionary(uniqueKeysWithValues: candidates.map { ($0, (site.pages[$0].lastModified ?? epoch).secondsSinceEpoch) })
        return Array(candidates.sorted { a, b in
            keys[a]! != keys[b]! ? keys[a]! > keys[b]! : site.pages[a].url < site.pages[b].url
        }.prefix(20))
    }

    /// The feed of the given articles (indexes into the site's pages, newest first); `finisher` prefixes
    /// the root-relative links in their HTML with the base URL's path.
    static func feed(for site: Site, articles indexes: [Int], finisher: PageFinisher = .none, language: Int = 0) -> OutputFile {
        // A site in several languages has one feed per language: /feed.xml, /es/feed.xml.
        let info = site.config.siteLanguages[min(language, site.config.siteLanguages.count - 1)]
        let path = language == 0 ? Self.path : String(info.prefix.dropFirst()) + Self.path
        let articles = indexes.map { site.pages[$0] }
        let newest = articles.compactMap(\.lastModified).max()
            ?? site.pages.indices.compactMap({ site.pages[$0].lastModified }).max()
            ?? ContentDate(year: 1970, month: 1, day: 1)
        let base = site.config.baseURL
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(Escaping.xml(info.tag))\">\n"
        xml += "  <title>\(Escaping.xml(info.title))</title>\n"
        xml += "  <link href=\"\(Escaping.xml(Escaping.urlEncoded(base + info.prefix)))\"/>\n"
        xml += "  <link rel=\"self\" href=\"\(Escaping.xml(Escaping.urlEncoded(base + "/" + path)))\"/>\n"
        xml += "  <id>\(Escaping.xml(Escaping.urlEncoded(base + info.prefix)))</id>\n"
        xml += "  <updated>\(atomDate(newest))</updated>\n"
        xml += "  <author><name>\(Escaping.xml(site.config.practice.name))</name></author>\n"
        for article in articles {
            let url = Escaping.xml(Escaping.urlEncoded(site.absoluteURL(article.url)))
            xml += "  <entry>\n"
            xml += "    <title>\(Escaping.xml(article.title))</title>\n"
            xml += "    <link href=\"\(url)\"/>\n"
            xml += "    <id>\(url)</id>\n"
            let published = article.frontMatter.date ?? newest
            xml += "    <published>\(atomDate(published))</published>\n"
            xml += "    <updated>\(atomDate(article.lastModified ?? published))</updated>\n"
            if let summary = article.frontMatter.description ?? article.content?.document.summary, !summary.isEmpty {
                xml += "    <summary>\(Escaping.xml(summary))</summary>\n"
            }
            if let html = article.content?.document.html {
                xml += "    <content type=\"html\">\(Escaping.xml(finisher.fragment(html)))</content>\n"
            }
            xml += "  </entry>\n"
        }
        xml += "</feed>\n"
        return OutputFile(path: path, contents: .text(xml))
    }

    /// RFC 3339, as Atom requires: a date alone becomes midnight UTC.
    static func atomDate(_ date: ContentDate) -> String {
        var full = date
        if full.secondsOfDay == nil { full.secondsOfDay = 0 }
        return full.iso8601
    }
}
