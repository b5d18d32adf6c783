import Hummingbird
import HummingbirdTesting
import Testing
@testable import SacrumServer

@Suite("MIME types")
struct MediaTypeTests {
    static let table: [(file: String, type: String)] = [
        ("page.html", "text/html; charset=utf-8"),
        ("css/style.3f2a9c1b.css", "text/css; charset=utf-8"),
        ("js/menu.js", "text/javascript; charset=utf-8"),
        ("images/logo.svg", "image/svg+xml; charset=utf-8"),
        ("images/si-joint.png", "image/png"),
        ("images/si-joint.jpg", "image/jpeg"),
        ("images/si-joint.JPEG", "image/jpeg"),
        ("images/si-joint.webp", "image/webp"),
        ("images/anim.gif", "image/gif"),
        ("images/photo.avif", "image/avif"),
        ("favicon.ico", "image/x-icon"),
        ("fonts/inter.woff2", "font/woff2"),
        ("fonts/inter.woff", "font/woff"),
        ("data/hours.json", "application/json; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("forms/intake.pdf", "application/pdf"),
        ("site.webmanifest", "application/manifest+json; charset=utf-8"),
        ("download.bin", "application/octet-stream"),
        ("no-extension", "application/octet-stream"),
        (".htaccess", "application/octet-stream"),
    ]

    @Test("content type by extension", arguments: table)
    func contentType(file: String, type: String) {
        #expect(MediaTypes.contentType(forPath: file) == type)
    }

    @Test("served files carry their content type")
    func servedContentTypes() async throws {
        let extra = Dictionary(uniqueKeysWithValues: Self.table.map { ($0.file, "x") })
        let server = await TestSite.server(serving: TestSite.snapshot(adding: extra))
        try await server.makeApplication().test(.router) { client in
            for (file, type) in Self.table {
                try await client.execute(uri: "/" + file, method: .get) { response in
                    #expect(response.status == .ok, "\(file)")
                    #expect(response.headers[.contentType] == type, "\(file)")
                }
            }
        }
    }
}
