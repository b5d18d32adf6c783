import Glibc
@testable import SacrumServer

/// A plain TCP connection to the server under test, for requests that must reach it byte for
/// byte and for reading a streaming response as it arrives.
final class RawHTTPConnection {
    enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        case timedOut(waitingFor: String, received: String)
        case closed(waitingFor: String, received: String)

        var description: String {
            switch self {
            case .system(let call, let code): "\(call) failed with errno \(code)"
            case .timedOut(let needle, let received): "timed out waiting for \(needle.debugDescription); received \(received.debugDescription)"
            case .closed(let needle, let received): "connection closed while waiting for \(needle.debugDescription); received \(received.debugDescription)"
            }
        }
    }

    private let descriptor: Int32
    /// Everything received so far.
    private(set) var received: [UInt8] = []
    /// Where the next ``waitFor(_:timeout:)`` starts searching.
    private var cursor = 0
    /// Whether the server closed the connection.
    private(set) var isClosed = false

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure.system("socket", errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw Failure.system("connect", code)
        }
        guard fcntl(descriptor, F_SETFL, O_NONBLOCK) == 0 else { throw Failure.system("fcntl", errno) }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `text` as it is.
    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw Failure.system("send", errno)
            }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// Sends a GET (or other) request for the raw request target `target`.
    func request(_ target: String, method: String = "GET") throws {
        try send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    }

    /// Waits until `needle` arrives after what earlier waits consumed; returns the text from the
    /// previous cursor through `needle`.
    @discardableResult
    func waitFor(_ needle: String, timeout: Duration = .seconds(5)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        let pattern = Array(needle.utf8)
        while true {
            if let end = search(pattern) {
                let text = String(decoding: received[cursor..<end], as: UTF8.self)
                cursor = end
                return text
            }
            if isClosed { throw Failure.closed(waitingFor: needle, received: text) }
            guard try await waitUntilReadable(before: deadline) else { throw Failure.timedOut(waitingFor: needle, received: text) }
            try pump()
        }
    }

    /// Reads until the server closes the connection; returns everything received.
    func readToEnd(timeout: Duration = .seconds(5)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while !isClosed {
            guard try await waitUntilReadable(before: deadline) else { throw Failure.timedOut(waitingFor: "end of stream", received: text) }
            try pump()
        }
        return text
    }

    /// Suspends until the socket has bytes to read or was closed (true) or `deadline` passed (false).
    /// poll(2) waits on a thread of its own, so that waiting never holds one of Swift concurrency's
    /// few threads, which the server under test needs. The deadline only keeps a broken server from
    /// hanging the test run; it is never what a test measures.
    private func waitUntilReadable(before deadline: ContinuousClock.Instant) async throws -> Bool {
        let descriptor = self.descriptor
        let milliseconds = WatcherLoop.milliseconds(until: deadline)
        let (ready, code) = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Int32, Int32), any Error>) in
            do {
                try DetachedThread.start {
                    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    var result: Int32
                    repeat { result = poll(&entry, 1, milliseconds) } while result < 0 && errno == EINTR
                    continuation.resume(returning: (result, result < 0 ? errno : 0))
                }
            } catch {
                continuation.resume(throwing: error)
            }
        }
        if ready < 0 { throw Failure.system("poll", code) }
        return ready > 0
    }

    /// Everything received so far, as text.
    var text: String { String(decoding: received, as: UTF8.self) }

    private func pump() throws {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[..<count]
                continue
            }
            if count == 0 {
                isClosed = true
                return
            }
            if errno == EAGAIN || errno == EWOULDBLOCK { return }
            if errno == EINTR { continue }
            if errno == ECONNRESET {
                isClosed = true
                return
            }
            throw Failure.system("recv", errno)
        }
    }

    private func search(_ pattern: [UInt8]) -> Int? {
        guard received.count - cursor >= pattern.count else { return nil }
        for start in cursor...(received.count - pattern.count) where received[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start + pattern.count
        }
        return nil
    }
}
