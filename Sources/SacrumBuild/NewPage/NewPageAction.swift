public import SacrumContent

/// `sacrum new <kind> <title or path>`: writes a new page from the kind's archetype, with the title
/// and today's date in the site's time zone, and says where it is, the URL it will have and what to
/// fill in. It never replaces a file and writes nothing when anything is wrong.
///
/// The page is checked before it is written: its front matter is decoded by the build's own decoder,
/// and its URL comes from the build's page tree, made from every page of `content/` plus the new one
/// (drafts and future pages included), so a page that would take another's URL is refused.
public struct NewPageAction: Sendable {
    /// The site's root folder (holding `site.yaml`), absolute.
    public var root: String
    /// The kind, as typed (`treatment`).
    public var kind: String
    /// A title (`SI-joint injection`) or a path ending in `.md` (`stories/back-to-work.md`).
    public var titleOrPath: String
    /// The moment "today" is taken from, seconds since the Unix epoch (injected so tests are
    /// repeatable).
    public var now: Int

    /// Creates the action.
    public init(root: String, kind: String, titleOrPath: String, now: Int) {
        self.root = root
        self.kind = kind
        self.titleOrPath = titleOrPath
        self.now = now
    }

    /// What happened.
    public struct Outcome: Sendable {
        /// The page written, or `nil` when nothing was written.
        public var page: NewPage?
        /// Problems and notes (errors mean nothing was written).
        public var diagnostics: [Diagnostic]

        /// 0 when the page was written, else 1.
        public var exitStatus: Int32 { page == nil || diagnostics.containsErrors ? 1 : 0 }
    }

    /// One line of `sacrum new --help` per kind.
    public static let kindSummaries: [(kind: PageKind, summary: String)] = [
        (.treatment, "a treatment or procedure: procedure type, conditions, review"),
        (.condition, "a condition the practice treats, with its medical review"),
        (.story, "a patient story: its treatment and the signed authorization"),
        (.provider, "a provider's biography: job title and credentials"),
        (.article, "a dated article or news item"),
        (.page, "any other page, at the top of content/ (about, contact)"),
    ]

