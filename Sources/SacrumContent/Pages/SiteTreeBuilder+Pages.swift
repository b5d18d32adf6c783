extension SiteTreeBuilder {
    // MARK: - Sections

    /// Every folder that holds published pages (at any depth) is a section with a list page: from its
    /// `_index.md`, or generated. The top folder is the home page.
    mutating func makeSections(visible: [PageSource]) {
        let bundleFolders = Set(visible.filter(\.isBundleIndex).map(\.folder))
        var folders: Set<String> = [""]
        for source in visible {
            var folder = source.isBundleIndex ? parentFolder(source.folder) : source.folder
            if source.isSectionIndex { folders.insert(source.folder) }
            while !folder.isEmpty {
                folders.insert(folder)
                folder = parentFolder(folder)
            }
        }
        folders.subtract(bundleFolders)
        let indexes = Dictionary(visible.filter(\.isSectionIndex).map { ($0.folder, $0) }, uniquingKeysWith: { a, _ in a })
        for folder in folders.sorted(by: { depth($0) < depth($1) || (depth($0) == depth($1) && $0 < $1) }) {
            let source = indexes[folder]
            let name = String(folder.split(separator: "/").last ?? "")
            let parent = folder.isEmpty ? nil : sectionPage[parentFolder(folder)]
            var url = folder.isEmpty ? languagePrefix : (parent.map { pages[$0].url } ?? languagePrefix) + folderSegment(name) + "/"
            if !folder.isEmpty { reportFolderName(name, folder: folder, source: source, url: url) }
            if let source, let override = urlOverride(source, fallback: url, isHome: folder.isEmpty) { url = override }
            let title =
                source?.frontMatter.title ?? (folder.isEmpty ? languageTitle : SitePath.title(fromName: name))
            let page = Page(
                id: pages.count, role: folder.isEmpty ? .home : .section,
                kind: kind(of: source, in: folder), source: source, title: title,
                url: url, outputPath: SitePath.outputPath(for: url), sectionFolder: folder, parent: parent,
                language: currentLanguage)
            if register(page, position: source?.frontMatter.url?.position) {
                sectionPage[folder] = page.id
                pages.append(page)
                if let parent { pages[parent].subsections.append(page.id) }
            } else if folder.isEmpty {
                // The home page must exist for the tree to hang together.
                sectionPage[folder] = page.id
                pages.append(page)
            }
        }
    }

    // MARK: - Regular pages

    mutating func makeRegularPages(visible: [PageSource]) {
        for source in visible where !source.isSectionIndex {
            let folder = source.isBundleIndex ? parentFolder(source.folder) : source.folder
            guard let parent = sectionPage[folder] else { continue }
            let stem =
                source.isBundleIndex
                ? String(source.folder.split(separator: "/").last ?? "")
                : String(source.baseFileName.dropLast(3))
            var segment = stem
            var sluggedFileName = false
            if let slug = source.frontMatter.slug {
                do throws(SitePath.Problem) {
                    try SitePath.checkSegment(slug.value)
                    segment = slug.value
                } catch {
                    report(
                        source, slug.position, id: "url.invalid", "the slug '\(slug.value)' cannot be used: \(error.message)",
                        hint: "use letters, digits and '-', like 'slug: si-joint-fusion'")
                }
            } else {
                do throws(SitePath.Problem) {
                    let (fileSegment, isSlug) = try SitePath.segment(forFileStem: stem)
                    segment = fileSegment
                    sluggedFileName = isSlug
                } catch {
                    report(
                        source, nil, id: "url.invalid", "the file name cannot be part of a URL: \(error.message)",
                        hint: "rename the file, or give it a 'slug'")
                    continue
                }
            }
            var url = folderURL(folder) + segment + "/"
            if sluggedFileName && source.frontMatter.url == nil {
                let name = source.isBundleIndex ? "folder name" : "file name"
                report(
                    source, nil, .note, id: "url.slug",
                    "the \(name) '\(stem)' has capitals, spaces, accents or punctuation, so the page is published at \(url)",
                    hint: "links may still name the file; to choose the URL yourself, set 'slug:' in the front matter")
            }
            if let override = urlOverride(source, fallback: url, isHome: false) { url = override }
            if source.frontMatter.title == nil && source.isReadable {
                report(
                    source, nil, id: "frontmatter.title", "the page has no 'title'",
                    hint: "add 'title: ...' to the front matter, or start the page with a '# Title' heading; the title is the page's heading and its name in search results")
            }
            let page = Page(
                id: pages.count, role: .regular,
                kind: kind(of: source, in: folder), source: source,
                title: source.frontMatter.title ?? SitePath.title(fromName: stem), url: url,
                outputPath: SitePath.outputPath(for: url), sectionFolder: folder, parent: parent,
                language: currentLanguage)
            if register(page, position: source.frontMatter.url?.position ?? source.frontMatter.slug?.position) {
                pages.append(page)
                pages[parent].children.append(page.id)
            } else {
                var loser = page
                loser.claimsURL = false
                pages.append(loser)
                if pageByContentPath[source.contentPath] == nil { pageByContentPath[source.contentPath] = loser.id }
            }
        }
    }

    /// The site path of a content folder, from the folder names (not from any `url` a section sets).
    private func folderURL(_ folder: String) -> String {
        folder.isEmpty
            ? languagePrefix
            : languagePrefix + folder.split(separator: "/").map { folderSegment(String($0)) }.joined(separator: "/") + "/"
    }

    /// The URL segment of a folder's name: the name, or its slug when it has capitals, spaces, accents
    /// or punctuation (as for file names). A name that cannot be a URL stays as it is here;
    /// `reportFolderName` reports it.
    private func folderSegment(_ name: String) -> String {
        do throws(SitePath.Problem) {
            return try SitePath.segment(forFileStem: name).segment
        } catch {
            return name
        }
    }

    /// A note when a folder's name was turned into a slug, an error when it cannot be part of a URL;
    /// at the section's `_index.md`, or at the folder.
    private mutating func reportFolderName(_ name: String, folder: String, source: PageSource?, url: String) {
        let diagnostic: (DiagnosticSeverity, String, String, String)
        do throws(SitePath.Problem) {
            guard try SitePath.segment(forFileStem: name).isSlug else { return }
            diagnostic = (
                .note, "url.slug",
                "the folder name '\(name)' has capitals, spaces, accents or punctuation, so its pages are published under \(url)",
                "links may still name the files; to choose the URL yourself, rename the folder"
            )
        } catch {
            diagnostic = (.error, "url.invalid", "the folder name cannot be part of a URL: \(error.message)", "rename the folder")
        }
        diagnostics.append(
            Diagnostic(
                diagnostic.0, id: diagnostic.1, file: source?.file ?? SiteLayout.contentDisplayPath(folder), line: source == nil ? 0 : 1,
                column: source == nil ? 0 : 1, message: diagnostic.2, hint: diagnostic.3))
    }

    /// The page's `url`, checked; `nil` (after a diagnostic) when it cannot be used.
    private mutating func urlOverride(_ source: PageSource, fallback: String, isHome: Bool) -> String? {
        guard let url = source.frontMatter.url else { return nil }
        if isHome {
            report(
                source, url.position, .warning, id: "url.home", "the home page is always published at '/'; 'url' is ignored",
                hint: "remove 'url' from content/_index.md")
            return nil
        }
        do throws(SitePath.Problem) {
            let normalized = try SitePath.normalize(url.value)
            if currentLanguage != 0 && !normalized.hasPrefix(languagePrefix) {
                report(
                    source, url.position, .warning, id: "lang.url",
                    "this \(siteLanguages[currentLanguage].tag) page's url \(normalized) is outside \(languagePrefix), where the language's pages are published",
                    hint: "write 'url: \(languagePrefix)\(normalized.dropFirst())' to keep it with the language's pages")
            }
            return normalized
        } catch {
            report(
                source, url.position, id: "url.invalid", "the url '\(url.value)' cannot be used: \(error.message)",
                hint: "write a path inside the site, like 'url: /si-joint-fusion/'")
            return nil
        }
    }

    // MARK: - Order

    /// Sorts every list page's children and subsections by weight, then date (newest first), then title.
    mutating func orderSections() {
        let order = PageOrder(pages)
        for index in pages.indices where pages[index].isList {
            pages[index].children.sort(by: order.precedes)
            pages[index].subsections.sort(by: order.precedes)
        }
    }

    mutating func linkAncestorsAndNeighbours() {
        for index in pages.indices {
            var ancestors: [Int] = []
            var current = pages[index].parent
            while let parent = current, ancestors.count < 64 {
                ancestors.append(parent)
                current = pages[parent].parent
            }
            pages[index].ancestors = ancestors.reversed()
        }
        for index in pages.indices where pages[index].isList {
            let children = pages[index].children
            for (position, child) in children.enumerated() {
                pages[child].previous = position > 0 ? children[position - 1] : nil
                pages[child].next = position + 1 < children.count ? children[position + 1] : nil
            }
        }
    }

    // MARK: - Helpers

    func parentFolder(_ folder: String) -> String {
        guard let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(folder[..<slash])
    }

    private func depth(_ folder: String) -> Int {
        folder.isEmpty ? 0 : folder.split(separator: "/").count
    }
}

/// The order of pages in a list: weight (lowest first, unset last), then date (newest first), then
/// title, then content path, so that the order never depends on the file system.
struct PageOrder: Sendable {
    private struct Key: Comparable {
        var weight: Int
        var negatedDate: Int
        var title: String
        var path: String

        static func < (a: Key, b: Key) -> Bool {
            (a.weight, a.negatedDate, a.title, a.path) < (b.weight, b.negatedDate, b.title, b.path)
        }
    }

    private let keys: [Key]

    /// The sort keys of `pages`, computed once (sorting compares them many times).
    init(_ pages: [Page]) {
        keys = pages.map { page in
            let date = page.frontMatter.date?.secondsSinceEpoch ?? Int.min
            return Key(
                weight: page.frontMatter.weight ?? Int.max, negatedDate: date == Int.min ? Int.max : -date,
                title: page.title.lowercased(), path: page.source?.contentPath ?? page.url)
        }
    }

    /// Whether page `a` comes before page `b` (indexes into the pages given to `init`).
    func precedes(_ a: Int, _ b: Int) -> Bool { keys[a] < keys[b] }

    /// `indexes` in this order.
    func sorted(_ indexes: [Int]) -> [Int] { indexes.sorted(by: precedes) }
}
