import Foundation
import SacrumBuild
@testable import SacrumContent
import SacrumMarkdown
import Testing

/// Shortcodes: each shipped one against a small site, every error at its line and column, code left
/// alone, a site's override, placeholders page text cannot forge, and the `nap.*` checks.
@Suite struct ShortcodeTests {
    /// The default theme's shortcode templates and the hours partial they include, as shipped.
    static let shipped: [String: String] = {
        let theme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes/default/templates")
        var files: [String: String] = [:]
        for path in ["shortcodes/phone", "shortcodes/hours", "shortcodes/address", "shortcodes/appointment", "shortcodes/figure", "partials/site/hours"] {
            files["themes/test/templates/\(path).mustache"] = (try? String(contentsOf: theme.appendingPathComponent(path + ".mustache"), encoding: .utf8)) ?? ""
        }
        // The hours partial shows the theme's strings ({{i18n.closed}}).
        files["themes/test/i18n/en.yaml"] = (try? String(contentsOf: theme.deletingLastPathComponent().appendingPathComponent("i18n/en.yaml"), encoding: .utf8)) ?? ""
        files["themes/test/templates/shortcodes/note.mustache"] = "{{! content: required\n    arguments: title }}\n<aside class=\"note\">{{#title}}<p>{{title}}</p>{{/title}}{{{inner}}}</aside>\n"
        return files
    }()

    static let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"

    /// The page's HTML after its `<h1>`, and the diagnostics, for `body` in content/a.md (body line 1 is file line 4).
    func page(_ body: String, files: [String: String] = [:], config: String? = nil) async throws -> (html: String, diagnostics: [String]) {
        var all = Self.shipped.merging(["content/a.md": "---\ntitle: A\n---\n" + body, "content/x.svg": Self.svg]) { $1 }.merging(files) { $1 }
        if let config { all["site.yaml"] = config }
        let site = try TemporarySite(all)
        defer { site.remove() }
        let result = await site.build()
        let html = result.text("a/index.html").map { String($0.dropFirst("<h1>A</h1>\n".count)) } ?? "(not written)"
        return (html, result.relevantDiagnostics.map(TemporarySite.line))
    }

    // MARK: - The shipped shortcodes

    @Test func phone() async throws {
        let (html, diagnostics) = try await page("Call {{< phone >}} today.")
        #expect(html == "<p>Call <a class=\"phone\" href=\"tel:+15802347246\">(580) 234-7246</a> today.</p>\n")
        #expect(diagnostics == [])
    }

    @Test func address() async throws {
        #expect(try await page("We are at {{< address >}}.").html == "<p>We are at <span class=\"address\">1 Main St, Lawton, OK 73501</span>.</p>\n")
    }

