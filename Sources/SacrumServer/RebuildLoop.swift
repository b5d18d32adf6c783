/// The one place that decides when the site is rebuilt.
///
/// It runs at most one rebuild at a time. Changes that arrive while a rebuild runs are merged,
/// and cause exactly one more rebuild once it finished, with the union of their paths.
///
/// ```swift
/// let loop = RebuildLoop { changed in await rebuildAndPublish(changed) }
/// await loop.run(changes: watcher.changes)
/// ```
public actor RebuildLoop {
    /// Rebuilds the site for a set of changed paths.
    public typealias Rebuild = @Sendable (Set<String>) async -> Void

    private let rebuild: Rebuild
    /// Paths that changed since the last rebuild started.
    private var pendingPaths = Set<String>()
    /// Whether a rebuild was asked for since the last one started (also for an empty batch).
    private var hasPendingRequest = false
    /// The task running rebuilds one after another, while there is work.
    private var worker: Task<Void, Never>?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// The number of rebuilds started so far.
    public private(set) var rebuildCount = 0

    /// Creates a loop that calls `rebuild` with the changed paths.
    public init(rebuild: @escaping Rebuild) {
        self.rebuild = rebuild
    }

    /// Whether no rebuild is running or waiting to run.
    public var isIdle: Bool { worker == nil }

    /// Asks for a rebuild for `paths`; merged with other requests while a rebuild runs. An empty
    /// set still asks for a rebuild.
    public func submit(_ paths: Set<String>) {
        pendingPaths.formUnion(paths)
        hasPendingRequest = true
        if worker == nil {
            worker = Task { await self.drain() }
        }
    }

    /// Submits every batch of `changes` until the sequence finishes or the calling task is
    /// cancelled, then waits until the rebuild in progress (if any) finished.
    public func run(changes: AsyncStream<Set<String>>) async {
        for await batch in changes {
            submit(batch)
        }
        await waitUntilIdle()
    }

    /// Returns once no rebuild is running or waiting to run.
    public func waitUntilIdle() async {
        guard worker != nil else { return }
        await withCheckedContinuation { continuation in
            idleWaiters.append(continuation)
        }
    }

    private func drain() async {
        while hasPendingRequest {
            let paths = pendingPaths
            pendingPaths = []
            hasPendingRequest = false
            rebuildCount += 1
            await rebuild(paths)
        }
        worker = nil
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters {
            waiter.resume()
        }
    }
}
