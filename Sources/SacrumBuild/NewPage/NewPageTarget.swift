import SacrumContent
import SacrumMarkdown

/// Where `sacrum new` writes the page and what it is called, from the argument: a title
/// (`"SI-joint injection"` → `treatments/si-joint-injection.md`, in the kind's section) or a path
/// ending in `.md` (`stories/back-to-work.md` or `content/stories/back-to-work.md`, titled from its
/// file name).
struct NewPageTarget: Sendable, Hashable {
    /// The path inside `content/` (`treatments/si-joint-injection.md`).
    var contentPath: String
    /// The page's title.
    var title: String
    /// The file name without `.md` (the folder's name for `index.md` and `_index.md`).
    var slug: String

    /// The target for `argument`, or why there is none; notes say what was chosen when more than one
    /// section would do.
    static func resolve(
        _ argument: String, kind: PageKind, root: String, config: SiteConfig
    ) -> (target: NewPageTarget?, diagnostics: [Diagnostic]) {
        if argument.hasSuffix(".md") { return fromPath(argument, root: root) }
        if let extensionStart = argument.lastIndex(of: "."), !argument[extensionStart...].contains(" "),
            [".markdown", ".mdown", ".MD", ".txt"].contains(String(argument[extensionStart...]))
        {
            return (nil, [failure("'\(argument)' is not a .md file; Sacrum reads pages only from .md files",
                                  hint: "end the path with .md")])
        }
        return fromTitle(argument, kind: kind, root: root, config: config)
    }

    // MARK: - A title

