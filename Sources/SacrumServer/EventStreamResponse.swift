internal import Hummingbird
internal import ServiceLifecycle

/// The live-reload endpoint's response: a `text/event-stream` that stays open, sends `hello`
/// first, then every event the site broadcasts, and a keep-alive comment at a fixed interval.
///
/// The stream ends when the client goes away (noticed at the next write, at the latest with the
/// next keep-alive), when the request task is cancelled, or on graceful shutdown — without
/// `cancelOnGracefulShutdown()` an open stream would keep the server from shutting down.
struct EventStreamResponse {
    /// The state whose events are streamed.
    let site: LiveSite
    /// How often to send a keep-alive comment.
    let keepAliveInterval: Duration
    /// The page the connecting tab shows, as a snapshot key (see ``LiveSite/openPages``).
    var page: String? = nil

    /// The streaming response.
    func response() -> Response {
        let site = self.site
        let keepAliveInterval = self.keepAliveInterval
        let page = self.page
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                let subscription = await site.subscribe(page: page)
                do {
                    try await Self.stream(subscription.events, to: &writer, keepAlive: subscription.continuation, every: keepAliveInterval)
                } catch {
                    await site.unsubscribe(subscription.id)
                    throw error
                }
                await site.unsubscribe(subscription.id)
                try await writer.finish(nil)
            }
        )
    }

    private static func stream(
        _ events: AsyncStream<LiveReloadEvent>,
        to writer: inout any ResponseBodyWriter,
        keepAlive continuation: AsyncStream<LiveReloadEvent>.Continuation,
        every interval: Duration
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while true {
                    try await Task.sleep(for: interval)
                    continuation.yield(.keepAlive)
                }
            }
            for await event in events.cancelOnGracefulShutdown() {
                try await writer.write(ByteBuffer(string: event.wireFormat))
            }
            group.cancelAll()
        }
    }
}
