import SacrumContent
import SacrumMarkdown

/// Nothing on the site loads from another host (scripts, stylesheets, fonts, images, frames, form
/// targets) unless site.yaml allows that host; even allowed hosts are refused on treatment,
/// condition, story and contact pages, where a third party would learn what a patient reads.
/// Ordinary links to other sites are navigation, not loads, and are fine.
enum PrivacyCheck {
    /// Attributes that make the browser fetch something, by element.
    static let loadingAttributes: [String: [String]] = [
        "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"], "frame": ["src"],
        "embed": ["src"], "object": ["data"], "video": ["src", "poster"], "audio": ["src"], "track": ["src"],
        "input": ["src"], "form": ["action"], "image": ["href"], "use": ["href"],
    ]
    static let loadingRels: Set<String> = [
        "stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon",
        "preconnect", "dns-prefetch", "prerender",
    ]

    static func isSensitive(_ page: Page) -> Bool {
        guard page.role == .regular else { return false }
        return page.kind == .treatment || page.kind == .condition || page.kind == .story
            || page.frontMatter.layout?.value == "contact" || page.url.hasPrefix("/contact/")
    }

    static func check(_ page: Page, context: CheckContext, tags: [HTMLScanner.Tag]) -> [Diagnostic] {
        let allowed = Set(context.site.config.allowedHosts)
        let sensitive = isSensitive(page)
        let markdownLinks = page.content?.document.links ?? []
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for tag in tags {
            var urls: [String] = []
            if let attributes = loadingAttributes[tag.name] {
                for name in attributes {
                    guard let value = tag.attribute(name) else { continue }
                    urls += name == "srcset" ? value.split(separator: ",").compactMap { $0.trimmed.split(separator: " ").first.map(String.init) } : [value]
                }
            } else if tag.name == "link", let rel = tag.attribute("rel"),
                rel.lowercased().split(separator: " ").contains(where: { loadingRels.contains(String($0)) }),
                let href = tag.attribute("href")
            {
                urls.append(href)
            }
            if let style = tag.attribute("style") { urls += cssURLs(style) }
            for url in urls {
                guard let host = externalHost(url), reported.insert(url).inserted else { continue }
                if allowed.contains(host) && !sensitive { continue }
                let why = allowed.contains(host)
                    ? "\(host) is allowed in site.yaml, but never on \(page.kind.rawValue) or contact pages"
                    : "\(host) is not in site.yaml's privacy.allowed_hosts"
                let hint = "host the file on the site itself; patients' visits to medical pages must not reach third parties"
                if let link = markdownLinks.first(where: { $0.destination == url }), let source = page.source {
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "privacy.external-resource", file: source.file, line: link.position.line,
                            column: link.position.column, message: "the page loads \(url) from another host: \(why)", hint: hint))
                } else {
                    let place = context.locate(url, page: page.id)
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "privacy.external-resource", file: place.file, line: place.line, column: place.column,
                            message: "\(page.url) loads \(url) from another host: \(why)", hint: hint))
                }
            }
        }
        return diagnostics
    }

    /// Stylesheets that load from other hosts (`@import`, `url(...)`, web fonts).
    static func checkStylesheets(_ files: [OutputFile], allowed: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for file in files where file.path.hasSuffix(".css") {
            let text: String
            switch file.contents {
            case .bytes(let bytes): text = String(decoding: bytes, as: UTF8.self)
            case .text(let value): text = value
            case .copy: continue
            }
            for url in cssURLs(text) {
                guard let host = externalHost(url), !allowed.contains(host) else { continue }
                diagnostics.append(
                    Diagnostic(
                        .error, id: "privacy.external-resource", file: file.path,
                        message: "the stylesheet /\(file.path) loads \(url) from \(host), which is not in site.yaml's privacy.allowed_hosts",
                        hint: "self-host fonts and images in the theme's assets/"))
            }
        }
        return diagnostics
    }

    /// `url(...)` and `@import "..."` targets in CSS.
    static func cssURLs(_ css: String) -> [String] {
        var urls: [String] = []
        var rest = Substring(css)
        while let range = rest.firstRange(of: "url(") {
            let inner = rest[range.upperBound...].prefix { $0 != ")" }
            urls.append(inner.trimmed.trimmingQuotes)
            rest = rest[range.upperBound...]
        }
        rest = Substring(css)
        while let range = rest.firstRange(of: "@import") {
            let inner = rest[range.upperBound...].prefix { $0 != ";" }.trimmed
            if !inner.hasPrefix("url(") { urls.append(inner.trimmingQuotes) }
            rest = rest[range.upperBound...]
        }
        return urls
    }

    /// The host of an absolute or protocol-relative URL, lowercased; `nil` for site paths and `data:`.
    static func externalHost(_ url: String) -> String? {
        let trimmed = url.trimmed
        // A site path; browsers read `/\host` as `//host`, so that one is not.
        if trimmed.hasPrefix("/"), !trimmed.hasPrefix("//"), !trimmed.hasPrefix("/\\") { return nil }
        let lower = trimmed.lowercased()
        let rest: Substring
        if lower.hasPrefix("//") || lower.hasPrefix("/\\") {
            rest = lower.dropFirst(2)
        } else if let colon = lower.utf8.firstIndex(of: UInt8(ascii: ":")), lower[..<colon].allSatisfy({ $0.isLetter }),
            lower[lower.index(after: colon)...].hasPrefix("//")
        {
            rest = lower[lower.index(colon, offsetBy: 3)...]
        } else {
            return nil
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }.split(separator: "@").last.map(String.init) ?? ""
        return host.split(separator: ":").first.map(String.init)
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        var text = Substring(self)
        while let first = text.first, first == "\"" || first == "'" { text = text.dropFirst() }
        while let last = text.last, last == "\"" || last == "'" { text = text.dropLast() }
        return String(text)
    }
}
