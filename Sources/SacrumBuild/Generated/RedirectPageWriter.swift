import SacrumContent

/// The page written at an alias: it sends browsers and search engines to the page's URL.
enum RedirectPageWriter {
    /// The page; `finisher` prefixes the target with the base URL's path (a preview page is `noindex`
    /// already).
    static func page(for alias: Alias, in site: Site, finisher: PageFinisher = .none) -> OutputFile {
        let target = site.pages[alias.target]
        let absolute = Escaping.html(site.absoluteURL(target.url))
        let relative = Escaping.html(finisher.path(target.url))
        let title = Escaping.html(target.title)
        let html = """
            <!DOCTYPE html>
            <html lang="\(Escaping.html(site.config.language))">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <link rel="canonical" href="\(absolute)">
            <meta name="robots" content="noindex">
            <meta http-equiv="refresh" content="0; url=\(relative)">
            </head>
            <body>
            <main><p>This page has moved to <a href="\(relative)">\(title)</a>.</p></main>
            </body>
            </html>

            """
        return OutputFile(path: alias.outputPath, contents: .text(html))
    }
}
