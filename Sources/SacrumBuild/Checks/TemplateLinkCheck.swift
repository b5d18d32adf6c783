import SacrumContent
import SacrumMarkdown

/// Links, images and stylesheets that templates produce must lead somewhere in the output, and their
/// `#fragments` must exist. (Links written in Markdown are checked at their line and column when the
/// Markdown is rendered.)
enum TemplateLinkCheck {
    /// The links of one rendered page (its `tags`, its `ids`): those that lead nowhere, and those to a
    /// `#fragment` of another page, which `checkFragments` checks once every page is rendered.
    static func check(
        _ page: Page, context: CheckContext, tags: [HTMLScanner.Tag], ids: Set<String>
    ) -> (diagnostics: [Diagnostic], fragmentLinks: [PageFacts.FragmentLink]) {
        // Links that came out of the page's Markdown were checked where they are written.
        let fromMarkdown = page.content?.linkTargets ?? []
        var diagnostics: [Diagnostic] = []
        var fragmentLinks: [PageFacts.FragmentLink] = []
        var seen: Set<String> = []
        for tag in tags {
            let value: String?
            switch tag.name {
            case "a", "link", "area": value = tag.attribute("href")
            case "img", "script", "source", "iframe", "video", "audio", "track", "embed": value = tag.attribute("src")
            default: value = nil
            }
            guard let url = value, url.hasPrefix("/") || url.hasPrefix("#"), !url.hasPrefix("//"), seen.insert(url).inserted else { continue }
            if fromMarkdown.contains(url) { continue }
            let pathEnd = url.utf8.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? url.endIndex
            var path = String(url[..<pathEnd])
            let fragment = url.utf8.firstIndex(of: UInt8(ascii: "#")).map { String(url[url.index(after: $0)...]) }
            if path.isEmpty { path = page.url }
            guard let target = outputFile(for: path, in: context.outputPaths) else {
                // A page of the tree that could not be rendered is already reported where it failed.
                if context.site.pageByURL[path] != nil || context.site.pageByURL[path + "/"] != nil { continue }
                let place = context.locate(url, page: page.id)
                diagnostics.append(
                    Diagnostic(
                        .error, id: "link.template", file: place.file, line: place.line, column: place.column,
                        message: "\(page.url) links to \(url), which the build does not produce",
                        hint: "link to a page or file of the site"))
                continue
            }
            guard let fragment, !fragment.isEmpty else { continue }
            if target == page.outputPath {
                if !ids.contains(fragment) { diagnostics.append(missingFragment(url, fragment, page: page, context: context)) }
            } else {
                fragmentLinks.append(PageFacts.FragmentLink(url: url, target: target, fragment: fragment))
            }
        }
        return (diagnostics, fragmentLinks)
    }

    /// The links to other pages' `#fragments` that name an id the target page does not have, by the
    /// index of the page that links. A target that is no rendered page (a file, a page that failed) is
    /// not checked.
    static func checkFragments(_ facts: [Int: PageFacts], context: CheckContext) -> [Int: [Diagnostic]] {
        // Only the pages links lead to are looked up (a preview's body edit runs this over every page).
        var targets: Set<String> = []
        for pageFacts in facts.values { for link in pageFacts.fragmentLinks { targets.insert(link.target) } }
        guard !targets.isEmpty else { return [:] }
        var pageByOutputPath: [String: Int] = [:]
        for index in facts.keys where targets.contains(context.site.pages[index].outputPath) {
            pageByOutputPath[context.site.pages[index].outputPath] = index
        }
        var diagnostics: [Int: [Diagnostic]] = [:]
        for (index, pageFacts) in facts {
            for link in pageFacts.fragmentLinks {
                guard let target = pageByOutputPath[link.target], let ids = facts[target]?.ids, !ids.contains(link.fragment) else { continue }
                diagnostics[index, default: []].append(missingFragment(link.url, link.fragment, page: context.site.pages[index], context: context))
            }
        }
        return diagnostics
    }

    private static func missingFragment(_ url: String, _ fragment: String, page: Page, context: CheckContext) -> Diagnostic {
        let place = context.locate(url, page: page.id)
        return Diagnostic(
            .error, id: "link.template", file: place.file, line: place.line, column: place.column,
            message: "\(page.url) links to \(url), but that page has no element with id '\(fragment)'",
            hint: "link to an id the page has")
    }

    /// The output file a site path names: `/a/` → `a/index.html`, `/a` → `a/index.html` if that exists.
    static func outputFile(for path: String, in files: Set<String>) -> String? {
        var decoded = path
        if path.containsUTF8Byte(UInt8(ascii: "%")), let value = DestinationDecoding.decode(path) { decoded = value }
        let relative = String(decoded.dropFirst())
        if relative.isEmpty { return files.contains("index.html") ? "index.html" : nil }
        if files.contains(relative) { return relative }
        let folder = relative.hasSuffix("/") ? relative + "index.html" : relative + "/index.html"
        return files.contains(folder) ? folder : nil
    }
}

/// Percent-decoding of a URL path, once.
enum DestinationDecoding {
    static func decode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
