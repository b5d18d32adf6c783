import Testing
@testable import SacrumServer

/// The file watcher's batching rule, with the times given rather than measured.
@Suite("Pending batch")
struct PendingBatchTests {
    let start = ContinuousClock.now
    func at(_ milliseconds: Int) -> ContinuousClock.Instant { start + .milliseconds(milliseconds) }

    @Test("a batch is due once no change arrived for the settle time")
    func quietTime() {
        var pending = PendingBatch(settling: .afterQuiet(.milliseconds(30)))
        pending.add(["a.md"], at: at(0))
        #expect(pending.take(at: at(29)) == nil)
        #expect(pending.deadline == at(30))
        #expect(pending.take(at: at(30)) == ["a.md"])
        #expect(pending.take(at: at(100)) == nil)
    }

    @Test("changes inside the settle time join the batch and move its deadline")
    func burst() {
        var pending = PendingBatch(settling: .afterQuiet(.milliseconds(30)))
        for step in 0..<10 { pending.add(["page-\(step % 3).md"], at: at(step * 20)) }
        #expect(pending.take(at: at(200)) == nil)
        #expect(pending.take(at: at(210)) == ["page-0.md", "page-1.md", "page-2.md"])
    }

    @Test("nothing pending: no deadline, no batch, even when asked")
    func empty() {
        var pending = PendingBatch(settling: .afterQuiet(.milliseconds(30)))
        pending.add([], at: at(0))
        #expect(pending.deadline == nil)
        #expect(pending.take(at: at(1000), requested: true) == nil)
    }

    @Test("a request delivers at once; on request only, time never does")
    func onRequest() {
        var timed = PendingBatch(settling: .afterQuiet(.milliseconds(30)))
        timed.add(["a.md"], at: at(0))
        #expect(timed.take(at: at(1), requested: true) == ["a.md"])

        var manual = PendingBatch(settling: .onRequest)
        manual.add(["a.md"], at: at(0))
        #expect(manual.deadline == nil)
        #expect(manual.take(at: at(60_000)) == nil)
        #expect(manual.take(at: at(60_000), requested: true) == ["a.md"])
    }
}
