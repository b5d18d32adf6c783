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
        let file = folder.appendingPathComponent("k1/0.webp")
        let bytes = try Data(contentsOf: file)
        try bytes.dropLast(1).write(to: file)
        #expect(cache.entry("k1") == nil)
        #expect(cache.load("k1") == nil)
    }

    @Test func entryListsItsFilesWithoutReadingThem() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let cache = ImageCache(directory: folder.path)
        let stored = try cache.store(Self.image, key: "k1")
        #expect(cache.entry("k1") == stored)
        #expect(stored.variants.map(\.path) == [folder.path + "/k1/0.webp", folder.path + "/k1/1.jpg"])
        #expect(stored.fullSize.path == folder.path + "/k1/full.jpg")
        #expect(try Data(contentsOf: URL(fileURLWithPath: stored.fullSize.path)) == Data([6, 10, 7]))
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
        let used = String(repeating: "a", count: 64)
        try cache.store(Self.image, key: used)
        try cache.store(Self.image, key: String(repeating: "b", count: 64))
        #expect(FileManager.default.createFile(atPath: folder.path + "/old.entry", contents: Data([1])))
        #expect(cache.prune(keeping: [used]) == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [used])
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
