import Foundation
// `stat`'s members are seen through CoreFoundation or CDispatch in some builds (see FileIO).
#if canImport(CoreFoundation)
    import CoreFoundation
#endif
#if canImport(CDispatch)
    import CDispatch
#endif
@testable import SacrumBuild
import SacrumContent
import Testing

@Suite struct ImageBuildTests {
    static let theme = "images:\n  widths: [480, 960, 1600]\n  sizes: \"(min-width: 60rem) 60rem, 100vw\"\n"

    /// The page's HTML with each variant's ten-digit content tag written as HASH.
    static func html(of result: BuildResult, page: String) -> String {
        guard case .text(let html)? = result.files.first(where: { $0.path == page })?.contents else { return "" }
        return html.replacingOccurrences(of: "\\.[0-9a-f]{10}\\.", with: ".HASH.", options: .regularExpression)
    }

    /// A processed image's bytes, in memory or copied from the image cache.
    static func bytes(of result: BuildResult, path: String) -> [UInt8]? {
        switch result.files.first(where: { $0.path == path })?.contents {
        case .bytes(let bytes)?: return bytes
        case .copy(let source)? where source.contains("/.sacrum-cache/images/"):
            return FileManager.default.contents(atPath: source).map { [UInt8]($0) }
        default: return nil
        }
    }

