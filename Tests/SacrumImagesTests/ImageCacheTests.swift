import Foundation
import SacrumImages
import Testing

@Suite struct ImageCacheTests {
    static let image = ProcessedImage(
        format: .jpeg, width: 1200, height: 900, fallback: .jpeg,
        variants: [
            ImageVariant(format: .webp, width: 480, height: 360, bytes: [1, 2, 3]),
            ImageVariant(format: .jpeg, width: 480, height: 360, bytes: [4, 5]),
        ],
        fullSize: ImageVariant(format: .jpeg, width: 1200, height: 900, bytes: [6, 10, 7]))
    let request = ImageRequest(widths: [480])

    @Test func storedEntryLoadsBackTheSame() throws {
        let cache = ImageCache(directory: try TestImages.folder().path + "/images")
        try cache.store(Self.image, key: "k1")
        #expect(cache.load("k1") == Self.image)
    }

    @Test func missingEntryIsAMiss() throws {
        #expect(ImageCache(directory: try TestImages.folder().path).load("nothing") == nil)
    }

    @Test func truncatedEntryIsAMiss() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let cache = ImageCache(directory: folder.path)
        try cache.store(Self.image, key: "k1")
        let file = folder.appendingPathComponent("k1.entry")
        let bytes = try Data(contentsOf: file)
        try bytes.dropLast(1).write(to: file)
        #expect(cache.load("k1") == nil)
    }

    @Test func keyChangesWithTheBytes() {
        #expect(ImageCache.key(for: [1], claimed: .jpeg, request: request, maxPixels: 10) != ImageCache.key(for: [2], claimed: .jpeg, request: request, maxPixels: 10))
    }

    @Test func keyChangesWithTheWidths() {
        #expect(ImageCache.key(for: [1], claimed: .jpeg, request: request, maxPixels: 10) != ImageCache.key(for: [1], claimed: .jpeg, request: ImageRequest(widths: [481]), maxPixels: 10))
    }

    @Test func keyIsStable() {
        #expect(ImageCache.key(for: [1], claimed: .jpeg, request: request, maxPixels: 10) == ImageCache.key(for: [1], claimed: .jpeg, request: request, maxPixels: 10))
    }

    @Test func pruneRemovesUnusedEntriesOnly() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let cache = ImageCache(directory: folder.path)
        try cache.store(Self.image, key: "used")
        try cache.store(Self.image, key: "stale")
        #expect(cache.prune(keeping: ["used"]) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["used.entry"])
    }

    @Test func pruneRemovesAKilledBuildsTemporaryFileOnlyWhenOld() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let cache = ImageCache(directory: folder.path)
        let young = folder.appendingPathComponent(".tmp-1-young").path
        let old = folder.appendingPathComponent(".tmp-1-old").path
        #expect(FileManager.default.createFile(atPath: young, contents: Data([1])))
        #expect(FileManager.default.createFile(atPath: old, contents: Data([1])))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: old)
        #expect(cache.prune(keeping: []) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [".tmp-1-young"])
    }
}
