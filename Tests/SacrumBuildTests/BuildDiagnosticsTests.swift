@testable import SacrumBuild
import SacrumContent
import Testing

/// The list a user sees: display order, each problem once.
@Suite struct BuildDiagnosticsTests {
    static func warning(_ file: String, _ line: Int, _ message: String, id: String = "x.y", hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, id: id, file: file, line: line, column: 1, message: message, hint: hint)
    }

    @Test func sortedOnceAndEachProblemOnce() {
        var problems = BuildDiagnostics()
        let (a, b) = (Self.warning("content/a.md", 2, "m"), Self.warning("content/a.md", 2, "m", hint: "other hint"))
        problems.tree = [Self.warning("content/b.md", 1, "n"), a, b]
        problems.scan = [a]
        let list = problems.list(sources: [], assets: [], images: [], site: nil, theme: nil, strict: false)
        #expect(list == [a, b, Self.warning("content/b.md", 1, "n")])
    }

    @Test func repeatsThatDoNotSortNextToEachOtherAreStillDropped() {
        let (a, b) = (Self.warning("f", 1, "m"), Self.warning("f", 1, "m", hint: "h"))
        #expect(BuildDiagnostics.withoutRepeats([a, b, a]) == [a, b])
    }

    @Test func oneNoTimeZoneWarningNamesTheOthers() {
        let id = "date.no-timezone"
        let merged = BuildDiagnostics.mergingNoTimeZoneWarnings(
            [Self.warning("a.md", 1, "d", id: id), Self.warning("b.md", 1, "e"), Self.warning("c.md", 1, "d", id: id)])
        #expect(merged == [Self.warning("a.md", 1, "d; so is 1 other date without an offset", id: id), Self.warning("b.md", 1, "e")])
    }

    @Test func writeFailuresForOneReasonAreOneProblem() {
        func failure(_ path: String, _ hint: String) -> Diagnostic {
            Diagnostic(.error, id: "output.write", file: "", message: "cannot write \(path): No space left on device", hint: hint)
        }
        let other = Self.warning("a.md", 1, "m")
        let merged = HostOutput.mergingWriteFailures(
            [failure("a/index.html", "disk full"), other, failure("b/index.html", "disk full"), failure("c/index.html", "disk full"),
             failure("d/index.html", "read-only")])
        #expect(merged.map(\.message) == [
            "cannot write a/index.html: No space left on device (and 2 more files, for the same reason)", "m",
            "cannot write d/index.html: No space left on device",
        ])
    }
}
