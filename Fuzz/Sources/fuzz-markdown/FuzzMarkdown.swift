import FuzzSupport
import SacrumContent
import SacrumMarkdown

/// Markdown: a page body through `MarkdownRenderer` with Sacrum's transforms — heading ids (slugs,
/// explicit `{#id}`, numbering), the link hook, lazy-loading images, the problems (unsafe URLs, empty
/// alt text, duplicate ids), plain text, summary and word count.
///
/// The first byte chooses the options; the rest is the Markdown:
///
/// | bit | meaning                                                                     |
/// |-----|-----------------------------------------------------------------------------|
/// | 0   | unsafe mode (raw HTML and every URL kept)                                   |
/// | 1   | smart punctuation                                                           |
/// | 2   | heading ids                                                                 |
/// | 3   | image loading hints                                                         |
/// | 4   | `data-sourcepos` in the HTML                                                |
/// | 5   | cmark on malloc/free (the arena otherwise)                                  |
/// | 6   | links resolved by the real `LinkResolver` against a fixed site (else a hook |
/// |     | that rewrites every other link and renders link text from inside the hook)  |
/// | 7   | render a second time on the other allocator; both results must be equal     |
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size >= 1 else { return 0 }
    let flags = data[0]
    let markdown = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let options = MarkdownOptions(
        smartPunctuation: flags & 0x02 != 0, unsafe: flags & 0x01 != 0, headingIDs: flags & 0x04 != 0,
        imageLoadingHints: flags & 0x08 != 0, sourcePositionsInHTML: flags & 0x10 != 0)
    let allocator: MarkdownAllocator = flags & 0x20 != 0 ? .system : .arena
    let renderer = MarkdownRenderer(options: options, allocator: allocator)

    let document: MarkdownDocument
    if flags & 0x40 != 0 {
        document = renderWithSite(markdown, renderer: renderer)
    } else {
        document = renderer.render(markdown, firstLine: 7, rewriteLink: rewriter(options: options))
    }
    check(document, markdown: markdown, options: options, firstLine: 7)

    if flags & 0x80 != 0 && flags & 0x40 == 0 {
        let other = MarkdownRenderer(options: options, allocator: allocator == .arena ? .system : .arena)
        let again = other.render(markdown, firstLine: 7, rewriteLink: rewriter(options: options))
        invariant(again == document, "the arena and malloc renderings differ")
    }
    return 0
}

/// The body rendered as the treatment page of the fixture site, through `ContentStage` (the link
/// hook is `LinkResolver`: `.md` paths, site paths, fragments, static files, "did you mean").
private func renderWithSite(_ markdown: String, renderer: MarkdownRenderer) -> MarkdownDocument {
    let site = FixtureSite.site
    var page = site.pages[FixtureSite.treatmentPage]
    let original = page.source!
    page.source = PageSource(
        contentPath: original.contentPath, file: original.file, frontMatter: original.frontMatter, body: markdown,
        bodyFirstLine: 7)
    let (_, content, diagnostics) = ContentStage.render(
        page, in: site, renderer: renderer, publishedFiles: FixtureSite.publishedFiles)
    checkPositions(of: diagnostics, lineCount: 6 + cmarkLineCount(of: markdown))
    for fragment in content.pendingFragments {
        invariant(site.pages.indices.contains(fragment.target), "a fragment for page \(fragment.target)")
    }
    return content.document
}

/// A link hook that exercises what a hook may do: keep a destination, replace it with text that needs
/// escaping, and render Markdown itself (a nested render pass gets its own arena).
private func rewriter(options: MarkdownOptions) -> (MarkdownLink) -> String? {
    var count = 0
    return { link in
        count += 1
        switch count % 4 {
        case 0: return nil
        case 1: return "/rewritten/\(count)/?q=\"<&>'\" \(link.destination)"
        case 2:
            let nested = MarkdownRenderer(options: options).render(link.text)
            return nested.plainText.isEmpty ? nil : "#" + nested.plainText
        default: return link.destination + link.title
        }
    }
}

