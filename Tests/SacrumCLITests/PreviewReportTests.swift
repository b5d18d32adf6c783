@testable import SacrumBuild
@testable import SacrumCLI
import SacrumContent
import Testing

/// What `sacrum serve` prints after a rebuild: only the problems not shown before.
@Suite struct PreviewReportTests {
    static let old = Diagnostic(.warning, id: "story.authorization", file: "content/stories/a.md", line: 3, column: 1, message: "old")
    static let new = Diagnostic(.warning, id: "a11y.alt-missing", file: "content/b.md", line: 7, column: 2, message: "new")

    func update(_ diagnostics: [Diagnostic], changed: Set<String> = ["b/index.html"]) -> PreviewBuilder.Update {
        PreviewBuilder.Update(
            files: [:], changedPaths: changed, diagnostics: diagnostics, stylesheetsOnly: false, seconds: 0.012,
            summary: BuildSummary())
    }

    @Test func rebuildPrintsOnlyNewProblems() {
        let report = PreviewReport(update([Self.new, Self.old]), first: false, shown: [Self.old])
        #expect(report.problems == [Self.new])
        #expect(report.lines == ["Rebuilt in 12 ms (1 files changed); 1 warning shown before."])
    }

    @Test func rebuildWithNothingShownBefore() {
        let report = PreviewReport(update([Self.new]), first: false, shown: [Self.old])
        #expect(report.problems == [Self.new])
        #expect(report.lines == ["Rebuilt in 12 ms (1 files changed)."])
    }

    @Test func firstBuildPrintsEveryProblem() {
        let report = PreviewReport(update([Self.new, Self.old]), first: true, shown: [Self.old])
        #expect(report.problems == [Self.new, Self.old])
    }

    @Test func failedRebuildCountsEveryProblem() {
        let error = Diagnostic(.error, id: "yaml.syntax", file: "content/b.md", line: 2, column: 5, message: "bad")
        let report = PreviewReport(update([error, Self.old]), first: false, shown: [Self.old])
        #expect(report.problems == [error])
        #expect(report.lines == ["The build has errors (1 error, 1 warning); the browser shows them. Serving the last good build."])
    }
}
