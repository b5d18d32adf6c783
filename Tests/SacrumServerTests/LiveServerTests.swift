import Glibc
import Testing
import UnixSignals
@testable import SacrumServer

@Suite("Running server")
struct LiveServerTests {
    /// Opens the event stream and reads up to the `hello` event.
    static func openEventStream(port: Int) async throws -> RawHTTPConnection {
        let connection = try RawHTTPConnection(port: port)
        try connection.send("GET /__sacrum/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        let head = try await connection.waitFor("\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(head.lowercased().contains("content-type: text/event-stream\r\n"))
        #expect(head.lowercased().contains("cache-control: no-store\r\n"))
        try await connection.waitFor("event: hello\ndata: \(LiveSite.instanceID)\n\n")
        return connection
    }

    @Test("SSE: hello, reload after publish, css after a stylesheet change, problems after a failed build")
    func eventStream() async throws {
        let server = await TestSite.server()
        try await withRunningServer(server) { port in
            let events = try await Self.openEventStream(port: port)

            await server.publish(TestSite.snapshot(adding: ["new.html": "<p>new</p>"]), change: .full)
            try await events.waitFor("event: reload\ndata: reload\n\n")

            await server.publish(TestSite.snapshot(adding: ["new.html": "<p>new</p>", "css/style.77aa00ff.css": "body{}"]), change: .stylesheetsOnly)
            try await events.waitFor("event: css\ndata: css\n\n")

            let problems = [ServerProblem(severity: .error, location: "content/contact.md:12:3", message: "unknown key 'phnoe'", hint: "did you mean 'phone'?")]
            await server.showProblems(problems)
            try await events.waitFor("event: problems\ndata: \(ProblemJSON.encode(problems))\n\n")

            let page = try RawHTTPConnection(port: port)
            try page.request("/new.html")
            let response = try await page.readToEnd()
            #expect(response.hasPrefix("HTTP/1.1 200 OK"), "the failed build did not replace the served snapshot")
            #expect(response.contains("<p>new</p>"))

            let second = try await Self.openEventStream(port: port)
            try await second.waitFor("event: problems\ndata: ")
            #expect(await server.site.subscriberCount == 2)
        }
    }

    @Test("the event stream sends keep-alive comments")
    func keepAlive() async throws {
        let server = PreviewServer(host: "127.0.0.1", port: 0, shutdownSignals: [], keepAliveInterval: .milliseconds(50))
        await server.publish(TestSite.snapshot())
        try await withRunningServer(server) { port in
            let events = try await Self.openEventStream(port: port)
            try await events.waitFor(": keep-alive\n\n", timeout: .seconds(2))
            try await events.waitFor(": keep-alive\n\n", timeout: .seconds(2))
        }
    }

    @Test("a closed event stream is forgotten at the next write", .timeLimit(.minutes(1)))
    func disconnectedClient() async throws {
        let server = PreviewServer(host: "127.0.0.1", port: 0, shutdownSignals: [], keepAliveInterval: .milliseconds(20))
        await server.publish(TestSite.snapshot())
        try await withRunningServer(server) { port in
            do {
                let events = try await Self.openEventStream(port: port)
                #expect(await server.site.subscriberCount == 1)
                #expect(!events.isClosed)
            }
            // The next keep-alive write fails and the server forgets the stream; a server that never
            // does hangs here until the time limit, which reports it.
            await server.site.waitUntilSubscriberCount(is: 0)
        }
    }

    /// Runs a server with an open event stream, calls `stop`, and waits for `run()` to return; returns
    /// the event stream. Nothing here is timed: a server that does not stop hangs the test until its
    /// time limit, which reports it.
    static func stopWithOpenStream(
        signals: [UnixSignal] = [],
        _ stop: @escaping @Sendable (PreviewServer, Task<Void, any Error>) async -> Void
    ) async throws -> RawHTTPConnection {
        let server = PreviewServer(host: "127.0.0.1", port: 0, shutdownSignals: signals, keepAliveInterval: .seconds(15))
        await server.publish(TestSite.snapshot())
        let run = Task { try await server.run() }
        let port = try await server.waitUntilListening()
        let events = try await Self.openEventStream(port: port)
        await stop(server, run)
        _ = await run.result
        return events
    }

    @Test("shutdown() with an open event stream: run() returns and the stream is closed", .timeLimit(.minutes(1)))
    func gracefulShutdown() async throws {
        let events = try await Self.stopWithOpenStream { server, _ in await server.shutdown() }
        _ = try await events.readToEnd(timeout: .seconds(10))
        #expect(events.isClosed)
    }

    @Test("cancelling the task with an open event stream: run() returns", .timeLimit(.minutes(1)))
    func cancellation() async throws {
        let events = try await Self.stopWithOpenStream { _, run in run.cancel() }
        _ = try await events.readToEnd(timeout: .seconds(10))
        #expect(events.isClosed)
    }

    @Test("a shutdown signal with an open event stream: run() returns", .timeLimit(.minutes(1)))
    func shutdownSignal() async throws {
        // SIGUSR2 stands in for SIGINT/SIGTERM, which would also stop other tests' servers;
        // the server handles every configured signal the same way.
        let events = try await Self.stopWithOpenStream(signals: [.sigusr2]) { _, _ in
            kill(getpid(), SIGUSR2)
        }
        _ = try await events.readToEnd(timeout: .seconds(10))
        #expect(events.isClosed)
    }

    @Test("a port in use gives an error that names the port and suggests --port")
    func portInUse() async throws {
        let first = await TestSite.server()
        try await withRunningServer(first) { port in
            let second = PreviewServer(host: "127.0.0.1", port: port)
            do {
                try await second.run()
                Issue.record("the second server should not start")
            } catch let error as PreviewServerError {
                #expect(error == .portInUse(host: "127.0.0.1", port: port))
                #expect(error.description.contains("port \(port)"))
                #expect(error.description.contains("--port"))
            }
            await #expect(throws: PreviewServerError.self) { try await second.waitUntilListening() }
        }
    }

    @Test("the printed URL names host and port")
    func url() {
        #expect(PreviewServer().url == "http://127.0.0.1:1313/")
        #expect(PreviewServer(host: "::1", port: 8080).url == "http://[::1]:8080/")
    }

    @Test("shutdown() before run() makes run() return at once")
    func shutdownBeforeRun() async throws {
        let server = PreviewServer(host: "127.0.0.1", port: 0)
        await server.shutdown()
        try await server.run()
        await #expect(throws: PreviewServerError.alreadyStarted) { try await server.run() }
    }
}
