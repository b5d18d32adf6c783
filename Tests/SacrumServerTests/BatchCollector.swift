@testable import SacrumServer

/// Collects a watcher's batches so that tests can wait for them with a timeout.
actor BatchCollector {
    private(set) var batches: [Set<String>] = []
    private(set) var finished = false

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

    private func append(_ batch: Set<String>) { batches.append(batch) }
    private func finish() { finished = true }

    /// All paths seen so far.
    var allPaths: Set<String> { batches.reduce(into: []) { $0.formUnion($1) } }

    /// Waits until `condition` holds for the batches or `timeout` passed; returns the batches.
    @discardableResult
    func wait(timeout: Duration = .seconds(5), until condition: ([Set<String>]) -> Bool) async throws -> [Set<String>] {
        let deadline = ContinuousClock.now + timeout
        while !condition(batches) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        return batches
    }

    /// Waits until the stream finished or `timeout` passed.
    func waitUntilFinished(timeout: Duration = .seconds(2)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !finished && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        return finished
    }
}