    /// Writes the page.
    public func run() async -> Outcome {
        let (loaded, configDiagnostics) = SiteConfigFile.load(root: root)
        guard let config = loaded else {
            return Outcome(page: nil, diagnostics: configDiagnostics.filter { $0.severity == .error })
        }
        let known = PageKind.builtIn + config.sectionKinds.values.filter { !$0.isBuiltIn }.sorted { $0.rawValue < $1.rawValue }
        guard let kind = PageKind(rawValue: kind), known.contains(kind) else {
            let kinds = known.map(\.rawValue)
            let suggestion = Suggestion.closest(to: self.kind, in: kinds)
            return failure(
                Diagnostic(
                    .error, id: "new.kind", file: "", message: "'\(self.kind)' is not a page kind",
                    hint: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "the kinds are \(kinds.joined(separator: ", "))"))
        }
        let (resolved, targetNotes) = NewPageTarget.resolve(titleOrPath, kind: kind, root: root, config: config)
        var notes = targetNotes
        guard let target = resolved else { return Outcome(page: nil, diagnostics: notes) }
        let file = SiteLayout.contentDisplayPath(target.contentPath)
        if FileIO.type(atPath: root + "/" + file) != nil { return failure(NewPageFile.exists(file), notes: notes) }

        var (foundArchetype, archetypeDiagnostics) = Archetype.find(kind: kind.rawValue, root: root, theme: config.theme)
        // A kind of the site's own starts from the page archetype unless it has one, and says so.
        if foundArchetype == nil && !kind.isBuiltIn && archetypeDiagnostics.allSatisfy({ $0.id == "new.archetype-missing" }) {
            (foundArchetype, archetypeDiagnostics) = Archetype.find(kind: PageKind.page.rawValue, root: root, theme: config.theme)
            if let archetype = foundArchetype {
                notes.append(
                    Diagnostic(
                        .note, id: "new.archetype-missing", file: archetype.file,
                        message: "there is no archetype for '\(kind.rawValue)', so the page starts from the page archetype",
                        hint: "to give \(kind.rawValue) pages their own start, create archetypes/\(kind.rawValue).md"))
            }
        }
        guard let archetype = foundArchetype else { return Outcome(page: nil, diagnostics: notes + archetypeDiagnostics) }
        let today = config.dayInTimeZone(now: now).isoDate
        let values = Archetype.Values(title: target.title, date: today, slug: target.slug, kind: kind.rawValue)
        let rendered = archetype.render(values)
        guard let text = rendered.text else { return Outcome(page: nil, diagnostics: notes + rendered.diagnostics) }

        // The build's own decoder reads the page; a problem is the archetype's, at its line.
        let (source, decodeDiagnostics) = PageSource.decode(.success(Array(text.utf8)), contentPath: target.contentPath)
        let archetypeProblems = decodeDiagnostics.map { diagnostic in
            var moved = diagnostic
            moved.file = archetype.file
            moved.message += " (in the page made from this archetype)"
            return moved
        }
        if archetypeProblems.containsErrors || !source.isReadable {
            return Outcome(page: nil, diagnostics: notes + archetypeProblems)
        }

        // The URL, from the page tree the build makes. What the tree reports with the new page and not
        // without it is the new page's doing (wherever it is reported: a page that loses its URL to the
        // new one is told so at its own `url`).
        let content = await ContentLoader(contentFolder: SiteLayout(root: root).contentPath).load()
        let existing = content.pages.filter { $0.contentPath != target.contentPath }
        let pages = (existing + [source]).sorted { $0.contentPath < $1.contentPath }
        let options = PublishingOptions(drafts: true, future: true, expired: true, now: now)
        func tree(_ pages: [PageSource]) -> (site: Site, diagnostics: [Diagnostic]) {
            SiteTreeBuilder.build(
                config: config,
                content: ContentLoader.Result(pages: pages, staticFiles: content.staticFiles, folders: content.folders, diagnostics: []),
                options: options)
        }
        let (site, treeDiagnostics) = tree(pages)
        let before = Set(tree(existing).diagnostics)
        let pageProblems = treeDiagnostics.filter { !before.contains($0) }
        if pageProblems.containsErrors { return Outcome(page: nil, diagnostics: notes + archetypeProblems + pageProblems) }
        guard let index = site.pageByContentPath[target.contentPath] else {
            return failure(
                Diagnostic(.error, id: "new.path", file: file, message: "the page would not be part of the site",
                           hint: "choose a path inside a folder of content/ that the site publishes"), notes: notes)
        }
        let page = site.pages[index]
        guard page.kind == kind else {
            let folder = page.sectionFolder.split(separator: "/").first.map(String.init) ?? ""
            let (home, _) = NewPageTarget.section(for: kind, root: root, config: config)
            let better = home.map { $0.isEmpty ? "" : $0 + "/" } ?? "<section>/"
            return failure(
                Diagnostic(
                    .error, id: "new.kind-mismatch", file: file,
                    message: "content/\(folder)/ holds \(page.kind.rawValue) pages, so a \(kind.rawValue) written here would be built as a \(page.kind.rawValue)",
                    hint: "write it \(better.isEmpty ? "at the top of content/" : "in " + better): sacrum new \(kind.rawValue) \(better)\(target.slug).md"),
                notes: notes)
        }

        do {
            try NewPageFile.create(text, root: root, contentPath: target.contentPath)
        } catch {
            return failure(error, notes: notes)
        }
        let created = NewPage(
            file: file, archetype: archetype.file, kind: kind, title: target.title, sitePath: page.url,
            url: site.absoluteURL(page.url), date: rendered.used.contains("date") ? today : nil,
            timeZone: config.timeZoneIdentifier, isDraft: source.frontMatter.draft,
            items: NewPageChecklist.items(for: source, kind: kind))
        return Outcome(page: created, diagnostics: notes + archetypeProblems + pageProblems)
    }

    private func failure(_ diagnostic: Diagnostic, notes: [Diagnostic] = []) -> Outcome {
        Outcome(page: nil, diagnostics: notes + [diagnostic])
    }
}
