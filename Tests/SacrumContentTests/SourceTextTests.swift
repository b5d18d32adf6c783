@testable import SacrumContent
import Testing

@Suite struct SourceTextTests {
    @Test func byteOrderMarkIsDropped() throws {
        #expect(try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("---\ntitle: A\n---\n".utf8)).text == "---\ntitle: A\n---\n")
    }

    @Test func crlfAndLoneCRBecomeLF() throws {
        #expect(try SourceText.decode(Array("a\r\nb\rc\n".utf8)).text == "a\nb\nc\n")
    }

    @Test func utf16WithByteOrderMarkIsRead() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "título: ü\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try SourceText.decode(bytes).text == "título: ü\n")
    }

    @Test func latin1IsReportedAtItsByte() {
        let bytes = Array("---\ntitle: ok\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x0A]
        #expect(throws: SourceText.DecodingFailure(line: 3, column: 4, message: "the file is not UTF-8: byte 0xE9 cannot start a character here")) {
            try SourceText.decode(bytes)
        }
    }

    @Test func frontMatterIsSplitWithLineNumbers() throws {
        let block = try FrontMatterBlock.split("---\ntitle: A\n---\n# Body\n")
        #expect(block.yaml == "title: A\n")
        #expect(block.yamlFirstLine == 2)
        #expect(block.body == "# Body\n")
        #expect(block.bodyFirstLine == 4)
    }

    @Test func missingClosingFenceIsReported() {
        #expect(throws: FrontMatterBlock.Failure(
            line: 1, message: "the front matter that starts on line 1 is never closed",
            hint: "add a line with only '---' after the last front-matter line")) {
            try FrontMatterBlock.split("---\ntitle: A\n\n# Body\n")
        }
    }

    @Test func fileWithoutFrontMatterIsAllBody() throws {
        let block = try FrontMatterBlock.split("# Just Markdown\n")
        #expect(block.yaml == nil)
        #expect(block.body == "# Just Markdown\n")
    }

    @Test func tomlFrontMatterIsRefused() {
        #expect(throws: FrontMatterBlock.Failure.self) { try FrontMatterBlock.split("+++\ntitle = 'A'\n+++\n") }
    }
}
