@testable import SacrumServer

/// Runs `server` on a free port for the duration of `body`, then shuts it down and waits for
/// `run()` to return.
func withRunningServer<T: Sendable>(
    _ server: PreviewServer,
    _ body: (_ port: Int) async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.run() }
        let port = try await server.waitUntilListening()
        let result = try await body(port)
        await server.shutdown()
        try await group.waitForAll()
        return result
    }
}
