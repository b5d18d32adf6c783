internal import SacrumMarkdown

/// Resolves the link and image destinations of one page's Markdown: paths to `.md` files (relative to
/// the page's file, or from the content root with a leading `/`) and site paths become the target's
/// URL; relative paths to images and other files become site paths. A destination that leads nowhere
/// is an error at its line and column, with a "did you mean" when a close match exists. Links with a
/// `#fragment` are kept for checking once the target page is rendered.
public struct LinkResolver {
    let site: Site
    let page: Page
    /// Files published besides pages (content files, theme assets, `static/`), as paths without `/`.
    let publishedFiles: Set<String>
    /// Problems found.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Fragments to check later.
    public private(set) var pendingFragments: [PendingFragment] = []

    /// Creates a resolver for the Markdown of `page`.
    init(site: Site, page: Page, publishedFiles: Set<String>) {
        self.site = site
        self.page = page
        self.publishedFiles = publishedFiles
    }

    /// The destination to write into the HTML, or `nil` to keep it as written.
    mutating func resolve(_ link: MarkdownLink) -> String? {
        let destination = link.destination
        let what = link.kind == .image ? "image" : "link"
        if destination.trimmed.isEmpty {
            report(link, id: "link.empty", "the \(what) has no destination", hint: "write where it leads between the parentheses")
            return nil
        }
        if Self.isWindowsPath(destination) {
            report(link, id: "link.local-file", "the \(what) '\(destination)' is a file on a Windows computer, not an address on the web",
                   hint: "copy the file into content/ or static/ and link to it there, like images/x-ray.png")
            return nil
        }
        if Self.hasScheme(destination) || destination.hasPrefix("//") { return nil }
        // The common case, a plain site path to a page (`/conditions/back-pain/`), needs no parsing.
        if destination.utf8.first == UInt8(ascii: "/"), destination.utf8.last == UInt8(ascii: "/"),
            !destination.utf8.contains(where: Self.needsParsing), let target = site.pageByURL[destination]
        {
            if site.pages[target].language != page.language { checkLanguage(of: target, link: link) }
            return site.pages[target].url == destination ? nil : site.pages[target].url
        }

        let parts = DestinationParts(destination)
        guard let path = parts.decodedPath else {
            report(link, id: "link.broken", "the \(what) '\(destination)' has a malformed percent-encoding")
            return nil
        }
        if path.isEmpty {
            if let fragment = parts.fragment, !fragment.isEmpty {
                pendingFragments.append(
                    PendingFragment(target: page.id, fragment: fragment, destination: destination, position: link.position))
            }
            return nil
        }
        if path.containsUTF8Byte(UInt8(ascii: "\\")) || path.utf8.contains(where: { $0 < 0x20 }) {
            report(link, id: "link.broken", "the \(what) '\(destination)' contains a backslash or control character",
                   hint: "use '/' between folders")
            return nil
        }

        let folder = page.source?.folder ?? ""
        let isAbsolute = path.hasPrefix("/")
        guard let normalized = Self.normalize(path, relativeTo: isAbsolute ? "" : folder) else {
            report(link, id: "link.outside", "the \(what) '\(destination)' leads outside the site's content folder",
                   hint: "link to pages and files inside content/")
            return nil
        }

        if normalized.hasSuffix(".md") {
            return linkToPage(contentPath: normalized, link: link, parts: parts, what: what)
        }
        if isAbsolute {
            let asFolder = normalized.isEmpty ? "/" : "/" + normalized + (normalized.hasSuffix("/") ? "" : "/")
            if let target = site.pageByURL["/" + normalized] ?? site.pageByURL[asFolder] {
                return pageURL(target, parts: parts, link: link)
            }
            if publishedFiles.contains(normalized) { return nil }
        } else {
            if publishedFiles.contains(normalized) { return "/" + normalized + parts.suffix }
            let asFolder = "/" + normalized + (normalized.hasSuffix("/") ? "" : "/")
            if let target = site.pageByURL[asFolder] { return pageURL(target, parts: parts, link: link) }
        }
        reportBroken(link, normalized: normalized, isAbsolute: isAbsolute, what: what)
        return nil
    }

    // MARK: - Pages

    private mutating func linkToPage(contentPath: String, link: MarkdownLink, parts: DestinationParts, what: String) -> String? {
        if var target = site.pageByContentPath[contentPath] {
            if link.kind == .image {
                report(link, id: "link.broken", "the image '\(link.destination)' is a page, not an image file")
                return nil
            }
            // A translation that names the original's file (as copied from it) means the page in its
            // own language, when there is one.
            if site.pages[target].source?.languageCode == nil, page.language != 0,
                let translated = site.translation(of: target, in: page.language)
            {
                target = translated
            }
            return pageURL(target, parts: parts, link: link)
        }
        if let reason = site.hiddenPages[contentPath] {
            report(link, id: "link.hidden", "the link '\(link.destination)' leads to a page that is \(reason.description)",
                   hint: reason.flag.map { "publish that page, remove the link, or build with \($0)" } ?? "remove the link")
            return nil
        }
        reportBroken(link, normalized: contentPath, isAbsolute: link.destination.hasPrefix("/"), what: what)
        return nil
    }

    private mutating func pageURL(_ target: Int, parts: DestinationParts, link: MarkdownLink) -> String {
        if site.pages[target].language != page.language { checkLanguage(of: target, link: link) }
        if let fragment = parts.fragment, !fragment.isEmpty {
            pendingFragments.append(
                PendingFragment(target: target, fragment: fragment, destination: link.destination, position: link.position))
        }
        return site.pages[target].url + parts.suffix
    }

    // MARK: - Problems

