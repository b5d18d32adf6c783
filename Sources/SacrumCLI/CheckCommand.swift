import ArgumentParser
import SacrumBuild

/// `sacrum check`: every check of a build, without writing the site.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the site without writing it.",
        discussion: """
            Runs everything a build runs — front matter, links and anchors, templates, accessibility of \
            the content, medical reviews, patient stories, the practice's phone and hours, privacy and \
            search basics — and prints every problem with its file, line and column. Nothing is written \
            except the --report file. Exits 1 if there is an error (or a warning, with --strict).
            """)

    @OptionGroup var site: SiteOptions
    @OptionGroup var publishing: PublishingFlags
    @OptionGroup var reporting: ReportOptions
    @OptionGroup var environment: EnvironmentOption

    @Flag(name: .long, help: "Print only problems, no summary.")
    var quiet = false

    func run() async throws {
        var options = publishing.options(root: site.root)
        options.environment = environment.value
        let outcome = await BuildAction(
            options: options, writesOutput: false, reportPath: reporting.report,
            reportFormat: reporting.format
        ).run()
        Console.printOutcome(outcome, quiet: quiet, timings: false, verb: "Checked")
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
