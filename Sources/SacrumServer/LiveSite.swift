/// The state the preview server shares between requests: the snapshot being served, the
/// problems being shown, and the open live-reload connections.
actor LiveSite {
    /// Identifies this process to open pages; a page that sees another id reloads.
    static let instanceID: String = {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16)
    }()

    /// The last successfully built site, or `nil` before the first one; a failed build does not
    /// replace it.
    private(set) var snapshot: SiteSnapshot?
    /// The problems of the last failed build, or empty when the last build succeeded.
    private(set) var problems: [ServerProblem] = []

    private var subscribers: [Int: AsyncStream<LiveReloadEvent>.Continuation] = [:]
    private var nextSubscriberID = 0

    /// The number of open live-reload connections.
    var subscriberCount: Int { subscribers.count }

    /// Serves `snapshot` from now on, clears any problems, and tells open pages to refresh.
    func publish(_ snapshot: SiteSnapshot, change: ChangeKind) {
        self.snapshot = snapshot
        if !problems.isEmpty {
            problems = []
            broadcast(.clear)
        }
        switch change {
        case .full: broadcast(.reload)
        case .stylesheetsOnly: broadcast(.stylesheets)
        }
    }

    /// Shows `problems` on every open page (an empty list removes the overlay); the snapshot
    /// being served stays as it is.
    func showProblems(_ problems: [ServerProblem]) {
        let hadProblems = !self.problems.isEmpty
        self.problems = problems
        if !problems.isEmpty {
            broadcast(.problems(problems))
        } else if hadProblems {
            broadcast(.clear)
        }
    }

    /// Registers a live-reload connection. Its stream starts with `hello` and, when a build
    /// failed, the current problems; afterwards it receives every broadcast.
    func subscribe() -> (id: Int, events: AsyncStream<LiveReloadEvent>, continuation: AsyncStream<LiveReloadEvent>.Continuation) {
        let (events, continuation) = AsyncStream.makeStream(of: LiveReloadEvent.self, bufferingPolicy: .bufferingNewest(64))
        let id = nextSubscriberID
        nextSubscriberID += 1
        continuation.yield(.hello(instance: Self.instanceID))
        if !problems.isEmpty {
            continuation.yield(.problems(problems))
        }
        subscribers[id] = continuation
        return (id, events, continuation)
    }

    /// Removes a live-reload connection that ended.
    func unsubscribe(_ id: Int) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    private func broadcast(_ event: LiveReloadEvent) {
        for continuation in subscribers.values {
            continuation.yield(event)
        }
    }
}
