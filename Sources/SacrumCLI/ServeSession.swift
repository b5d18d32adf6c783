internal import Foundation
import SacrumBuild
import SacrumContent
import SacrumServer

/// Wires the preview together: `PreviewBuilder` builds, `FileWatcher` sees saves, `RebuildLoop` runs
/// one rebuild at a time, and `PreviewServer` serves the last good build and tells the browser.
struct ServeSession: Sendable {
    let options: BuildOptions
    let host: String
    let port: Int

    func run() async throws {
        let builder = PreviewBuilder(options: options)
        let server = PreviewServer(host: host, port: port)
        let snapshot = SnapshotStore()

        let first = await builder.build()
        await publish(first, to: server, snapshot: snapshot)
        Console.printPreviewUpdate(first, first: true)
        let shown = ShownDiagnostics(first.diagnostics)

        let watched = SiteLayout(root: options.root).watchedPaths.filter { FileIO.type(atPath: $0) != nil }
        let watcher: FileWatcher
        do {
            // 15 ms without events counts as settled: an atomic save or a checkout arrives in one burst.
            watcher = try FileWatcher(paths: watched, settleTime: .milliseconds(15))
        } catch {
            Console.printError("cannot watch the site's files: \(error)")
            throw ExitCodeError.failure
        }
        defer { watcher.stop() }
        let loop = RebuildLoop { paths in
            // After a template or site.yaml edit, the pages open in the browser are rendered and
            // reloaded first; the rest of the site follows.
            var shownFirst: [String: [UInt8]] = [:]
            let open = await server.openPages()
            if !open.isEmpty, let first = await builder.renderFirst(open, changed: paths) {
                shownFirst = await snapshot.show(first)
                await server.publish(await snapshot.current(), reloadingOnly: Set(shownFirst.keys))
            }
            let update = await builder.rebuild(changed: paths)
            // The browser first, then the terminal.
            await publish(update, to: server, snapshot: snapshot, shownFirst: shownFirst)
            Console.printPreviewUpdate(update, first: false, shown: await shown.replace(with: update.diagnostics))
        }
        let rebuilding = Task { await loop.run(changes: watcher.changes) }
        defer { rebuilding.cancel() }
        let serving = Task { try await server.run() }
        do {
            _ = try await server.waitUntilListening()
            Console.printLine("Serving \(options.root) at \(server.url) (Ctrl-C to stop)")
            try await serving.value
        } catch let error as PreviewServerError {
            Console.printError("\(error)")
            throw ExitCodeError.failure
        }
    }

    /// Serves `update` and refreshes the open pages; `shownFirst` are the pages already reloaded with
    /// these bytes (see `renderFirst`), whose tabs reload again only if the full build made them differ.
    private func publish(
        _ update: PreviewBuilder.Update, to server: PreviewServer, snapshot: SnapshotStore, shownFirst: [String: [UInt8]] = [:]
    ) async {
        if update.succeeded {
            let site = await snapshot.apply(update)
            if shownFirst.isEmpty || update.stylesheetsOnly {
                await server.showProblems([])
                await server.publish(site, change: update.stylesheetsOnly ? .stylesheetsOnly : .full)
            } else {
                let unchanged = Set(shownFirst.filter { site[$0.key] == $0.value }.keys)
                await server.publish(site, reloadingAllBut: unchanged)
            }
        } else {
            await server.showProblems(
                update.diagnostics.filter { $0.severity == .error }.map {
                    ServerProblem(severity: .error, location: $0.location, message: $0.message, hint: $0.hint)
                })
        }
    }
}

/// The files being served, updated with only what each rebuild changed.
actor SnapshotStore {
    private var snapshot = SiteSnapshot(files: [:])
    private var hasAll = false

    /// The files being served.
    func current() -> SiteSnapshot { snapshot }

    /// Serves `pages` (rendered ahead of the full build) in place of what was served at their paths;
    /// returns their bytes. The full build's `apply` replaces them with its own.
    func show(_ pages: [String: OutputFile]) -> [String: [UInt8]] {
        var shown: [String: [UInt8]] = [:]
        for (path, file) in pages {
            let bytes = Self.bytes(of: file)
            snapshot.update(path, to: bytes)
            shown[path] = bytes
        }
        return shown
    }

    /// The snapshot after `update`: only its changed paths are read (all of them after a full build).
    func apply(_ update: PreviewBuilder.Update) -> SiteSnapshot {
        // The first build, or a rebuild that changed most of the site: a new snapshot.
        guard hasAll, update.changedPaths.count * 2 < update.files.count else {
            snapshot = SiteSnapshot(files: update.files.mapValues(Self.bytes(of:)))
            hasAll = true
            return snapshot
        }
        for path in update.changedPaths {
            snapshot.update(path, to: update.files[path].map(Self.bytes(of:)))
        }
        return snapshot
    }

    private static func bytes(of file: OutputFile) -> [UInt8] {
        switch file.contents {
        case .text(let text): return Array(text.utf8)
        case .bytes(let bytes): return bytes
        case .copy(let source):
            do {
                return try FileIO.read(source)
            } catch {
                return Array("cannot read \(source): \(error.reason)".utf8)
            }
        }
    }
}

/// The problems the terminal showed after the last build, so that a rebuild prints only new ones.
actor ShownDiagnostics {
    private var diagnostics: Set<Diagnostic>

    init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = Set(diagnostics)
    }

    /// Remembers `diagnostics` as shown; returns those shown before.
    func replace(with diagnostics: [Diagnostic]) -> Set<Diagnostic> {
        let before = self.diagnostics
        self.diagnostics = Set(diagnostics)
        return before
    }
}

/// Exit statuses for failures already reported.
enum ExitCodeError: Error {
    case failure
}
