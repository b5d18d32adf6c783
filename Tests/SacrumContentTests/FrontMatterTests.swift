@testable import SacrumContent
import Testing

@Suite struct FrontMatterTests {
    func decode(_ yaml: String) -> FrontMatterDecoder.Decoded {
        FrontMatterDecoder().decode(yaml: yaml, firstLine: 2, file: "content/a.md")
    }

    func problems(_ yaml: String) -> [String] {
        decode(yaml).diagnostics.map { "\($0.line):\($0.column): \($0.severity.rawValue): \($0.message) [\($0.id)]" }
    }

    @Test func typedFieldsAreRead() {
        let frontMatter = decode("""
            title: SI joint fusion
            description: What fusion is.
            date: 2026-03-14
            weight: 10
            draft: false
            tags: [surgery, si-joint]
            conditions:
              - conditions/back-pain
            reviewed_by: Dr. Ada Reyes, MD
            last_reviewed: 2026-02-01
            procedure_type: surgical
            colour: blue
            """).frontMatter
        #expect(frontMatter.title == "SI joint fusion")
        #expect(frontMatter.date == ContentDate(year: 2026, month: 3, day: 14))
        #expect(frontMatter.weight == 10)
        #expect(frontMatter.tags == ["surgery", "si-joint"])
        #expect(frontMatter.conditions.map(\.value) == ["conditions/back-pain"])
        #expect(frontMatter.conditions.map(\.position) == [YAMLPosition(line: 9, column: 5)])
        #expect(frontMatter.reviewedBy?.value == "Dr. Ada Reyes, MD")
        #expect(frontMatter.procedureType?.value == .surgical)
        #expect(frontMatter.params["colour"] == .text("blue"))
    }

    @Test func yaml11SurprisesDoNotReachTextFields() {
        let frontMatter = decode("title: no\ndescription: on\nslug: 010").frontMatter
        #expect(frontMatter.title == "no")
        #expect(frontMatter.description == "on")
        #expect(frontMatter.slug?.value == "010")
    }

    @Test func unclosedQuoteIsReportedWhereItOpens() {
        #expect(problems("title: \"SI joint fusion\ndescription: x\n") == [
            "2:8: error: invalid YAML: while scanning a quoted scalar, found unexpected end of stream [yaml.syntax]",
        ])
    }

    @Test func unclosedBracketIsReported() {
        #expect(problems("tags: [a, b\ntitle: x\n") == [
            "3:6: error: invalid YAML: while parsing a flow sequence (line 2): did not find expected ',' or ']' [yaml.syntax]",
        ])
    }

    @Test func badIndentationIsReportedAtItsLine() {
        #expect(problems("title: Fusion\n  description: x: y\n") == [
            "3:14: error: invalid YAML: mapping values are not allowed in this context [yaml.syntax]",
        ])
    }

    @Test func tabIndentationIsReported() {
        #expect(problems("tags:\n\t- a\n") == [
            "3:1: error: invalid YAML: while scanning for the next token (line 3): found character that cannot start any token [yaml.syntax]",
        ])
    }

    @Test func duplicateKeyIsReportedAtTheSecondOne() {
        #expect(problems("title: A\ndescription: x\ntitle: B\n") == [
            "4:1: error: the key 'title' is written twice (first on line 2) [yaml.duplicate-key]",
        ])
    }

    @Test func synonymsCountAsDuplicates() {
        #expect(problems("updated: 2026-01-01\nlastmod: 2026-01-02\n") == [
            "3:1: error: 'lastmod' and 'updated' (line 2) mean the same thing [yaml.duplicate-key]",
        ])
    }

    @Test func wrongTypeIsReportedAtTheValue() {
        #expect(problems("title: A\nweight: heavy\ndraft: yes\n") == [
            "3:9: error: 'weight' must be a whole number, not 'heavy' [yaml.type]",
            "4:8: error: 'draft' must be true or false, not 'yes' [yaml.type]",
        ])
    }

    @Test func listWhereTextBelongsIsReported() {
        #expect(problems("title:\n  - a\n  - b\n") == ["3:3: error: 'title' must be text, not a list [yaml.type]"])
    }

    @Test func impossibleDateIsReported() {
        #expect(problems("date: 2026-02-30\n") == [
            "2:7: error: 'date' is not a real date: February 2026 has no day 30 [yaml.date]",
        ])
    }

    @Test func scalarInsteadOfMappingIsReported() {
        #expect(problems("just some text\n") == [
            "2:1: error: the front matter must be a mapping of 'key: value' lines, not a single value [yaml.type]",
        ])
        #expect(decode("just some text").isParsed == false)
    }

    @Test func listInsteadOfMappingIsReported() {
        #expect(problems("- a\n- b\n") == [
            "2:1: error: the front matter must be a mapping of 'key: value' lines, not a list [yaml.type]",
        ])
    }

    @Test func customTagIsRefused() {
        #expect(problems("title: !python/object x\n") == ["2:8: error: the YAML tag '!python/object' is not supported [yaml.tag]"])
    }

    @Test func exponentialAliasesAreStopped() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h"] {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let result = decode(yaml)
        #expect(result.diagnostics.map(\.id) == ["yaml.too-large"])
    }

    @Test func deepNestingIsStoppedBeforeParsing() {
        let yaml = "x: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(decode(yaml).diagnostics.map(\.id) == ["yaml.too-deep"])
        let compact = "x:\n" + String(repeating: "- ", count: 5_000) + "a\n"
        #expect(decode(compact).diagnostics.map(\.id) == ["yaml.too-deep"])
    }

    @Test func ignoreChecksNeedsAReason() {
        #expect(problems("ignore_checks:\n  - id: a11y.alt-missing\n") == [
            "3:5: error: ignoring 'a11y.alt-missing' needs a 'reason' [frontmatter.ignore]",
        ])
    }

    @Test func storyAuthorizationIsRead() {
        let frontMatter = decode("authorization:\n  id: A-1\n  signed: 2026-01-02\n  expires: 2027-01-02\n").frontMatter
        #expect(frontMatter.authorization?.value == StoryAuthorization(
            id: "A-1", signed: ContentDate(year: 2026, month: 1, day: 2), expires: ContentDate(year: 2027, month: 1, day: 2)))
    }
}
