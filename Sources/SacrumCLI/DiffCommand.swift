import ArgumentParser
internal import Foundation
import SacrumBuild
import SacrumContent

/// `sacrum diff OLD NEW`: the files added, changed and removed between two builds.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "List the files added, changed and removed between two builds.",
        discussion: """
            OLD and NEW are output folders or .sacrum-manifest.json files; a folder's manifest is used \
            when it has one, else its files are hashed. Prints 'A path', 'M path' and 'D path' lines \
            (added, modified, deleted) in path order; --upload prints only the added and modified paths, \
            --delete only the deleted ones, one per line (for rsync --files-from). Exit status: 0 when the \
            comparison was made (with or without differences), 1 when a side cannot be read, 64 on a \
            usage error.
            """)

    @Argument(help: ArgumentHelp("The previous build: an output folder or its manifest.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new build: an output folder or its manifest.", valueName: "new"))
    var new: String

    @Flag(name: .long, help: "Print only the paths to upload (added and modified).")
    var upload = false

    @Flag(name: .long, help: "Print only the paths to delete.")
    var delete = false

    func validate() throws {
        if upload && delete { throw ValidationError("--upload and --delete cannot be combined; run the command twice") }
    }

    func run() throws {
        let diff: SiteDiff
        do throws(Diagnostic) {
            diff = SiteDiff(old: try SiteDiff.manifest(at: old), new: try SiteDiff.manifest(at: new))
        } catch {
            FileHandle.standardError.write(Data((DiagnosticPrinter(colors: false).format([error]) + "\n").utf8))
            throw ExitCode(1)
        }
        let text: String
        if upload {
            text = (diff.added + diff.changed).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { $0 + "\n" }.joined()
        } else if delete {
            text = diff.removed.map { $0 + "\n" }.joined()
        } else {
            text = diff.text
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
