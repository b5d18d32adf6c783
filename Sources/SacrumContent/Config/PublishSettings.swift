/// What `sacrum build` adds to the output for hosts (`publish:` in site.yaml); everything is on unless
/// site.yaml turns it off.
public struct PublishSettings: Sendable, Hashable {
    /// A `.gz` twin (zlib, level 6) beside every compressible file over 1 KB, when smaller (`publish.gzip`).
    public var gzip: Bool
    /// A `.br` twin (Brotli) beside every compressible file over 1 KB, when smaller (`publish.brotli`).
    public var brotli: Bool
    /// The Brotli quality, 0 to 11 (`publish.brotli_quality`).
    public var brotliQuality: Int
    /// `_headers` (Netlify and Cloudflare Pages): cache rules and security headers (`publish.headers`).
    public var headers: Bool
    /// `_redirects` (Netlify and Cloudflare Pages): a 301 for every alias (`publish.redirects`).
    public var redirects: Bool
    /// `sacrum.nginx.conf`, an include for an nginx `server` block (`publish.nginx`).
    public var nginx: Bool
    /// `.sacrum-manifest.json`: path, size and SHA-256 of every published file (`publish.manifest`).
    public var manifest: Bool

    /// The quality used unless site.yaml sets one. On the 10,000-page benchmark corpus quality 5 gives
    /// the same bytes as 9 (38.1 against 38.0 MB) in less time; 10 and 11 save 6% and 9% more for a
    /// build of 70 and 150 s of CPU time instead of 12 to 15 (docs/publishing.md has the figures).
    static let defaultBrotliQuality = 5

    /// Creates settings (everything on by default).
    init(
        gzip: Bool = true, brotli: Bool = true, brotliQuality: Int = PublishSettings.defaultBrotliQuality,
        headers: Bool = true, redirects: Bool = true, nginx: Bool = true, manifest: Bool = true
    ) {
        self.gzip = gzip
        self.brotli = brotli
        self.brotliQuality = brotliQuality
        self.headers = headers
        self.redirects = redirects
        self.nginx = nginx
        self.manifest = manifest
    }

    /// Nothing for hosts: the site's pages and files only.
    public static let none = PublishSettings(
        gzip: false, brotli: false, headers: false, redirects: false, nginx: false, manifest: false)
}
