/// Why the preview server could not run.
public enum PreviewServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process already listens on the port.
    case portInUse(host: String, port: Int)
    /// `run()` was called on a server that is running or already ran.
    case alreadyStarted
    /// The server stopped, or failed, before it listened on its port.
    case stoppedBeforeListening

    /// A sentence for the editor, naming what to do.
    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use by another program; stop it, or choose another port with --port"
        case .alreadyStarted:
            "the preview server was already started; create a new PreviewServer to serve again"
        case .stoppedBeforeListening:
            "the preview server stopped before it listened on its port"
        }
    }
}
