extension SiteTreeBuilder {
    // MARK: - Tags

    /// Each tag gets a list page at `/tags/<slug>/`, and `/tags/` lists them all.
    mutating func makeTagPages() {
        var terms: [String: (title: String, pages: [Int])] = [:]
        for page in pages where page.role == .regular && page.claimsURL && page.language == 0 {
            for tag in page.frontMatter.tags {
                let slug = HeadingSlugBridge.slug(tag)
                if terms[slug] == nil { terms[slug] = (tag, []) }
                if terms[slug]!.pages.last != page.id { terms[slug]!.pages.append(page.id) }
            }
        }
        guard !terms.isEmpty else { return }
        let index = Page(
            id: pages.count, role: .tagIndex, kind: .page, source: nil, title: "Tags", url: "/tags/",
            outputPath: "tags/index.html", sectionFolder: "tags", parent: sectionPage[""])
        guard register(index, position: nil) else {
            report(nil, nil, id: "url.collision", "the tag list at /tags/ collides with a page of the site",
                   hint: "rename the content folder or page published at /tags/")
            return
        }
        pages.append(index)
        let order = PageOrder(pages)
        for (slug, term) in terms.sorted(by: { $0.key < $1.key }) {
            let tagPage = Page(
                id: pages.count, role: .tag, kind: .page, source: nil, title: term.title, url: "/tags/\(slug)/",
                outputPath: "tags/\(slug)/index.html", sectionFolder: "tags", parent: index.id)
            guard register(tagPage, position: nil) else { continue }
            pages.append(tagPage)
            pages[tagPage.id].children = order.sorted(term.pages)
            pages[index.id].subsections.append(tagPage.id)
            for page in term.pages { pages[page].tagPages.append(tagPage.id) }
        }
        pages[index.id].ancestors = [sectionPage[""] ?? 0]
        for page in pages[index.id].subsections { pages[page].ancestors = [sectionPage[""] ?? 0, index.id] }
    }

    // MARK: - Menus

    /// Resolves menu targets: absolute URLs stay as they are; site paths and content paths must name a
    /// published page or file.
    mutating func resolveMenu(_ items: [MenuItemConfig], key: String, language: Int = 0) -> [MenuEntry] {
        items.compactMap { item in
            let target = item.target.trimmed
            let lower = target.lowercased()
            if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
                || lower.hasPrefix("tel:")
            {
                return MenuEntry(title: item.title, url: target, page: nil)
            }
            if target.hasPrefix("/") {
                let normalized = target.hasSuffix("/") || target.contains(".") ? target : target + "/"
                if let page = pageByURL[normalized] { return MenuEntry(title: item.title, url: normalized, page: page) }
                if staticFiles.contains(String(target.dropFirst())) {
                    return MenuEntry(title: item.title, url: target, page: nil)
                }
            } else {
                let path = target.hasSuffix(".md") ? target : target + ".md"
                if var page = pageByContentPath[path] ?? pageByContentPath[target + "/_index.md"] {
                    // In another language's menu, a page's path leads to its translation when it has one.
                    if language != 0, let translated = pages[page].translations.first(where: { pages[$0].language == language }) {
                        page = translated
                    }
                    return MenuEntry(title: item.title, url: pages[page].url, page: page)
                }
            }
            let suggestion = Suggestion.closest(to: target, in: pages.map(\.url))
            diagnostics.append(
                Diagnostic(
                    .error, id: "menu.broken", file: "site.yaml", line: item.position.line, column: item.position.column,
                    message: "the \(key) entry '\(item.title)' leads to '\(target)', which is not a page of the site",
                    hint: suggestion.map { "did you mean '\($0)'?" } ?? "use a site path like '/treatments/'"))
            return nil
        }
    }

    // MARK: - Aliases

    /// Every `aliases` entry becomes a redirect page, unless it collides with a page or another alias.
    mutating func makeAliases() -> [Alias] {
        var aliases: [Alias] = []
        for page in pages where page.claimsURL {
            guard let source = page.source else { continue }
            for alias in source.frontMatter.aliases {
                let url: String
                do throws(SitePath.Problem) {
                    url = try SitePath.normalize(alias.value)
                } catch {
                    report(
                        source, alias.position, id: "url.invalid", "the alias '\(alias.value)' cannot be used: \(error.message)",
                        hint: "write the old path inside the site, like '/old-page/'")
                    continue
                }
                let outputPath = SitePath.outputPath(for: url)
                let folded = outputPath.lowercased()
                if Self.generatedFiles.contains(folded) {
                    report(
                        source, alias.position, id: "url.reserved",
                        "the alias '\(alias.value)' would replace '\(outputPath)', which Sacrum generates itself")
                    continue
                }
                if let other = claimedOutputPaths[folded] {
                    report(
                        source, alias.position, id: "alias.collision",
                        "the alias '\(alias.value)' is already taken by \(other.isEmpty ? "a generated page" : other)",
                        hint: "remove the alias; a page or another alias is published there")
                    continue
                }
                claimedOutputPaths[folded] = source.file
                aliases.append(Alias(url: url, outputPath: outputPath, target: page.id))
            }
        }
        return aliases
    }

    /// A file of `content/` published where a page is written, or where Sacrum writes its own files.
    mutating func checkStaticFileCollisions() {
        for file in staticFiles.sorted() {
            let folded = file.lowercased()
            if Self.generatedFiles.contains(folded) || claimedOutputPaths[folded] != nil {
                diagnostics.append(
                    Diagnostic(
                        .error, id: "url.collision", file: SiteLayout.contentDisplayPath(file),
                        message: "this file would be published at /\(file), where \(claimedOutputPaths[folded].map { $0.isEmpty ? "a generated page" : $0 } ?? "Sacrum writes its own file") is written",
                        hint: "rename or move the file"))
                staticFiles.remove(file)
            } else {
                claimedOutputPaths[folded] = SiteLayout.contentDisplayPath(file)
            }
        }
    }
}

/// Tag slugs use the same rules as heading ids.
enum HeadingSlugBridge {
    static func slug(_ text: String) -> String { SlugMaker.slug(text) }
}
