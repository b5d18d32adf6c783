#if canImport(Glibc)
internal import Glibc
internal import Synchronization

/// The pipe that wakes a file watcher's thread to make it stop or deliver what is pending.
///
/// The thread polls the read end; a request is recorded under a lock and a byte is written to the
/// write end, and the thread takes the requests when it wakes. The write end is written and closed
/// only under the lock, so a request that comes after the thread finished never writes to a closed
/// (or reused) descriptor.
final class WatcherWakeSignal: Sendable {
    /// What woke the thread.
    struct Requests: Equatable {
        /// Stop watching.
        var stop = false
        /// Deliver the pending changes now.
        var delivery = false
    }

    private struct State {
        var writeEnd: Int32?
        var requests = Requests()
        /// Tasks waiting for the thread to finish.
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    /// The descriptor the watcher thread polls; valid until ``close()``.
    let pollDescriptor: Int32

    /// Creates the pipe.
    init() throws(FileWatcherError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw .systemCallFailed(call: "pipe", path: nil, errno: errno)
        }
        for end in ends {
            guard fcntl(end, F_SETFD, FD_CLOEXEC) == 0, fcntl(end, F_SETFL, O_NONBLOCK) == 0 else {
                let code = errno
                _ = Glibc.close(ends[0])
                _ = Glibc.close(ends[1])
                throw .systemCallFailed(call: "fcntl", path: nil, errno: code)
            }
        }
        self.pollDescriptor = ends[0]
        self.state = Mutex(State(writeEnd: ends[1]))
    }

    /// Whether the pipe is still open (the thread has not finished).
    var isOpen: Bool { state.withLock { $0.writeEnd != nil } }

    /// Wakes the thread so that it stops; does nothing once it stopped.
    func requestStop() {
        wake { $0.stop = true }
    }

    /// Wakes the thread so that it delivers the changes it holds now; does nothing once it stopped.
    func requestDelivery() {
        wake { $0.delivery = true }
    }

    private func wake(_ record: (inout Requests) -> Void) {
        state.withLock { state in
            guard let writeEnd = state.writeEnd else { return }
            record(&state.requests)
            let byte: UInt8 = 1
            // A full pipe (EAGAIN) already holds a wake-up byte, so a failed write changes nothing.
            _ = withUnsafeBytes(of: byte) { write(writeEnd, $0.baseAddress, 1) }
        }
    }

    /// The requests made since the last call, emptying the pipe; called by the thread when the read
    /// end is readable.
    func takeRequests() -> Requests {
        state.withLock { state in
            var buffer = [UInt8](repeating: 0, count: 64)
            // Reads until the pipe is empty (EAGAIN) or fails; the requests are in `state` either way.
            while buffer.withUnsafeMutableBytes({ read(pollDescriptor, $0.baseAddress, $0.count) }) > 0 {}
            defer { state.requests = Requests() }
            return state.requests
        }
    }

    /// Suspends until the thread finished and closed the pipe.
    func waitUntilClosed() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let closed = state.withLock { state in
                if state.writeEnd == nil { return true }
                state.stopWaiters.append(continuation)
                return false
            }
            if closed { continuation.resume() }
        }
    }

    /// Closes both ends and wakes the tasks waiting for it; called by the thread as it finishes.
    func close() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard let open = state.writeEnd else { return [] }
            _ = Glibc.close(open)
            _ = Glibc.close(pollDescriptor)
            state.writeEnd = nil
            defer { state.stopWaiters = [] }
            return state.stopWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
#endif
