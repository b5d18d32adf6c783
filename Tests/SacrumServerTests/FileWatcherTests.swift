import Foundation
import Testing
@testable import SacrumServer

@Suite("File watcher")
struct FileWatcherTests {
    /// The batches the watcher delivered for everything done so far, without sleeping: writes a
    /// sentinel file and waits for its batch. inotify reports events in order, so any late or unwanted
    /// batch for earlier changes comes before the sentinel's, or inside it (which the check catches).
    /// A watcher that settles on request gets the request after the sentinel is written.
    func settledBatches(
        _ folder: TemporaryFolder, _ collector: BatchCollector, _ watcher: FileWatcher, sentinel: String = "zz-sentinel.md"
    ) async throws -> [Set<String>] {
        try folder.write(sentinel)
        if watcher.settling == .onRequest { watcher.deliverPending() }
        let batches = await collector.wait { $0.contains { $0.contains(folder.url(sentinel)) } }
        let sentinelBatch = batches.firstIndex { $0.contains(folder.url(sentinel)) }
        #expect(sentinelBatch.map { batches[$0] } == [folder.url(sentinel)], "the sentinel's batch holds only the sentinel")
        return Array(batches[..<(sentinelBatch ?? batches.endIndex)])
    }

    /// Runs `body` with a fresh folder, a watcher on `watched(folder)` and a collector.
    /// `.onRequest` makes the test say where each batch ends (`deliverPending()`), for tests of what
    /// goes into one batch: a writer slowed by a busy machine could otherwise outlast the quiet time
    /// and split it (the quiet-time rule itself is tested in `PendingBatchTests`).
    func withWatcher(
        settling: PendingBatch.Settling = .afterQuiet(FileWatcher.defaultSettleTime),
        setUp: (TemporaryFolder) throws -> Void = { _ in },
        watching watched: (TemporaryFolder) -> [String] = { [$0.path] },
        _ body: (TemporaryFolder, BatchCollector, FileWatcher) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try setUp(folder)
        let watcher = try FileWatcher(paths: watched(folder), settling: settling) { error in
            Issue.record("watcher error: \(error)")
        }
        let (collector, task) = BatchCollector.collecting(watcher)
        try await body(folder, collector, watcher)
        watcher.stop()
        await task.value
    }

    @Test("a write is delivered")
    func write() async throws {
        try await withWatcher { folder, collector, watcher in
            try folder.write("page.md")
            let batches = await collector.wait { !$0.isEmpty }
            #expect(batches == [[folder.url("page.md")]])
        }
    }

    @Test("an atomic save (write temporary file, rename) is one batch")
    func atomicSave() async throws {
        try await withWatcher(settling: .onRequest, setUp: { try $0.write("page.md", "old") }) { folder, collector, watcher in
            try folder.atomicSave("page.md", temporaryName: "page.md.tmp.4242")
            watcher.deliverPending()
            await collector.wait { !$0.isEmpty }
            let batches = try await settledBatches(folder, collector, watcher)
            #expect(batches.count == 1)
            #expect(batches.first?.contains(folder.url("page.md")) == true)
        }
    }

    @Test("an editor-style save through a dotted swap file reports only the file")
    func vimStyleSave() async throws {
        try await withWatcher(settling: .onRequest, setUp: { try $0.write("page.md", "old") }) { folder, collector, watcher in
            try folder.write("4913", "")
            try folder.delete("4913")
            try folder.write(".page.md.swp", "swap")
            try folder.atomicSave("page.md", temporaryName: ".page.md.swx")
            try folder.write("page.md~", "backup")
            try folder.write("#page.md#", "autosave")
            watcher.deliverPending()
            await collector.wait { !$0.isEmpty }
            #expect(try await settledBatches(folder, collector, watcher) == [[folder.url("page.md")]])
        }
    }

    @Test("200 writes in a burst are one batch")
    func burst() async throws {
        try await withWatcher(settling: .onRequest) { folder, collector, watcher in
            for index in 0..<200 {
                try folder.write("page-\(index % 50).md", "version \(index)")
            }
            watcher.deliverPending()
            await collector.wait { !$0.isEmpty }
            let batches = try await settledBatches(folder, collector, watcher)
            #expect(batches.count == 1)
            #expect(batches.first?.count == 50)
        }
    }

    @Test("a file in a newly created subfolder is seen, and later writes in it too")
    func newSubfolder() async throws {
        try await withWatcher { folder, collector, watcher in
            try folder.makeFolder("treatments/new")
            try folder.write("treatments/new/si-joint-fusion.md")
            await collector.wait { $0.reduce(into: Set()) { $0.formUnion($1) }.contains(folder.url("treatments/new/si-joint-fusion.md")) }
            #expect(await collector.allPaths.contains(folder.url("treatments/new/si-joint-fusion.md")))
            #expect(await collector.allPaths.contains(folder.url("treatments")))

            let before = try await settledBatches(folder, collector, watcher).count + 1
            try folder.write("treatments/new/later.md")
            let batches = await collector.wait { $0.count > before }
            #expect(batches.last == [folder.url("treatments/new/later.md")])
        }
    }

