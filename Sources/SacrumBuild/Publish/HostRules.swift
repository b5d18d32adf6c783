import SacrumContent

/// What the host files (`_headers`, `_redirects`, `sacrum.nginx.conf`) say, gathered from the built site:
/// which files are fingerprinted, where aliases lead, where the 404 page is, the security headers.
struct HostRules: Sendable, Hashable {
    /// A permanent redirect from an old URL to a page.
    struct Redirect: Sendable, Hashable {
        /// The old URL path, with the base URL's path in front (`/si-fusion/`).
        var from: String
        /// The page's URL path, with the base URL's path in front.
        var to: String
    }

    /// The path of the base URL (`/clinic-site` for `https://example.github.io/clinic-site`), or `""`.
    var pathPrefix: String
    /// Every published file (output paths, without twins or host files), sorted.
    var files: [String]
    /// Files whose names carry a hash of their content, cached for a year.
    var fingerprinted: Set<String>
    /// A 301 for every alias, sorted by `from`.
    var redirects: [Redirect]
    /// The 404 page's URL path, if the site has one.
    var notFoundPage: String?
    /// Response headers for every file: the Content-Security-Policy and its companions.
    var securityHeaders: [Header]

    /// A response header.
    struct Header: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// `Cache-Control` of a fingerprinted file: its URL changes whenever its bytes do.
    static let immutable = "public, max-age=31536000, immutable"
    /// `Cache-Control` of everything else, HTML first: the browser asks the server (cheaply, with
    /// `If-None-Match`) before reusing its copy.
    static let revalidate = "no-cache"

    /// The files Sacrum writes for hosts; never served as pages (nginx answers 404 for them).
    static let hostFiles = ["_headers", "_redirects", NginxInclude.fileName, SiteManifest.fileName]

    /// The security headers: a Content-Security-Policy allowing the site's own origin (and images
    /// written inline as `data:` URLs, which Markdown keeps), plus the hosts `privacy.allowed_hosts` names.
    static func securityHeaders(allowedHosts: [String]) -> [Header] {
        let hosts = allowedHosts.sorted().map { " https://" + $0 }.joined()
        let policy = [
            "default-src 'self'\(hosts)", "img-src 'self' data:\(hosts)", "object-src 'none'", "base-uri 'self'",
            "form-action 'self'\(hosts)", "frame-ancestors 'self'",
        ].joined(separator: "; ")
        return [
            Header(name: "Content-Security-Policy", value: policy),
            Header(name: "X-Content-Type-Options", value: "nosniff"),
            Header(name: "Referrer-Policy", value: "strict-origin-when-cross-origin"),
        ]
    }

    /// The rules of a built site.
    static func of(site: Site, files: [String], fingerprinted: Set<String>) -> HostRules {
        let prefix = site.config.basePath
        let redirects = site.aliases.map { Redirect(from: prefix + $0.url, to: prefix + site.pages[$0.target].url) }
            .sorted { $0.from.utf8.lexicographicallyPrecedes($1.from.utf8) }
        let notFound = site.pages.first { $0.role == .notFound && $0.isWritten }.map { prefix + $0.url }
        return HostRules(
            pathPrefix: prefix, files: files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            fingerprinted: fingerprinted, redirects: redirects, notFoundPage: notFound,
            securityHeaders: securityHeaders(allowedHosts: site.config.allowedHosts))
    }

    /// Whether a URL path can be written into the host files as it is: printable ASCII without spaces,
    /// quotes, `\`, `$`, `;`, `#`, `{` or `}` (which nginx's and Netlify's formats would read as syntax).
    static func isPlain(_ path: String) -> Bool {
        path.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && !"\"'\\$;#{}`".utf8.contains(byte)
        }
    }

    /// The URL path a file is reached at: `a/index.html` → `/a/`, others `/` + path; with the prefix.
    func urlPath(of file: String) -> String {
        if file == "index.html" { return pathPrefix + "/" }
        if file.hasSuffix("/index.html") { return pathPrefix + "/" + file.dropLast("index.html".count) }
        return pathPrefix + "/" + file
    }

    /// The `no-cache` rules, as few as possible without overlapping a fingerprinted file: a folder
    /// without fingerprinted files is one `folder/*` rule; elsewhere each file gets its own (a page
    /// both as `/a/` and `/a/index.html`). Hosts join the values of rules that overlap, so they never do.
    func revalidatedPatterns() -> [String] {
        var patterns: [String] = []
        cover(folder: "", files: files.filter { !fingerprinted.contains($0) && !Self.hostFiles.contains($0) }, into: &patterns)
        return patterns
    }

    private func cover(folder: String, files: [String], into patterns: inout [String]) {
        let hasFingerprinted = fingerprinted.contains { folder.isEmpty || $0.hasPrefix(folder + "/") }
        if !folder.isEmpty && !hasFingerprinted {
            patterns.append(pathPrefix + "/" + folder + "/*")
            return
        }
        var subfolders: [String: [String]] = [:]
        var order: [String] = []
        for file in files {
            let rest = folder.isEmpty ? file : String(file.dropFirst(folder.count + 1))
            if let slash = rest.firstIndex(of: "/") {
                let child = (folder.isEmpty ? "" : folder + "/") + rest[..<slash]
                if subfolders[child] == nil { order.append(child) }
                subfolders[child, default: []].append(file)
            } else {
                if rest == "index.html" { patterns.append(urlPath(of: file)) }
                patterns.append(pathPrefix + "/" + file)
            }
        }
        for child in order { cover(folder: child, files: subfolders[child] ?? [], into: &patterns) }
    }
}
