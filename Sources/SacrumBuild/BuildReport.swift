internal import Foundation
import SacrumContent

/// The JSON report `--report FILE` writes for CI: every diagnostic and the summary.
struct BuildReport: Encodable {
    struct Entry: Encodable {
        var severity: String
        var id: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var hint: String?
    }

    var succeeded: Bool
    var errors: Int
    var warnings: Int
    var pages: Int
    /// Pages not published, by reason (`draft`, `future`, `expired`, `authorizationExpired`); only the
    /// reasons that occur.
    var heldBack: [String: Int]
    /// What the site was built for: `production` or `preview`.
    var environment: String
    /// The base URL it was built for, with its trailing slash (`https://example.github.io/clinic-site/`).
    var baseURL: String?
    var diagnostics: [Entry]

    init(outcome: BuildAction.Outcome) {
        succeeded = !outcome.diagnostics.containsErrors
        errors = outcome.diagnostics.filter { $0.severity == .error }.count
        warnings = outcome.diagnostics.filter { $0.severity == .warning }.count
        pages = outcome.result.summary.pages
        heldBack = Dictionary(uniqueKeysWithValues: outcome.result.summary.heldBack.map { ($0.key.rawValue, $0.value) })
        environment = outcome.result.summary.environment.rawValue
        baseURL = outcome.result.summary.baseURL.map { $0 + "/" }
        diagnostics = outcome.diagnostics.sortedForDisplay().map {
            Entry(severity: $0.severity.rawValue, id: $0.id, file: $0.file, line: $0.line, column: $0.column, message: $0.message, hint: $0.hint)
        }
    }

    func write(to path: String, root: String, format: ReportFormat) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch format {
        case .json: data = try encoder.encode(self)
        case .sarif: data = try encoder.encode(SARIFLog(report: self))
        }
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        guard FileManager.default.createFile(atPath: url.path, contents: data + Data("\n".utf8)) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
