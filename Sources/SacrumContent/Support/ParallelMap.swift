/// Maps `items` on all cores, keeping their order: the work is cut into a few chunks per core, each
/// chunk runs as one child task, and the results are put back in order.
public func parallelMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], chunksPerCore: Int = 4, _ transform: @escaping @Sendable (Item) -> Result
) async -> [Result] {
    let cores = max(1, ProcessorCount.active)
    guard items.count > 1, cores > 1 else { return items.map(transform) }
    let chunkSize = max(1, (items.count + cores * chunksPerCore - 1) / (cores * chunksPerCore))
    return await withTaskGroup(of: (Int, [Result]).self) { group in
        for start in stride(from: 0, to: items.count, by: chunkSize) {
            let end = min(start + chunkSize, items.count)
            group.addTask { (start, items[start..<end].map(transform)) }
        }
        var chunks: [(Int, [Result])] = []
        for await chunk in group { chunks.append(chunk) }
        chunks.sort { $0.0 < $1.0 }
        var results: [Result] = []
        results.reserveCapacity(items.count)
        for (_, chunk) in chunks { results.append(contentsOf: chunk) }
        return results
    }
}

/// The number of cores this process may use.
enum ProcessorCount {
    /// Cores available to the process.
    static var active: Int { SystemInfo.activeProcessorCount }
}
