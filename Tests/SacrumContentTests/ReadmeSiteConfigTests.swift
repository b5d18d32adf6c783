import Foundation
@testable import SacrumContent
import Testing

/// The README's `site.yaml` example is a configuration Sacrum accepts as written, and the practice's
/// own `site.yaml` decodes with placeholders as its only findings.
@Suite struct ReadmeSiteConfigTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The first ```` ```yaml ```` block under the README's `### site.yaml` heading.
    static func readmeExample() throws -> String {
        let readme = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "### site.yaml\n"))
        let rest = readme[section.upperBound...]
        let start = try #require(rest.range(of: "```yaml\n"))
        let end = try #require(rest[start.upperBound...].range(of: "\n```"))
        return String(rest[start.upperBound..<end.lowerBound]) + "\n"
    }

    @Test func readmeExampleDecodesWithoutProblems() throws {
        let (config, diagnostics) = SiteConfigDecoder().decode(SourceText(try Self.readmeExample()))
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == [])
        #expect(config?.timeZone?.identifier == "America/Chicago")
    }

    @Test func practiceSiteConfigHasOnlyPlaceholders() throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("site.yaml"), encoding: .utf8)
        let (config, diagnostics) = SiteConfigDecoder().decode(SourceText(text))
        #expect(config != nil)
        #expect(diagnostics.filter { $0.id != "config.placeholder" }.map(\.message) == [])
    }
}
