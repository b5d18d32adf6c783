import Foundation
import SacrumBuild
import Testing

/// Issue 8, item 2: paths in front matter, links, images, symbolic links and file names can only
/// ever name places inside the site; everything else is a diagnostic, and the output holds nothing
/// from outside the site.
@Suite struct HostilePathTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var field: String
        var expected: String
        var testDescription: String { field }
        init(_ field: String, _ expected: String) {
            self.field = field
            self.expected = expected
        }
    }

    static let long = String(repeating: "x", count: 300)

    static let frontMatterCases: [Case] = [
        Case("slug: '..'", "content/a.md:3:7: error: the slug '..' cannot be used: '..' would leave its folder [url.invalid]"),
        Case("slug: ../../etc", "content/a.md:3:7: error: the slug '../../etc' cannot be used: it contains '/' [url.invalid]"),
        Case("slug: a\\b", "content/a.md:3:7: error: the slug 'a\\b' cannot be used: it contains a backslash [url.invalid]"),
        Case("slug: '%2e%2e'", "content/a.md:3:7: error: the slug '%2e%2e' cannot be used: it contains '%' (write the characters themselves, not percent-encoding) [url.invalid]"),
        Case("slug: \"a\\0b\"", "content/a.md:3:7: error: the value holds the invisible control character U+0000, which pages, feeds and search results cannot carry [yaml.control-character]"),
        Case("slug: \(long)", "content/a.md:3:7: error: the slug '\(long)' cannot be used: it is 300 bytes long; at most 200 are accepted [url.invalid]"),
        Case("url: /a/../../etc/", "content/a.md:3:6: error: the url '/a/../../etc/' cannot be used: '..' would leave its folder [url.invalid]"),
        Case("url: /etc/../../../root/", "content/a.md:3:6: error: the url '/etc/../../../root/' cannot be used: '..' would leave its folder [url.invalid]"),
        Case("url: /x/%2e%2e/y/", "content/a.md:3:6: error: the url '/x/%2e%2e/y/' cannot be used: it contains '%' (write the characters themselves, not percent-encoding) [url.invalid]"),
        Case("url: /%252e%252e/y/", "content/a.md:3:6: error: the url '/%252e%252e/y/' cannot be used: it contains '%' (write the characters themselves, not percent-encoding) [url.invalid]"),
        Case("url: /a\\..\\..\\b/", "content/a.md:3:6: error: the url '/a\\..\\..\\b/' cannot be used: it contains a backslash [url.invalid]"),
        Case("url: relative/", "content/a.md:3:6: error: the url 'relative/' cannot be used: it must start with '/' (a path inside the site) [url.invalid]"),
        Case("url: //evil.example/x/", "content/a.md:3:6: error: the url '//evil.example/x/' cannot be used: '//' would name another host [url.invalid]"),
        Case("url: /\(long)/", "content/a.md:3:6: error: the url '/\(long)/' cannot be used: a part of it is 300 bytes long; at most 200 are accepted [url.invalid]"),
        Case("url: /sitemap.xml", "content/a.md:3:6: error: the url '/sitemap.xml' cannot be used: pages are published as folders ('/name/') or '.html' files, not '.xml' [url.invalid]"),
        Case("url: /robots.txt", "content/a.md:3:6: error: the url '/robots.txt' cannot be used: pages are published as folders ('/name/') or '.html' files, not '.txt' [url.invalid]"),
        Case("url: /feed.xml", "content/a.md:3:6: error: the url '/feed.xml' cannot be used: pages are published as folders ('/name/') or '.html' files, not '.xml' [url.invalid]"),
        Case("url: /404.html", "content/a.md:3:6: error: the page would be written to '404.html', which Sacrum generates itself [url.reserved]"),
        Case("aliases: [/../../etc/cron.d/x/]", "content/a.md:3:11: error: the alias '/../../etc/cron.d/x/' cannot be used: '..' would leave its folder [url.invalid]"),
        Case("aliases: [/%2e%2e/x/]", "content/a.md:3:11: error: the alias '/%2e%2e/x/' cannot be used: it contains '%' (write the characters themselves, not percent-encoding) [url.invalid]"),
        Case("aliases: ['/a\\b/']", "content/a.md:3:11: error: the alias '/a\\b/' cannot be used: it contains a backslash [url.invalid]"),
        Case("aliases: [//evil.example/]", "content/a.md:3:11: error: the alias '//evil.example/' cannot be used: '//' would name another host [url.invalid]"),
        Case("aliases: [/404.html]", "content/a.md:3:11: error: the alias '/404.html' would replace '404.html', which Sacrum generates itself [url.reserved]"),
        Case("aliases: [/sitemap.xml]", "content/a.md:3:11: error: the alias '/sitemap.xml' cannot be used: pages are published as folders ('/name/') or '.html' files, not '.xml' [url.invalid]"),
        Case("layout: ../../../../etc/passwd", "content/a.md:3:9: error: the layout '../../../../etc/passwd' is not a template name [template.missing]"),
        Case("layout: /etc/passwd", "content/a.md:3:9: error: the layout '/etc/passwd' is not a template name [template.missing]"),
        Case("layout: page.mustache", "content/a.md:3:9: error: the layout 'page.mustache' is not a template name [template.missing]"),
    ]

    @Test(arguments: frontMatterCases)
    func frontMatterPathsStayInsideTheSite(_ testCase: Case) async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n\(testCase.field)\n---\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [testCase.expected])
        expectNothingFromOutside(result, site: site)
    }

    static let referenceCases: [Case] = [
        Case("![X-ray](../../../../etc/passwd)", "content/a.md:4:1: error: the image '../../../../etc/passwd' leads outside the site's content folder [link.outside]"),
        Case("![X-ray](/../../etc/hosts)", "content/a.md:4:1: error: the image '/../../etc/hosts' leads outside the site's content folder [link.outside]"),
        Case("![X-ray](..%2f..%2f..%2fetc/passwd)", "content/a.md:4:1: error: the image '..%2f..%2f..%2fetc/passwd' leads outside the site's content folder [link.outside]"),
        Case("![X-ray](%2e%2e/%2e%2e/etc/passwd)", "content/a.md:4:1: error: the image '%2e%2e/%2e%2e/etc/passwd' leads outside the site's content folder [link.outside]"),
        Case("![X-ray](%252e%252e/secret.png)", "content/a.md:4:1: error: the image '%252e%252e/secret.png' matches no file [link.broken]"),
        // `\.` is an escaped '.' in CommonMark, so the destination is '....\etc\passwd'.
        Case("![X-ray](..\\..\\etc\\passwd)", "content/a.md:4:1: error: the image '....\\etc\\passwd' contains a backslash or control character [link.broken]"),
        Case("![X-ray](C:\\Windows\\win.ini)", "content/a.md:4:1: error: the image 'C:\\Windows\\win.ini' is a file on a Windows computer, not an address on the web [link.local-file]"),
        Case("![X-ray](/secret%00.png)", "content/a.md:4:1: error: the image '/secret%00.png' has a malformed percent-encoding [link.broken]"),
        Case("[notes](../site.yaml)", "content/a.md:4:1: error: the link '../site.yaml' leads outside the site's content folder [link.outside]"),
        Case("[notes](file:///etc/passwd)", "content/a.md:4:1: error: the link 'file:///etc/passwd' is a file on the author's or reader's own computer, not an address on the web, and was removed [markdown.unsafe-url]"),
    ]

    @Test(arguments: referenceCases)
    func markdownReferencesStayInsideTheSite(_ testCase: Case) async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\(testCase.field)\n"])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [testCase.expected])
        expectNothingFromOutside(result, site: site)
    }

    @Test func symbolicLinksAnywhereAreReportedAndNeverFollowed() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "static/logo.svg": "<svg/>",
        ])
        defer { site.remove() }
        let links: [(String, String)] = [
            ("content/secrets", "/etc"),
            ("content/passwd.md", "/etc/passwd"),
            ("content/loop", "loop"),
            ("content/self", "."),
            ("static/hosts.txt", "/etc/hosts"),
            ("themes/test/templates/leak.mustache", "/etc/passwd"),
            ("themes/test/assets", "/etc"),
        ]
        for (path, target) in links {
            try FileManager.default.createSymbolicLink(atPath: site.root + "/" + path, withDestinationPath: target)
        }
        let result = await site.build()
        let message = "error: this is a symbolic link; Sacrum never follows links, so it is not published [file.symlink]"
        #expect(Set(result.relevantDiagnostics.map(TemporarySite.line)) == Set(links.map { "\($0.0): \(message)" }))
        expectNothingFromOutside(result, site: site)
    }

    @Test func folderSymlinkLoopIsNotFollowed() async throws {
        let site = try TemporarySite(["content/a/b/page.md": "---\ntitle: Page\n---\n"])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root + "/content/a/b/up", withDestinationPath: "../..")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/a/b/up: error: this is a symbolic link; Sacrum never follows links, so it is not published [file.symlink]"
        ])
    }

    @Test func pageNamesThatDifferOnlyInUnicodeNormalisationCollide() async throws {
        // é precomposed (NFC), as Linux editors write it, and e + combining accent (NFD), as macOS
        // does. Swift finds the two names equal, so they cannot share one dictionary literal.
        let site = try TemporarySite(["content/caf\u{E9}.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        try site.write(Array("---\ntitle: B\n---\n".utf8), to: "content/cafe\u{301}.md")
        let found = await site.diagnostics()
        #expect(found == [
            "content/caf\u{E9}.md: error: this name and 'cafe\u{301}.md' beside it differ only in how accented letters are encoded (Unicode NFC and NFD); they would be one file on macOS, so this one is skipped [file.name]",
            "content/caf\u{E9}.md:1:1: note: the file name 'caf\u{E9}' has capitals, spaces, accents or punctuation, so the page is published at /cafe/ [url.slug]",
        ])
        #expect(found.first.map { Array($0.utf8).starts(with: Array("content/caf\u{E9}".utf8)) } == true)
    }

    @Test func slugsThatDifferOnlyInUnicodeNormalisationCollide() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\nslug: caf\u{E9}\n---\n",
            "content/b.md": "---\ntitle: B\nslug: cafe\u{301}\n---\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "content/b.md:3:7: error: this page (/cafe\u{301}/) and content/a.md differ only in how accented letters are encoded (Unicode NFC and NFD); they would be one file on macOS [url.collision]"
        ])
    }

    @Test func staticFilesThatDifferOnlyInCaseOrNormalisationCollide() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n",
            "static/Logo.png": "1",
            "static/logo.png": "2",
            "static/caf\u{E9}.png": "3",
        ])
        defer { site.remove() }
        try site.write(Array("4".utf8), to: "static/cafe\u{301}.png")
        // The files are no real PNGs; that they are refused as images is ImageBuildTests' business.
        let found = Set(await site.diagnostics()).filter { !$0.hasSuffix("[image.invalid]") }
        #expect(found == [
            "static/logo.png: error: this file and static/Logo.png differ only in letter case or accents; they would be one file on macOS and Windows [url.collision]",
            "static/caf\u{E9}.png: error: this name and 'cafe\u{301}.png' beside it differ only in how accented letters are encoded (Unicode NFC and NFD); they would be one file on macOS, so this one is skipped [file.name]",
        ])
    }

    @Test func staticFileMayNotReplaceAPageOrAGeneratedFile() async throws {
        let site = try TemporarySite([
            "content/about.md": "---\ntitle: About\n---\n",
            "static/about/index.html": "<p>not the page</p>",
            "static/sitemap.xml": "<urlset/>",
            "static/robots.txt": "User-agent: *",
            "static/404.html": "gone",
            "static/About/Index.html": "case twin",
        ])
        defer { site.remove() }
        let result = await site.build()
        #expect(Set(result.relevantDiagnostics.map(TemporarySite.line)) == [
            "static/about/index.html: error: this file and static/About/Index.html differ only in letter case or accents; they would be one file on macOS and Windows [url.collision]",
            "static/About/Index.html: error: this file (/About/Index.html) and the page of content/about.md (/about/index.html) differ only in letter case or accents; they would be one file on macOS and Windows [url.collision]",
            "static/sitemap.xml: error: this file would be published at /sitemap.xml, where the build writes its own sitemap.xml [url.collision]",
            "static/robots.txt: error: this file would be published at /robots.txt, where the build writes its own robots.txt [url.collision]",
            "static/404.html: error: this file would be published at /404.html, where the build writes the generated page /404.html [url.collision]",
        ])
        #expect(result.text("about/index.html")?.contains("not the page") == false)
    }

    /// Every file the build would publish comes from inside the site and goes inside the output.
    private func expectNothingFromOutside(_ result: BuildResult, site: TemporarySite, sourceLocation: SourceLocation = #_sourceLocation) {
        for file in result.files {
            #expect(!file.path.hasPrefix("/") && !file.path.split(separator: "/").contains(".."), "\(file.path)", sourceLocation: sourceLocation)
            if case .copy(let source) = file.contents {
                #expect(source.hasPrefix(site.root + "/"), "\(source)", sourceLocation: sourceLocation)
            }
            if let text = result.text(file.path) {
                #expect(!text.contains("root:x:0:0"), "\(file.path)", sourceLocation: sourceLocation)
            }
        }
    }
}
