import Foundation
import SacrumBuild
import SacrumContent
import Testing

@Suite struct ImageBuildTests {
    static let theme = "images:\n  widths: [480, 960, 1600]\n  sizes: \"(min-width: 60rem) 60rem, 100vw\"\n"

    /// The page's HTML with each variant's ten-digit content tag written as HASH.
    static func html(of result: BuildResult, page: String) -> String {
        guard case .text(let html)? = result.files.first(where: { $0.path == page })?.contents else { return "" }
        return html.replacingOccurrences(of: "\\.[0-9a-f]{10}\\.", with: ".HASH.", options: .regularExpression)
    }

    static func bytes(of result: BuildResult, path: String) -> [UInt8]? {
        guard case .bytes(let bytes)? = result.files.first(where: { $0.path == path })?.contents else { return nil }
        return bytes
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
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(entries.count == 1)
        let second = await site.build()
        #expect(second.files == first.files)
        try site.write(try GeneratedImage.jpeg(width: 500, height: 400), to: "content/office.jpg")
        _ = await site.build()
        let after = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(after.count == 1 && after != entries)
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
        #expect(result.text("a/index.html") == "<h1>A</h1>\n<p><img src=\"/joint.svg\" alt=\"Joint\" loading=\"lazy\" decoding=\"async\" /></p>\n")
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
