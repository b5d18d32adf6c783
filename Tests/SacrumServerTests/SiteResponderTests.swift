import Hummingbird
import HummingbirdTesting
import Testing
@testable import SacrumServer

@Suite("Serving the snapshot")
struct SiteResponderTests {
    @Test("/ serves index.html")
    func rootIndex() async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains("<h1>SI-joint care</h1>"))
            }
        }
    }

    @Test("a directory path with a trailing slash serves its index.html")
    func directoryIndex() async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/treatments/si-joint-fusion/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>SI-joint fusion</h1>"))
            }
            try await client.execute(uri: "/treatments/si-joint-fusion/index.html", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("/path redirects to /path/ with 301 and keeps the query")
    func trailingSlashRedirect() async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/treatments/si-joint-fusion", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/treatments/si-joint-fusion/")
                #expect(response.headers[.cacheControl] == "no-store")
            }
            try await client.execute(uri: "/treatments?ref=nav&x=%20y", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/treatments/?ref=nav&x=%20y")
            }
        }
    }

    @Test("unknown paths get the site's 404.html with status 404")
    func notFoundPage() async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            for uri in ["/no-such-page/", "/no-such-page", "/css/missing.css", "/treatments/si-joint-fusion/extra/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let body = String(buffer: response.body)
                    #expect(body.contains("<h1>Page not found</h1>"))
                    #expect(body.contains("/__sacrum/events"), "the 404 page reloads live too")
                }
            }
        }
    }

    @Test("without a 404.html the 404 is plain text")
    func plainNotFound() async throws {
        let server = await TestSite.server(serving: TestSite.snapshot(removing: ["404.html"]))
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/missing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(String(buffer: response.body) == "Not found\n")
            }
        }
    }

    @Test("HEAD has the GET headers and no body")
    func head() async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            for uri in ["/", "/css/style.3f2a9c1b.css", "/missing", "/treatments"] {
                let get = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.status == get.status, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
                #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(uri)")
                #expect(head.headers[.cacheControl] == "no-store", "\(uri)")
                #expect(head.headers[.location] == get.headers[.location], "\(uri)")
            }
        }
    }

    @Test("every response has Cache-Control: no-store")
    func cacheControl() async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            let requests: [(String, HTTPRequest.Method)] = [
                ("/", .get), ("/css/style.3f2a9c1b.css", .get), ("/treatments", .get), ("/missing", .get),
                ("/../etc/passwd", .get), ("/", .post), ("/" + String(repeating: "a", count: 3000), .get),
            ]
            for (uri, method) in requests {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.headers[.cacheControl] == "no-store", "\(method) \(uri.prefix(40))")
                }
            }
        }
    }

    @Test("only GET and HEAD are allowed", arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .options])
    func otherMethods(method: HTTPRequest.Method) async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/", method: method) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    @Test("the live-reload script is injected into HTML only, at serve time")
    func scriptInjection() async throws {
        let snapshot = TestSite.snapshot()
        let server = await TestSite.server(serving: snapshot)
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let body = String(buffer: response.body)
                let script = LiveReloadScript.element(instanceID: LiveSite.instanceID)
                #expect(body.contains("new EventSource(\"/__sacrum/events?page=\" + encodeURIComponent(location.pathname))"))
                #expect(body.hasSuffix(script + "</BODY></html>"), "inserted before </body>, matched case-insensitively")
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
            }
            try await client.execute(uri: "/fragment.html", method: .get) { response in
                #expect(String(buffer: response.body).hasSuffix("</script>"), "appended when there is no </body>")
            }
            try await client.execute(uri: "/css/style.3f2a9c1b.css", method: .get) { response in
                #expect(String(buffer: response.body) == TestSite.stylesheet)
            }
            try await client.execute(uri: "/robots.txt", method: .get) { response in
                #expect(!String(buffer: response.body).contains("EventSource"))
            }
        }
        #expect(await server.site.snapshot?.files["index.html"] == Array(TestSite.homeHTML.utf8), "stored bytes are unchanged")
    }

    @Test("publishing a new snapshot changes what is served")
    func publishReplacesSnapshot() async throws {
        let server = await TestSite.server()
        await server.publish(TestSite.snapshot(adding: ["new/index.html": "<p>new page</p>"]), change: .full)
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/new/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("<p>new page</p>"))
            }
        }
    }

    @Test("a failed build does not replace the served snapshot")
    func failedBuildKeepsSnapshot() async throws {
        let server = await TestSite.server()
        await server.showProblems([ServerProblem(severity: .error, location: "content/contact.md:12:3", message: "broken link")])
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<h1>SI-joint care</h1>"))
            }
        }
        #expect(await server.site.problems.count == 1)
    }

    @Test("before the first build, pages say the site is being built and carry the script")
    func beforeFirstBuild() async throws {
        let server = PreviewServer(host: "127.0.0.1", port: 0)
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/anything/", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("/__sacrum/events"))
            }
        }
    }

    @Test("the event stream answers with text/event-stream")
    func eventStreamHead() async throws {
        let server = await TestSite.server()
        try await server.makeApplication().test(.router) { client in
            try await client.execute(uri: "/__sacrum/events", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/event-stream")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }
}