    @Test func markdownImageBecomesASizedPicture() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n\n![The office](images/office.jpg \"Front desk\")\n\n![Again](/images/office.jpg)\n",
            "themes/test/theme.yaml": Self.theme,
        ])
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 1200, height: 900), to: "content/images/office.jpg")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        let sources = "/images/office.480w.HASH.webp 480w, /images/office.960w.HASH.webp 960w, /images/office.1200w.HASH.webp 1200w"
        let fallbacks = "/images/office.480w.HASH.jpg 480w, /images/office.960w.HASH.jpg 960w, /images/office.1200w.HASH.jpg 1200w"
        let picture = { (lazy: String, alt: String, title: String) in
            "<picture><source type=\"image/webp\" srcset=\"\(sources)\" sizes=\"(min-width: 60rem) 60rem, 100vw\" />"
                + "<img src=\"/images/office.1200w.HASH.jpg\" srcset=\"\(fallbacks)\" sizes=\"(min-width: 60rem) 60rem, 100vw\" "
                + "width=\"1200\" height=\"900\" alt=\"\(alt)\"\(title)\(lazy) decoding=\"async\" /></picture>"
        }
        #expect(Self.html(of: result, page: "a/index.html") == "<h1>A</h1>\n<p>\(picture("", "The office", " title=\"Front desk\""))</p>\n<p>\(picture(" loading=\"lazy\"", "Again", ""))</p>\n")
    }

    /// The `<picture>` of office.jpg (1200x900) in the test theme, lazy or not.
    static func officePicture(alt: String, lazy: Bool) -> String {
        let sources = "/images/office.480w.HASH.webp 480w, /images/office.960w.HASH.webp 960w, /images/office.1200w.HASH.webp 1200w"
        let fallbacks = "/images/office.480w.HASH.jpg 480w, /images/office.960w.HASH.jpg 960w, /images/office.1200w.HASH.jpg 1200w"
        return "<picture><source type=\"image/webp\" srcset=\"\(sources)\" sizes=\"(min-width: 60rem) 60rem, 100vw\" />"
            + "<img src=\"/images/office.1200w.HASH.jpg\" srcset=\"\(fallbacks)\" sizes=\"(min-width: 60rem) 60rem, 100vw\" "
            + "width=\"1200\" height=\"900\" alt=\"\(alt)\"\(lazy ? " loading=\"lazy\"" : "") decoding=\"async\" /></picture>"
    }

    @Test func figureShortcodeShowsTheSamePictureAndIsFirstOnlyBeforeAnyMarkdownImage() async throws {
        let site = try TemporarySite(ShortcodeTests.shipped.merging([
            "content/a.md": "---\ntitle: A\n---\n\n{{< figure src=\"images/office.jpg\" alt=\"The office\" caption=\"Front desk\" >}}\n\n![Again](images/office.jpg)\n",
            "content/b.md": "---\ntitle: B\n---\n\n![First](images/office.jpg)\n\n{{< figure src=\"images/office.jpg\" alt=\"Later\" >}}\n",
            "themes/test/theme.yaml": Self.theme,
        ]) { $1 })
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 1200, height: 900), to: "content/images/office.jpg")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        #expect(Self.html(of: result, page: "a/index.html") == "<h1>A</h1>\n<figure>\n  \(Self.officePicture(alt: "The office", lazy: false))\n  <figcaption>Front desk</figcaption>\n</figure>\n<p>\(Self.officePicture(alt: "Again", lazy: true))</p>\n")
        #expect(Self.html(of: result, page: "b/index.html") == "<h1>B</h1>\n<p>\(Self.officePicture(alt: "First", lazy: false))</p>\n<figure>\n  \(Self.officePicture(alt: "Later", lazy: true))\n  \n</figure>\n")
    }

    @Test func figureSizesReplaceTheThemes() async throws {
        let site = try TemporarySite(ShortcodeTests.shipped.merging([
            "content/a.md": "---\ntitle: A\n---\n\n{{< figure src=\"images/office.jpg\" alt=\"Office\" sizes=\"16rem\" >}}\n",
            "themes/test/theme.yaml": Self.theme,
        ]) { $1 })
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 1200, height: 900), to: "content/images/office.jpg")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        let html = Self.html(of: result, page: "a/index.html")
        #expect(html.components(separatedBy: "sizes=\"16rem\"").count == 3)
        #expect(!html.contains("60rem"))
    }

    @Test func figureOfAFailedImageIsAnErrorAtItsSource() async throws {
        let site = try TemporarySite(ShortcodeTests.shipped.merging([
            "content/a.md": "---\ntitle: A\n---\n\n{{< figure src=\"scan.png\" alt=\"Scan\" >}}\n",
        ]) { $1 })
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 64, height: 64), to: "content/scan.png")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/a.md:5:16: error: the image '/scan.png' cannot be published: the file name says PNG but the file is a JPEG image [image.invalid]",
            "content/scan.png: error: the file name says PNG but the file is a JPEG image; it is not published [image.invalid]",
        ])
    }

    @Test func pageImageFieldIsTheSamePictureAndTheFirstImage() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\nimage: images/office.jpg\nimage_alt: The office\n---\n\n![Again](images/office.jpg)\n",
            "themes/test/templates/page.mustache": "{{{page.image}}}\n{{{page.content}}}",
            "themes/test/theme.yaml": Self.theme,
        ])
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 1200, height: 900), to: "content/images/office.jpg")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        #expect(Self.html(of: result, page: "a/index.html") == "\(Self.officePicture(alt: "The office", lazy: false))\n<p>\(Self.officePicture(alt: "Again", lazy: true))</p>\n")
    }

    @Test(arguments: [
        ("image: scan.png\nimage_alt: Scan", "content/a.md:3:8: error: the image '/scan.png' cannot be published: the file name says PNG but the file is a JPEG image [image.invalid]"),
        ("image: scan.png", "content/a.md:3:8: error: the page's image 'scan.png' has no alt text [a11y.alt-missing]"),
        ("image: nowhere.png\nimage_alt: Gone", "content/a.md:3:8: error: the image 'nowhere.png' matches no file [link.broken]"),
    ])
    func pageImageProblemsAreAtTheField(frontMatter: String, expected: String) async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n\(frontMatter)\n---\n\nText.\n",
            "themes/test/templates/page.mustache": "{{{page.image}}}\n{{{page.content}}}",
        ])
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 64, height: 64), to: "content/scan.png")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line).filter { $0.hasPrefix("content/a.md") } == [expected])
    }

    @Test func heavyImageIsAWarningAtTheReference() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\nText.\n\n![Noise](noise.png)\n", "themes/test/theme.yaml": Self.theme])
        defer { site.remove() }
        try site.write(try GeneratedImage.noisePNG(width: 1700, height: 1000), to: "content/noise.png")
        let result = await site.build()
        let found = result.relevantDiagnostics.filter { $0.id == "image.heavy" }.map(TemporarySite.line)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("content/a.md:7:1: warning: the image 'noise.png' sends a file of 1600 px and ") == true)
        let line = found.first?.replacingOccurrences(of: "\\.[0-9a-f]{10}\\.", with: ".HASH.", options: .regularExpression) ?? ""
        #expect(line.hasSuffix(" (/noise.1600w.HASH.png) for a place the theme shows at '(min-width: 60rem) 60rem, 100vw' [image.heavy]"))
    }

    @Test func animatedGIFIsPublishedAsItsFirstFrameWithAWarning() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n![Spinner](spin.gif)\n"])
        defer { site.remove() }
        try site.write(GeneratedImage.animatedGIF, to: "content/spin.gif")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/a.md:5:1: warning: the image 'spin.gif' is an animation of 2 frames; only its first frame is published, as a still image [image.animated]"
        ])
        #expect(Self.bytes(of: result, path: "spin.gif").map { $0.starts(with: Array("GIF8".utf8)) } == true)
    }

    @Test func pageOverItsImageBudgetIsAWarningAtTheImageThatCrossesIt() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n\n![One](one.jpg)\n\n![Two](two.jpg)\n\n![One again](one.jpg)\n",
            "site.yaml": TemporarySite.minimalConfig + "\nimages:\n  page_weight_budget_kb: 2\n",
        ])
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 400, height: 300), to: "content/one.jpg")
        try site.write(try GeneratedImage.jpeg(width: 400, height: 300), to: "content/two.jpg")
        let result = await site.build()
        let found = result.relevantDiagnostics.map(TemporarySite.line).map {
            $0.replacingOccurrences(of: "weigh [0-9]+ KB", with: "weigh N KB", options: .regularExpression)
        }
        #expect(found == [
            "content/a.md:7:1: warning: with this image the page's images weigh N KB, over the budget of 2 KB (images: page_weight_budget_kb in site.yaml) [image.page-weight]"
        ])
    }

    @Test func everyPublishedCopyIsFreeOfMetadata() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n![Office](office.jpg)\n", "themes/test/theme.yaml": Self.theme])
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 700, height: 500), to: "content/office.jpg")
        #expect(try GeneratedImage.metadata(atPath: site.root + "/content/office.jpg").contains { $0.hasPrefix("[EXIF]") })
        let result = await site.build()
        let images = result.files.filter { $0.path.hasPrefix("office") }
        #expect(images.count == 5)  // the full-size copy, 480 and 700 in WebP and JPEG
        for image in images {
            guard let bytes = Self.bytes(of: result, path: image.path) else { Issue.record("\(image.path) is not processed"); continue }
            let file = site.root + "/check-" + image.path
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let leaked = try GeneratedImage.metadata(atPath: file).filter { line in
                !["[ExifTool]", "[File]", "[Composite]", "[JFIF]", "[RIFF]"].contains { line.hasPrefix($0) }
            }
            #expect(leaked == [], "\(image.path)")
        }
    }

    @Test func imageThatIsNotWhatItsNameSaysIsAnErrorAtTheReference() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\nText.\n\n![Scan](scan.png)\n"])
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 64, height: 64), to: "content/scan.png")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/a.md:7:1: error: the image '/scan.png' cannot be published: the file name says PNG but the file is a JPEG image [image.invalid]",
            "content/scan.png: error: the file name says PNG but the file is a JPEG image; it is not published [image.invalid]",
        ])
        #expect(!result.files.contains { $0.path.hasPrefix("scan") })
        #expect(!result.succeeded)
    }

    @Test func truncatedPhotoIsAnErrorAndNothingOfItIsPublished() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n![Office](office.jpg)\n"])
        defer { site.remove() }
        let photo = try GeneratedImage.jpeg(width: 800, height: 600)
        try site.write(Array(photo.prefix(photo.count / 2)), to: "content/office.jpg")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(\.id) == ["image.invalid", "image.invalid"])
        #expect(!result.files.contains { $0.path.hasPrefix("office") })
    }

    @Test func secondBuildReadsTheCacheAndPrunesWhatIsNoLongerUsed() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n![Office](office.jpg)\n"])
        defer { site.remove() }
        try site.write(try GeneratedImage.jpeg(width: 600, height: 400), to: "content/office.jpg")
        let first = await site.build()
        let cache = site.root + "/.sacrum-cache/images"
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0 != "sources" }
        #expect(entries.count == 1)
        let second = await site.build()
        #expect(second.files == first.files)
        try site.write(try GeneratedImage.jpeg(width: 500, height: 400), to: "content/office.jpg")
        _ = await site.build()
        let after = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0 != "sources" }
        #expect(after.count == 1 && after != entries)
    }

    @Test func sourceWithTheSameFingerprintIsNotReadAgain() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n![Office](office.jpg)\n"])
        defer { site.remove() }
        let path = site.root + "/content/office.jpg"
        try site.write(try GeneratedImage.jpeg(width: 600, height: 400), to: "content/office.jpg")
        let first = await site.build()
        #expect(FileManager.default.fileExists(atPath: site.root + "/.sacrum-cache/images/sources"))
        // Same size, inode and modification time, other bytes: the index is trusted, like git's.
        var info = stat()
        #expect(stat(path, &info) == 0)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 1000)
        try handle.write(contentsOf: Data(repeating: 0x55, count: 16))
        try handle.close()
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let second = await site.build()
        #expect(second.files == first.files)
        // Touched: read and hashed again, and the damage found.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
        let third = await site.build()
        #expect(third.files != first.files)
    }

    @Test func unknownImagesKeyIsAWarning() async throws {
        let site = try TemporarySite([
            "content/a.md": "---\ntitle: A\n---\n", "themes/test/theme.yaml": "images:\n  width: [480]\n",
        ])
        defer { site.remove() }
        #expect(await site.diagnostics() == [
            "themes/test/theme.yaml:2:3: warning: unknown key 'width' in 'images' [config.unknown-key]"
        ])
    }
}

