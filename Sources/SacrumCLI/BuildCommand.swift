import ArgumentParser
internal import Foundation
import SacrumBuild
import SacrumContent

/// `sacrum build`: builds the site into the output folder.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site into the output folder.",
        discussion: """
            Reads site.yaml, content/ and the theme, and writes the site to output/ (or --output). The \
            new site replaces the previous one only when the build has no error; otherwise every \
            problem is printed with its file, line and column, and the previous site stays as it was.
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var publishing: PublishingFlags

    @Option(name: .long, help: ArgumentHelp("The folder to write the site to.", valueName: "dir"))
    var output = "output"

    @OptionGroup var reporting: ReportOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Use this base URL instead of site.yaml's (a folder, ending in '/': https://example.github.io/clinic-site/).",
            valueName: "url"))
    var baseURL: String?

    @OptionGroup var environment: EnvironmentOption

    @Flag(name: .long, help: "Print only problems, no summary.")
    var quiet = false

    @Flag(name: .long, help: "Print the time of each phase.")
    var timings = false

    func validate() throws {
        if let baseURL, case .failure(let problem) = BaseURL.check(baseURL) {
            throw ValidationError("--base-url: \(problem.message); \(problem.hint)")
        }
    }

    func run() async throws {
        var options = publishing.options(root: site.root)
        options.output = output
        options.environment = environment.value
        if let baseURL { options.baseURL = try BaseURL.check(baseURL).get() }
        let outcome = await BuildAction(
            options: options, writesOutput: true, reportPath: reporting.report, reportFormat: reporting.format
        ).run()
        Console.printOutcome(outcome, quiet: quiet, timings: timings, verb: "Built")
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}

/// `--source`: where the site is.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site's root folder (holding site.yaml).", valueName: "dir"))
    var source = "."

    /// The site's root as an absolute path without `.` segments.
    var root: String {
        let joined = source.hasPrefix("/") ? source : FileManager.default.currentDirectoryPath + "/" + source
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }
}

/// `--environment production|preview`.
struct EnvironmentOption: ParsableArguments {
    enum Name: String, ExpressibleByArgument, CaseIterable {
        case production, preview
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "production (the default) or preview: a preview takes site.yaml's environments.preview values, marks every page noindex, disallows all in robots.txt and shows a banner.",
            valueName: "name"))
    var environment: Name = .production

    var value: SiteEnvironment { environment == .preview ? .preview : .production }
}

/// The flags that decide which pages are published.
struct PublishingFlags: ParsableArguments {
    init() {}

    init(drafts: Bool, future: Bool, expired: Bool, strict: Bool) {
        self.drafts = drafts
        self.future = future
        self.expired = expired
        self.strict = strict
    }

    @Flag(name: .long, help: "Publish pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Publish pages whose date or publishDate is in the future.")
    var future = false

    @Flag(name: .long, help: "Publish pages whose expiryDate has passed.")
    var expired = false

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func options(root: String) -> BuildOptions {
        BuildOptions(
            root: root, drafts: drafts, future: future, expired: expired, strict: strict,
            now: Int(Date().timeIntervalSince1970))
    }
}

/// `--report FILE` and `--format json|sarif`.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write every diagnostic to this file (JSON, or SARIF with --format sarif).", valueName: "file"))
    var report: String?

    @Option(name: .customLong("format"), help: ArgumentHelp("The report's format: json or sarif (SARIF 2.1.0, for code-scanning tools).", valueName: "format"))
    var formatName: FormatName = .json

    enum FormatName: String, ExpressibleByArgument {
        case json, sarif
    }

    var format: ReportFormat { formatName == .sarif ? .sarif : .json }
}
