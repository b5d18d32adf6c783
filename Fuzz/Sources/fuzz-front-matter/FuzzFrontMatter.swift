import FuzzSupport
import SacrumContent

/// Front matter: a page file's bytes go through everything a build does with them before the Markdown
/// — encoding detection (`SourceText.decode`), the fences (`FrontMatterBlock.split`), YAML through
/// Yams/libyaml with Sacrum's depth and alias-expansion limits (`YAMLParser`), and the typed decoding
/// of every known key, dates included (`FrontMatterDecoder`). `PageSource.decode` is the one entry
/// point that chains them; the steps are also driven one by one so that each one's own contract is
/// checked. A text without front matter is also read as a `site.yaml` (`SiteConfigDecoder`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    // The whole chain, as ContentLoader runs it.
    let (page, diagnostics) = PageSource.decode(.success(bytes), contentPath: "treatments/fuzz.md")
    invariant(page.contentPath == "treatments/fuzz.md" && page.file == "content/treatments/fuzz.md", "paths changed")
    invariant(page.bodyFirstLine >= 1, "body starts on line \(page.bodyFirstLine)")
    if !page.isReadable {
        invariant(diagnostics.containsErrors, "an unreadable page without an error")
    }

    // The same steps one by one.
    let source: SourceText
    do {
        source = try SourceText.decode(bytes)
    } catch {
        invariant(error.line >= 1 && error.column >= 1, "decoding failure at \(error.line):\(error.column)")
        invariant(!page.isReadable, "bytes that do not decode gave a readable page")
        return 0
    }
    invariant(!source.text.utf8.contains(0x0D), "a CR survived line-ending normalisation")
    // libyaml (YAML 1.1) also breaks lines at U+0085, U+2028 and U+2029, which editors do not; its
    // positions after such a character are a line or more further down than an editor shows (a known
    // limitation, not checked here).
    let lines = lineCount(of: source.text) + source.text.unicodeScalars.count { ["\u{85}", "\u{2028}", "\u{2029}"].contains($0) }
    checkPositions(of: diagnostics, lineCount: lines)

    let block: FrontMatterBlock
    do {
        block = try FrontMatterBlock.split(source.text)
    } catch {
        invariant(error.line >= 1 && error.line <= lines, "fence failure on line \(error.line) of \(lines)")
        return 0
    }
    invariant(block.bodyFirstLine >= 1 && block.bodyFirstLine <= lines + 1, "body on line \(block.bodyFirstLine) of \(lines)")
    invariant(page.bodyFirstLine == block.bodyFirstLine, "PageSource and split disagree on the body's line")
    // A page without a title takes its first heading as the title and blanks that heading's lines, so
    // its body may differ from the split's there, and only there: same lines, the changed ones empty.
    let pageLines = page.body.split(separator: "\n", omittingEmptySubsequences: false)
    let splitLines = block.body.split(separator: "\n", omittingEmptySubsequences: false)
    invariant(pageLines.count == splitLines.count, "PageSource changed the body's line count")
    invariant(zip(pageLines, splitLines).allSatisfy { $0 == $1 || $0.isEmpty }, "PageSource changed the body beyond a blanked title heading")
    invariant(source.text.utf8.suffix(block.body.utf8.count).elementsEqual(block.body.utf8), "the body is not the end of the file")

    guard let yaml = block.yaml else {
        // No front matter: read the text as a site.yaml instead.
        let (config, configDiagnostics) = SiteConfigDecoder().decode(source)
        checkPositions(of: configDiagnostics, lineCount: lines)
        if config == nil {
            invariant(configDiagnostics.containsErrors, "site.yaml refused without an error")
        }
        return 0
    }
    invariant(block.yamlFirstLine == 2, "YAML starts on line \(block.yamlFirstLine)")

    // The YAML parser alone, with the limits a page gets.
    do {
        _ = try YAMLParser().parse(yaml, firstLine: block.yamlFirstLine)
    } catch {
        invariant(error.id.hasPrefix("yaml.") && !error.message.isEmpty, "YAML failure '\(error.id)': '\(error.message)'")
        invariant(error.position.line >= 1 && error.position.line <= lines + 1, "YAML failure on line \(error.position.line) of \(lines)")
    }
    let decoded = FrontMatterDecoder().decode(yaml: yaml, firstLine: block.yamlFirstLine, file: page.file)
    // PageSource adds what the body's first heading says: a title where the YAML has none, and a note
    // or warning about it. Apart from that, the same YAML decodes the same.
    var expected = decoded.frontMatter
    if expected.title == nil && page.frontMatter.title != nil { expected.title = page.frontMatter.title }
    let headingIDs: Set<String> = ["frontmatter.title-from-heading", "frontmatter.title-repeated"]
    invariant(expected == page.frontMatter, "decoding the same YAML twice gave different front matter")
    invariant(decoded.diagnostics == diagnostics.filter { !headingIDs.contains($0.id) }, "decoding the same YAML twice gave different diagnostics")
    return 0
}
