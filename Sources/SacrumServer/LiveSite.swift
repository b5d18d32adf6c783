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

    private var subscribers: [Int: Subscriber] = [:]
    private var nextSubscriberID = 0
    /// Tasks waiting for a number of open connections (see `waitUntilSubscriberCount(is:)`).
    private var countWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// An open live-reload connection and the page its tab shows (a snapshot key such as
    /// `contact/index.html`), when the script said.
    private struct Subscriber {
        var continuation: AsyncStream<LiveReloadEvent>.Continuation
        var page: String?
    }

    /// The number of open live-reload connections.
    var subscriberCount: Int { subscribers.count }

    /// Suspends until exactly `count` live-reload connections are open: what a test waits for after
    /// opening or closing one.
    func waitUntilSubscriberCount(is count: Int) async {
        guard subscribers.count != count else { return }
        await withCheckedContinuation { countWaiters.append((count, $0)) }
    }

    /// Wakes the tasks waiting for the current number of connections.
    private func subscribersChanged() {
        let count = subscribers.count
        let woken = countWaiters.filter { $0.count == count }
        countWaiters.removeAll { $0.count == count }
        for waiter in woken { waiter.continuation.resume() }
    }

    /// The pages open tabs show, as snapshot keys (`index.html`, `contact/index.html`).
    var openPages: Set<String> { Set(subscribers.values.compactMap(\.page)) }

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

    /// Serves `snapshot` from now on and reloads only the tabs that show one of `pages` (snapshot
    /// keys), or, with `except`, every tab but those; problems shown stay as they are.
    func publish(_ snapshot: SiteSnapshot, reloading pages: Set<String>, except: Bool = false) {
        self.snapshot = snapshot
        for subscriber in subscribers.values {
            let listed = subscriber.page.map(pages.contains) ?? false
            if listed != except { subscriber.continuation.yield(.reload) }
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
    func subscribe(page: String? = nil) -> (id: Int, events: AsyncStream<LiveReloadEvent>, continuation: AsyncStream<LiveReloadEvent>.Continuation) {
        let (events, continuation) = AsyncStream.makeStream(of: LiveReloadEvent.self, bufferingPolicy: .bufferingNewest(64))
        let id = nextSubscriberID
        nextSubscriberID += 1
        continuation.yield(.hello(instance: Self.instanceID))
        if !problems.isEmpty {
            continuation.yield(.problems(problems))
        }
        subscribers[id] = Subscriber(continuation: continuation, page: page)
        subscribersChanged()
        return (id, events, continuation)
    }

    /// Removes a live-reload connection that ended.
    func unsubscribe(_ id: Int) {
        subscribers.removeValue(forKey: id)?.continuation.finish()
        subscribersChanged()
    }

    private func broadcast(_ event: LiveReloadEvent) {
        for subscriber in subscribers.values {
            subscriber.continuation.yield(event)
        }
    }
}
