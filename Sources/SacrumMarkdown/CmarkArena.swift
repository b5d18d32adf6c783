internal import CCmark

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A bump allocator that cmark allocates a document's nodes and buffers from.
///
/// cmark makes a heap allocation for every node and every buffer, and frees them one by one; on
/// typical pages that is a third of the time spent in cmark. Each thread keeps one arena and reuses
/// its blocks: `free` is a no-op and everything is released at once by `reset()` when a render pass
/// ends. The arena is found through a thread-local key because cmark's allocator callbacks carry no
/// context; a render pass never suspends, so it stays on its thread from start to finish.
final class CmarkArena {
    /// The allocator to hand to `cmark_parser_new_with_mem` and `cmark_node_new_with_mem`; it stays at
    /// this address for the arena's lifetime.
    let memory: UnsafeMutablePointer<cmark_mem>

    private static let blockSize = 256 * 1024
    private static let headerSize = 16
    // The arena belongs to one thread (it is found through a thread-local key) and cmark calls it
    // from inside one render pass: no two accesses can overlap, so the properties cmark's callbacks
    // touch on every allocation skip the runtime's exclusivity bookkeeping.
    @exclusivity(unchecked) private var blocks: [UnsafeMutableRawPointer] = []
    @exclusivity(unchecked) private var largeBlocks: [UnsafeMutableRawPointer] = []
    @exclusivity(unchecked) private var blockIndex = 0
    @exclusivity(unchecked) private var offset = 0
    @exclusivity(unchecked) private var lastAllocation: UnsafeMutableRawPointer?
    private var inUse = false

    private init() {
        memory = .allocate(capacity: 1)
        memory.initialize(to: cmark_mem(calloc: arenaCalloc, realloc: arenaRealloc, free: arenaFree))
    }

    deinit {
        for block in blocks + largeBlocks { Glibc.free(block) }
        memory.deallocate()
    }

    // MARK: - Acquiring

    /// Runs `body` with this thread's arena (or, if a render pass is already running on this thread, a
    /// private one), and resets it afterwards. Nothing cmark allocated in `body` may be used after it.
    static func withArena<Result>(_ body: (CmarkArena) -> Result) -> Result {
        guard let shared = current else {
            let arena = CmarkArena()
            setCurrent(arena)
            return arena.run(body)
        }
        guard shared.inUse else { return shared.run(body) }
        // A render pass started from inside another one (say, from a link rewriter) gets its own arena.
        let nested = CmarkArena()
        setCurrent(nested)
        defer { setCurrent(shared) }
        return nested.run(body)
    }

    private func run<Result>(_ body: (CmarkArena) -> Result) -> Result {
        inUse = true
        defer {
            reset()
            inUse = false
        }
        return body(self)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<CmarkArena>.fromOpaque(pointer).release()
        }
        return key
    }()

    fileprivate static var current: CmarkArena? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<CmarkArena>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Calls `body` with the thread's arena without retaining it (the thread-local key holds it for
    /// as long as the thread renders), or returns nil when the thread has none.
    fileprivate static func withCurrent<Result>(_ body: (CmarkArena) -> Result?) -> Result? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<CmarkArena>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
    }

    private static func setCurrent(_ arena: CmarkArena) {
        let old = pthread_getspecific(key)
        let new = Unmanaged.passRetained(arena).toOpaque()
        pthread_setspecific(key, new)
        if let old { Unmanaged<CmarkArena>.fromOpaque(old).release() }
    }

    // MARK: - Allocating

    fileprivate func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer? {
        let needed = Self.headerSize + ((size + 15) & ~15)
        if needed > Self.blockSize / 4 {
            guard let block = Glibc.malloc(needed) else { return nil }
            largeBlocks.append(block)
            return finish(block, size: size, zeroed: zeroed)
        }
        if blocks.isEmpty || offset + needed > Self.blockSize {
            if !blocks.isEmpty { blockIndex += 1 }
            if blockIndex == blocks.count {
                guard let block = Glibc.malloc(Self.blockSize) else { return nil }
                blocks.append(block)
            }
            offset = 0
        }
        let start = blocks[blockIndex] + offset
        offset += needed
        let pointer = finish(start, size: size, zeroed: zeroed)
        lastAllocation = pointer
        return pointer
    }

    private func finish(_ start: UnsafeMutableRawPointer, size: Int, zeroed: Bool) -> UnsafeMutableRawPointer {
        start.storeBytes(of: size, as: Int.self)
        let pointer = start + Self.headerSize
        if zeroed { memset(pointer, 0, size) }
        return pointer
    }

    fileprivate func reallocate(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size, zeroed: false) }
        let oldSize = (pointer - Self.headerSize).load(as: Int.self)
        if pointer == lastAllocation {
            // The newest allocation of the current block can grow in place.
            let oldNeeded = Self.headerSize + ((oldSize + 15) & ~15)
            let newNeeded = Self.headerSize + ((size + 15) & ~15)
            if offset - oldNeeded + newNeeded <= Self.blockSize && newNeeded <= Self.blockSize / 4 {
                offset += newNeeded - oldNeeded
                (pointer - Self.headerSize).storeBytes(of: size, as: Int.self)
                return pointer
            }
        }
        guard let moved = allocate(size, zeroed: false) else { return nil }
        memcpy(moved, pointer, min(oldSize, size))
        return moved
    }

    /// Forgets every allocation: large blocks go back to the system, and so do blocks beyond the first
    /// few, so a huge document does not keep its memory after it is rendered.
    private func reset() {
        for block in largeBlocks { Glibc.free(block) }
        largeBlocks.removeAll(keepingCapacity: true)
        let kept = 8
        if blocks.count > kept {
            for block in blocks[kept...] { Glibc.free(block) }
            blocks.removeLast(blocks.count - kept)
        }
        blockIndex = 0
        offset = 0
        lastAllocation = nil
    }
}

private func arenaCalloc(_ count: Int, _ size: Int) -> UnsafeMutableRawPointer? {
    let (total, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow else { return nil }
    return CmarkArena.withCurrent { $0.allocate(total, zeroed: true) }
}

private func arenaRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    CmarkArena.withCurrent { $0.reallocate(pointer, to: size) }
}

private func arenaFree(_ pointer: UnsafeMutableRawPointer?) {
    // Released all at once by `reset()`.
}
