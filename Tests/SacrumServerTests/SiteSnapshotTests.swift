@testable import SacrumServer
import Testing

/// A snapshot keeps the paths changed since the last full set on top of it.
@Suite struct SiteSnapshotTests {
    static let base = SiteSnapshot(files: ["index.html": [1], "a/index.html": [2]])

    @Test func changedFileIsServed() {
        var snapshot = Self.base
        snapshot.update("a/index.html", to: [3])
        #expect(snapshot["a/index.html"] == [3])
        #expect(snapshot["index.html"] == [1])
    }

    @Test func removedFileIsGone() {
        var snapshot = Self.base
        snapshot.update("a/index.html", to: nil)
        #expect(snapshot["a/index.html"] == nil)
        #expect(snapshot.files == ["index.html": [1]])
    }

    @Test func earlierSnapshotStaysAsItWas() {
        var snapshot = Self.base
        snapshot.update("index.html", to: [9])
        #expect(Self.base["index.html"] == [1])
    }

    @Test func foldedChangesStayServed() {
        var snapshot = Self.base
        for index in 0...SiteSnapshot.foldThreshold { snapshot.update("p\(index)/index.html", to: [UInt8(index % 256)]) }
        snapshot.update("a/index.html", to: nil)
        #expect(snapshot.files.count == SiteSnapshot.foldThreshold + 2)
        #expect(snapshot["p0/index.html"] == [0])
        #expect(snapshot["a/index.html"] == nil)
    }
}
