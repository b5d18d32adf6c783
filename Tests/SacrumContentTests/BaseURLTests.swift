@testable import SacrumContent
import Testing

/// Base URLs: what is accepted (normalised without the trailing slash) and what is refused, with the
/// URL the user most likely meant.
@Suite struct BaseURLTests {
    func check(_ text: String) -> String {
        switch BaseURL.check(text) {
        case .success(let url): return url
        case .failure(let problem): return "error: \(problem.message); \(problem.hint)"
        }
    }

    @Test func hostAlone() { #expect(check("https://www.example.com") == "https://www.example.com") }
    @Test func hostWithSlash() { #expect(check("https://www.example.com/") == "https://www.example.com") }
    @Test func pathWithSlash() { #expect(check("https://example.github.io/clinic-site/") == "https://example.github.io/clinic-site") }
    @Test func deepPath() { #expect(check("http://127.0.0.1:8080/sub/dir/") == "http://127.0.0.1:8080/sub/dir") }

    @Test func pathWithoutSlash() {
        #expect(check("https://example.github.io/clinic-site") == "error: the path of 'https://example.github.io/clinic-site' does not end with '/', so it would name a file instead of the site's folder; write 'https://example.github.io/clinic-site/'")
    }

    @Test func query() {
        #expect(check("https://host/sub/?v=1") == "error: 'https://host/sub/?v=1' has a query; a base URL is a folder, without '?' or '#'; write 'https://host/sub/'")
    }

    @Test func fragment() {
        #expect(check("https://host/sub#top") == "error: 'https://host/sub#top' has a fragment; a base URL is a folder, without '?' or '#'; write 'https://host/sub/'")
    }

    @Test func noScheme() {
        #expect(check("www.example.com") == "error: 'www.example.com' is not an absolute http or https URL; write 'https://www.example.com/'")
    }

    @Test func otherScheme() {
        #expect(check("ftp://example.com/") == "error: 'ftp://example.com/' is not an absolute http or https URL; write the address the site is published at, like 'https://www.example.com/'")
    }

    @Test func rootRelative() {
        #expect(check("/clinic-site/") == "error: '/clinic-site/' is not an absolute http or https URL; write the address the site is published at, like 'https://www.example.com/'")
    }

    @Test func noHost() {
        #expect(check("https:///sub/") == "error: 'https:///sub/' is not an absolute http or https URL; write the address the site is published at, like 'https://www.example.com/'")
    }

    @Test func dotSegments() {
        #expect(check("https://host/a/../b/") == "error: the path of 'https://host/a/../b/' has an empty, '.' or '..' part; write 'https://host/a/b/'")
    }

    @Test func quoteInPath() {
        #expect(check("https://host/a\"b/") == "error: the path of 'https://host/a\"b/' holds '\"'; write letters, digits, '-', '.', '_' and '~' (percent-encode others); write the address the site is published at, like 'https://www.example.com/'")
    }

    @Test func basePathOfConfig() {
        func basePath(_ url: String) -> String {
            var config = SiteConfig(
                title: "T", baseURL: url,
                practice: PracticeInfo(
                    name: "P", phone: "1", phoneLink: "+1",
                    address: PostalAddress(street: "", city: "", region: "", postalCode: "", country: ""),
                    hours: OpeningHours()))
            config.environments[.preview] = EnvironmentSettings(baseURL: "https://preview.example/pr-7")
            return config.basePath + " | " + config.applying(.preview).basePath
        }
        #expect(basePath("https://www.example.com") == " | /pr-7")
        #expect(basePath("https://example.github.io/clinic-site") == "/clinic-site | /pr-7")
    }
}
