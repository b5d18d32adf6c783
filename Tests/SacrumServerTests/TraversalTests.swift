import Hummingbird
import HummingbirdTesting
import Testing
@testable import SacrumServer

@Suite("Path traversal")
struct TraversalTests {
    static let attempts: [String] = [
        "/../etc/passwd",
        "/..",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2e%2E/etc/passwd",
        "/..%2fetc%2fpasswd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/%252e%252e/etc/passwd",
        "/%252e%252e%252fetc%252fpasswd",
        "/a/../../etc/passwd",
        "/treatments/../index.html",
        "/..\\etc\\passwd",
        "/%5c..%5cetc",
        "/%5c%2e%2e%5cetc%5cpasswd",
        "/index.html%00.css",
        "/index.html%00",
        "/./index.html",
        "/treatments/./si-joint-fusion/",
        "/%2e/index.html",
        "/.%2e/etc/passwd",
        "/%",
        "/%zz",
        "/%c0%ae%c0%ae/etc/passwd",
        "/%ff",
        "//etc/passwd",
        "/" + String(repeating: "../", count: 40) + "etc/passwd",
        "/" + String(repeating: "a/", count: 3000),
        "/" + String(repeating: "%2e%2e/", count: 500) + "etc/passwd",
        "/" + String(repeating: "x", count: 100_000),
    ]

    /// What a refused request may answer: the snapshot's 404 page or a short plain-text reason;
    /// never a file from outside the snapshot.
    static func checkRefusal(status: HTTPResponse.Status, body: String, attempt: String) {
        let label = Comment(rawValue: String(attempt.prefix(60)))
        #expect((400..<500).contains(status.code), label)
        #expect(!body.contains("root:"), label)
        let isSitePage = body.contains("<h1>Page not found</h1>")
        let isPlainReason = ["Bad request path\n", "Request path too long\n", "Not found\n"].contains(body)
        #expect(isSitePage || isPlainReason || body.isEmpty, label)
    }

    @Test("every attempt is answered 4xx with nothing from outside the site", arguments: attempts)
    func inProcess(attempt: String) async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            for method in [HTTPRequest.Method.get, .head] {
                try await client.execute(uri: attempt, method: method) { response in
                    Self.checkRefusal(status: response.status, body: String(buffer: response.body), attempt: attempt)
                }
            }
        }
    }

    @Test("over a real connection the raw request targets are refused too")
    func overTheWire() async throws {
        let server = await TestSite.server()
        try await withRunningServer(server) { port in
            for attempt in Self.attempts {
                let connection = try RawHTTPConnection(port: port)
                try connection.request(attempt)
                let response = try await connection.readToEnd()
                let statusLine = response.prefix { $0 != "\r" }
                let status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
                let body = response.firstRange(of: "\r\n\r\n").map { String(response[$0.upperBound...]) } ?? ""
                Self.checkRefusal(status: HTTPResponse.Status(code: status), body: body, attempt: attempt)
            }
        }
    }

    @Test("decoding happens once: %252e stays the literal text %2e")
    func decodesOnce() {
        guard case .success(let path) = RequestPath.parse("/%252e%252e/etc") else {
            Issue.record("expected a valid path")
            return
        }
        #expect(path.segments == ["%2e%2e", "etc"])
    }

    @Test("ordinary paths parse into segments")
    func ordinaryPaths() {
        #expect(RequestPath.parse("/") == .success(RequestPath(segments: [], hasTrailingSlash: true, encodedPath: "/", query: nil)))
        guard case .success(let path) = RequestPath.parse("/caf%C3%A9/a%20b.html?x=1#top") else {
            Issue.record("expected a valid path")
            return
        }
        #expect(path.segments == ["café", "a b.html"])
        #expect(path.query == "x=1")
        #expect(!path.hasTrailingSlash)
        #expect(RequestPath.parse("/a..b.html").map(\.key) == .success("a..b.html"), "dots inside a name are fine")
    }
}
