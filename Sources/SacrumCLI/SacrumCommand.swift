public import ArgumentParser

/// The `sacrum` command: parses arguments and hands the work to the library modules.
public struct SacrumCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sacrum",
        abstract: "Build, check and preview a Sacrum site.",
        discussion: """
            Run the subcommands from the site's root folder (the one holding site.yaml), or point them \
            at it with --source.
            """,
        version: SacrumVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, DiffCommand.self]
    )

    public init() {}
}

/// The entry point of the `sacrum` executable.
public enum SacrumMain {
    /// Parses the process's arguments, runs the chosen command and exits with its status.
    public static func run() async {
        await SacrumCommand.main()
    }
}
