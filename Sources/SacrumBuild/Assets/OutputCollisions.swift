import SacrumContent

/// Finds published files (theme assets, `static/`, the non-Markdown files of `content/`) that would
/// land where the build already writes a page, a redirect or a generated file, including names that
/// differ only in letter case or Unicode normalisation (one file on macOS and Windows). Without this
/// a file in `static/` would silently replace a page or the sitemap.
enum OutputCollisions {
    /// One error per published file that collides with a path in `written` (pages, redirects, generated files).
    static func find(assets: AssetCollector.Result, written: Set<String>, site: Site) -> [Diagnostic] {
        guard !assets.files.isEmpty else { return [] }
        var folded: [String: String] = [:]
        folded.reserveCapacity(written.count)
        for path in written { folded[path.lowercased()] = path }
        var found: [Diagnostic] = []
        for file in assets.files {
            guard let taken = folded[file.path.lowercased()] else { continue }
            let owner = Self.owner(of: taken, in: site)
            let sameBytes = taken.utf8.elementsEqual(file.path.utf8)
            let message =
                sameBytes
                ? "this file would be published at /\(file.path), where the build writes \(owner)"
                : "this file (/\(file.path)) and \(owner) (/\(taken)) differ only in letter case or accents; they would be one file on macOS and Windows"
            let hint =
                SiteTreeBuilder.generatedFiles.contains(taken.lowercased())
                ? "remove it: Sacrum writes /\(taken) itself (from site.yaml and the pages)"
                : "rename or move one of them"
            found.append(
                Diagnostic(.error, id: "url.collision", file: assets.sources[file.path] ?? file.path, message: message, hint: hint))
        }
        return found
    }

    /// What the build writes at `path`, in words.
    private static func owner(of path: String, in site: Site) -> String {
        if let page = site.pages.first(where: { $0.isWritten && $0.outputPath == path }) {
            return page.source.map { "the page of \($0.file)" } ?? "the generated page \(page.url)"
        }
        if let alias = site.aliases.first(where: { $0.outputPath == path }) {
            return "the redirect from \(alias.url)"
        }
        return "its own \(path)"
    }
}
