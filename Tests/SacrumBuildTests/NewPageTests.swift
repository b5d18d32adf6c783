import Foundation
import SacrumBuild
import SacrumContent
import Testing

/// `sacrum new`: archetypes, titles and paths, time zones, refusals.
@Suite struct NewPageTests {
    /// 2026-11-25T12:00:00Z, 06:00 in Chicago.
    static let now = TemporarySite.now
    /// 2026-12-05T03:00:00Z: still December 4 in Chicago (UTC-6).
    static let nearMidnightUTC = 1_796_439_600

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The practice's own site (site.yaml, content/, the default theme with its archetypes) in a
    /// temporary folder, with "Dr. Test, MD" added to the reviewers.
    static func practiceSite() throws -> TemporarySite {
        let site = try TemporarySite([:], defaults: false)
        try FileManager.default.createDirectory(atPath: site.root, withIntermediateDirectories: true)
        for item in ["site.yaml", "content", "themes"] {
            try FileManager.default.copyItem(atPath: repository + "/" + item, toPath: site.root + "/" + item)
        }
        let config = try String(contentsOfFile: site.root + "/site.yaml", encoding: .utf8)
            .replacingOccurrences(of: "reviewers:\n", with: "reviewers:\n  - name: \"Dr. Test, MD\"\n")
        try Data(config.utf8).write(to: URL(fileURLWithPath: site.root + "/site.yaml"))
        return site
    }

    /// A small site with the default theme's archetypes and `extra` files.
    static func smallSite(_ extra: [String: String] = [:], timezone: String? = "America/Chicago") throws -> TemporarySite {
        var files = extra
        var config = TemporarySite.minimalConfig
        if let timezone { config += "\ntimezone: \(timezone)\n" }
        files["site.yaml"] = files["site.yaml"] ?? config
        files["content/_index.md"] = files["content/_index.md"] ?? "---\ntitle: Home\n---\n"
        for kind in PageKind.builtIn {
            let archetype = "themes/default/archetypes/\(kind.rawValue).md"
            files["themes/test/archetypes/\(kind.rawValue).md"] = try String(contentsOfFile: repository + "/" + archetype, encoding: .utf8)
        }
        return try TemporarySite(files)
    }

    static func run(_ site: TemporarySite, _ kind: String, _ titleOrPath: String, now: Int = now) async -> NewPageAction.Outcome {
        await NewPageAction(root: site.root, kind: kind, titleOrPath: titleOrPath, now: now).run()
    }

    static func text(_ site: TemporarySite, _ file: String) throws -> String {
        try String(contentsOfFile: site.root + "/" + file, encoding: .utf8)
    }

