import SacrumCLI
import Testing

@Suite struct HelpAndVersionTests {
    @Test func versionPrintsTheVersionAndSucceeds() throws {
        let result = try SacrumBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "\(SacrumVersion.current)\n")
    }

    @Test func helpDescribesTheTool() throws {
        let result = try SacrumBinary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("OVERVIEW: Build, check and preview a Sacrum site.\n"))
        #expect(result.standardOutput.contains("USAGE: sacrum"))
    }

    @Test func unknownOptionFailsWithUsageError() throws {
        let result = try SacrumBinary.run(["--no-such-option"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Unknown option '--no-such-option'"))
    }
}