private func check(_ document: MarkdownDocument, markdown: String, options: MarkdownOptions, firstLine: Int) {
    let lines = cmarkLineCount(of: markdown)
    let ids = document.headings.map(\.id)
    invariant(Set(ids).count == ids.count, "heading ids are not unique: \(ids)")
    let idsInHTML = options.headingIDs ? attributeValues(named: "id", in: document.html) : []
    for heading in document.headings {
        invariant(!heading.id.isEmpty, "an empty heading id")
        invariant((1...6).contains(heading.level), "heading level \(heading.level)")
        invariant(
            heading.position.line >= firstLine && heading.position.line < firstLine + lines,
            "heading on line \(heading.position.line), the text has lines \(firstLine)..<\(firstLine + lines)")
        invariant(
            heading.id.utf8.allSatisfy { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "&") && $0 > 0x20 },
            "heading id '\(heading.id)' needs escaping")
        if options.headingIDs {
            invariant(idsInHTML.contains(heading.id), "heading id '\(heading.id)' is not in the HTML")
        }
    }
    for link in document.links {
        invariant(
            link.position.line >= firstLine && link.position.line < firstLine + lines,
            "link on line \(link.position.line), the text has lines \(firstLine)..<\(firstLine + lines)")
        invariant(link.position.column >= 1, "link at column \(link.position.column)")
    }
    for problem in document.problems {
        invariant(problem.position.line >= firstLine, "problem on line \(problem.position.line)")
    }
    invariant(!document.plainText.hasSuffix("\n"), "the plain text ends with a newline")
    invariant(document.summary.utf8.count <= document.plainText.utf8.count, "the summary is longer than the text")
    _ = document.wordCount
    _ = document.images
    if !options.unsafe {
        let html = HTMLScan(document.html)
        invariant(html.dangerousTags.isEmpty, "safe mode let \(html.dangerousTags) through")
        invariant(html.dangerousURLs.isEmpty, "safe mode let \(html.dangerousURLs) through")
        if options.imageLoadingHints {
            invariant(html.images == html.hintedImages, "\(html.images) images but \(html.hintedImages) with loading hints")
        }
    }
}

/// The number of lines as cmark counts them: LF, CR LF and a lone CR each end a line. (Pages reach the
/// renderer with CR already turned into LF by `SourceText`; the renderer must cope with either.)
private func cmarkLineCount(of text: String) -> Int {
    var count = 1
    var previousWasCR = false
    for byte in text.utf8 {
        if byte == 0x0A && previousWasCR {
            previousWasCR = false
            continue
        }
        if byte == 0x0A || byte == 0x0D { count += 1 }
        previousWasCR = byte == 0x0D
    }
    return count
}

/// The values of every ` name="..."` attribute in `html`.
private func attributeValues(named name: String, in html: String) -> Set<String> {
    let bytes = Array(html.utf8)
    let pattern = Array(" \(name)=\"".utf8)
    var values: Set<String> = []
    var index = 0
    while index + pattern.count <= bytes.count {
        guard bytes[index..<(index + pattern.count)].elementsEqual(pattern) else {
            index += 1
            continue
        }
        let start = index + pattern.count
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
        values.insert(String(decoding: bytes[start..<end], as: UTF8.self))
        index = end
    }
    return values
}

/// One pass over rendered HTML (ASCII case folded) for what safe mode must never let through: a tag
/// that runs or embeds code, and a `href`/`src` with a dangerous scheme; plus the image counts.
private struct HTMLScan {
    var dangerousTags: [String] = []
    var dangerousURLs: [String] = []
    var images = 0
    var hintedImages = 0

    private static let tags = ["script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta"]
        .map { Array($0.utf8) }
    private static let attributes = ["href=\"", "src=\""].map { Array($0.utf8) }
    private static let schemes = ["javascript:", "vbscript:", "file:"].map { Array($0.utf8) }
    private static let image = Array("img ".utf8)
    private static let hints = Array(" loading=\"lazy\" decoding=\"async\" />".utf8)

    init(_ text: String) {
        let bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            index + pattern.count <= bytes.count && bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                if matches(Self.image, at: index + 1) { images += 1 }
                for tag in Self.tags where matches(tag, at: index + 1) {
                    let next = index + 1 + tag.count
                    if next == bytes.count || [0x20, 0x09, 0x0A, 0x0C, 0x2F, 0x3E].contains(bytes[next]) {
                        dangerousTags.append("<" + String(decoding: tag, as: UTF8.self))
                    }
                }
            case UInt8(ascii: " "):
                if matches(Self.hints, at: index) { hintedImages += 1 }
                for attribute in Self.attributes where matches(attribute, at: index + 1) {
                    let value = index + 1 + attribute.count
                    for scheme in Self.schemes where matches(scheme, at: value) {
                        dangerousURLs.append(String(decoding: attribute + scheme, as: UTF8.self))
                    }
                }
            default:
                break
            }
        }
    }
}
