#if canImport(Glibc)
internal import Glibc
internal import Synchronization

/// The pipe that wakes a file watcher's thread to make it stop.
///
/// The thread polls the read end; a stop request writes a byte to the write end. The write end
/// is written and closed only under a lock, so a stop request that comes after the thread
/// finished never writes to a closed (or reused) descriptor.
final class WatcherWakeSignal: Sendable {
    private let writeEnd: Mutex<Int32?>

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
        self.writeEnd = Mutex(ends[1])
    }

    /// Whether the pipe is still open (the thread has not finished).
    var isOpen: Bool { writeEnd.withLock { $0 != nil } }

    /// Wakes the thread so that it stops; does nothing once it stopped.
    func requestStop() {
        writeEnd.withLock { writeEnd in
            guard let writeEnd else { return }
            let byte: UInt8 = 1
            // A full pipe (EAGAIN) already holds a wake-up byte, so a failed write changes nothing.
            _ = withUnsafeBytes(of: byte) { write(writeEnd, $0.baseAddress, 1) }
        }
    }

    /// Closes both ends; called by the thread as it finishes.
    func close() {
        writeEnd.withLock { writeEnd in
            guard let open = writeEnd else { return }
            _ = Glibc.close(open)
            _ = Glibc.close(pollDescriptor)
            writeEnd = nil
        }
    }
}
#endif
