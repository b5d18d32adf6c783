import Foundation
import SacrumBuild
import SacrumCompression
@testable import SacrumContent
import Testing

@Suite struct ManifestTests {
    @Test func manifestIsSortedOneFilePerLine() {
        let manifest = SiteManifest(entries: [
            .init(path: "b/index.html", size: 3, sha256: String(repeating: "b", count: 64)),
            .init(path: "a \"q\".txt", size: 1, sha256: String(repeating: "a", count: 64)),
        ])
        #expect(manifest.json == """
            {
              "version": 1,
              "files": [
                {"path": "a \\"q\\".txt", "size": 1, "sha256": "\(String(repeating: "a", count: 64))"},
                {"path": "b/index.html", "size": 3, "sha256": "\(String(repeating: "b", count: 64))"}
              ]
            }

            """)
        #expect(SiteManifest.parse(Array(manifest.json.utf8)) == manifest)
    }

    @Test func manifestHashesAreSHA256() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        let result = await site.build()
        let files = [
            OutputFile(path: "a55.txt", contents: .text(String(repeating: "a", count: 55))),
            OutputFile(path: "a64.txt", contents: .text(String(repeating: "a", count: 64))),
            OutputFile(path: "a1000.txt", contents: .text(String(repeating: "a", count: 1000))),
            OutputFile(path: "abc.txt", contents: .text("abc")), OutputFile(path: "empty.txt", contents: .text("")),
        ]
        let host = await HostOutput.add(
            to: files, site: try #require(result.site), fingerprinted: [], settings: PublishSettings(headers: false, redirects: false, nginx: false), cacheDirectory: site.root + "/.sacrum-cache/compressed")
        let manifest = try #require(host.files.first { $0.path == ".sacrum-manifest.json" })
        guard case .text(let text) = manifest.contents else { Issue.record("not text"); return }
        #expect(SiteManifest.parse(Array(text.utf8))?.entries == [
            .init(path: "a1000.txt", size: 1000, sha256: "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
            .init(path: "a55.txt", size: 55, sha256: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            .init(path: "a64.txt", size: 64, sha256: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            .init(path: "abc.txt", size: 3, sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            .init(path: "empty.txt", size: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ])
    }

    @Test func diffListsAddedChangedAndRemoved() {
        let hash = { (c: Character) in String(repeating: c, count: 64) }
        let old = SiteManifest(entries: [
            .init(path: "a.html", size: 1, sha256: hash("a")), .init(path: "b.html", size: 1, sha256: hash("b")),
            .init(path: "gone.html", size: 1, sha256: hash("c")),
        ])
        let new = SiteManifest(entries: [
            .init(path: "a.html", size: 1, sha256: hash("a")), .init(path: "b.html", size: 1, sha256: hash("d")),
            .init(path: "new.html", size: 1, sha256: hash("e")),
        ])
        let diff = SiteDiff(old: old, new: new)
        #expect(diff == SiteDiff(added: ["new.html"], changed: ["b.html"], removed: ["gone.html"]))
        #expect(diff.text == "M b.html\nD gone.html\nA new.html\n")
        #expect(SiteDiff(old: new, new: new).isEmpty)
    }

    @Test func diffHashesAFolderWithoutManifest() throws {
        let site = try TemporarySite(["out/a.txt": "abc", "out/sub/b.txt": "b", "old.json": """
            {"version": 1, "files": [{"path": "a.txt", "size": 3, "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
            {"path": "c.txt", "size": 1, "sha256": "00"}]}
            """], defaults: false)
        defer { site.remove() }
        let diff = SiteDiff(old: try SiteDiff.manifest(at: site.root + "/old.json"), new: try SiteDiff.manifest(at: site.root + "/out"))
        #expect(diff.text == "D c.txt\nA sub/b.txt\n")
    }

    @Test func diffOfSomethingThatIsNotAManifestSaysSo() throws {
        let site = try TemporarySite(["x.json": "{}"], defaults: false)
        defer { site.remove() }
        #expect(throws: Diagnostic.self) { try SiteDiff.manifest(at: site.root + "/x.json") }
        #expect(throws: Diagnostic.self) { try SiteDiff.manifest(at: site.root + "/missing") }
    }
}

@Suite struct CompressionTests {
    static let text = Array(String(repeating: "<p>SI-joint fusion, SI-joint injections.</p>\n", count: 100).utf8)

    @Test func gzipHasNoNameAndNoTimeAndIsTheSameEveryTime() throws {
        let first = try #require(Compression.gzip(Self.text))
        // Magic, deflate, no flags (no name), time 0, extra flags 0 (zlib's default level), Unix.
        #expect(Array(first.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3])
        #expect(Compression.gzip(Self.text) == first)
        #expect(Compression.gunzip(first) == Self.text)
    }

    @Test func brotliRoundTrips() throws {
        let compressed = try #require(Compression.brotli(Self.text, quality: 10))
        #expect(compressed.count < Self.text.count / 10)
        #expect(Compression.brotli(Self.text, quality: 10) == compressed)
        #expect(Compression.unbrotli(compressed) == Self.text)
        #expect(Compression.unbrotli([1, 2, 3]) == nil)
        #expect(Compression.gunzip([1, 2, 3]) == nil)
    }

    @Test func twinsOnlyForTextOverOneKilobyteAndOnlyWhenSmaller() async throws {
        let site = try TemporarySite(["content/_index.md": "---\ntitle: Home\n---\n"])
        defer { site.remove() }
        let result = await site.build()
        let big = String(repeating: "a", count: 1025)
        // Bytes from a linear congruential generator: nothing for a compressor to find.
        var state: UInt32 = 1
        var noise: [UInt8] = []
        for _ in 0..<1100 {
            state = state &* 1_103_515_245 &+ 12_345
            noise.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        let files = [
            OutputFile(path: "big.css", contents: .text(big)), OutputFile(path: "small.html", contents: .text(String(big.dropLast()))),
            OutputFile(path: "image.png", contents: .text(big)), OutputFile(path: "noise.txt", contents: .bytes(noise)),
        ]
        let host = await HostOutput.add(
            to: files, site: try #require(result.site), fingerprinted: [],
            settings: PublishSettings(headers: false, redirects: false, nginx: false, manifest: false), cacheDirectory: site.root + "/.sacrum-cache/compressed")
        #expect(host.files.map { $0.path } == ["big.css", "big.css.br", "big.css.gz", "image.png", "noise.txt", "small.html"])
    }
}
