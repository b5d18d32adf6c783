#if canImport(Glibc)
internal import Glibc

/// The file watcher's thread: waits for inotify events, keeps the watches current, and delivers
/// the changed paths as one batch once no event arrived for the settle time.
struct WatcherLoop: Sendable {
    /// The watches, owned by the thread from now on.
    var table: WatchTable
    /// Wakes the thread to stop it.
    let wake: WatcherWakeSignal
    /// How long the folders must stay quiet before a batch is delivered.
    let settleTime: Duration
    /// Where batches go.
    let continuation: AsyncStream<Set<String>>.Continuation
    /// Where failures go that happen after the watcher started.
    let onError: @Sendable (FileWatcherError) -> Void

    /// Runs until stopped, then closes both descriptors and finishes the stream.
    func run() {
        var table = self.table
        var pending = Set<String>()
        var lastChange = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        defer {
            _ = close(table.descriptor)
            wake.close()
            continuation.finish()
        }
        while true {
            let timeout = pending.isEmpty ? -1 : Self.milliseconds(until: lastChange + settleTime)
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
            if descriptors[1].revents != 0 { return }
            let readiness = descriptors[0].revents
            if readiness & Int16(POLLIN) != 0 {
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
                if !changes.isEmpty {
                    pending.formUnion(changes)
                    lastChange = .now
                }
            } else if readiness & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                onError(.systemCallFailed(call: "poll", path: nil, errno: EIO))
                return
            }
            if !pending.isEmpty && ContinuousClock.now >= lastChange + settleTime {
                continuation.yield(pending)
                pending = []
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
