import Foundation
@testable import SacrumTheme
import Testing

/// The official Mustache spec suites (`Spec/`), each test rendered with untyped data: comments,
/// delimiters, interpolation, inverted sections, partials, sections and `~inheritance`.
@Suite struct MustacheSpecTests {
    struct SpecTest: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var data: SpecData
        var template: String
        var partials: [String: String]?
        var expected: String
        var suite: String = ""

        var testDescription: String { "\(suite): \(name)" }

        enum CodingKeys: String, CodingKey { case name, data, template, partials, expected }
    }

    struct SpecFile: Decodable { var tests: [SpecTest] }

    /// JSON as template data: numbers without a fraction are integers.
    struct SpecData: Decodable, Sendable {
        var value: TemplateValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .absent
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let integer = try? container.decode(Int.self) {
                value = .integer(integer)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else if let text = try? container.decode(String.self) {
                value = .text(text)
            } else if let list = try? container.decode([SpecData].self) {
                value = .values(list.map(\.value))
            } else {
                value = .map(try container.decode([String: SpecData].self).mapValues(\.value))
            }
        }
    }

    static let suites = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    static func tests() throws -> [SpecTest] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Spec")
        return try suites.flatMap { suite in
            let data = try Data(contentsOf: folder.appendingPathComponent(suite + ".json"))
            return try JSONDecoder().decode(SpecFile.self, from: data).tests.map { test in
                var test = test
                test.suite = suite
                return test
            }
        }
    }

    @Test(arguments: try tests())
    func rendersAsTheSpecSays(_ test: SpecTest) throws {
        let output = try UntypedTemplate.render(test.template, partials: test.partials ?? [:], data: test.data.value)
        #expect(output == test.expected)
    }

    @Test func everySuiteIsRead() throws {
        #expect(try Self.tests().count == 163)
    }
}
