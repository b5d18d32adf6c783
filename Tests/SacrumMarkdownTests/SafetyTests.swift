import Foundation
import SacrumMarkdown
import Testing

@Suite struct SafetyTests {
    let renderer = MarkdownRenderer()

    @Test(arguments: [
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](jav&#x61;script:alert(1))",
        "[x](&#106;avascript:alert(1))", "[x](<java\tscript:alert(1)>)", "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](file:///etc/passwd)", "![x](javascript:alert(1))",
        "[x](%20javascript:alert(1))", "<javascript:alert(1)>",
    ])
    func dangerousURLsNeverReachHTML(_ markdown: String) {
        let html = renderer.render(markdown).html
        for url in Self.attributeURLs(in: html) {
            // What a browser reads as the scheme: controls and spaces stripped, case folded.
            let scheme = String(url.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
            for dangerous in ["javascript:", "vbscript:", "data:text", "file:"] {
                #expect(!scheme.hasPrefix(dangerous), "\(html)")
            }
        }
    }

    /// The values of every `href` and `src` attribute in `html`.
    static func attributeURLs(in html: String) -> [String] {
        var urls: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = Substring(html)
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                urls.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return urls
    }

    @Test func dangerousURLIsReportedAndNotRewritten() {
        var visited = 0
        let document = renderer.render("[x](javascript:alert(1))") { _ in
            visited += 1
            return "/rewritten/"
        }
        #expect(visited == 0)
        #expect(document.html == "<p><a href=\"\">x</a></p>\n")
        #expect(document.problems == [MarkdownProblem(kind: .dangerousURLRemoved("javascript:alert(1)"), position: SourcePosition(line: 1, column: 1))])
    }

    @Test func rasterDataImagesAreKept() {
        #expect(renderer.render("![dot](data:image/png;base64,iVBO)").html.contains("src=\"data:image/png;base64,iVBO\""))
    }

    @Test func rawHTMLIsOmittedInSafeMode() {
        #expect(renderer.render("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>").html == "<!-- raw HTML omitted -->\n<p>Text <!-- raw HTML omitted --></p>\n")
    }

    @Test func rawHTMLIsKeptInUnsafeMode() {
        let html = MarkdownRenderer(options: MarkdownOptions(unsafe: true)).render("<div>ok</div>").html
        #expect(html == "<div>ok</div>\n")
    }

    @Test func invalidUTF8IsReplacedNotCrashed() {
        let bytes: [UInt8] = [0x23, 0x20, 0xFF, 0xFE, 0x41, 0x0A, 0x0A, 0xC3, 0x28, 0x62]
        let document = renderer.render(String(decoding: bytes, as: UTF8.self))
        #expect(document.html == "<h1 id=\"a\">\u{FFFD}\u{FFFD}A</h1>\n<p>\u{FFFD}(b</p>\n")
    }

    @Test func nulBytesAreReplaced() {
        let document = renderer.render("a\u{0}b\n\n## x\u{0}")
        #expect(document.html == "<p>a\u{FFFD}b</p>\n<h2 id=\"x\">x\u{FFFD}</h2>\n")
    }
}
