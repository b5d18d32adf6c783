#if canImport(Glibc)
internal import Glibc

/// Starts work on a dedicated POSIX thread, so that blocking system calls never occupy one of
/// Swift concurrency's few cooperative threads.
enum DetachedThread {
    /// Holds the closure while it crosses into the new thread.
    private final class Work: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new detached thread.
    static func start(_ body: @escaping @Sendable () -> Void) throws(FileWatcherError) {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, work)
        guard result == 0 else {
            Unmanaged<Work>.fromOpaque(work).release()
            throw .systemCallFailed(call: "pthread_create", path: nil, errno: result)
        }
        pthread_detach(thread)
    }
}
#endif
