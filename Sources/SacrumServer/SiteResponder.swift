internal import Hummingbird

/// Answers preview requests: files from the current snapshot, the live-reload event stream,
/// redirects to directory paths, and the site's 404 page.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The state shared with the server.
    let site: LiveSite
    /// How often the event stream sends a keep-alive comment.
    let keepAliveInterval: Duration

    func respond(to request: Request, context: Context) async throws -> Response {
        let method = request.method
        guard method == .get || method == .head else {
            return finished(plainText(.methodNotAllowed, "Method not allowed\n", extraHeaders: [.allow: "GET, HEAD"]), for: method)
        }
        let target = request.head.path ?? "/"
        let path: RequestPath
        switch RequestPath.parse(target) {
        case .success(let parsed):
            path = parsed
        case .failure(.tooLong):
            return finished(plainText(.uriTooLong, "Request path too long\n"), for: method)
        case .failure(.malformed), .failure(.unsafe):
            return finished(plainText(.badRequest, "Bad request path\n"), for: method)
        case .failure(.emptySegment):
            return finished(await notFound(), for: method)
        }

        if "/" + path.key == LiveReloadScript.eventsPath && !path.hasTrailingSlash {
            let page = path.query.flatMap(RequestPath.pageKey(inQuery:))
            let stream = EventStreamResponse(site: site, keepAliveInterval: keepAliveInterval, page: page).response()
            return method == .head ? stream.createHeadResponse() : stream
        }
        return finished(await fileResponse(for: path), for: method)
    }

    /// The response for a site path: the file, its directory's `index.html`, a redirect that
    /// adds the missing trailing slash, or the 404 page.
    private func fileResponse(for path: RequestPath) async -> Response {
        guard let snapshot = await site.snapshot else { return building() }
        let key = path.key
        if path.hasTrailingSlash {
            let indexKey = key.isEmpty ? "index.html" : key + "/index.html"
            if let bytes = snapshot[indexKey] {
                return file(bytes, path: indexKey, status: .ok)
            }
            return notFound(in: snapshot)
        }
        if let bytes = snapshot[key] {
            return file(bytes, path: key, status: .ok)
        }
        if snapshot[key + "/index.html"] != nil {
            let location = String(path.encodedPath) + "/" + (path.query.map { "?" + $0 } ?? "")
            return plainText(.movedPermanently, "Moved to \(location)\n", extraHeaders: [.location: location])
        }
        return notFound(in: snapshot)
    }

    private func notFound() async -> Response {
        guard let snapshot = await site.snapshot else { return building() }
        return notFound(in: snapshot)
    }

    /// The snapshot's `404.html` with status 404, or a plain-text 404 when it has none.
    private func notFound(in snapshot: SiteSnapshot) -> Response {
        if let page = snapshot["404.html"] {
            return file(page, path: "404.html", status: .notFound)
        }
        return plainText(.notFound, "Not found\n")
    }

    /// The page served before the first build finished: it carries the live-reload script, so it
    /// shows build problems and reloads once a snapshot is published.
    private func building() -> Response {
        let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Building…</title></head>"
            + "<body><p>Sacrum is building the site…</p></body></html>"
        var response = file(Array(page.utf8), path: "building.html", status: .serviceUnavailable)
        response.headers[.retryAfter] = "1"
        return response
    }

    /// A file response with its content type; HTML gets the live-reload script.
    private func file(_ bytes: [UInt8], path: String, status: HTTPResponse.Status) -> Response {
        let contentType = MediaTypes.contentType(forPath: path)
        let body = MediaTypes.isHTML(contentType) ? LiveReloadScript.inject(into: bytes, instanceID: LiveSite.instanceID) : bytes
        return Response(
            status: status,
            headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    private func plainText(_ status: HTTPResponse.Status, _ text: String, extraHeaders: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: extraHeaders)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `response` as it is for GET; for HEAD the same status and headers without a body.
    private func finished(_ response: Response, for method: HTTPRequest.Method) -> Response {
        method == .head ? response.createHeadResponse() : response
    }
}
