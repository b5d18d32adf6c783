import ArgumentParser
import SacrumBuild

/// `sacrum serve`: builds the site, serves it from memory, and rebuilds and reloads the browser when
/// files change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site in a browser while you edit it.",
        discussion: """
            Builds the site into memory (output/ is not touched), serves it, and watches content/, \
            themes/, templates/, static/ and site.yaml. After every save the open pages reload; a \
            stylesheet change swaps the styles without a reload; a build with errors shows them on \
            the page until the next good build. Stop with Ctrl-C.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The port to listen on.")
    var port = 1313

    @Option(name: .long, help: "The address to listen on; the default accepts only this machine.")
    var host = "127.0.0.1"

    @Flag(name: .long, help: "Show pages marked draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Show pages whose date or publishDate is in the future.")
    var future = false

    @Flag(name: .long, help: "Show pages whose expiryDate has passed.")
    var expired = false

    @OptionGroup var environment: EnvironmentOption

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let flags = PublishingFlags(drafts: drafts, future: future, expired: expired, strict: false)
        var options = flags.options(root: site.root)
        options.environment = environment.value
        try await ServeSession(options: options, host: host, port: port).run()
    }
}