    private static func fromTitle(
        _ argument: String, kind: PageKind, root: String, config: SiteConfig
    ) -> (target: NewPageTarget?, diagnostics: [Diagnostic]) {
        let title = argument.trimmed
        if let problem = problem(inTitle: title) { return (nil, [problem]) }
        // `stories/back-to-work` is a path without its `.md`, not a title with a slash.
        if let slash = title.firstIndex(of: "/"), !title.contains(" ") {
            let first = String(title[..<slash])
            if first == SiteLayout.contentFolder || config.sectionKinds[first] != nil || FileIO.type(atPath: SiteLayout(root: root).contentPath(first)) == .directory {
                return (nil, [failure("'\(title)' looks like a path, but a path must end in .md",
                                      hint: "write '\(title).md', or give a title with words, like \"Back to work\"")])
            }
        }
        let slug = HeadingSlug.make(from: title)
        guard title.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) else {
            return (nil, [failure("the title '\(title)' has no letters or digits to make a file name from",
                                  hint: "give a title with words, or a path like '\(kind == .page ? "" : "<section>/")name.md'")])
        }
        do throws(SitePath.Problem) {
            try SitePath.checkSegment(slug)
        } catch {
            return (nil, [failure("the title makes the file name '\(slug).md', which cannot be part of a URL: \(error.message)",
                                  hint: "give a shorter title, or a path like '\(kind == .page ? "" : "<section>/")name.md'")])
        }
        if slug == "index" || slug == "_index" {
            return (nil, [failure("the title makes the file name '\(slug).md', which Sacrum reads as the page of its folder",
                                  hint: "give another title, or the path of the folder's page, like '\(kind == .page ? "about" : "<section>")/_index.md'")])
        }
        let (folder, notes) = section(for: kind, root: root, config: config)
        guard let folder else { return (nil, notes) }
        let contentPath = folder.isEmpty ? slug + ".md" : folder + "/" + slug + ".md"
        return (NewPageTarget(contentPath: contentPath, title: title, slug: slug), notes)
    }

    /// What is wrong with a title, if anything: empty, or holding characters that cannot be in one line
    /// of front matter.
    static func problem(inTitle title: String) -> Diagnostic? {
        if title.isEmpty {
            return failure("the title is empty", hint: "give the page's title, like: sacrum new treatment \"SI-joint injection\"")
        }
        if let bad = title.unicodeScalars.first(where: {
            let category = $0.properties.generalCategory
            return category == .control || category == .lineSeparator || category == .paragraphSeparator
        }) {
            let code = String(bad.value, radix: 16, uppercase: true)
            return failure("the title contains a control character or line break (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))",
                           hint: "give the title on one line, without tabs or control characters")
        }
        return nil
    }

    /// The folder a page of `kind` goes in: a section `section_kinds` maps to the kind, preferring one
    /// that exists (by name order when several do, with a note), then the plural of the kind. Pages of
    /// kind `page` go at the top of `content/`.
    static func section(for kind: PageKind, root: String, config: SiteConfig) -> (folder: String?, notes: [Diagnostic]) {
        if kind == .page { return ("", []) }
        let candidates = config.sectionKinds.filter { $0.value == kind }.keys.sorted()
        guard !candidates.isEmpty else {
            return (nil, [failure("no section holds \(kind.rawValue) pages: site.yaml's section_kinds maps no folder to '\(kind.rawValue)'",
                                  hint: "add 'section_kinds: {\(kind.rawValue)s: \(kind.rawValue)}' to site.yaml, or give a path")])
        }
        let existing = candidates.filter { FileIO.type(atPath: SiteLayout(root: root).contentPath($0)) == .directory }
        if let first = existing.first {
            guard existing.count > 1 else { return (first, []) }
            let others = existing.dropFirst().map { "\($0)/" }.joined(separator: ", ")
            return (
                first,
                [
                    Diagnostic(
                        .note, id: "new.section", file: "",
                        message: "\(existing.map { "\($0)/" }.joined(separator: ", ")) \(existing.count == 2 ? "both" : "all") hold \(kind.rawValue) pages; the page goes in \(first)/",
                        hint: "to choose, give a path: sacrum new \(kind.rawValue) \(existing[1])/<name>.md (other folders: \(others))")
                ]
            )
        }
        let plural = kind.rawValue + "s"
        return (candidates.contains(plural) ? plural : candidates[0], [])
    }

    // MARK: - A path

    private static func fromPath(_ argument: String, root: String) -> (target: NewPageTarget?, diagnostics: [Diagnostic]) {
        var path = Substring(argument)
        if path.hasPrefix("/") {
            let content = SiteLayout(root: root).contentPath + "/"
            guard path.hasPrefix(content) else {
                return (nil, [outside(argument)])
            }
            path = path.dropFirst(content.count)
        } else {
            while path.hasPrefix("./") { path = path.dropFirst(2) }
            if path.hasPrefix(SiteLayout.contentFolder + "/") { path = path.dropFirst(SiteLayout.contentFolder.count + 1) }
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for segment in segments {
            if segment == ".." || segment == "." || segment.isEmpty { return (nil, [outside(argument)]) }
            guard PathSafety.isSafeName(segment) else {
                return (nil, [failure("'\(segment)' in '\(argument)' cannot be a file or folder name: it contains a backslash or a control character, or is too long",
                                      hint: "use letters, digits, '-' and '_'")])
            }
            if FolderScanner.isIgnored(segment) {
                return (nil, [failure("Sacrum skips '\(segment)' when it reads content/ (hidden files and editor backups), so the page would never be published",
                                      hint: "use a name that does not start with '.' and does not end in '~', '.swp' or '.tmp'")])
            }
        }
        let contentPath = segments.joined(separator: "/")
        let fileName = segments[segments.count - 1]
        let isIndex = fileName == "index.md" || fileName == "_index.md"
        let name = isIndex ? (segments.count > 1 ? segments[segments.count - 2] : "") : String(fileName.dropLast(3))
        let title = name.isEmpty ? "Home" : SitePath.title(fromName: name)
        return (NewPageTarget(contentPath: contentPath, title: title, slug: name), [])
    }

    private static func outside(_ argument: String) -> Diagnostic {
        failure("the path '\(argument)' is outside content/; pages live in content/",
                hint: "give a path inside content/, like stories/back-to-work.md or content/stories/back-to-work.md")
    }

    private static func failure(_ message: String, hint: String) -> Diagnostic {
        Diagnostic(.error, id: "new.argument", file: "", message: message, hint: hint)
    }
}
