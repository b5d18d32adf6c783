@testable import SacrumBuild
import Testing

/// The one place that prefixes root-relative links with the base URL's path and marks preview pages
/// `noindex`: each kind of link, one input, the exact output.
@Suite struct PageFinisherTests {
    let sub = PageFinisher(basePath: "/sub/dir", noindex: false)
    let preview = PageFinisher(basePath: "", noindex: true)

    @Test func anchor() { #expect(sub.fragment(#"<a href="/treatments/">T</a>"#) == #"<a href="/sub/dir/treatments/">T</a>"#) }
    @Test func singleQuotes() { #expect(sub.fragment("<a href='/a/'>A</a>") == "<a href='/sub/dir/a/'>A</a>") }
    @Test func unquoted() { #expect(sub.fragment("<a class=x href=/a/>A</a>") == "<a class=x href=/sub/dir/a/>A</a>") }
    @Test func upperCase() { #expect(sub.fragment(#"<A HREF="/a/">A</A>"#) == #"<A HREF="/sub/dir/a/">A</A>"#) }
    @Test func stylesheet() { #expect(sub.fragment(#"<link rel="stylesheet" href="/css/style.3f2a9c1b07.css">"#) == #"<link rel="stylesheet" href="/sub/dir/css/style.3f2a9c1b07.css">"#) }
    @Test func script() { #expect(sub.fragment(#"<script src="/js/a.js"></script>"#) == #"<script src="/sub/dir/js/a.js"></script>"#) }
    @Test func image() { #expect(sub.fragment(#"<img src="/images/a.jpg" alt="">"#) == #"<img src="/sub/dir/images/a.jpg" alt="">"#) }
    @Test func form() { #expect(sub.fragment(#"<form action="/contact/">"#) == #"<form action="/sub/dir/contact/">"#) }

    @Test func srcset() {
        #expect(sub.fragment(#"<img srcset="/a-480.webp 480w, /a-960.webp 960w,https://cdn.example/a.webp 2x" src="/a.jpg">"#)
            == #"<img srcset="/sub/dir/a-480.webp 480w, /sub/dir/a-960.webp 960w,https://cdn.example/a.webp 2x" src="/sub/dir/a.jpg">"#)
    }

    @Test func pictureSource() {
        #expect(sub.fragment(#"<source type="image/webp" srcset="/a.webp">"#) == #"<source type="image/webp" srcset="/sub/dir/a.webp">"#)
    }

    @Test func refresh() {
        #expect(sub.fragment(#"<meta http-equiv="refresh" content="0; url=/new/">"#) == #"<meta http-equiv="refresh" content="0; url=/sub/dir/new/">"#)
    }

    @Test func othersUnchanged() {
        let html = ##"<a href="https://x.example/a/">x</a><a href="//cdn.example/a">c</a><a href="#top">t</a><a href="tel:+1">p</a><a href="a/">r</a><img data-src="/a.jpg">"##
        #expect(sub.fragment(html) == html)
    }

    @Test func scriptStyleCommentAndTextUnchanged() {
        let html = #"<script>var a = '<a href="/x/">';</script><style>a[href="/x/"]{}</style><!-- <a href="/x/"> --><p>href="/x/"</p>"#
        #expect(sub.fragment(html) == html)
    }

    @Test func cssURLs() {
        let css = #"@font-face{src:url(/fonts/a.woff2)} a{background:url( "/i/b.svg")} b{background:url('/i/c.svg')} c{background:url(//cdn/x) url(d.png)}"#
        #expect(String(decoding: sub.stylesheet(Array(css.utf8)), as: UTF8.self)
            == #"@font-face{src:url(/sub/dir/fonts/a.woff2)} a{background:url( "/sub/dir/i/b.svg")} b{background:url('/sub/dir/i/c.svg')} c{background:url(//cdn/x) url(d.png)}"#)
    }

    @Test func cssImport() {
        let css = #"@import "/css/a.css"; @import url(/css/b.css); @IMPORT '/css/c.css' print;"#
        #expect(String(decoding: sub.stylesheet(Array(css.utf8)), as: UTF8.self)
            == #"@import "/sub/dir/css/a.css"; @import url(/sub/dir/css/b.css); @IMPORT '/sub/dir/css/c.css' print;"#)
    }

    @Test func styleAttribute() {
        #expect(sub.fragment(#"<div style="background: url('/i/a.svg')">"#) == #"<div style="background: url('/sub/dir/i/a.svg')">"#)
    }

    @Test func sitePath() { #expect(sub.path("/a/") + " " + sub.path("https://x/") == "/sub/dir/a/ https://x/") }

    @Test func noindexAfterCharset() {
        #expect(preview.page("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>A</title>\n</head>")
            == "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"robots\" content=\"noindex\">\n<title>A</title>\n</head>")
    }

    @Test func noindexAfterHead() {
        #expect(preview.page("<html><head><title>A</title></head>") == "<html><head>\n<meta name=\"robots\" content=\"noindex\"><title>A</title></head>")
    }

    @Test func noindexWithoutHead() {
        #expect(preview.page("<h1>A</h1>") == "<meta name=\"robots\" content=\"noindex\">\n<h1>A</h1>")
    }

    @Test func noindexNotRepeated() {
        let html = "<head><meta name=\"ROBOTS\" content=\"NOINDEX, nofollow\"></head>"
        #expect(preview.page(html) == html)
    }

    @Test func fragmentGetsNoNoindex() { #expect(preview.fragment("<p>a</p>") == "<p>a</p>") }

    @Test func productionAtRootChangesNothing() {
        #expect(PageFinisher.none.page(#"<head><a href="/a/">"#) == #"<head><a href="/a/">"#)
    }
}
