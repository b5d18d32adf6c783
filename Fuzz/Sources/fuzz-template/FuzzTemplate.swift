import FuzzSupport
import SacrumContent
import SacrumTheme

/// Templates: the input is a theme of up to twenty templates, separated by NUL bytes, named as in the
/// default theme in the order of `templateNames` (`page`, `base`, the partials, the site-wide partials
/// under `partials/site/`, then the list and kind templates). They are compiled with
/// `ThemeLoader.compile` — SacrumTheme's Mustache compiler and its name checks, the partial and parent
/// checks, the site-wide partial check — and, when the theme has no errors (as a build requires),
/// pages of a fixed site are rendered with it the way `PageRenderStage` does: site-wide partials
/// first, then `TemplateLookup` and `RootContext`.
///
/// With no way to write raw text in the templates (`{{{x}}}`, `{{&x}}`, new delimiters, a pragma), the
/// markup in the fixture's values must come out escaped.
let templateNames = [
    "page", "base", "partials/header", "partials/site/footer", "partials/breadcrumbs", "partials/review",
    "partials/toc", "partials/page-list", "partials/site/hours", "partials/site/cta", "list", "home", "treatment",
    "condition", "story", "provider", "contact", "article", "404", "list-story",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var sources: [String: (file: String, text: String)] = [:]
    let parts = UnsafeBufferPointer(start: data, count: size).split(separator: 0, omittingEmptySubsequences: false)
    for (name, part) in zip(templateNames, parts) {
        // Template files go through the same decoding as pages; bytes that do not decode are skipped.
        guard let text = try? SourceText.decode(Array(part)).text else { continue }
        sources[name] = (file: "themes/fuzz/templates/\(name).mustache", text: text)
    }
    guard !sources.isEmpty else { return 0 }
    let rawOutputPossible = sources.values.contains { source in
        ["{{{", "{{&", "{{=", "{{%"].contains { bytes(of: source.text, contain: $0) }
    }

    let (theme, diagnostics) = ThemeLoader.compile(sources)
    for diagnostic in diagnostics {
        invariant(sources.values.contains { $0.file == diagnostic.file }, "a diagnostic for \(diagnostic.file)")
        let text = sources.values.first { $0.file == diagnostic.file }?.text ?? ""
        checkPositions(of: [diagnostic], lineCount: lineCount(of: text))
    }
    guard !diagnostics.containsErrors else { return 0 }
    for name in sources.keys {
        invariant(theme.has(name), "the template \(name) compiled without errors but is missing")
    }

    let site = FixtureSite.site
    let environment = RenderEnvironment(site: site, assets: ["style": "/css/style.1234abcd.css", "print": "/css/print.css"])
        .renderingSitePartials(of: theme)
    // The treatment page (rich front matter and content), and one more page picked by the input's size:
    // home, a section, a tag page, the 404 page...
    var pages = [FixtureSite.treatmentPage]
    let other = size % site.pages.count
    if other != pages[0] { pages.append(other) }
    for index in pages {
        let page = site.pages[index]
        guard case .success(let name) = TemplateLookup.template(for: page, in: theme) else { continue }
        let context = RootContext(environment: environment, page: index) {
            "{\"@context\":\"https://schema.org\",\"name\":\"</script><script>alert(1)</script>\"}"
        }
        let html: String
        do {
            html = try theme.render(name, context: context) ?? ""
        } catch {
            continue  // over the lookup budget (nested loops): an error the build reports; nothing to check
        }
        // Without a way to write raw text ({{{x}}}, {{&x}}, a new delimiter or a pragma that switches
        // the content type), none of the fixture's markup-like values can reach the output unescaped.
        if !rawOutputPossible {
            for marker in hostileMarkers where !sources.values.contains(where: { bytes(of: $0.text, contain: marker) }) {
                invariant(!bytes(of: html, contain: marker), "'\(marker)' reached the output of \(name) unescaped")
            }
        }
    }
    return 0
}

/// Markup in the fixture's titles, descriptions, addresses and structured data.
private let hostileMarkers = ["<Spine>", "<joint>", "<Reviewer>", "<script>", "<friend>", "<major>", "<St>", "<em>", "<back>", "<now>", "<is>", "<vary>"]
