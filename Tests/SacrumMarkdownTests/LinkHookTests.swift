import SacrumMarkdown
import Testing

@Suite struct LinkHookTests {
    let renderer = MarkdownRenderer()

    @Test func everyDestinationIsVisitedWithItsPosition() {
        var seen: [MarkdownLink] = []
        _ = renderer.render("Intro [one](a.md) text\nmore ![pic](p.jpg \"T\") and\n[two][r]\n\n[r]: /r", firstLine: 4) { link in
            seen.append(link)
            return nil
        }
        #expect(seen == [
            MarkdownLink(kind: .link, destination: "a.md", title: "", text: "one", position: SourcePosition(line: 4, column: 7)),
            MarkdownLink(kind: .image, destination: "p.jpg", title: "T", text: "pic", position: SourcePosition(line: 5, column: 6)),
            MarkdownLink(kind: .link, destination: "/r", title: "", text: "two", position: SourcePosition(line: 6, column: 1)),
        ])
    }

    @Test func rewrittenDestinationReachesTheHTML() {
        let html = renderer.render("See [back pain](../conditions/back-pain.md#causes).") { link in
            link.destination == "../conditions/back-pain.md#causes" ? "/conditions/back-pain/#causes" : nil
        }.html
        #expect(html == "<p>See <a href=\"/conditions/back-pain/#causes\">back pain</a>.</p>\n")
    }

    @Test func linksAreKeptInTheDocument() {
        let document = renderer.render("[a](/x) ![b](/y.png)")
        #expect(document.links.map(\.destination) == ["/x", "/y.png"])
        #expect(document.images.map(\.text) == ["b"])
    }

    @Test func imagesGetLoadingHints() {
        #expect(renderer.render("![Sacroiliac joint](/img/si.jpg \"SI\")").html == "<p><img src=\"/img/si.jpg\" alt=\"Sacroiliac joint\" title=\"SI\" loading=\"lazy\" decoding=\"async\" /></p>\n")
    }

    @Test func imageWithEmptyAltIsReportedWithPosition() {
        let document = renderer.render("Text ![ok](/a.jpg)\n\n  ![](/img/x.jpg) ![ ](/y.png)", firstLine: 7)
        #expect(document.problems == [
            MarkdownProblem(kind: .imageWithoutAlt("/img/x.jpg"), position: SourcePosition(line: 9, column: 3)),
            MarkdownProblem(kind: .imageWithoutAlt("/y.png"), position: SourcePosition(line: 9, column: 19)),
        ])
    }

    @Test func imageInsideLinkAndHeading() {
        #expect(renderer.render("## [![logo](/l.png)](/)").html == "<h2 id=\"logo\"><a href=\"/\"><img src=\"/l.png\" alt=\"logo\" loading=\"lazy\" decoding=\"async\" /></a></h2>\n")
    }

    @Test func imageInsideImageAltIsOnlyText() {
        let document = renderer.render("![outer ![inner](/i.png)](/o.png)")
        #expect(document.links.map(\.destination) == ["/o.png"])
        #expect(document.html == "<p><img src=\"/o.png\" alt=\"outer inner\" loading=\"lazy\" decoding=\"async\" /></p>\n")
    }

    @Test func linkTextIsPlainText() {
        #expect(renderer.render("[**Call** `now`](tel:+15802347246)").links.first?.text == "Call now")
    }
}