    static func exists(_ site: TemporarySite, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: site.root + "/" + file)
    }

    /// Decodes a written page with the build's own decoder.
    static func decode(_ site: TemporarySite, _ file: String) -> (PageSource, [Diagnostic]) {
        PageSource.load(path: site.root + "/" + file, contentPath: String(file.dropFirst("content/".count)))
    }

    // MARK: - Every kind

    static let expectedFiles: [PageKind: String] = [
        .treatment: "content/treatments/new-kind-page.md", .condition: "content/conditions/new-kind-page.md",
        .story: "content/stories/new-kind-page.md", .provider: "content/providers/new-kind-page.md",
        .article: "content/articles/new-kind-page.md", .page: "content/new-kind-page.md",
    ]

    @Test(arguments: PageKind.builtIn) func eachKindWritesAPageTheDecoderReads(kind: PageKind) async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        let outcome = await Self.run(site, kind.rawValue, "New kind page")
        let file = try #require(Self.expectedFiles[kind])
        #expect(outcome.diagnostics == [])
        #expect(outcome.page?.file == file)
        #expect(outcome.page?.url == "https://test.example/" + String(file.dropFirst("content/".count).dropLast(3)) + "/")
        let (source, diagnostics) = Self.decode(site, file)
        #expect(diagnostics == [])
        #expect(source.frontMatter.title == "New kind page")
        #expect(source.frontMatter.draft)
        #expect(outcome.page?.isDraft == true)
    }

    @Test(arguments: PageKind.builtIn) func eachKindBuildsWithoutProblemsOnceFilledIn(kind: PageKind) async throws {
        let site = try Self.practiceSite()
        defer { site.remove() }
        let outcome = await Self.run(site, kind.rawValue, "Filled-in \(kind.rawValue) page")
        let file = try #require(outcome.page?.file)
        let filled = Self.fill(try Self.text(site, file), kind: kind)
        #expect(!filled.contains("PLACEHOLDER"))
        try Data(filled.utf8).write(to: URL(fileURLWithPath: site.root + "/" + file))
        let result = await site.build()
        #expect(result.diagnostics.filter { $0.severity == .error }.map(TemporarySite.line) == [])
        #expect(result.diagnostics.filter { $0.file == file }.map(TemporarySite.line) == [])
        let output = String(outcome.page!.sitePath.dropFirst()) + "index.html"
        #expect(result.text(output)?.contains("Filled-in \(kind.rawValue) page") == true)
    }

    /// What an editor writes in place of each placeholder.
    static func fill(_ text: String, kind: PageKind) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            if line.hasPrefix("draft: true") { return nil }
            if line.hasPrefix("description:") { return "description: \"A filled-in \(kind.rawValue) page of the practice, written to show that the archetype builds.\"" }
            if line.hasPrefix("procedure_type:") { return "procedure_type: percutaneous" }
            if line.hasPrefix("conditions:") { return "conditions:\n  - conditions/back-pain" }
            if line.hasPrefix("reviewed_by:") { return "reviewed_by: \"Dr. Test, MD\"" }
            if line.hasPrefix("treatment:") { return "treatment: treatments/si-joint-injection" }
            if line.hasPrefix("  id:") { return "  id: \"AUTH-2026-17\"" }
            if line.hasPrefix("  # signed:") { return "  signed: 2026-11-01" }
            if line.hasPrefix("  # expires:") { return "  expires: 2027-11-01" }
            if line.hasPrefix("job_title:") { return "job_title: Physical therapist" }
            if line.hasPrefix("[PLACEHOLDER") { return "The practice wrote this paragraph about the \(kind.rawValue) for its patients." }
            return String(line)
        }.joined(separator: "\n")
    }

    @Test func unfilledPlaceholdersAreReportedByTheBuild() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        _ = await Self.run(site, "provider", "Dr. Ann Lee")
        #expect(await site.diagnostics(drafts: true, only: ["config."]) == [
            "content/providers/dr-ann-lee.md:3:1: warning: 'description' is still a placeholder [config.placeholder]",
            "content/providers/dr-ann-lee.md:5:1: warning: 'job_title' is still a placeholder [config.placeholder]",
            "content/providers/dr-ann-lee.md:7:2: warning: the text still holds a placeholder [config.placeholder]",
        ])
        #expect(await site.diagnostics(only: ["config."]) == [])  // a draft until 'draft: true' goes
    }

    @Test func summarySaysWhatToFillIn() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        let outcome = await Self.run(site, "treatment", "SI-joint injection")
        #expect(outcome.page?.summary == """
            Created content/treatments/si-joint-injection.md (a treatment, from themes/test/archetypes/treatment.md).
              URL:  https://test.example/treatments/si-joint-injection/
              date: 2026-11-25 (today in America/Chicago)
            Fill in before publishing:
              content/treatments/si-joint-injection.md:3:1: description: one sentence of 50 to 160 characters for search results and link previews
              content/treatments/si-joint-injection.md:5:1: procedure_type: surgical, percutaneous or noninvasive
              content/treatments/si-joint-injection.md:7:1: conditions: the conditions it treats, as content paths ('- conditions/back-pain'), if any
              content/treatments/si-joint-injection.md:8:14: reviewed_by: the clinician who reviewed the page: a provider page's title or a name under 'reviewers' in site.yaml
              content/treatments/si-joint-injection.md:11:2: the page's text
              content/treatments/si-joint-injection.md:15:2: the page's text
              content/treatments/si-joint-injection.md:19:2: the page's text
              content/treatments/si-joint-injection.md:23:2: the page's text
            It is a draft: 'sacrum serve --drafts' shows it; delete 'draft: true' to publish it.
            """)
    }

    @Test func readmeShowsWhatSacrumPrints() async throws {
        let site = try Self.practiceSite()
        defer { site.remove() }
        let summary = try #require(await Self.run(site, "story", "Back to golf").page?.summary)
        let readme = try String(contentsOfFile: Self.repository + "/README.md", encoding: .utf8)
        #expect(readme.contains("```\n$ sacrum new story \"Back to golf\"\n" + summary + "\n```\n"))
    }

    @Test func storySummaryNamesTheAuthorization() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        let outcome = await Self.run(site, "story", "stories/back-to-work.md")
        #expect(outcome.page?.items.map { "\($0.line):\($0.column) \($0.key ?? "text")" } == [
            "3:1 description", "5:1 treatment", "7:3 authorization.id", "7:3 authorization.signed", "7:3 authorization.expires",
            "15:2 text",
        ])
        #expect(outcome.page?.date == nil)
    }

    // MARK: - Titles

    @Test(arguments: [
        "Back pain: \"what helps\"", "It's 'quoted'", "# not a comment", "- a dash first", "[brackets] and {braces}", "null",
        "yes", "back\\slash", "Café & Crème brûlée", "*stars* & <tags>", "@at %percent `tick`", "a: b: c", "|pipe", ">folded",
        "!tag", "&anchor", "*alias", "  spaced  out  ",
    ])
    func titlesAreWrittenAsValidYAML(title: String) async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        let outcome = await Self.run(site, "page", title)
        let file = try #require(outcome.page?.file, "\(outcome.diagnostics)")
        let (source, diagnostics) = Self.decode(site, file)
        #expect(diagnostics == [])
        #expect(source.frontMatter.title == title.trimmed)
    }

    @Test func titleGivesTheFileName() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        #expect(await Self.run(site, "treatment", "SI-joint injection").page?.file == "content/treatments/si-joint-injection.md")
        #expect(await Self.run(site, "condition", "Ischias & Rückenschmerz").page?.file == "content/conditions/ischias-ruckenschmerz.md")
        #expect(await Self.run(site, "article", "What's new in 2026?").page?.file == "content/articles/whats-new-in-2026.md")
    }

    @Test func titleInTheTextIsEscapedMarkdown() async throws {
        let site = try Self.smallSite(["archetypes/page.md": "---\ntitle: {{title}}\nslug: {{slug}}\nkind: {{kind}}\n---\nAbout *{{title}}*, written {{date}}.\n"])
        defer { site.remove() }
        let outcome = await Self.run(site, "page", "A_b *c* <d>")
        #expect(outcome.page?.archetype == "archetypes/page.md")
        #expect(try Self.text(site, "content/a_b-c-d.md") == "---\ntitle: \"A_b *c* <d>\"\nslug: \"a_b-c-d\"\nkind: \"page\"\n---\nAbout *A\\_b \\*c\\* \\<d\\>*, written 2026-11-25.\n")
    }

    // MARK: - Paths

    @Test(arguments: ["stories/back-to-work.md", "content/stories/back-to-work.md", "./content/stories/back-to-work.md", "ROOT/content/stories/back-to-work.md"])
    func pathFormsNameTheSameFile(path: String) async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        let outcome = await Self.run(site, "story", path.replacingOccurrences(of: "ROOT", with: site.root))
        #expect(outcome.diagnostics == [])
        #expect(outcome.page?.file == "content/stories/back-to-work.md")
        #expect(outcome.page?.title == "Back to work")
        #expect(outcome.page?.sitePath == "/stories/back-to-work/")
        #expect(Self.exists(site, "content/stories/back-to-work.md"))
    }

    @Test func nestedPathsAndSectionPages() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        let nested = await Self.run(site, "treatment", "treatments/injections/si-joint.md")
        #expect(nested.page?.sitePath == "/treatments/injections/si-joint/")
        let bundle = await Self.run(site, "treatment", "treatments/fusion/index.md")
        #expect(bundle.page?.sitePath == "/treatments/fusion/")
        #expect(bundle.page?.title == "Fusion")
        let section = await Self.run(site, "page", "about/_index.md")
        #expect(section.page?.sitePath == "/about/")
    }

    @Test func existingSectionIsPreferredAndChoiceIsNoted() async throws {
        let site = try Self.smallSite(["content/news/old.md": "---\ntitle: Old\n---\n", "content/blog/older.md": "---\ntitle: Older\n---\n"])
        defer { site.remove() }
        let outcome = await Self.run(site, "article", "We moved")
        #expect(outcome.page?.file == "content/blog/we-moved.md")
        #expect(outcome.diagnostics.map(TemporarySite.line) == [
            ": note: blog/, news/ both hold article pages; the page goes in blog/ [new.section]"
        ])
    }

    // MARK: - Dates

    @Test func dateIsTodayInTheSiteTimeZone() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        let outcome = await Self.run(site, "article", "Late news", now: Self.nearMidnightUTC)
        #expect(outcome.page?.date == "2026-12-04")
        #expect(outcome.page?.summary.contains("  date: 2026-12-04 (today in America/Chicago)\n") == true)
        #expect(try Self.text(site, "content/articles/late-news.md").contains("\ndate: 2026-12-04\n"))
    }

    @Test func dateIsTodayInUTCWithoutATimeZone() async throws {
        let site = try Self.smallSite(timezone: nil)
        defer { site.remove() }
        let outcome = await Self.run(site, "condition", "Late news", now: Self.nearMidnightUTC)
        #expect(outcome.page?.summary.contains("  date: 2026-12-05 (today in UTC, since site.yaml sets no timezone)\n") == true)
        #expect(try Self.text(site, "content/conditions/late-news.md").contains("\nlast_reviewed: 2026-12-05  #"))
    }

    // MARK: - Refusals

    /// The diagnostics of a refused `sacrum new`, printed as the command prints them.
    static func refusal(_ site: TemporarySite, _ kind: String, _ argument: String) async -> String {
        let outcome = await run(site, kind, argument)
        #expect(outcome.page == nil)
        #expect(outcome.exitStatus == 1)
        return DiagnosticPrinter(colors: false).format(outcome.diagnostics)
    }

    @Test func refusesToReplaceAFile() async throws {
        let site = try Self.smallSite(["content/treatments/si-joint-injection.md": "---\ntitle: Mine\n---\nKeep me."])
        defer { site.remove() }
        #expect(await Self.refusal(site, "treatment", "SI-joint injection") == """
            content/treatments/si-joint-injection.md: error: the file already exists; 'sacrum new' never replaces a page [new.exists]
              hint: edit it, or give another title or path
            1 error
            """)
        #expect(try Self.text(site, "content/treatments/si-joint-injection.md") == "---\ntitle: Mine\n---\nKeep me.")
    }

    @Test(arguments: ["../x.md", "content/../../x.md", "stories/../../x.md", "/etc/x.md", "stories//x.md"])
    func refusesPathsOutsideContent(path: String) async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        #expect(await Self.refusal(site, "story", path) == """
            error: the path '\(path)' is outside content/; pages live in content/ [new.argument]
              hint: give a path inside content/, like stories/back-to-work.md or content/stories/back-to-work.md
            1 error
            """)
    }

    @Test func refusesHiddenNames() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        #expect(await Self.refusal(site, "story", "stories/.draft.md") == """
            error: Sacrum skips '.draft.md' when it reads content/ (hidden files and editor backups), so the page would never be published [new.argument]
              hint: use a name that does not start with '.' and does not end in '~', '.swp' or '.tmp'
            1 error
            """)
    }

    @Test func refusesUnknownKindsWithASuggestion() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        #expect(await Self.refusal(site, "tretment", "SI-joint injection") == """
            error: 'tretment' is not a page kind [new.kind]
              hint: did you mean 'treatment'? the kinds are treatment, condition, story, provider, article, page
            1 error
            """)
    }

    @Test func aKindOfTheSitesOwnStartsFromThePageArchetypeAndSaysSo() async throws {
        let config = TemporarySite.minimalConfig + "\nsection_kinds: {locations: location}\n"
        let site = try Self.smallSite(["site.yaml": config])
        defer { site.remove() }
        let outcome = await Self.run(site, "location", "Lawton office")
        #expect(outcome.page?.file == "content/locations/lawton-office.md")
        #expect(outcome.diagnostics.map(TemporarySite.line) == [
            "themes/test/archetypes/page.md: note: there is no archetype for 'location', so the page starts from the page archetype [new.archetype-missing]"
        ])
        #expect(try Self.text(site, "content/locations/lawton-office.md").hasPrefix("---\ntitle: \"Lawton office\"\n"))
    }

    @Test func aKindOfTheSitesOwnIsListedWhenTheKindIsUnknown() async throws {
        let config = TemporarySite.minimalConfig + "\nsection_kinds: {locations: location}\n"
        let site = try Self.smallSite(["site.yaml": config])
        defer { site.remove() }
        #expect(await Self.refusal(site, "locaton", "Lawton office") == """
            error: 'locaton' is not a page kind [new.kind]
              hint: did you mean 'location'? the kinds are treatment, condition, story, provider, article, page, location
            1 error
            """)
    }

    @Test func refusesASiteWithoutSiteYAML() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"], defaults: false)
        defer { site.remove() }
        #expect(await Self.refusal(site, "page", "About") == """
            site.yaml: error: there is no site.yaml in \(site.root) [config.missing]
              hint: run sacrum in the site's root folder, or point --source at it
            1 error
            """)
    }

    @Test func refusesAPageThatWouldTakeAnotherURL() async throws {
        let site = try Self.smallSite(["content/treatments/_index.md": "---\ntitle: Treatments\n---\n"])
        defer { site.remove() }
        #expect(await Self.refusal(site, "page", "Treatments") == """
            content/treatments.md:1:1: error: this page and content/treatments/_index.md are both published at /treatments/ [url.collision]
              hint: give one of them another file name, 'slug' or 'url'
            1 error
            """)
        #expect(!Self.exists(site, "content/treatments.md"))
    }

    @Test func refusesAURLAnotherPageHasClaimed() async throws {
        let site = try Self.smallSite(["content/zz-about.md": "---\ntitle: Old about\nurl: /about/\n---\n"])
        defer { site.remove() }
        #expect(await Self.refusal(site, "page", "About") == """
            content/zz-about.md:3:6: error: this page and content/about.md are both published at /about/ [url.collision]
              hint: give one of them another file name, 'slug' or 'url'
            1 error
            """)
        #expect(!Self.exists(site, "content/about.md"))
    }

    @Test func refusesAKindItsSectionWouldChange() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        #expect(await Self.refusal(site, "story", "treatments/ann.md") == """
            content/treatments/ann.md: error: content/treatments/ holds treatment pages, so a story written here would be built as a treatment [new.kind-mismatch]
              hint: write it in stories/: sacrum new story stories/ann.md
            1 error
            """)
        #expect(await Self.refusal(site, "page", "treatments/about.md") == """
            content/treatments/about.md: error: content/treatments/ holds treatment pages, so a page written here would be built as a treatment [new.kind-mismatch]
              hint: write it at the top of content/: sacrum new page about.md
            1 error
            """)
    }

    @Test func refusesPathsWithoutMdAndTitlesWithoutWords() async throws {
        let site = try Self.smallSite()
        defer { site.remove() }
        #expect(await Self.refusal(site, "story", "stories/back-to-work") == """
            error: 'stories/back-to-work' looks like a path, but a path must end in .md [new.argument]
              hint: write 'stories/back-to-work.md', or give a title with words, like "Back to work"
            1 error
            """)
        #expect(await Self.refusal(site, "page", "?!") == """
            error: the title '?!' has no letters or digits to make a file name from [new.argument]
              hint: give a title with words, or a path like 'name.md'
            1 error
            """)
        #expect(await Self.refusal(site, "treatment", "Index") == """
            error: the title makes the file name 'index.md', which Sacrum reads as the page of its folder [new.argument]
              hint: give another title, or the path of the folder's page, like '<section>/_index.md'
            1 error
            """)
        #expect(await Self.refusal(site, "page", "Line\nbreak") == """
            error: the title contains a control character or line break (U+000A) [new.argument]
              hint: give the title on one line, without tabs or control characters
            1 error
            """)
    }

    @Test func refusesASymbolicLinkOnTheWay() async throws {
        let site = try Self.smallSite(["elsewhere/keep.txt": "x"])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/content/stories", withDestinationPath: site.root + "/elsewhere")
        #expect(await Self.refusal(site, "story", "stories/ann.md") == """
            content/stories: error: this is a symbolic link; Sacrum never follows links [file.symlink]
              hint: replace the link with the folder it points to
            1 error
            """)
        #expect(!Self.exists(site, "elsewhere/ann.md"))
    }

    // MARK: - Archetypes

    @Test func siteArchetypeWinsOverTheTheme() async throws {
        let site = try Self.smallSite(["archetypes/page.md": "---\ntitle: {{title}}\n---\nOurs.\n"])
        defer { site.remove() }
        let outcome = await Self.run(site, "page", "About")
        #expect(outcome.page?.archetype == "archetypes/page.md")
        #expect(try Self.text(site, "content/about.md") == "---\ntitle: \"About\"\n---\nOurs.\n")
    }

    @Test func unknownTagsAndQuotedTagsAreArchetypeErrors() async throws {
        let site = try Self.smallSite([
            "archetypes/page.md": "---\ntitle: \"{{title}}\"\ndescription: {{page.title}}\n---\n{{< phone >}} on {{ dat }}\n"
        ])
        defer { site.remove() }
        #expect(await Self.refusal(site, "page", "About") == """
            archetypes/page.md:2:9: error: in front matter, {{title}} must be a whole value [new.archetype]
              hint: write 'title: {{title}}' without quotes around it; Sacrum writes the value as valid YAML
            archetypes/page.md:3:14: error: '{{page.title}}' is not an archetype value [new.archetype]
              hint: did you mean '{{title}}'? archetypes know {{title}}, {{date}}, {{slug}} and {{kind}}; shortcodes are written {{< name >}}
            archetypes/page.md:5:18: error: '{{ dat }}' is not an archetype value [new.archetype]
              hint: did you mean '{{date}}'? archetypes know {{title}}, {{date}}, {{slug}} and {{kind}}; shortcodes are written {{< name >}}
            3 errors
            """)
        #expect(!Self.exists(site, "content/about.md"))
    }

    @Test func brokenArchetypeYAMLIsReportedAtTheArchetype() async throws {
        let site = try Self.smallSite(["archetypes/page.md": "---\ntitle: {{title}}\nweight: heavy\n---\n"])
        defer { site.remove() }
        #expect(await Self.refusal(site, "page", "About") == """
            archetypes/page.md:3:9: error: 'weight' must be a whole number, not 'heavy' (in the page made from this archetype) [yaml.type]
              hint: write digits only, like 'weight: 10'
            1 error
            """)
    }

    @Test func missingArchetypeIsNamed() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        #expect(await Self.refusal(site, "provider", "Dr. Ann Lee") == """
            archetypes/provider.md: error: there is no archetype for 'provider': neither archetypes/provider.md nor themes/test/archetypes/provider.md exists [new.archetype-missing]
              hint: create archetypes/provider.md: a page with {{title}} and {{date}} where the title and today's date go
            1 error
            """)
    }
}
