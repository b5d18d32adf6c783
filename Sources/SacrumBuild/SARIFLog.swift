/// A SARIF 2.1.0 log of the diagnostics (Static Analysis Results Interchange Format), for
/// code-scanning tools: one run of the tool `sacrum`, a rule per check id, a result per diagnostic
/// with its file, line and column.
struct SARIFLog: Encodable {
    struct Run: Encodable {
        struct Tool: Encodable {
            struct Driver: Encodable {
                var name = "sacrum"
                var version: String
                var informationUri = "https://github.com/sacrum-ssg/sacrum"
                var rules: [Rule]
            }
            var driver: Driver
        }
        struct Rule: Encodable {
            struct Text: Encodable { var text: String }
            var id: String
            var shortDescription: Text
        }
        struct Result: Encodable {
            struct Message: Encodable { var text: String }
            struct Location: Encodable {
                struct Physical: Encodable {
                    struct Artifact: Encodable { var uri: String }
                    struct Region: Encodable {
                        var startLine: Int
                        var startColumn: Int?
                    }
                    var artifactLocation: Artifact
                    var region: Region?
                }
                var physicalLocation: Physical
            }
            var ruleId: String
            var level: String
            var message: Message
            var locations: [Location]
        }
        var tool: Tool
        var results: [Result]
    }

    var version = "2.1.0"
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case version
        case schema = "$schema"
        case runs
    }

    init(report: BuildReport) {
        let known = Dictionary(uniqueKeysWithValues: CheckRegistry.all.map { ($0.id, $0.summary) })
        let ruleIDs = Set(report.diagnostics.map(\.id)).union(known.keys).sorted()
        let rules = ruleIDs.map { Run.Rule(id: $0, shortDescription: .init(text: known[$0] ?? $0)) }
        let results = report.diagnostics.map { entry in
            let message = entry.hint.map { "\(entry.message) (\($0))" } ?? entry.message
            let location = Run.Result.Location(
                physicalLocation: .init(
                    artifactLocation: .init(uri: entry.file.isEmpty ? "site.yaml" : entry.file),
                    region: entry.line > 0 ? .init(startLine: entry.line, startColumn: entry.column > 0 ? entry.column : nil) : nil))
            return Run.Result(
                ruleId: entry.id, level: entry.severity == "error" ? "error" : entry.severity == "warning" ? "warning" : "note",
                message: .init(text: message), locations: [location])
        }
        runs = [Run(tool: .init(driver: .init(version: BuildInfo.version, rules: rules)), results: results)]
    }
}

/// Facts about this build of Sacrum.
public enum BuildInfo {
    /// The version, as `sacrum --version` prints it.
    public static let version = "0.1.0"
}
