/// Why the file watcher could not watch, or stopped watching, a path.
public enum FileWatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path to watch does not exist (and neither does its folder).
    case pathNotFound(String)
    /// The system's limit of inotify watches (`fs.inotify.max_user_watches`) was reached.
    case watchLimitReached(path: String)
    /// The system's limit of inotify instances (`fs.inotify.max_user_instances`) was reached.
    case instanceLimitReached
    /// A system call failed; `call` names it and `errno` is its error number.
    case systemCallFailed(call: String, path: String?, errno: Int32)

    /// A sentence for the editor, naming what to do.
    public var description: String {
        switch self {
        case .pathNotFound(let path):
            "cannot watch '\(path)': no such file or folder"
        case .watchLimitReached(let path):
            "cannot watch '\(path)': the system's inotify watch limit is reached (ENOSPC); "
                + "raise it with 'sudo sysctl fs.inotify.max_user_watches=524288', or watch fewer folders"
        case .instanceLimitReached:
            "cannot start a file watcher: the system's inotify instance limit is reached (EMFILE); "
                + "close other watching programs or raise 'fs.inotify.max_user_instances'"
        case .systemCallFailed(let call, let path, let errno):
            "\(call)\(path.map { " on '\($0)'" } ?? "") failed with errno \(errno)"
        }
    }
}
