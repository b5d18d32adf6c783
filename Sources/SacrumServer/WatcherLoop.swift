#if canImport(Glibc)
internal import Glibc

/// The file watcher's thread: waits for inotify events, keeps the watches current, and delivers
/// the changed paths as one batch once no event arrived for the settle time (see `PendingBatch`).
struct WatcherLoop: Sendable {
    /// The watches, owned by the thread from now on.
    var table: WatchTable
    /// Wakes the thread to stop it or make it deliver.
    let wake: WatcherWakeSignal
    /// When a batch is delivered.
    let settling: PendingBatch.Settling
    /// Where batches go.
    let continuation: AsyncStream<Set<String>>.Continuation
    /// Where failures go that happen after the watcher started.
    let onError: @Sendable (FileWatcherError) -> Void

    /// Runs until stopped, then closes both descriptors and finishes the stream.
    func run() {
        var table = self.table
        var pending = PendingBatch(settling: settling)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        defer {
            _ = close(table.descriptor)
            wake.close()
            continuation.finish()
        }
        while true {
            let timeout = pending.deadline.map(Self.milliseconds(until:)) ?? -1
            var descriptors = [
                pollfd(fd: table.descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.pollDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, nfds_t(descriptors.count), timeout) < 0 {
                let code = errno
                if code == EINTR { continue }
                onError(.systemCallFailed(call: "poll", path: nil, errno: code))
                return
            }
            var requests = WatcherWakeSignal.Requests()
            if descriptors[1].revents != 0 {
                requests = wake.takeRequests()
                if requests.stop { return }
            }
            let readiness = descriptors[0].revents
            // A delivery request reads the queue too: the events of every change made before the
            // request are in it (inotify queues them before the change's system call returns).
            if readiness & Int16(POLLIN) != 0 || requests.delivery {
                var changes = Set<String>()
                var errors: [FileWatcherError] = []
                do {
                    let events = try Self.readEvents(from: table.descriptor, into: &buffer)
                    table.handle(events, changes: &changes, errors: &errors)
                } catch {
                    onError(error)
                    return
                }
                errors.forEach(onError)
                pending.add(changes, at: .now)
            } else if readiness & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                onError(.systemCallFailed(call: "poll", path: nil, errno: EIO))
                return
            }
            if let batch = pending.take(at: .now, requested: requests.delivery) {
                continuation.yield(batch)
            }
        }
    }

    /// Reads every queued event from the non-blocking inotify descriptor.
    static func readEvents(from descriptor: Int32, into buffer: inout [UInt8]) throws(FileWatcherError) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                events += buffer.withUnsafeBytes { InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                continue
            }
            let code = errno
            if count < 0 && code == EINTR { continue }
            if count < 0 && (code == EAGAIN || code == EWOULDBLOCK) { return events }
            throw .systemCallFailed(call: "read", path: nil, errno: count == 0 ? EIO : code)
        }
    }

    /// Whole milliseconds from now until `deadline`, rounded up, for `poll(2)`.
    static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = seconds * 1000 + attoseconds / attosecondsPerMillisecond + (attoseconds % attosecondsPerMillisecond > 0 ? 1 : 0)
        return Int32(clamping: milliseconds)
    }
}
#endif
