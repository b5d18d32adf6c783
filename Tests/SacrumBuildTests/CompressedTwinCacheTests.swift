import Foundation
import SacrumCompression
@testable import SacrumContent
import Testing

@testable import SacrumBuild

/// The cache of compressed twins: a rebuild takes unchanged files' twins from it, never trusts an
/// entry that does not match its digest, and prunes what no file uses.
@Suite struct CompressedTwinCacheTests {
    static let page = String(repeating: "<p>Sacroiliac joint fusion, injections and office hours.</p>\n", count: 40)
    static let settings = PublishSettings(gzip: true, brotli: false, headers: false, redirects: false, nginx: false, manifest: true)

    /// The published files and diagnostics of `files` with the cache in `cache`.
    func publish(_ files: [OutputFile], cache: String, site: TemporarySite, settings: PublishSettings = Self.settings) async throws
        -> HostOutput.Result
    {
        let result = await site.build()
        return await HostOutput.add(
            to: files, site: try #require(result.site), fingerprinted: [], settings: settings, cacheDirectory: cache)
    }

    func bytes(_ result: HostOutput.Result, _ path: String) -> [UInt8]? {
        guard let file = result.files.first(where: { $0.path == path }) else { return nil }
        switch file.contents {
        case .bytes(let bytes): return bytes
        case .text(let text): return Array(text.utf8)
        case .copy(let source): return FileManager.default.contents(atPath: source).map { [UInt8]($0) }
        }
    }

    func key(of text: String) -> String {
        CompressedTwinCache.key(originalDigest: ContentDigest.sha256(Array(text.utf8)), compressor: Compression.gzipFingerprint)
    }

    @Test func aRebuildTakesTheTwinOfAnUnchangedFileFromTheCache() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        let cache = site.root + "/cache"
        let files = [OutputFile(path: "index.html", contents: .text(Self.page))]
        let first = try await publish(files, cache: cache, site: site)
        #expect(bytes(first, "index.html.gz").flatMap(Compression.gunzip) == Array(Self.page.utf8))
        // An entry with other valid gzip bytes under the page's key: the rebuild publishes it as it is.
        let other = try #require(Compression.gzip(Array("other".utf8)))
        let stored = CompressedTwinCache(directory: cache).store(.init(bytes: other, digest: ContentDigest.sha256(other)), key: key(of: Self.page))
        #expect(stored == nil)
        let second = try await publish(files, cache: cache, site: site)
        #expect(bytes(second, "index.html.gz") == other)
        let manifest = try #require(bytes(second, ".sacrum-manifest.json").flatMap(SiteManifest.parse))
        #expect(manifest.entries.first { $0.path == "index.html.gz" }?.sha256 == ContentDigest.sha256(other))
    }

    @Test func anEntryThatDoesNotMatchItsDigestIsCompressedAgain() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        let cache = site.root + "/cache"
        let files = [OutputFile(path: "index.html", contents: .text(Self.page))]
        _ = try await publish(files, cache: cache, site: site)
        let entry = cache + "/" + key(of: Self.page)
        var damaged = try #require(FileManager.default.contents(atPath: entry).map { [UInt8]($0) })
        damaged[damaged.count - 3] ^= 0xFF
        #expect(FileManager.default.createFile(atPath: entry, contents: Data(damaged)))
        let again = try await publish(files, cache: cache, site: site)
        #expect(bytes(again, "index.html.gz") == Compression.gzip(Array(Self.page.utf8)))
        #expect(CompressedTwinCache(directory: cache).load(key(of: Self.page))?.bytes == Compression.gzip(Array(Self.page.utf8)))
    }

    @Test func entriesNoFileUsesAndAbandonedTemporaryFilesArePruned() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        let cache = site.root + "/cache"
        let old = Self.page + "<p>Old hours.</p>\n"
        _ = try await publish([OutputFile(path: "index.html", contents: .text(old))], cache: cache, site: site)
        #expect(FileManager.default.fileExists(atPath: cache + "/" + key(of: old)))
        let abandoned = cache + "/.tmp-1-abandoned"
        let young = cache + "/.tmp-2-young"
        #expect(FileManager.default.createFile(atPath: abandoned, contents: Data([1])))
        #expect(FileManager.default.createFile(atPath: young, contents: Data([2])))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: abandoned)
        _ = try await publish([OutputFile(path: "index.html", contents: .text(Self.page))], cache: cache, site: site)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).sorted() == [".tmp-2-young", key(of: Self.page)])
    }

    @Test func aCacheThatCannotBeWrittenIsAWarningAndTheTwinsArePublished() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        // A folder cannot be made inside a file (root may write anywhere else).
        let result = try await publish([OutputFile(path: "index.html", contents: .text(Self.page))], cache: site.root + "/site.yaml/cache", site: site)
        #expect(bytes(result, "index.html.gz").flatMap(Compression.gunzip) == Array(Self.page.utf8))
        #expect(result.diagnostics.map(\.id) == ["publish.cache"])
        #expect(result.diagnostics.first?.severity == .warning)
    }

    @Test func brotliAndGzipTwinsHaveTheirOwnEntries() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        let cache = site.root + "/cache"
        var settings = Self.settings
        settings.brotli = true
        let result = try await publish([OutputFile(path: "index.html", contents: .text(Self.page))], cache: cache, site: site, settings: settings)
        #expect(bytes(result, "index.html.br").flatMap(Compression.unbrotli) == Array(Self.page.utf8))
        let brotliKey = CompressedTwinCache.key(
            originalDigest: ContentDigest.sha256(Array(Self.page.utf8)), compressor: Compression.brotliFingerprint(quality: Int32(settings.brotliQuality)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).sorted() == [key(of: Self.page), brotliKey].sorted())
    }
}
