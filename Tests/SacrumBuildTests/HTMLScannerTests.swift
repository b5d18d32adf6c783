import Testing

@testable import SacrumBuild

/// The scanner the checks read pages with: the tags they look at, on the right lines.
@Suite struct HTMLScannerTests {
    func scan(_ html: String) -> [String] {
        HTMLScanner.tags(in: html).map { tag in
            "\(tag.line):\(tag.name)" + tag.attributes.map { " \($0.name)=\($0.value)" }.joined()
        }
    }

    @Test func linesCountBetweenTags() {
        #expect(scan("<p>a</p>\n\n<a href=\"/x/\">x</a>\n<img src=\"/i.png\">") == ["3:a href=/x/", "3:/a", "4:img src=/i.png"])
    }
    @Test func lineBreaksInsideTagsAndValuesCount() {
        #expect(scan("<a\nhref=\"/a/\n\">x</a><img\nsrc=\"/b\">") == ["1:a href=/a/\n", "3:/a", "3:img src=/b"])
    }
    @Test func commentsAndScriptsAreSkipped() {
        #expect(scan("<!-- <a href=\"/no/\"> -->\n<script>\n\"<a href='/no/'>\"\n</script>\n<a href=\"/yes/\">") == ["2:script", "4:/script", "5:a href=/yes/"])
    }
    @Test func aLessThanSignInTextIsNotATag() { #expect(scan("1 < 2\n<a href=\"/a/\">") == ["2:a href=/a/"]) }
    @Test func entitiesInValuesAreDecoded() { #expect(scan("<a href=\"/a?x=1&amp;y=2\">") == ["1:a href=/a?x=1&y=2"]) }
    @Test func aTagAtTheVeryEndIsIgnored() { #expect(scan("text <") == []) }
    @Test func styleAttributesAreReportedOnAnyTag() { #expect(scan("<div style=\"color:red\">") == ["1:div style=color:red"]) }
    @Test func namesAreLowerCase() { #expect(scan("<A HREF=\"/x/\">x</A><DIV Style=\"x\">") == ["1:a href=/x/", "1:/a", "1:div style=x"]) }
    @Test func everyNameIsFoundByItsPackedValue() {
        #expect(HTMLScanner.elements.filter { HTMLScanner.elementName(HTMLScanner.pack($0)) != $0 } == [])
        #expect(HTMLScanner.attributes.filter { HTMLScanner.attributeName(HTMLScanner.pack($0)) != $0 } == [])
        #expect(HTMLScanner.elementName(HTMLScanner.pack("div")) == nil)
    }
}