    @Test func hoursReplaceTheirParagraph() async throws {
        let (html, diagnostics) = try await page("Our hours:\n\n{{< hours >}}\n\nAfter.")
        #expect(html == """
            <p>Our hours:</p>
            <dl class="hours">
              <div class="hours-day">
                <dt>Monday</dt>
                <dd><span class="hours-range">8:00 a.m. – 12:00 noon</span><span class="hours-range">12:45 p.m. – 5:00 p.m.</span><span class="hours-closure">Closed for lunch 12:00 noon – 12:45 p.m.</span></dd>
              </div>
              <div class="hours-day">
                <dt>Tuesday – Sunday</dt>
                <dd>Closed</dd>
              </div>
            </dl>
            <p>After.</p>

            """)
        #expect(diagnostics == [])
    }

    @Test func appointmentAloneAndAsAPair() async throws {
        let config = TemporarySite.minimalConfig.replacingOccurrences(of: "  hours:", with: "  appointment_url: /contact/\n  hours:")
        let alone = try await page("{{< appointment >}}", config: config).html
        #expect(alone == "<p><a class=\"button\" href=\"/contact/\">Request an appointment</a></p>\n")
        let pair = try await page("{{< appointment >}}Book *now*{{< /appointment >}}", config: config).html
        #expect(pair == "<p><a class=\"button\" href=\"/contact/\">Book <em>now</em></a></p>\n")
        let withoutURL = try await page("{{< appointment >}}").html
        #expect(withoutURL == "<p><a class=\"button\" href=\"tel:+15802347246\">Call (580) 234-7246 for an appointment</a></p>\n")
    }

    @Test func figureResolvesItsSourceLikeAnImage() async throws {
        let (html, diagnostics) = try await page("{{< figure src=\"x.svg\" alt=\"The joint\" caption=\"Joint & bone\" >}}")
        #expect(html == "<figure>\n  <img src=\"/x.svg\" alt=\"The joint\" loading=\"lazy\" decoding=\"async\">\n  <figcaption>Joint &amp; bone</figcaption>\n</figure>\n")
        #expect(diagnostics == [])
        #expect(try await page("{{< figure src=x.svg alt=Joint >}}").html.contains("<img src=\"/x.svg\" alt=\"Joint\""))
    }

    @Test func pairRendersItsMarkdownWithThePageSettings() async throws {
        let (html, diagnostics) = try await page("{{< note title=\"Before you come\" >}}\nBring \"your\" **card**.\n\nCall {{< phone >}}.\n{{< /note >}}")
        #expect(html == "<aside class=\"note\"><p>Before you come</p><p>Bring “your” <strong>card</strong>.</p>\n<p>Call <a class=\"phone\" href=\"tel:+15802347246\">(580) 234-7246</a>.</p>\n</aside>\n")
        #expect(diagnostics == [])
    }

    @Test func shortcodeInAHeadingGivesATextID() async throws {
        #expect(try await page("## Call {{< phone >}}").html
            == "<h2 id=\"call-580-234-7246\">Call <a class=\"phone\" href=\"tel:+15802347246\">(580) 234-7246</a></h2>\n")
    }

    // MARK: - Code and overrides

    @Test func codeSpansAndBlocksAreLeftAlone() async throws {
        let (html, diagnostics) = try await page("Write `{{< phone >}}` or ``{{ site.practice.phone }}``.\n\n```\n{{< hours >}}\n```\n\n    {{< nope >}}\n")
        #expect(html == "<p>Write <code>{{&lt; phone &gt;}}</code> or <code>{{ site.practice.phone }}</code>.</p>\n<pre><code>{{&lt; hours &gt;}}\n</code></pre>\n<pre><code>{{&lt; nope &gt;}}\n</code></pre>\n")
        #expect(diagnostics == [])
    }

    @Test func aSiteTemplateOverridesTheTheme() async throws {
        let html = try await page("{{< phone >}}", files: ["templates/shortcodes/phone.mustache": "<b>{{site.practice.phone}}</b>"]).html
        #expect(html == "<p><b>(580) 234-7246</b></p>\n")
    }

    @Test func pageTextCannotForgeAPlaceholder() async throws {
        let body = "{{< phone >}} sc0123456789abcdefk0z &#115;c0123456789abcdefk0z"
        #expect(!body.contains(ShortcodeExpander.placeholderPrefix(for: body)))
        let html = try await page(body).html
        #expect(html == "<p><a class=\"phone\" href=\"tel:+15802347246\">(580) 234-7246</a> sc0123456789abcdefk0z sc0123456789abcdefk0z</p>\n")
    }

    @Test func rawHTMLInThePageStaysOmittedInSafeMode() async throws {
        #expect(try await page("{{< phone >}} <b>x</b>").html.contains("<!-- raw HTML omitted -->x<!-- raw HTML omitted -->"))
    }

    // MARK: - Errors

    func errors(_ body: String, files: [String: String] = [:]) async throws -> [String] {
        try await page(body, files: files).diagnostics
    }

    @Test func unknownName() async throws {
        #expect(try await errors("Call {{< phnoe >}}.") == ["content/a.md:4:10: error: there is no shortcode 'phnoe' [shortcode.unknown]"])
    }

    @Test func unknownAndMissingArguments() async throws {
        let found = try await errors("x\n{{< figure src=\"x.svg\" capton=\"C\" >}}")
        #expect(found == [
            "content/a.md:5:1: error: 'figure' needs the argument 'alt' [shortcode.argument-missing]",
            "content/a.md:5:24: error: 'figure' has no argument 'capton' [shortcode.argument-unknown]",
        ])
    }

    @Test func emptyRequiredArgument() async throws {
        let found = try await errors("{{< figure src=\"x.svg\" alt=\"\" >}}")
        #expect(found == ["content/a.md:4:28: error: 'figure' needs a value for 'alt' [shortcode.argument-missing]"])
    }

    @Test func figureSourceThatLeadsNowhere() async throws {
        #expect(try await errors("{{< figure src=\"y.svg\" alt=\"A\" >}}") == ["content/a.md:4:16: error: the image 'y.svg' matches no file [link.broken]"])
    }

    @Test func unclosedPairAndStrayClose() async throws {
        let unclosed = try await errors("{{< note >}}\nText.")
        #expect(unclosed == ["content/a.md:4:1: error: {{< note >}} is never closed [shortcode.unclosed]"])
        #expect(try await errors("Text {{< /note >}}") == ["content/a.md:4:6: error: {{< /note >}} closes nothing: no {{< note >}} is open before it [shortcode.stray-close]"])
        #expect(try await errors("{{< phone >}}x{{< /phone >}}") == ["content/a.md:4:15: error: 'phone' takes no content, so {{< /phone >}} closes nothing [shortcode.stray-close]"])
    }

    @Test func malformedTags() async throws {
        #expect(try await errors("A {{< phone\n\nB") == ["content/a.md:4:3: error: this shortcode tag is never closed with '>}}' [shortcode.malformed]"])
        #expect(try await errors("{{< figure alt=\"A >}}\n\nB") == ["content/a.md:4:16: error: the quote of 'alt' is never closed [shortcode.malformed]"])
        #expect(try await errors("{{< figure alt=“A” >}}") == ["content/a.md:4:16: error: the value of 'alt' starts with a curly quote [shortcode.malformed]"])
        #expect(try await errors("{{< figure \"x.svg\" >}}") == ["content/a.md:4:12: error: this argument has no name [shortcode.argument-unnamed]"])
        #expect(try await errors("{{< figure x.svg >}}") == ["content/a.md:4:12: error: 'x' is not written as name=\"value\" [shortcode.argument-unnamed]"])
        #expect(try await errors("{{< figure alt=\"A\"src=\"x.svg\" >}}") == ["content/a.md:4:19: error: 's' follows the value of 'alt' without a space [shortcode.malformed]"])
        #expect(try await errors("{{< >}}") == ["content/a.md:4:5: error: this shortcode tag has no name [shortcode.malformed]"])
    }

    @Test func templateTagsInAPageNameTheShortcode() async throws {
        let result = try await page("Call {{site.practice.phone}} or {{ phone }}, {{{site.practice.hoursByDays}}}.")
        #expect(result.diagnostics == [
            "content/a.md:4:6: error: '{{site.practice.phone}}' is a template tag, but no template runs in a page: it would be published as written [shortcode.template-tag]",
            "content/a.md:4:33: error: '{{ phone }}' is a template tag, but no template runs in a page: it would be published as written [shortcode.template-tag]",
            "content/a.md:4:46: error: '{{{site.practice.hoursByDays}}}' is a template tag, but no template runs in a page: it would be published as written [shortcode.template-tag]",
        ])
        let site = try TemporarySite(Self.shipped.merging(["content/a.md": "---\ntitle: A\n---\n{{ site.practice.hoursByDays }}"]) { $1 })
        defer { site.remove() }
        let hints = await site.build().diagnostics.filter { $0.id.hasPrefix("shortcode.") }.compactMap(\.hint)
        #expect(hints == ["write {{< hours >}} to show it from site.yaml; to show the tag itself, put it in backticks"])
    }

    @Test func tagsInFrontMatterAreAnError() async throws {
        let site = try TemporarySite(Self.shipped.merging(["content/a.md": "---\ntitle: Call {{< phone >}}\n---\nText."]) { $1 })
        defer { site.remove() }
        let found = await site.diagnostics(only: ["shortcode."])
        #expect(found == ["content/a.md:2:1: error: 'title' holds a '{{' tag, but shortcodes and template tags work in the body only: it is published as written [shortcode.front-matter]"])
    }

    @Test func blockInsideAParagraphIsAWarning() async throws {
        #expect(try await errors("Hours: {{< hours >}}") == [
            "content/a.md:4:8: warning: 'hours' shows a block (<dl>) inside a paragraph or heading, which browsers split around it [shortcode.block-in-paragraph]",
        ])
        let heading = try await errors("## Hours {{< hours >}}")
        #expect(heading == [
            "content/a.md:4:10: warning: 'hours' shows a block (<dl>) inside a paragraph or heading, which browsers split around it [shortcode.block-in-paragraph]",
        ])
    }

    @Test func linkInsideALinkIsAWarning() async throws {
        let found = try await errors("[Call {{< phone >}}](/a/)")
        #expect(found == ["content/a.md:4:7: warning: 'phone' shows a link inside a link, which browsers break apart [shortcode.link-in-link]"])
    }

    @Test func positionsAfterAShortcodeStayRight() async throws {
        let body = "{{< note >}}\nSee [x](nowhere.md).\n\n{{< /note >}}\n\n{{< phone >}} [y](gone.md)\n\n[z](lost.md)"
        let found = try await errors(body)
        #expect(found == [
            "content/a.md:5:5: error: the link 'nowhere.md' matches no page [link.broken]",
            "content/a.md:9:15: error: the link 'gone.md' matches no page [link.broken]",
            "content/a.md:11:1: error: the link 'lost.md' matches no page [link.broken]",
        ])
    }

    // MARK: - Declarations

    @Test func declarationProblemsAreThemeErrors() async throws {
        let diagnostics = try await errors("x", files: [
            "themes/test/templates/shortcodes/a.mustache": "{{! arguments: src (requird), site\n    contnet: required }}{{{inner}}}",
            "themes/test/templates/shortcodes/b c.mustache": "x",
        ])
        #expect(diagnostics == [
            "themes/test/templates/shortcodes/a.mustache:1:16: error: 'requird' is not a flag of an argument; did you mean 'required'? [shortcode.declaration]",
            "themes/test/templates/shortcodes/a.mustache:1:31: error: 'site' is a name every shortcode template already has [shortcode.declaration]",
            "themes/test/templates/shortcodes/a.mustache:2:5: error: 'contnet:' is not a shortcode declaration; did you mean 'content:'? [shortcode.declaration]",
            "themes/test/templates/shortcodes/a.mustache:2:25: error: the shortcode shows 'inner', but its declaration does not say it takes content [shortcode.declaration]",
            "themes/test/templates/shortcodes/b c.mustache: error: 'b c' cannot name a shortcode: pages call it {{< name >}}, with letters, digits, '-' and '_' only [shortcode.declaration]",
        ])
    }

    @Test func missingPartialInAShortcodeIsATemplateError() async throws {
        #expect(try await errors("x", files: ["themes/test/templates/shortcodes/a.mustache": "{{>partials/nope}}"]) == [
            "themes/test/templates/shortcodes/a.mustache:1:1: error: the template 'partials/nope' does not exist [template.missing-partial]",
        ])
    }

    // MARK: - Checks

    @Test func napChecksAcceptShortcodesAndIgnoreCode() async throws {
        let body = "Call {{< phone >}}.\n\n{{< hours >}}\n\nDial `(580) 555-0100` in the demo.\n\n```yaml\nmonday: [\"09:00-11:00\"]\nphone: (405) 555-0199\n```\n\n    tuesday: 9:00 a.m. - 3:00 p.m.\n"
        #expect(try await page(body).diagnostics == [])
    }

    @Test func napHintsNameTheShortcodes() async throws {
        let site = try TemporarySite(Self.shipped.merging(["content/a.md": "---\ntitle: A\n---\nCall (405) 555-0199, 9:00 a.m. - 3:00 p.m."]) { $1 })
        defer { site.remove() }
        let nap = await site.build().diagnostics.filter { $0.id.hasPrefix("nap.") }
        #expect(nap.map { "\($0.location) \($0.id): \($0.hint ?? "")" } == [
            "content/a.md:4:6 nap.phone: write {{< phone >}} to show the number from site.yaml, or change site.yaml if the number changed",
            "content/a.md:4:22 nap.hours: write {{< hours >}} to show the hours from site.yaml instead of typing them, or change site.yaml if they changed",
        ])
    }

    // MARK: - Preview

    func text(_ update: PreviewBuilder.Update, _ path: String) -> String? {
        guard case .text(let text) = update.files[path]?.contents else { return nil }
        return text
    }

    @Test func previewRendersAgainWhenAShortcodeTemplateOrSiteYAMLChanges() async throws {
        let site = try TemporarySite(Self.shipped.merging(["content/a.md": "---\ntitle: A\n---\nCall {{< phone >}}."]) { $1 })
        defer { site.remove() }
        let builder = PreviewBuilder(options: BuildOptions(root: site.root, now: TemporarySite.now))
        _ = await builder.build()
        let template = site.root + "/themes/test/templates/shortcodes/phone.mustache"
        try Data("<b>{{site.practice.phone}}</b>".utf8).write(to: URL(fileURLWithPath: template))
        let afterTemplate = await builder.rebuild(changed: [template])
        #expect(text(afterTemplate, "a/index.html") == "<h1>A</h1>\n<p>Call <b>(580) 234-7246</b>.</p>\n")
        let partial = site.root + "/themes/test/templates/partials/site/hours.mustache"
        try Data("<p>Hours</p>".utf8).write(to: URL(fileURLWithPath: partial))
        try Data("---\ntitle: B\n---\n{{< hours >}}".utf8).write(to: URL(fileURLWithPath: site.root + "/content/b.md"))
        _ = await builder.rebuild(changed: [site.root + "/content/b.md"])
        try Data("<p>Open</p>".utf8).write(to: URL(fileURLWithPath: partial))
        let afterPartial = await builder.rebuild(changed: [partial])
        #expect(text(afterPartial, "b/index.html") == "<h1>B</h1>\n<p>Open</p>\n")
        let config = TemporarySite.minimalConfig.replacingOccurrences(of: "(580) 234-7246", with: "(580) 234-7247")
            .replacingOccurrences(of: "+15802347246", with: "+15802347247")
        try Data(config.utf8).write(to: URL(fileURLWithPath: site.root + "/site.yaml"))
        let afterConfig = await builder.rebuild(changed: [site.root + "/site.yaml"])
        #expect(text(afterConfig, "a/index.html") == "<h1>A</h1>\n<p>Call <b>(580) 234-7247</b>.</p>\n")
    }

    // MARK: - Bounds

    @Test func hundredThousandShortcodes() async throws {
        let body = String(repeating: "{{< phone >}} ", count: 100_000)
        let (html, diagnostics) = try await page(body)
        #expect(html.components(separatedBy: "<a class=\"phone\"").count - 1 == 100_000)
        #expect(diagnostics == [])
    }

    @Test func manyCallsThatStandAloneAreNotNested() async throws {
        let (html, diagnostics) = try await page(String(repeating: "{{< appointment >}} ", count: 100) + "{{< appointment >}}x{{< /appointment >}}")
        #expect(html.components(separatedBy: "class=\"button\"").count - 1 == 101)
        #expect(diagnostics == [])
        let unclosed = try await errors(String(repeating: "{{< note >}} ", count: 100))
        #expect(unclosed.count == 100)
        #expect(unclosed.first == "content/a.md:4:1: error: {{< note >}} is never closed [shortcode.unclosed]")
    }

    @Test func deeplyNestedPairsStopAtTheLimit() async throws {
        let body = String(repeating: "{{< note >}}", count: 10_000) + String(repeating: "{{< /note >}}", count: 10_000)
        #expect(try await errors(body) == ["content/a.md:4:385: error: shortcodes are nested more than 32 deep here [shortcode.too-deep]"])
    }

    @Test func manyUnterminatedTagsStayLinear() async throws {
        // Each tag's quote closes at the next tag's, and '{' follows it: one error for every two tags.
        let diagnostics = try await errors(String(repeating: "{{< figure alt=\"", count: 20_000))
        #expect(diagnostics.count == 10_000)
    }
}

/// Generated pages made of shortcode fragments: every diagnostic points inside its file, and no
/// placeholder is left in any page (a fuzz target's invariants, on a fixed seed).
@Suite struct ShortcodeInvariantTests {
    static let fragments = [
        "{{< phone >}}", "{{< hours >}}", "{{< note >}}", "{{< /note >}}", "{{< appointment >}}", "{{< /appointment >}}",
        "{{< figure src=\"x.svg\" alt=\"A\" >}}", "{{< figure alt=\"", "{{<", ">}}", "{{", "}}", "{{ phone }}", "`", "```\n",
        "\n", "\n\n", "    ", "> ", "- ", "# ", "[a](nowhere.md)", "x", "“", "\\", "\"", "&#115;c", "*", "<b>",
    ]

    @Test func diagnosticsStayInsideTheirFileAndNoPlaceholderSurvives() async throws {
        var state: UInt64 = 0x5eed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var files = ShortcodeTests.shipped.merging(["content/x.svg": ShortcodeTests.svg]) { $1 }
        var lineLengths: [String: [Int]] = [:]
        for page in 0..<150 {
            var body = ""
            for _ in 0..<(1 + next(40)) { body += Self.fragments[next(Self.fragments.count)] }
            let text = "---\ntitle: P\(page)\n---\n" + body
            files["content/p\(page).md"] = text
            lineLengths["content/p\(page).md"] = text.split(separator: "\n", omittingEmptySubsequences: false).map(\.utf8.count)
        }
        let site = try TemporarySite(files)
        defer { site.remove() }
        let result = await site.build()
        for diagnostic in result.diagnostics {
            guard let lines = lineLengths[diagnostic.file], diagnostic.line > 0 else { continue }
            #expect(diagnostic.line <= lines.count, "\(TemporarySite.line(diagnostic))")
            guard diagnostic.line <= lines.count else { continue }
            #expect(diagnostic.column >= 1 && diagnostic.column <= lines[diagnostic.line - 1] + 1, "\(TemporarySite.line(diagnostic))")
        }
        // The pages are only written when the build has no error: render them as the build did.
        let pages = result.site?.pages ?? []
        for page in pages {
            let html = page.content?.document.html ?? ""
            let body = page.source?.body ?? ""
            let prefix = ShortcodeExpander.placeholderPrefix(for: body)
            #expect(!html.contains(prefix), "\(page.url)")
        }
    }
}

/// `MarkdownCodeRanges`: where code is, before cmark has parsed the text.
@Suite struct MarkdownCodeRangesTests {
    func code(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return MarkdownCodeRanges.find(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func spans() { #expect(code("a `b` c ``d ` e`` `f") == ["`b`", "``d ` e``"]) }
    @Test func escapedBacktickOpensNothing() { #expect(code("a \\`b` c") == []) }
    @Test func escapedBackslashLeavesTheRunOpen() { #expect(code("a \\\\`b` c") == ["`b`"]) }
    @Test func escapedRunStillOpensWithTheRest() { #expect(code("\\``x` y") == ["`x`"]) }
    @Test func backslashBeforeAnEarlierRunDoesNotEscapeALaterOne() { #expect(code("\\`a` `b`") == ["` `"]) }
    @Test func spanAcrossLinesOfAParagraph() { #expect(code("a `b\nc` d") == ["`b\nc`"]) }
    @Test func spanDoesNotCrossABlankLine() { #expect(code("a `b\n\nc` d") == []) }
    @Test func fencedBlock() { #expect(code("a\n```yaml\nx: 1\n```\nb") == ["```yaml\nx: 1\n```"]) }
    @Test func unclosedFenceRunsToTheEnd() { #expect(code("~~~\nx\ny") == ["~~~\nx\ny"]) }
    @Test func indentedBlock() { #expect(code("a\n\n    x\n    y\nb") == ["x", "y"]) }
    @Test func indentedLineContinuingAParagraphIsProse() { #expect(code("a\n    x") == []) }
    @Test func listParagraphIsProse() { #expect(code("1. a\n\n    b") == []) }
    @Test func codeInAListItem() { #expect(code("- a\n\n      x") == ["x"]) }
    @Test func fenceInABlockQuote() { #expect(code("> ```\n> x\n> ```") == ["```\n> x\n> ```"]) }
}
