/// One message on the live-reload event stream (`GET /__sacrum/events`).
enum LiveReloadEvent: Sendable, Hashable {
    /// Sent first on every connection: the server's per-process instance id. A page that was
    /// served by another instance (the server restarted) reloads.
    case hello(instance: String)
    /// Open pages reload.
    case reload
    /// Open pages swap their stylesheet links for the ones the page has now.
    case stylesheets
    /// Open pages show an overlay with these problems.
    case problems([ServerProblem])
    /// Open pages remove the problem overlay.
    case clear
    /// A comment that keeps the connection open and notices clients that went away.
    case keepAlive

    /// How long a browser waits before reconnecting after the stream broke, in milliseconds.
    static let reconnectDelayMilliseconds = 500

    /// The event in `text/event-stream` format, ending with the blank line that dispatches it.
    ///
    /// Every event carries a non-empty `data:` line, because browsers do not dispatch events
    /// whose data is empty.
    var wireFormat: String {
        switch self {
        case .hello(let instance):
            "retry: \(Self.reconnectDelayMilliseconds)\nevent: hello\ndata: \(instance)\n\n"
        case .reload:
            "event: reload\ndata: reload\n\n"
        case .stylesheets:
            "event: css\ndata: css\n\n"
        case .problems(let problems):
            "event: problems\ndata: \(ProblemJSON.encode(problems))\n\n"
        case .clear:
            "event: clear\ndata: clear\n\n"
        case .keepAlive:
            ": keep-alive\n\n"
        }
    }
}
