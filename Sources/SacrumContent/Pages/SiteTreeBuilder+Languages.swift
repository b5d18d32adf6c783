extension SiteTreeBuilder {
    // MARK: - Languages

    /// Where the language the tree is being built for is published (`/`, `/es/`).
    var languagePrefix: String { siteLanguages[currentLanguage].prefix }

    /// The site's title in the language the tree is being built for.
    var languageTitle: String { siteLanguages[currentLanguage].title }

    /// The page a source is a version of, the same for the original and its translations:
    /// `treatments/si-joint-fusion` (from `si-joint-fusion.md`, `si-joint-fusion.es.md` or
    /// `si-joint-fusion/index.es.md`), `treatments/_index` for a section.
    static func translationKey(of source: PageSource) -> String {
        if source.isSectionIndex { return source.folder + "/_index" }
        if source.isBundleIndex { return source.folder }
        let stem = String(source.baseFileName.dropLast(3))
        return source.folder.isEmpty ? stem : source.folder + "/" + stem
    }

    /// Gives every source its language from its file name and keeps those that can be published:
    /// a file naming a language the site does not have, a second version of a page in one language,
    /// and a translation without its default-language original are errors and left out. A language
    /// prefix that is also a top-level content folder is an error at the prefix in site.yaml.
    mutating func assignLanguages(_ sources: [PageSource], folders: [String]) -> [PageSource] {
        let languages = siteLanguages
        if languages.count > 1 {
            let topFolders = Set(folders.filter { !$0.contains("/") }.map { $0.lowercased() })
            for language in languages.dropFirst() {
                let folder = language.prefix.split(separator: "/").first.map { $0.lowercased() } ?? ""
                guard topFolders.contains(folder) else { continue }
                diagnostics.append(
                    Diagnostic(
                        .error, id: "lang.prefix", file: "site.yaml", line: language.prefixPosition.line,
                        column: language.prefixPosition.column,
                        message: "the \(language.tag) pages are published under \(language.prefix), which is also the content folder content/\(folder)/, so the two would mix",
                        hint: "rename the folder, or give \(language.tag) another 'prefix' under 'languages:'"))
            }
        }
        var versions: [String: [Int: PageSource]] = [:]
        var kept: [PageSource] = []
        for source in sources {
            var language = 0
            if let code = source.languageCode {
                guard let index = languages.firstIndex(where: { $0.isNamed(byCode: code) }) else {
                    let known = languages.dropFirst().map { "'\($0.code)' (\($0.tag))" }
                    report(
                        source, YAMLPosition(line: 1, column: 1), id: "lang.unknown",
                        "the file name says this page is in '\(code)', which is not a language of this site, so it is not published",
                        hint: known.isEmpty
                            ? "list the language in site.yaml ('languages:' with the default language and '\(code)-US: {title: ...}'), or rename the file if it is not a translation"
                            : "the site's other languages are \(known.joined(separator: ", ")); rename the file, or add the language under 'languages:' in site.yaml")
                    continue
                }
                language = index
            }
            let key = Self.translationKey(of: source)
            if let other = versions[key]?[language] {
                report(
                    source, YAMLPosition(line: 1, column: 1), id: "lang.duplicate",
                    "this file and \(other.file) are both the \(languages[language].tag) version of one page, so this one is not published",
                    hint: "keep one of them: delete or rename the other")
                continue
            }
            versions[key, default: [:]][language] = source
            languageOfSource[source.contentPath] = language
            translationKeyOfSource[source.contentPath] = key
            kept.append(source)
        }
        return kept.filter { source in
            guard let language = languageOfSource[source.contentPath], language != 0 else { return true }
            let key = Self.translationKey(of: source)
            if let original = versions[key]?[0] {
                if source.frontMatter.tags.first != nil {
                    report(
                        source, YAMLPosition(line: 1, column: 1), .warning, id: "lang.tags",
                        "tags of a translation are not listed: tag pages exist in \(languages[0].tag) only",
                        hint: "the tags of \(original.file) are listed; remove 'tags' here")
                }
                return true
            }
            report(
                source, YAMLPosition(line: 1, column: 1), id: "lang.no-original",
                "this translation has no \(languages[0].tag) page to translate: there is no \(source.folder.isEmpty ? "content/" : "content/" + source.folder + "/")\(source.baseFileName), so it is not published",
                hint: "write the \(languages[0].tag) page first, or correct the file name so that it matches the page it translates")
            languageOfSource[source.contentPath] = nil
            return false
        }
    }

    /// A translation of a page that is not published (a draft, scheduled, expired) is not published
    /// either, for the same reason.
    mutating func hidingTranslationsOfHiddenPages(_ visible: [PageSource]) -> [PageSource] {
        guard siteLanguages.count > 1 else { return visible }
        var hiddenKeys: [String: HiddenReason] = [:]
        for (path, reason) in hiddenPages where languageOfSource[path] == 0 {
            if let key = translationKeyOfSource[path] { hiddenKeys[key] = reason }
        }
        guard !hiddenKeys.isEmpty else { return visible }
        return visible.filter { source in
            guard languageOfSource[source.contentPath] != 0, let key = translationKeyOfSource[source.contentPath],
                let reason = hiddenKeys[key]
            else { return true }
            hiddenPages[source.contentPath] = reason
            return false
        }
    }

    /// Links the versions of each page (home, sections and regular pages) across languages.
    mutating func linkTranslations() {
        guard siteLanguages.count > 1 else { return }
        var groups: [String: [Int]] = [:]
        for page in pages where page.claimsURL {
            let key: String
            switch page.role {
            case .home, .section: key = page.sectionFolder + "/_index"
            case .regular:
                guard let source = page.source, let sourceKey = translationKeyOfSource[source.contentPath] else { continue }
                key = sourceKey
            default: continue
            }
            groups[key, default: []].append(page.id)
        }
        for group in groups.values where group.count > 1 {
            let ordered = group.sorted { pages[$0].language < pages[$1].language }
            for page in ordered { pages[page].translations = ordered }
        }
    }

    /// The version of `page` in `language`, if there is one.
    func version(of page: Int, in language: Int) -> Int? {
        if pages[page].language == language { return page }
        return pages[page].translations.first { pages[$0].language == language }
    }
}
