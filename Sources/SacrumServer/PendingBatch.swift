/// The changed paths a file watcher holds until it delivers them as one batch, and the rule for
/// when: once no change arrived for the settle time, or, when the watcher settles on request (tests),
/// only when asked. The rule takes the time as an argument, so it is tested without a clock.
struct PendingBatch: Sendable {
    /// When a batch is delivered.
    enum Settling: Sendable, Equatable {
        /// Once no change arrived for this long.
        case afterQuiet(Duration)
        /// Only when asked (``FileWatcher/deliverPending()``), so that a test decides where a batch ends.
        case onRequest
    }

    let settling: Settling
    /// The paths that changed since the last batch.
    private(set) var paths: Set<String> = []
    /// When the last change arrived.
    private var lastChange: ContinuousClock.Instant?

    init(settling: Settling) {
        self.settling = settling
    }

    /// Adds the paths that changed at `now`.
    mutating func add(_ changes: Set<String>, at now: ContinuousClock.Instant) {
        guard !changes.isEmpty else { return }
        paths.formUnion(changes)
        lastChange = now
    }

    /// When the batch is due, if it ever is without a request: `nil` when nothing is pending or
    /// batches are delivered on request.
    var deadline: ContinuousClock.Instant? {
        guard case .afterQuiet(let settleTime) = settling, let lastChange, !paths.isEmpty else { return nil }
        return lastChange + settleTime
    }

    /// The batch, if one is due at `now` (or `requested`), emptying what is pending; `nil` when
    /// nothing is pending or it is not due yet.
    mutating func take(at now: ContinuousClock.Instant, requested: Bool = false) -> Set<String>? {
        guard !paths.isEmpty else { return nil }
        if !requested {
            guard let deadline, now >= deadline else { return nil }
        }
        defer {
            paths = []
            lastChange = nil
        }
        return paths
    }
}
