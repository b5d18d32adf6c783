import ArgumentParser
internal import Foundation
import SacrumBuild
import SacrumContent

/// `sacrum new <kind> <title or path>`: a new page from the kind's archetype.
struct NewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new page from its kind's archetype.",
        discussion: """
            Writes content/<section>/<name>.md from archetypes/<kind>.md (or the theme's), with the title \
            and today's date in site.yaml's timezone, and prints the file, the URL it will have and what to \
            fill in. The section is the folder site.yaml's section_kinds gives the kind (treatments/, \
            conditions/, stories/, providers/, articles/). Give a title (sacrum new treatment "SI-joint \
            injection" writes content/treatments/si-joint-injection.md) or a path ending in .md (sacrum \
            new story stories/back-to-work.md). It never replaces a file.

            Kinds:
            """ + NewPageAction.kindSummaries.map { "\n  " + $0.kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0) + $0.summary }.joined())

    @OptionGroup var site: SiteOptions

    @Argument(help: ArgumentHelp("The page's kind: treatment, condition, story, provider, article or page.", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("The title (quoted, or as several words), or a path ending in .md.", valueName: "title-or-path"))
    var titleOrPath: [String]

    func validate() throws {
        if titleOrPath.isEmpty { throw ValidationError("give the page's title or a path, like: sacrum new treatment \"SI-joint injection\"") }
    }

    func run() async throws {
        let outcome = await NewPageAction(
            root: site.root, kind: kind, titleOrPath: titleOrPath.joined(separator: " "), now: Int(Date().timeIntervalSince1970)
        ).run()
        if !outcome.diagnostics.isEmpty {
            let colors = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            FileHandle.standardError.write(Data((DiagnosticPrinter(colors: colors).format(outcome.diagnostics) + "\n").utf8))
        }
        if let page = outcome.page {
            print(page.summary)
        } else {
            print("No page was written.")
        }
        if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
}
