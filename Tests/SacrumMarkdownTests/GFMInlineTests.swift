import SacrumMarkdown
import Testing

/// Strikethrough, extended autolinks and task list items beyond the spec examples: escapes, smart
/// punctuation, nesting, positions, the link hook and the switches.
@Suite struct GFMInlineTests {
    static func html(_ markdown: String, smart: Bool = false) -> String {
        var options = MarkdownOptions.plainCmark
        options.strikethrough = true
        options.autolinks = true
        options.taskLists = true
        options.smartPunctuation = smart
        return MarkdownRenderer(options: options).render(markdown).html
    }

    // MARK: Strikethrough

    @Test func doubleTildes() { #expect(Self.html("~~old~~ new") == "<p><del>old</del> new</p>\n") }
    @Test func singleTildes() { #expect(Self.html("~old~ new") == "<p><del>old</del> new</p>\n") }
    @Test func threeTildesAreText() { #expect(Self.html("a ~~~old~~~") == "<p>a ~~~old~~~</p>\n") }
    @Test func unequalRunsAreText() { #expect(Self.html("~~old~") == "<p>~~old~</p>\n") }
    @Test func escapedTildeIsNotADelimiter() { #expect(Self.html("\\~~old~~") == "<p>~~old~~</p>\n") }
    @Test func escapedTildeBeforeARun() { #expect(Self.html("\\~~old~") == "<p>~<del>old</del></p>\n") }
    @Test func tildeReferenceIsNotADelimiter() { #expect(Self.html("&#126;&#126;old~~") == "<p>~~old~~</p>\n") }
    @Test func spacedTildesDoNotFlank() { #expect(Self.html("a ~~ b ~~ c") == "<p>a ~~ b ~~ c</p>\n") }
    @Test func aroundEmphasis() { #expect(Self.html("~~a *b* c~~") == "<p><del>a <em>b</em> c</del></p>\n") }
    @Test func insideEmphasis() { #expect(Self.html("*~~a~~*") == "<p><em><del>a</del></em></p>\n") }
    @Test func insideLinkText() { #expect(Self.html("[~~a~~](/u)") == "<p><a href=\"/u\"><del>a</del></a></p>\n") }
    @Test func aroundLink() { #expect(Self.html("~~[a](/u)~~") == "<p><del><a href=\"/u\">a</a></del></p>\n") }
    @Test func nested() { #expect(Self.html("~~a ~b~ c~~") == "<p><del>a <del>b</del> c</del></p>\n") }
    @Test func notInCode() { #expect(Self.html("`~~a~~`") == "<p><code>~~a~~</code></p>\n") }
    @Test func withSmartPunctuation() {
        #expect(Self.html("~~\"old\"~~ -- new", smart: true) == "<p><del>“old”</del> – new</p>\n")
    }
    @Test func onContinuationLines() {
        #expect(Self.html("> a\n   ~~b~~ \\~c~") == "<blockquote>\n<p>a\n<del>b</del> ~c~</p>\n</blockquote>\n")
    }
    @Test func inHeadingKeepsTheSlug() {
        let document = MarkdownRenderer().render("## ~~Old~~ New")
        #expect(document.html == "<h2 id=\"old-new\"><del>Old</del> New</h2>\n")
    }
    @Test func offLeavesTildes() {
        var options = MarkdownOptions()
        options.strikethrough = false
        #expect(MarkdownRenderer(options: options).render("~~a~~").html == "<p>~~a~~</p>\n")
    }

    // MARK: Autolinks

    @Test func wwwLink() {
        #expect(Self.html("see www.example.org.") == "<p>see <a href=\"http://www.example.org\">www.example.org</a>.</p>\n")
    }
    @Test func emailLink() {
        #expect(Self.html("office@example.org") == "<p><a href=\"mailto:office@example.org\">office@example.org</a></p>\n")
    }
    @Test func notInsideLinks() {
        #expect(Self.html("[www.example.org](/x)") == "<p><a href=\"/x\">www.example.org</a></p>\n")
        #expect(Self.html("[*see www.example.org*](/x)") == "<p><a href=\"/x\"><em>see www.example.org</em></a></p>\n")
    }
    @Test func notInCodeOrImages() {
        #expect(Self.html("`www.example.org`") == "<p><code>www.example.org</code></p>\n")
        #expect(Self.html("![www.example.org](/i.png)") == "<p><img src=\"/i.png\" alt=\"www.example.org\" /></p>\n")
    }
    @Test func smartPunctuationStaysOutOfTheURL() {
        #expect(
            Self.html("\"https://example.org/a--b...c\" -- ok", smart: true)
                == "<p>“<a href=\"https://example.org/a--b...c\">https://example.org/a--b...c</a>” – ok</p>\n")
    }
    @Test func afterEmphasisAndInStrikethrough() {
        #expect(Self.html("*www.a.org*") == "<p><em><a href=\"http://www.a.org\">www.a.org</a></em></p>\n")
        #expect(Self.html("~~www.a.org~~") == "<p><del><a href=\"http://www.a.org\">www.a.org</a></del></p>\n")
    }
    @Test func notAfterACodeSpan() { #expect(Self.html("`x`www.a.org") == "<p><code>x</code>www.a.org</p>\n") }

    @Test func linksGoThroughTheHookWithTheirPosition() {
        var seen: [MarkdownLink] = []
        let document = MarkdownRenderer().render("Intro\n\nCall or see\n  www.example.org or mail a@b.org", firstLine: 5) { link in
            seen.append(link)
            return link.destination.hasPrefix("mailto:") ? nil : "https://www.example.org/"
        }
        #expect(seen.map(\.destination) == ["http://www.example.org", "mailto:a@b.org"])
        #expect(seen.map(\.position) == [SourcePosition(line: 8, column: 3), SourcePosition(line: 8, column: 27)])
        #expect(seen.map(\.text) == ["www.example.org", "a@b.org"])
        #expect(document.html.contains("<a href=\"https://www.example.org/\">www.example.org</a>"))
    }
    @Test func columnsCountEscapesAndEntities() {
        let document = MarkdownRenderer().render("a\\* &amp; http://x.org")
        #expect(document.links.first?.position == SourcePosition(line: 1, column: 11))
    }
    @Test func offLeavesText() {
        var options = MarkdownOptions()
        options.autolinks = false
        #expect(MarkdownRenderer(options: options).render("www.example.org").html == "<p>www.example.org</p>\n")
    }

    // MARK: Task lists

    @Test func uncheckedAndChecked() {
        #expect(
            Self.html("- [ ] open\n- [X] done")
                == "<ul>\n<li><input disabled=\"\" type=\"checkbox\"> open</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> done</li>\n</ul>\n")
    }
    @Test func looseAndOrdered() {
        #expect(
            Self.html("1. [x] a\n\n2. b")
                == "<ol>\n<li>\n<p><input checked=\"\" disabled=\"\" type=\"checkbox\"> a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ol>\n")
    }
    @Test func escapedBracketIsText() { #expect(Self.html("- \\[x] a") == "<ul>\n<li>[x] a</li>\n</ul>\n") }
    @Test func markerNeedsWhitespace() { #expect(Self.html("- [x]a") == "<ul>\n<li>[x]a</li>\n</ul>\n") }
    @Test func notOutsideLists() { #expect(Self.html("[x] a") == "<p>[x] a</p>\n") }
    @Test func offLeavesBrackets() {
        var options = MarkdownOptions()
        options.taskLists = false
        #expect(MarkdownRenderer(options: options).render("- [x] a").html == "<ul>\n<li>[x] a</li>\n</ul>\n")
    }

    // MARK: Raw HTML

    @Test func rawHTMLLeftOutIsAProblem() {
        let document = MarkdownRenderer().render("Intro\n\n<iframe src=\"x\"></iframe>\n\nA <span>b</span> <!-- c -->")
        #expect(
            document.problems == [
                MarkdownProblem(kind: .rawHTMLOmitted(tag: "<iframe>"), position: SourcePosition(line: 3, column: 1)),
                MarkdownProblem(kind: .rawHTMLOmitted(tag: "<span>"), position: SourcePosition(line: 5, column: 3)),
                MarkdownProblem(kind: .rawHTMLOmitted(tag: "<!-- -->"), position: SourcePosition(line: 5, column: 18)),
            ])
    }
    @Test func rawHTMLKeptIsNoProblem() {
        var options = MarkdownOptions()
        options.unsafe = true
        #expect(MarkdownRenderer(options: options).render("<table>\n</table>").problems.isEmpty)
    }
    @Test func autolinksInAnglesAreNotRawHTML() {
        #expect(MarkdownRenderer().render("<https://example.org> and a < b").problems.isEmpty)
    }
}

extension GFMInlineTests {
    @Test func carriageReturnLineEndings() {
        #expect(Self.html("a ~~b~~ ~~c~~\r~~d~~ www.x.org\r\n~e~") == "<p>a <del>b</del> <del>c</del>\n<del>d</del> <a href=\"http://www.x.org\">www.x.org</a>\n<del>e</del></p>\n")
    }
}

extension GFMInlineTests {
    /// With malloc and free, every node the transform unlinks is freed and none is used after it.
    @Test func systemAllocatorGivesTheSameHTML() {
        let text = "- [x] ~~a *b*~~ www.a.org\n- [ ] \\~c~ d@e.org\n\n# ~t~ https://x.org/(y)\n\n> \"http://q.org/a--b\" ~~z~~"
        let arena = MarkdownRenderer(allocator: .arena).render(text)
        let system = MarkdownRenderer(allocator: .system).render(text)
        #expect(arena == system)
        #expect(system.links.map(\.destination) == ["http://www.a.org", "mailto:d@e.org", "https://x.org/(y)", "http://q.org/a--b"])
    }
}
