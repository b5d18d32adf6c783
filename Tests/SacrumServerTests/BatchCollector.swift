@testable import SacrumServer

/// Collects a watcher's batches so that tests can wait for them. Waiting is driven by the batches
/// themselves: a waiter wakes when a batch arrives or the stream finishes. The timeout only keeps a
/// broken watcher from hanging the test run; it is never what a test measures.
actor BatchCollector {
    private(set) var batches: [Set<String>] = []
    private(set) var finished = false
    private var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    private var nextWaiter = 0

    /// Starts a task that collects `watcher`'s batches until its stream finishes.
    static func collecting(_ watcher: FileWatcher) -> (BatchCollector, Task<Void, Never>) {
        let collector = BatchCollector()
        let task = Task {
            for await batch in watcher.changes {
                await collector.append(batch)
            }
            await collector.finish()
        }
        return (collector, task)
    }

    private func append(_ batch: Set<String>) {
        batches.append(batch)
        wakeAll()
    }

    private func finish() {
        finished = true
        wakeAll()
    }

    private func wakeAll() {
        let woken = waiters
        waiters = [:]
        for continuation in woken.values { continuation.resume(returning: true) }
    }

    /// Suspends until the next batch or the end of the stream (true), or the deadline (false).
    private func nextChange(before deadline: ContinuousClock.Instant) async -> Bool {
        let id = nextWaiter
        nextWaiter += 1
        let guardTask = Task { [weak self] in
            try? await Task.sleep(until: deadline, clock: .continuous)
            await self?.expire(id)
        }
        defer { guardTask.cancel() }
        return await withCheckedContinuation { waiters[id] = $0 }
    }

    private func expire(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(returning: false)
    }

    /// All paths seen so far.
    var allPaths: Set<String> { batches.reduce(into: []) { $0.formUnion($1) } }

    /// Waits until `condition` holds for the batches (or the stream ends, or `timeout` passes);
    /// returns the batches.
    @discardableResult
    func wait(timeout: Duration = .seconds(10), until condition: ([Set<String>]) -> Bool) async -> [Set<String>] {
        let deadline = ContinuousClock.now + timeout
        while !condition(batches) && !finished {
            guard await nextChange(before: deadline) else { break }
        }
        return batches
    }

    /// Waits until the stream finished (or `timeout` passed); returns whether it did.
    func waitUntilFinished(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !finished {
            guard await nextChange(before: deadline) else { break }
        }
        return finished
    }
}
