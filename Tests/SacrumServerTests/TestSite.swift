@testable import SacrumServer

/// A small built site for the server tests.
enum TestSite {
    static let homeHTML = """
        <!doctype html><html lang="en"><head><title>Home</title>\
        <link rel="stylesheet" href="/css/style.3f2a9c1b.css"></head>\
        <body><h1>SI-joint care</h1></BODY></html>
        """
    static let fusionHTML = "<!doctype html><html><head><title>SI-joint fusion</title></head><body><h1>SI-joint fusion</h1></body></html>"
    static let notFoundHTML = "<!doctype html><html><head><title>Not found</title></head><body><h1>Page not found</h1></body></html>"
    static let stylesheet = "body { color: #222; } /* </body> */"

    static let files: [String: String] = [
        "index.html": homeHTML,
        "treatments/si-joint-fusion/index.html": fusionHTML,
        "treatments/index.html": "<html><body>Treatments</body></html>",
        "css/style.3f2a9c1b.css": stylesheet,
        "404.html": notFoundHTML,
        "fragment.html": "<p>No body element here</p>",
        "robots.txt": "User-agent: *\nAllow: /\n",
    ]

    /// The snapshot with `files`, plus optional extra files.
    static func snapshot(adding extra: [String: String] = [:], removing removed: Set<String> = []) -> SiteSnapshot {
        var all = files.merging(extra) { _, new in new }
        for key in removed { all.removeValue(forKey: key) }
        return SiteSnapshot(files: all.mapValues { Array($0.utf8) })
    }

    /// A server (not running) that already serves `snapshot`.
    static func server(serving snapshot: SiteSnapshot = TestSite.snapshot()) async -> PreviewServer {
        let server = PreviewServer(host: "127.0.0.1", port: 0, shutdownSignals: [], keepAliveInterval: .seconds(15))
        await server.publish(snapshot, change: .full)
        return server
    }
}
