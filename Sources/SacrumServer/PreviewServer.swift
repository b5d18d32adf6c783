internal import Hummingbird
internal import Logging
internal import NIOCore
internal import ServiceLifecycle
internal import UnixSignals
#if canImport(Glibc)
internal import Glibc
#endif

/// The preview HTTP server behind `sacrum serve`.
///
/// It serves the last published ``SiteSnapshot`` from memory, injects a live-reload script into
/// every HTML response, and tells open pages over server-sent events (`GET /__sacrum/events`) to
/// reload, to swap their stylesheets, or to show build problems. It knows nothing about how the
/// site is built: the caller publishes snapshots and problems.
///
/// ```swift
/// let server = PreviewServer(port: 1313)
/// await server.publish(try build(), change: .full)
/// print("Serving at \(server.url)")
/// try await server.run()          // until Ctrl-C
/// ```
public actor PreviewServer {
    /// The address the server listens on, such as `127.0.0.1`.
    public nonisolated let host: String
    /// The port the server listens on; 0 picks a free port (see ``waitUntilListening()``).
    public nonisolated let port: Int

    /// The address to print for the editor, such as `http://127.0.0.1:1313/`.
    public nonisolated var url: String {
        let printedHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(printedHost):\(port)/"
    }

    /// What is served and shown, shared with the request handlers.
    let site = LiveSite()
    /// The signals that stop the server gracefully.
    private let shutdownSignals: [UnixSignal]
    /// How often open event streams get a keep-alive comment.
    private let keepAliveInterval: Duration
    private let logger: Logger

    private enum RunState {
        case notStarted
        case running(ServiceGroup)
        case stopRequestedBeforeStart
        case finished
    }

    private var runState = RunState.notStarted
    private var listeningPort: Int?
    private var listeningWaiters: [CheckedContinuation<Int, any Error>] = []

    /// Creates a server; it listens only once ``run()`` is called.
    /// - Parameters:
    ///   - host: the address to listen on; the default only accepts connections from this machine.
    ///   - port: the port to listen on; 0 picks a free one.
    public init(host: String = "127.0.0.1", port: Int = 1313) {
        self.init(host: host, port: port, shutdownSignals: [.sigterm, .sigint], keepAliveInterval: .seconds(15))
    }

    /// Creates a server with the given shutdown signals and keep-alive interval (for tests).
    init(host: String, port: Int, shutdownSignals: [UnixSignal], keepAliveInterval: Duration) {
        self.host = host
        self.port = port
        self.shutdownSignals = shutdownSignals
        self.keepAliveInterval = keepAliveInterval
        var logger = Logger(label: "sacrum.server")
        logger.logLevel = .warning
        self.logger = logger
    }

    /// Serves `snapshot` from now on, removes any problem overlay, and refreshes open pages:
    /// `.full` reloads them, `.stylesheetsOnly` swaps their stylesheets without a reload.
    public func publish(_ snapshot: SiteSnapshot, change: ChangeKind = .full) async {
        await site.publish(snapshot, change: change)
    }

    /// The pages open tabs show, as snapshot keys (`index.html`, `contact/index.html`): the
    /// live-reload script names its page when it connects.
    public func openPages() async -> Set<String> {
        await site.openPages
    }

    /// Serves `snapshot` from now on and reloads only the tabs showing one of `pages` (snapshot
    /// keys): after a template edit the open pages are rendered first and shown at once, before the
    /// rest of the site is built. Problems shown stay as they are.
    public func publish(_ snapshot: SiteSnapshot, reloadingOnly pages: Set<String>) async {
        await site.publish(snapshot, reloading: pages)
    }

    /// Serves `snapshot` from now on, clears problems, and reloads every tab except those showing
    /// one of `pages` (which already show what this snapshot has for them).
    public func publish(_ snapshot: SiteSnapshot, reloadingAllBut pages: Set<String>) async {
        await site.showProblems([])
        await site.publish(snapshot, reloading: pages, except: true)
    }

    /// Shows `problems` in an overlay on every open page, and on pages opened later until the
    /// next ``publish(_:change:)``. The last good snapshot keeps being served. An empty list
    /// removes the overlay.
    public func showProblems(_ problems: [ServerProblem]) async {
        await site.showProblems(problems)
    }

    /// Serves until the task is cancelled, ``shutdown()`` is called, or the process receives
    /// SIGINT or SIGTERM; then returns promptly, also while pages hold live-reload streams open.
    ///
    /// - Throws: ``PreviewServerError/portInUse(host:port:)`` when the port is taken, or the
    ///   server's error if it failed otherwise.
    public func run() async throws {
        switch runState {
        case .notStarted:
            break
        case .stopRequestedBeforeStart:
            runState = .finished
            failListeningWaiters(with: PreviewServerError.stoppedBeforeListening)
            return
        case .running, .finished:
            throw PreviewServerError.alreadyStarted
        }
        let application = makeApplication { [weak self] port in
            await self?.didStartListening(on: port)
        }
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: shutdownSignals, logger: logger)
        )
        runState = .running(group)
        do {
            try await group.run()
        } catch {
            let reported = translate(error)
            runState = .finished
            failListeningWaiters(with: reported)
            throw reported
        }
        runState = .finished
        failListeningWaiters(with: PreviewServerError.stoppedBeforeListening)
    }

    /// Asks a running server to stop gracefully; ``run()`` then returns. Before ``run()`` was
    /// called, it makes a later ``run()`` return at once.
    public func shutdown() async {
        switch runState {
        case .notStarted:
            runState = .stopRequestedBeforeStart
        case .running(let group):
            await group.triggerGracefulShutdown()
        case .stopRequestedBeforeStart, .finished:
            break
        }
    }

    /// Waits until the server listens and returns the port it listens on (useful with port 0).
    /// - Throws: ``PreviewServerError/stoppedBeforeListening`` or the error ``run()`` failed with.
    public func waitUntilListening() async throws -> Int {
        if let listeningPort { return listeningPort }
        if case .finished = runState { throw PreviewServerError.stoppedBeforeListening }
        return try await withCheckedThrowingContinuation { continuation in
            listeningWaiters.append(continuation)
        }
    }

    /// The Hummingbird application that answers requests for this server.
    func makeApplication(onListening: @escaping @Sendable (Int?) async -> Void = { _ in }) -> Application<SiteResponder> {
        Application(
            responder: SiteResponder(site: site, keepAliveInterval: keepAliveInterval),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port) },
            logger: logger
        )
    }

    private func didStartListening(on port: Int?) {
        let actualPort = port ?? self.port
        listeningPort = actualPort
        let waiters = listeningWaiters
        listeningWaiters = []
        for waiter in waiters {
            waiter.resume(returning: actualPort)
        }
    }

    private func failListeningWaiters(with error: any Error) {
        let waiters = listeningWaiters
        listeningWaiters = []
        for waiter in waiters {
            waiter.resume(throwing: error)
        }
    }

    /// Names the port when it is taken; other errors pass through unchanged.
    private func translate(_ error: any Error) -> any Error {
        if let ioError = error as? IOError, ioError.errnoCode == EADDRINUSE {
            return PreviewServerError.portInUse(host: host, port: port)
        }
        return error
    }
}
