import SacrumMarkdown

/// Renders generated documents that exercise every path of SacrumMarkdown, including invalid UTF-8,
/// NUL bytes, explicit and duplicate heading ids, nested images, dangerous URLs, raw HTML and the
/// GitHub-flavoured strikethrough, autolinks and task lists (nodes the transforms unlink and free), so that
/// a run under valgrind or LeakSanitizer shows whether any cmark allocation outlives its call.
struct MarkdownStress {
    let documents: Int
    let allocator: MarkdownAllocator

    private static let fragments: [[UInt8]] = [
        Array("# Heading {#custom}\n\n".utf8), Array("## Recovery\n## Recovery\n## Recovery 1\n".utf8),
        Array("## A {#x}\n## B {#x}\n".utf8), Array("Text with [link](../x.md#frag) and ![alt](/i.png).\n\n".utf8),
        Array("![outer ![inner](/i.png)](/o.png)\n\n".utf8), Array("[js](javascript:alert(1)) ![](data:text/html,x)\n\n".utf8),
        Array("<script>alert(1)</script>\n\n".utf8), Array("- a\n  - b\n    - c\n\n> quote *em* **strong**\n\n".utf8),
        Array("```\ncode\n```\n\n".utf8), [0xFF, 0xFE, 0x0A, 0xC3, 0x28, 0x0A], [0x00, 0x41, 0x00, 0x0A],
        Array("## [![logo](/l.png)](/)\n\n".utf8), Array("\"smart\" -- quotes...\n\n".utf8),
        Array("[ref]\n\n[ref]: /r \"t\"\n\n".utf8), Array("## Heading *with {#not-an-id}*\n".utf8),
        Array("~~struck *em*~~ \\~x~ ~~~no~~~ ~a~~\n\n".utf8), Array("- [x] done www.a.org\n- [ ] open a@b.org\n\n".utf8),
        Array("\"https://x.org/a--b(c)\" http://y.org/&hl; [www.in.link](/l)\n   cont ~z~ \n\n".utf8),
        // GitHub-flavoured blocks: tables (escaped pipes, links, short and long rows, in quotes and
        // lists, after a paragraph), footnotes (used, unused, undefined, duplicate, nested, with a
        // table), alerts (known, unknown, nested).
        Array("Intro\n| a | *b* |\n| :-: | --: |\n| [x](../x.md) \\| y | `c \\| d` |\n| short |\n| 1 | 2 | 3 |\n\n".utf8),
        Array("> | q |\n> | - |\n> | [r] |\n\n- | l |\n  | - |\n\n".utf8),
        Array("Note[^1] and[^n] again[^1] and[^missing].\n\n[^1]: First [link](../y.md).\n\n    | t |\n    | - |\n[^n]: Nested[^2]\n[^2]: https://x.example\n[^1]: Duplicate.\n[^unused]: Never.\n\n".utf8),
        Array("> [!NOTE]\n> Text [z](../z.md).\n> > [!warning]\n> > Inner.\n\n> [!NOPE]\n> Unknown.\n\n".utf8),
    ]

    func run() {
        var generator = SplitMix(seed: 42)
        let renderer = MarkdownRenderer(allocator: allocator)
        let unsafeRenderer = MarkdownRenderer(options: MarkdownOptions(unsafe: true), allocator: allocator)
        var total = 0
        for index in 0..<documents {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + Int(generator.next() % 12)) {
                bytes += Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))]
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let chosen = index % 3 == 0 ? unsafeRenderer : renderer
            let document = chosen.render(text) { link in link.destination.hasSuffix(".md") ? "/rewritten/" : nil }
            total &+= document.html.utf8.count &+ document.plainText.utf8.count
        }
        print("stress: rendered \(documents) documents with the \(allocator) allocator, \(total) bytes of output")
    }
}

/// A small deterministic random number generator, so every run renders the same documents.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
