import Foundation
import SacrumBuild
import Testing

/// Issue 8, item 1: every kind of broken front matter and every file encoding an editor's machine can
/// produce gives one diagnostic at the right file:line:column (or is read correctly), never a crash.
@Suite struct HostileFrontMatterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: [String]
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ expected: [String]) {
            self.init(name, Array(text.utf8), expected)
        }

        init(_ name: String, _ bytes: [UInt8], _ expected: [String]) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let yamlCases: [Case] = [
        Case("unclosed double quote", "---\ntitle: \"A\n---\n", [
            "content/a.md:2:8: error: invalid YAML: while scanning a quoted scalar, found unexpected end of stream [yaml.syntax]"
        ]),
        Case("unclosed single quote", "---\ntitle: 'A\n---\n", [
            "content/a.md:2:8: error: invalid YAML: while scanning a quoted scalar, found unexpected end of stream [yaml.syntax]"
        ]),
        Case("unclosed bracket", "---\ntitle: [A\n---\n", [
            "content/a.md:3:1: error: invalid YAML: while parsing a flow sequence (line 2): did not find expected ',' or ']' [yaml.syntax]"
        ]),
        Case("unclosed brace", "---\ntitle: {a: b\n---\n", [
            "content/a.md:3:1: error: invalid YAML: while parsing a flow mapping (line 2): did not find expected ',' or '}' [yaml.syntax]"
        ]),
        Case("tab indentation", "---\ntitle: A\n\tweight: 1\n---\n", [
            "content/a.md:3:1: error: invalid YAML: while scanning a plain scalar (line 2): found a tab character that violates indentation [yaml.syntax]"
        ]),
        Case("duplicate key", "---\ntitle: A\nweight: 1\ntitle: B\n---\n", [
            "content/a.md:4:1: error: the key 'title' is written twice (first on line 2) [yaml.duplicate-key]"
        ]),
        Case("a list instead of a mapping", "---\n- title\n- A\n---\n", [
            "content/a.md:2:1: error: the front matter must be a mapping of 'key: value' lines, not a list [yaml.type]"
        ]),
        Case("a scalar instead of a mapping", "---\njust a title\n---\n", [
            "content/a.md:2:1: error: the front matter must be a mapping of 'key: value' lines, not a single value [yaml.type]"
        ]),
        Case("no closing fence", "---\ntitle: A\n\nBody text.\n", [
            "content/a.md:1:1: error: the front matter that starts on line 1 is never closed [frontmatter.fence]"
        ]),
        Case("wrong types", "---\ntitle: A\nweight: heavy\ndraft: maybe\ntags: {a: b}\n---\n", [
            "content/a.md:3:9: error: 'weight' must be a whole number, not 'heavy' [yaml.type]",
            "content/a.md:4:8: error: 'draft' must be true or false, not 'maybe' [yaml.type]",
            "content/a.md:5:7: error: 'tags' must be a list, not a mapping [yaml.type]",
        ]),
        Case("impossible dates", "---\ntitle: A\ndate: 2025-02-30\nupdated: 2025-13-01\n---\n", [
            "content/a.md:3:7: error: 'date' is not a real date: February 2025 has no day 30 [yaml.date]",
            "content/a.md:4:10: error: 'updated' is not a real date: there is no month 13 [yaml.date]",
        ]),
        Case("custom tag", "---\ntitle: !shell rm -rf /\n---\n", [
            "content/a.md:2:8: error: the YAML tag '!shell' is not supported [yaml.tag]"
        ]),
        Case("control character written as an escape", "---\ntitle: \"A\\u0001B\"\n---\n", [
            "content/a.md:2:8: error: the value holds the invisible control character U+0001, which pages, feeds and search results cannot carry [yaml.control-character]"
        ]),
        Case("raw NUL inside the YAML", "---\ntitle: A\u{0}B\n---\n", [
            "content/a.md:2:9: error: the file holds a NUL byte (0x00), which text never does; it may be a binary file or damaged [file.encoding]"
        ]),
        Case("billion laughs", Self.billionLaughs, [
            "content/a.md:7:1: error: the YAML expands to more than 20000 values [yaml.too-large]"
        ]),
        Case("10,000 nested flow lists", "---\ntitle: A\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n---\n", [
            "content/a.md:3:1: error: the YAML is nested more than 64 levels deep [yaml.too-deep]"
        ]),
        Case("100 nested block mappings", "---\ntitle: A\nx:\n" + (1...100).map { String(repeating: "  ", count: $0) + "k:\n" }.joined() + "---\n", [
            "content/a.md:68:131: error: the YAML is nested more than 64 levels deep [yaml.too-deep]"
        ]),
        Case("front matter over a megabyte", "---\ntitle: A\nsummary: " + String(repeating: "a", count: 1_000_001) + "\n---\n", [
            "content/a.md:2:1: error: the YAML is 1000020 bytes long; at most 1000000 are accepted [yaml.too-large]"
        ]),
    ]

    /// Nine levels of nine aliases each: 387 million values if expanded.
    static let billionLaughs: String = {
        var lines = ["---", "title: A", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return (lines + ["---", "Body."]).joined(separator: "\n") + "\n"
    }()

    @Test(arguments: yamlCases)
    func brokenYAMLIsReportedWhereItIs(_ testCase: Case) async throws {
        try await expectDiagnostics(testCase)
    }

    static let encodingCases: [Case] = [
        Case("UTF-8 with a byte-order mark and CRLF", [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\nweight: x\r\n---\r\n".utf8), [
            "content/a.md:3:9: error: 'weight' must be a whole number, not 'x' [yaml.type]"
        ]),
        Case("lone CR line endings (classic Mac)", "---\rtitle: A\rweight: x\r---\rBody\r", [
            "content/a.md:3:9: error: 'weight' must be a whole number, not 'x' [yaml.type]"
        ]),
        Case("UTF-16 little-endian with a byte-order mark", utf16("---\ntitle: A\nweight: x\n---\n", bigEndian: false, mark: true), [
            "content/a.md:3:9: error: 'weight' must be a whole number, not 'x' [yaml.type]"
        ]),
        Case("UTF-16 big-endian with a byte-order mark", utf16("---\ntitle: A\nweight: x\n---\n", bigEndian: true, mark: true), [
            "content/a.md:3:9: error: 'weight' must be a whole number, not 'x' [yaml.type]"
        ]),
        Case("UTF-16 without a byte-order mark", utf16("---\ntitle: A\n---\n", bigEndian: false, mark: false), [
            "content/a.md:1:1: error: the file looks like UTF-16 without a byte-order mark (every other byte is NUL) [file.encoding]"
        ]),
        Case("UTF-16 cut in the middle of a character", utf16("---\ntitle: A\n---\n", bigEndian: false, mark: true) + [0x41], [
            "content/a.md:1:1: error: the file starts like UTF-16 but has an odd number of bytes [file.encoding]"
        ]),
        Case("Latin-1", Array("---\ntitle: A\n---\nCaf".utf8) + [0xE9] + Array(" au lait\n".utf8), [
            "content/a.md:4:4: error: the file is not UTF-8: byte 0xE9 cannot start a character here [file.encoding]"
        ]),
        Case("Windows-1252 quotes", Array("---\ntitle: ".utf8) + [0x93] + Array("A".utf8) + [0x94] + Array("\n---\n".utf8), [
            "content/a.md:2:8: error: the file is not UTF-8: byte 0x93 cannot start a character here [file.encoding]"
        ]),
        Case("overlong UTF-8 encoding of '/'", Array("---\ntitle: A\n---\n".utf8) + [0xC0, 0xAF], [
            "content/a.md:4:1: error: the file is not UTF-8: byte 0xC0 cannot start a character here [file.encoding]"
        ]),
        Case("UTF-8-encoded surrogate", Array("---\ntitle: A\n---\n".utf8) + [0xED, 0xA0, 0x80], [
            "content/a.md:4:1: error: the file is not UTF-8: byte 0xED cannot start a character here [file.encoding]"
        ]),
        Case("UTF-8 sequence cut at the end of the file", Array("---\ntitle: A\n---\nok ".utf8) + [0xE2, 0x80], [
            "content/a.md:4:4: error: the file is not UTF-8: byte 0xE2 cannot start a character here [file.encoding]"
        ]),
        Case("NUL byte in the body", "---\ntitle: A\n---\nBody\nline \u{0} two\n", [
            "content/a.md:5:6: error: the file holds a NUL byte (0x00), which text never does; it may be a binary file or damaged [file.encoding]"
        ]),
        Case("a binary file named .md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], [
            "content/a.md:1:1: error: the file is not UTF-8: byte 0x89 cannot start a character here [file.encoding]"
        ]),
    ]

    @Test(arguments: encodingCases)
    func encodingsAreReadOrReported(_ testCase: Case) async throws {
        try await expectDiagnostics(testCase)
    }

    @Test func brokenSiteYAMLIsReportedInSiteYAML() async throws {
        let site = try TemporarySite(["content/a.md": "---\ntitle: A\n---\n"])
        defer { site.remove() }
        try site.write([0xFF, 0xFE, 0x2D, 0x00, 0x2D], to: "site.yaml")
        let found = await site.diagnostics()
        #expect(found == [
            "site.yaml:1:1: error: the file starts like UTF-16 but has an odd number of bytes [file.encoding]"
        ])
    }

    private func expectDiagnostics(_ testCase: Case) async throws {
        let site = try TemporarySite([:])
        defer { site.remove() }
        try site.write(testCase.bytes, to: "content/a.md")
        let result = await site.build()
        #expect(result.relevantDiagnostics.map(TemporarySite.line) == testCase.expected)
        #expect(!result.succeeded)
    }

    private static func utf16(_ text: String, bigEndian: Bool, mark: Bool) -> [UInt8] {
        var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }
}