    private mutating func reportBroken(_ link: MarkdownLink, normalized: String, isAbsolute: Bool, what: String) {
        let folder = page.source?.folder ?? ""
        var suggestion: String?
        if normalized.hasSuffix(".md") {
            if let match = Suggestion.closest(to: normalized, in: site.pageByContentPath.keys) {
                suggestion = isAbsolute ? "/" + match : Self.relativePath(from: folder, to: match)
            }
        } else if isAbsolute {
            let candidates = Array(site.pageByURL.keys) + publishedFiles.map { "/" + $0 }
            suggestion = Suggestion.closest(to: "/" + normalized, in: candidates)
        } else if let match = Suggestion.closest(to: normalized, in: publishedFiles) {
            suggestion = Self.relativePath(from: folder, to: match)
        }
        let noun = link.kind == .image || !normalized.hasSuffix(".md") && normalized.contains(".") ? "file" : "page"
        report(
            link, id: "link.broken", "the \(what) '\(link.destination)' matches no \(noun)",
            hint: suggestion.map { "did you mean '\($0)'?" }
                ?? (link.kind == .image
                    ? "put the image under content/ and link to it by its path"
                    : "link to a page's Markdown file, like '../conditions/back-pain.md', or to its URL"))
    }

    /// A link to a page in another language must say so, in its text or title, so that readers are not
    /// surprised (WCAG 3.1.2): it names the language, in the page's language or its own ("inglés",
    /// "English").
    private mutating func checkLanguage(of target: Int, link: MarkdownLink) {
        let languages = site.config.siteLanguages
        let targetLanguage = site.pages[target].language
        guard link.kind == .link, targetLanguage < languages.count, page.language < languages.count else { return }
        let folded =
            targetLanguage < site.foldedLanguageNames.count && page.language < site.foldedLanguageNames[targetLanguage].count
            ? site.foldedLanguageNames[targetLanguage][page.language] : []
        let said = LanguageNames.folded(link.text + " " + link.title)
        if folded.contains(where: { said.contains($0) }) { return }
        let names = site.languageNames.count > targetLanguage ? site.languageNames[targetLanguage][page.language] : []
        diagnostics.append(
            Diagnostic(
                .warning, id: "lang.cross-link", file: page.file, line: link.position.line, column: link.position.column,
                message: "the link '\(link.destination)' leads to a page in \(languages[targetLanguage].tag) from a page in \(languages[page.language].tag), without saying so",
                hint: site.translation(of: target, in: page.language) != nil
                    ? "link to the page's \(languages[page.language].tag) version instead"
                    : "say so in the link's text, like '[\(link.text) (\(names.first ?? languages[targetLanguage].name))](\(link.destination))', or translate the page"))
    }

    private mutating func report(_ link: MarkdownLink, id: String, _ message: String, hint: String? = nil) {
        diagnostics.append(
            Diagnostic(
                .error, id: id, file: page.file, line: link.position.line, column: link.position.column, message: message,
                hint: hint))
    }

    // MARK: - Paths

    /// Bytes that make a site path more than a plain lookup: query, fragment, escapes, dot segments.
    private static func needsParsing(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    /// Whether the destination starts with a URL scheme (`https:`, `mailto:`, `tel:`).
    static func hasScheme(_ destination: String) -> Bool {
        var sawLetter = false
        for scalar in destination.unicodeScalars {
            if scalar == ":" { return sawLetter }
            let isSchemeCharacter =
                (scalar.isASCII && scalar.properties.isAlphabetic) || (sawLetter && ("0"..."9" ~= scalar || "+-.".unicodeScalars.contains(scalar)))
            if !isSchemeCharacter { return false }
            sawLetter = true
        }
        return false
    }

    /// `path` resolved against `folder` (both inside `content/`), without `.` and `..` segments; `nil` if
    /// it climbs above the content root. A trailing `/` is kept.
    static func normalize(_ path: String, relativeTo folder: String) -> String? {
        var segments = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        let joined = segments.joined(separator: "/")
        return path.hasSuffix("/") && !joined.isEmpty ? joined + "/" : joined
    }

    /// The relative path from a content folder to a content path (`treatments` → `conditions/a.md` is
    /// `../conditions/a.md`).
    static func relativePath(from folder: String, to path: String) -> String {
        let from = folder.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(String.init)).joined(separator: "/")
    }
}

/// A destination split into its path, query and fragment.
struct DestinationParts {
    var path: String
    var query: String?
    var fragment: String?

    init(_ destination: String) {
        var rest = Substring(destination)
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        path = String(rest)
    }

    /// The path with percent-escapes decoded once (`my%20file.pdf` → `my file.pdf`), or `nil` if an escape
    /// is malformed or decodes to a NUL.
    var decodedPath: String? {
        guard path.containsUTF8Byte(UInt8(ascii: "%")) else { return path }
        var bytes: [UInt8] = []
        var iterator = Array(path.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16), value != 0
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// `?query#fragment`, as far as present.
    var suffix: String {
        (query.map { "?" + $0 } ?? "") + (fragment.map { "#" + $0 } ?? "")
    }
}

extension LinkResolver {
    /// `C:\folder\file` or `C:/folder/file`: a drive letter, which would otherwise pass for a URL
    /// scheme named `c`.
    static func isWindowsPath(_ destination: String) -> Bool {
        let bytes = Array(destination.utf8.prefix(3))
        guard bytes.count == 3, bytes[1] == UInt8(ascii: ":") else { return false }
        let letter = bytes[0] | 0x20
        return letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z") && (bytes[2] == UInt8(ascii: "\\") || bytes[2] == UInt8(ascii: "/"))
    }
}
