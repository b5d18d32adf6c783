#if canImport(Glibc)
internal import Glibc

/// Watches folders and single files with inotify and delivers the changed paths in batches.
///
/// - Folders are watched recursively, one inotify watch per folder; folders created later are
///   watched as soon as they appear, and files already inside them are reported.
/// - A single file (such as `site.yaml`) is watched through its folder and filtered by name, so
///   an editor's atomic save (write a temporary file, rename it over the original) is seen.
/// - Dotfiles and editor temporary and swap files (`page.md~`, `.page.md.swp`, `.swx`,
///   `#page.md#`, Vim's `4913`) are never reported; dot-folders such as `.git` are not watched.
/// - A batch is delivered only once no event arrived for the settle time, so a save, a burst of
///   writes or a `git checkout` of many files gives one batch.
/// - When the kernel's event queue overflows, the batch holds the watched paths themselves,
///   meaning "anything may have changed".
///
/// Reported paths are the watched path joined with the names below it
/// (`content/treatments/si-joint-fusion.md`); single files are reported as given.
/// Events are read on a dedicated thread, never on a Swift concurrency thread. Watching stops,
/// the thread ends and its descriptors are closed when ``stop()`` is called or when the task
/// iterating ``changes`` is cancelled or stops iterating.
public final class FileWatcher: Sendable {
    /// The settle time used when none is given: 30 ms.
    public static let defaultSettleTime: Duration = .milliseconds(30)

    /// The batches of changed paths; finishes when the watcher stops.
    public let changes: AsyncStream<Set<String>>

    /// The paths being watched, as given.
    public let paths: [String]

    /// When batches are delivered.
    let settling: PendingBatch.Settling

    private let wake: WatcherWakeSignal

    /// Starts watching `paths` (folders and single files).
    /// - Parameters:
    ///   - paths: folders to watch recursively and single files to watch.
    ///   - settleTime: how long no event may arrive before a batch is delivered.
    ///   - onError: receives failures that happen after the watcher started, such as the watch
    ///     limit being reached for a new folder. By default they are written to standard error.
    /// - Throws: ``FileWatcherError`` when a path does not exist, the inotify watch limit is
    ///   reached (ENOSPC), or the watcher could not be set up.
    public convenience init(
        paths: [String],
        settleTime: Duration = FileWatcher.defaultSettleTime,
        onError: @escaping @Sendable (FileWatcherError) -> Void = FileWatcher.writeToStandardError
    ) throws(FileWatcherError) {
        try self.init(paths: paths, settling: .afterQuiet(settleTime), onError: onError)
    }

    /// Starts watching `paths`, delivering batches as `settling` says: `.onRequest` lets a test end
    /// each batch with ``deliverPending()`` instead of waiting for a quiet time that a busy machine
    /// may stretch.
    init(
        paths: [String],
        settling: PendingBatch.Settling,
        onError: @escaping @Sendable (FileWatcherError) -> Void = FileWatcher.writeToStandardError
    ) throws(FileWatcherError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard descriptor >= 0 else {
            let code = errno
            if code == EMFILE { throw .instanceLimitReached }
            throw .systemCallFailed(call: "inotify_init1", path: nil, errno: code)
        }
        let table: WatchTable
        let wake: WatcherWakeSignal
        do {
            table = try WatchTable(descriptor: descriptor, paths: paths)
            wake = try WatcherWakeSignal()
        } catch {
            _ = close(descriptor)
            throw error
        }
        let (changes, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        continuation.onTermination = { _ in wake.requestStop() }
        let loop = WatcherLoop(table: table, wake: wake, settling: settling, continuation: continuation, onError: onError)
        do {
            try DetachedThread.start { loop.run() }
        } catch {
            _ = close(descriptor)
            wake.close()
            throw error
        }
        self.changes = changes
        self.paths = paths
        self.settling = settling
        self.wake = wake
    }

    /// Stops watching: the thread ends, its descriptors are closed and ``changes`` finishes.
    public func stop() {
        wake.requestStop()
    }

    /// Whether the watcher's thread is still running.
    var isRunning: Bool { wake.isOpen }

    /// Delivers the changes made so far as one batch now (nothing when there are none), without
    /// waiting for the settle time.
    func deliverPending() {
        wake.requestDelivery()
    }

    /// Suspends until the watcher's thread has finished and closed its descriptors.
    func waitUntilStopped() async {
        await wake.waitUntilClosed()
    }

    /// Writes `error` to standard error, prefixed with `sacrum: `.
    public static func writeToStandardError(_ error: FileWatcherError) {
        let line = Array("sacrum: file watcher: \(error)\n".utf8)
        line.withUnsafeBytes { bytes in
            // Best effort: there is nowhere else to report a failed write to standard error.
            _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count)
        }
    }
}
#endif
