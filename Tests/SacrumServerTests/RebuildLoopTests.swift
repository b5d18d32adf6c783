import Testing
@testable import SacrumServer

/// Records rebuilds; the first one can be held until released.
actor RebuildRecorder {
    private(set) var batches: [Set<String>] = []
    private(set) var running = 0
    private(set) var maximumRunning = 0
    private var holdFirst: Bool
    private var held: CheckedContinuation<Void, Never>?

    init(holdFirst: Bool) { self.holdFirst = holdFirst }

    func rebuild(_ paths: Set<String>) async {
        batches.append(paths)
        running += 1
        maximumRunning = max(maximumRunning, running)
        if holdFirst {
            holdFirst = false
            await withCheckedContinuation { held = $0 }
        } else {
            await Task.yield()
        }
        running -= 1
    }

    /// Lets the held rebuild finish.
    func release() {
        held?.resume()
        held = nil
    }

    var isHolding: Bool { held != nil }
}

@Suite("Rebuild loop")
struct RebuildLoopTests {
    @Test("batches arriving during a slow rebuild cause exactly one more rebuild with their union")
    func coalescing() async throws {
        let recorder = RebuildRecorder(holdFirst: true)
        let loop = RebuildLoop { await recorder.rebuild($0) }
        await loop.submit(["content/a.md"])
        while await !recorder.isHolding { await Task.yield() }

        await withTaskGroup(of: Void.self) { group in
            for name in ["b", "c", "d", "e", "f"] {
                group.addTask { await loop.submit(["content/\(name).md"]) }
            }
        }
        #expect(await !loop.isIdle)
        await recorder.release()
        await loop.waitUntilIdle()

        #expect(await recorder.batches == [
            ["content/a.md"],
            ["content/b.md", "content/c.md", "content/d.md", "content/e.md", "content/f.md"],
        ])
        #expect(await loop.rebuildCount == 2)
        #expect(await loop.isIdle)
    }

    @Test("never more than one rebuild at a time")
    func oneAtATime() async {
        let recorder = RebuildRecorder(holdFirst: false)
        let loop = RebuildLoop { await recorder.rebuild($0) }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask { await loop.submit(["page-\(index).md"]) }
            }
        }
        await loop.waitUntilIdle()
        #expect(await recorder.maximumRunning == 1)
        let all = await recorder.batches.reduce(into: Set<String>()) { $0.formUnion($1) }
        #expect(all.count == 100, "every path reached a rebuild")
    }

    @Test("waitUntilIdle returns at once when nothing happens")
    func idle() async {
        let loop = RebuildLoop { _ in }
        #expect(await loop.isIdle)
        await loop.waitUntilIdle()
        #expect(await loop.rebuildCount == 0)
    }

    @Test("run(changes:) rebuilds for a stream of batches and returns when it ends")
    func runOverStream() async {
        let recorder = RebuildRecorder(holdFirst: false)
        let loop = RebuildLoop { await recorder.rebuild($0) }
        let (stream, continuation) = AsyncStream.makeStream(of: Set<String>.self)
        continuation.yield(["site.yaml"])
        continuation.yield([])
        continuation.finish()
        await loop.run(changes: stream)
        let batches = await recorder.batches
        #expect(batches.reduce(into: Set<String>()) { $0.formUnion($1) } == ["site.yaml"])
        #expect((1...2).contains(batches.count))
        #expect(await loop.isIdle)
    }
}
