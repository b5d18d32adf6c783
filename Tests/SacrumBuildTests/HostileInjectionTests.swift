import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SacrumBuild
import SacrumContent
import Testing

/// Issue 8, item 4: in safe mode no raw HTML and no script-running URL reaches the output, however it
/// is written; front-matter text with HTML or script in it is escaped for every place it reaches
/// (HTML text and attributes, JSON-LD, the Atom feed, the sitemap), and characters that break XML or
/// JSON are handled.
@Suite struct HostileInjectionTests {
    static let payload = "</script><script>alert(1)</script> <img src=x onerror=alert(2)> \"q\" 's' & ]]> <!-- \u{2028}\u{2029} end"

    static let theme: [String: String] = [
        "themes/test/templates/page.mustache": """
            <title>{{page.title}}</title>
            <meta name="description" content="{{page.description}}">
            <a title='{{page.title}}' href="{{page.url}}">self</a>
            <script type="application/ld+json">{{{jsonLD}}}</script>
            <h1>{{page.title}}</h1>
            {{#page.tags}}<a href="{{url}}">{{title}}</a>{{/page.tags}}
            {{{page.content}}}
            """,
    ]

    func injectedSite(body: String = "Body.\n") throws -> TemporarySite {
        var files = Self.theme
        files["content/news/evil.md"] = """
            ---
            title: \(Self.yamlQuoted("Title " + Self.payload))
            description: \(Self.yamlQuoted("Description " + Self.payload))
            kind: article
            date: 2026-11-01
            slug: fusión
            tags: [\(Self.yamlQuoted("Tag " + Self.payload))]
            ---
            \(body)
            """
        return try TemporarySite(files)
    }

    @Test func frontMatterIsEscapedInHTMLTextAndAttributes() async throws {
        let site = try injectedSite()
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.isEmpty)
        let html = try #require(result.text("news/fusión/index.html"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("\"q\""))
        #expect(html.contains("<h1>Title &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; &quot;q&quot; &#39;s&#39; &amp; ]]&gt; &lt;!-- \u{2028}\u{2029} end</h1>"))
        #expect(html.contains("<a title='Title &lt;/script&gt;"))
        #expect(html.contains("<meta name=\"description\" content=\"Description &lt;/script&gt;"))
    }

    @Test func frontMatterIsEscapedInJSONLD() async throws {
        let site = try injectedSite()
        defer { site.remove() }
        let result = await site.build()
        let html = try #require(result.text("news/fusión/index.html"))
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<"), "no '</script>' or '<!--' can end or confuse the script element")
        #expect(!json.contains("\u{2028}") && !json.contains("\u{2029}"))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let strings = Self.strings(in: parsed)
        #expect(strings.contains("Title " + Self.payload), "the title round-trips exactly")
    }

    @Test func frontMatterIsEscapedInTheFeedAndTheSitemap() async throws {
        let site = try injectedSite()
        defer { site.remove() }
        let result = await site.build()
        let feed = try #require(result.text("feed.xml"))
        let feedTexts = try Self.xmlTexts(feed)
        #expect(feedTexts.contains("Title " + Self.payload))
        #expect(feedTexts.contains("Description " + Self.payload))
        let sitemap = try #require(result.text("sitemap.xml"))
        let locations = try Self.xmlTexts(sitemap)
        #expect(locations.contains("https://test.example/news/fusi%C3%B3n/"))
        #expect(!sitemap.contains("<script"))
    }

    @Test func rawHTMLNeverReachesTheOutput() async throws {
        let site = try TemporarySite([
            "content/a.md": """
                ---
                title: A
                ---
                Inline <script>alert(10)</script> and <img src=x onerror=alert(11)> and <a href="javascript:alert(12)">raw</a>.

                <script>alert(13)</script>

                <iframe src="https://evil.example"></iframe>

                <style>body{display:none}</style>
                """
        ])
        defer { site.remove() }
        let result = await site.build()
        // Each removal is reported (issue 11: nothing silent), once per tag that opens.
        #expect(result.relevantDiagnostics.map { "\($0.line):\($0.column) \($0.id)" } == [
            "4:8 markdown.raw-html", "4:39 markdown.raw-html", "4:73 markdown.raw-html", "6:1 markdown.raw-html",
            "8:1 markdown.raw-html", "10:1 markdown.raw-html",
        ])
        let html = try #require(result.text("a/index.html"))
        for needle in ["<script", "<img", "onerror", "javascript:", "<iframe", "<style"] {
            #expect(!html.contains(needle), "\(needle)")
        }
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    static let dangerousLinks: [String] = [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](  javascript:alert(1))",
        "[a](<javascript:alert(1)>)",
        "[a](&#106;avascript:alert(1))",
        "[a](&#x6A;avascript&colon;alert(1))",
        "[a](java&#x09;script:alert(1))",
        "[a](java%0Ascript:alert(1))",
        "[a](vbscript:msgbox(1))",
        "[a](VBScript:msgbox(1))",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[a](DATA:text/html,<script>alert(1)</script>)",
        "![a description](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "[a][ref]\n\n[ref]: javascript:alert(1)",
    ]

    @Test(arguments: dangerousLinks)
    func scriptURLsNeverReachTheOutput(_ markdown: String) async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\(markdown)\n"])
        defer { site.remove() }
        let result = await site.build()
        let ids = result.relevantDiagnostics.map(\.id)
        #expect(ids.contains("markdown.unsafe-url") || ids.contains("link.broken"), "\(ids)")
        #expect(!result.succeeded)
        let html = try #require(result.text("a/index.html"))
        let lowered = html.lowercased()
        for scheme in ["javascript:", "vbscript:", "data:text", "data:image/svg", "alert(1)", "msgbox"] {
            #expect(!lowered.contains("href=\"" + scheme) && !lowered.contains("src=\"" + scheme), "\(scheme) in \(html)")
        }
    }

    // MARK: - Helpers

    static func yamlQuoted(_ text: String) -> String {
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\u{2028}": quoted += "\\L"
            case "\u{2029}": quoted += "\\P"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    static func strings(in value: Any) -> [String] {
        switch value {
        case let string as String: return [string]
        case let array as [Any]: return array.flatMap(strings)
        case let object as [String: Any]: return object.values.flatMap(strings)
        default: return []
        }
    }

    /// The text content of every element, from a real XML parser (which fails on anything malformed).
    static func xmlTexts(_ xml: String) throws -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var texts: [String] = []
            var current = ""
            func parser(_ parser: XMLParser, didStartElement: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                current = ""
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
            func parser(_ parser: XMLParser, didEndElement: String, namespaceURI: String?, qualifiedName: String?) {
                texts.append(current)
                current = ""
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.propertyListReadCorrupt) }
        return collector.texts
    }
}