@Suite struct SVGCheckTests {
    @Test func plainSVGIsPublishedAsItIs() async throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"10\" height=\"10\"/></svg>"
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n![Joint](joint.svg)\n", "content/joint.svg": svg])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [])
        #expect(result.text("a/index.html") == "<h1>A</h1>\n<p><img src=\"/joint.svg\" alt=\"Joint\" width=\"10\" height=\"10\" decoding=\"async\" /></p>\n")
    }

    @Test(arguments: [
        ("<svg width=\"480px\" height=\"360\" viewBox=\"0 0 10 10\">", "480x360"),
        ("<svg viewBox=\"0,0,120.4,90\">", "120x90"),
        ("<svg width=\"50%\" viewBox=\"0 0 8 6\">", "8x6"),
        ("<svg width=\"10em\" height=\"5em\">", "none"),
    ])
    func sizeComesFromWidthAndHeightElseTheViewBox(svg: String, expected: String) {
        #expect(SVGCheck.size(of: Array(svg.utf8)).map { "\($0.width)x\($0.height)" } ?? "none" == expected)
    }

    @Test(arguments: [
        ("<svg><script>alert(1)</script></svg>", "the SVG contains a <script>"),
        ("<svg onload=\"alert(1)\"></svg>", "the SVG has an event handler attribute (such as onload=), which runs code"),
        ("<svg><image href=\"https://tracker.example/p.png\"/></svg>", "the SVG refers to another file or address (href or src not starting with #)"),
        ("<svg><style>rect { fill: url(https://x.example/a) }</style></svg>", "the SVG's style loads another file or address (url() not starting with #, or @import)"),
    ])
    func unsafeSVGIsAnErrorAtTheReference(svg: String, problem: String) async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n\n![Joint](joint.svg)\n", "content/joint.svg": svg])
        defer { site.remove() }
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == [
            "content/a.md:5:1: error: the image '/joint.svg' cannot be published: \(problem) [image.svg-unsafe]",
            "content/joint.svg: error: \(problem); it is not published [image.svg-unsafe]",
        ])
        #expect(!result.files.contains { $0.path == "joint.svg" })
    }
}