    @Test("existing subfolders are watched, dot-folders are not")
    func existingTree() async throws {
        try await withWatcher(settling: .onRequest, setUp: { folder in
            try folder.makeFolder("a/b/c")
            try folder.makeFolder(".git/objects")
        }) { folder, collector, watcher in
            try folder.write(".git/objects/x")
            try folder.write("a/b/c/deep.md")
            watcher.deliverPending()
            await collector.wait { !$0.isEmpty }
            #expect(try await settledBatches(folder, collector, watcher) == [[folder.url("a/b/c/deep.md")]])
        }
    }

    @Test("deleting a file is delivered")
    func delete() async throws {
        try await withWatcher(setUp: { try $0.write("old.md") }) { folder, collector, watcher in
            try folder.delete("old.md")
            #expect(await collector.wait { !$0.isEmpty } == [[folder.url("old.md")]])
        }
    }

    @Test("a single file such as site.yaml is watched through its folder, saves by rename included")
    func singleFile() async throws {
        try await withWatcher(
            setUp: { try $0.write("site.yaml", "title: A") },
            watching: { [$0.url("site.yaml")] }
        ) { folder, collector, watcher in
            try folder.write("other.yaml")
            try folder.atomicSave("site.yaml", "title: B", temporaryName: "site.yaml.tmp")
            await collector.wait { !$0.isEmpty }
            // Only site.yaml is watched, so a second write of it is what shows that other.yaml and
            // the temporary file gave no batch: events arrive in order, so they would come first.
            try folder.write("site.yaml", "title: C")
            let batches = await collector.wait { $0.count > 1 }
            #expect(batches == [[folder.url("site.yaml")], [folder.url("site.yaml")]])
        }
    }

    @Test("a folder and a single file together; paths are reported as given")
    func folderAndFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.makeFolder("content")
        try folder.write("site.yaml")
        let watcher = try FileWatcher(paths: [folder.url("content/"), folder.path + "/./site.yaml"])
        let (collector, task) = BatchCollector.collecting(watcher)
        try folder.write("content/index.md")
        try folder.write("site.yaml", "title: D")
        await collector.wait { $0.reduce(into: Set()) { $0.formUnion($1) }.count >= 2 }
        #expect(await collector.allPaths == [folder.url("content/index.md"), folder.path + "/./site.yaml"])
        watcher.stop()
        await task.value
    }

    @Test("stop() finishes the stream and closes the descriptors")
    func stop() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let watcher = try FileWatcher(paths: [folder.path])
        let (collector, _) = BatchCollector.collecting(watcher)
        #expect(watcher.isRunning)
        watcher.stop()
        #expect(await collector.waitUntilFinished())
        #expect(!watcher.isRunning)
        watcher.stop()
    }

    @Test("cancelling the consuming task stops the watcher", .timeLimit(.minutes(1)))
    func cancellation() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let watcher = try FileWatcher(paths: [folder.path])
        let (collector, task) = BatchCollector.collecting(watcher)
        // A first batch shows that the task is iterating the stream when it is cancelled.
        try folder.write("page.md")
        await collector.wait { !$0.isEmpty }
        #expect(watcher.isRunning)
        task.cancel()
        await task.value
        // A watcher that never stops hangs here until the time limit, which reports it.
        await watcher.waitUntilStopped()
    }

    @Test("a missing path is an error that names it")
    func missingPath() throws {
        #expect(throws: FileWatcherError.pathNotFound("/no/such/folder/site.yaml")) {
            try FileWatcher(paths: ["/no/such/folder/site.yaml"])
        }
    }

    @Test("the watch-limit error says ENOSPC and how to raise the limit")
    func watchLimitMessage() {
        let message = FileWatcherError.watchLimitReached(path: "content/images").description
        #expect(message.contains("content/images"))
        #expect(message.contains("ENOSPC"))
        #expect(message.contains("max_user_watches"))
    }

    @Test("ignored names", arguments: [
        (".DS_Store", true), (".#page.md", true), ("page.md~", true), (".page.md.swp", true), ("page.md.swx", true),
        ("4913", true), ("#page.md#", true), ("page.md", false), ("#", false), ("49130", false), ("site.yaml", false),
    ])
    func ignoredNames(name: String, ignored: Bool) {
        #expect(IgnoredNames.contains(name) == ignored)
    }

    @Test("an overflowed event queue reports the watched paths")
    func overflow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        defer { close(descriptor) }
        var table = try WatchTable(descriptor: descriptor, paths: [folder.path])
        var changes = Set<String>()
        var errors: [FileWatcherError] = []
        table.handle([InotifyEvent(watch: -1, mask: UInt32(IN_Q_OVERFLOW), name: "")], changes: &changes, errors: &errors)
        #expect(changes == [folder.path])
        #expect(errors.isEmpty)
    }
}
