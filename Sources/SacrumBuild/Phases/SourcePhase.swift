internal import Foundation
import SacrumContent

/// The pages' sources as read: each Markdown file's front matter and body by path inside `content/`,
/// with the fingerprint of the file it was read from, so that a later build reads only what changed.
struct PageSources: Sendable {
    /// One file as read.
    struct Entry: Sendable {
        /// The file's size and modification time when it was read; `nil` when it could not be had.
        var fingerprint: FileFingerprint?
        var source: PageSource
        /// The problems of its front matter.
        var diagnostics: [Diagnostic]
    }

    /// Every Markdown file, by path inside `content/`.
    var byPath: [String: Entry] = [:]
    /// The time zone the files were decoded in (dates without an offset depend on it).
    var timeZone: TimeZone?

    /// The problems of every file's front matter.
    var diagnostics: [Diagnostic] {
        var all: [Diagnostic] = []
        for entry in byPath.values where !entry.diagnostics.isEmpty { all += entry.diagnostics }
        return all
    }
}

/// The phases that read `content/`: list it, then read and decode the Markdown files.
enum SourcePhase {
    /// The files and folders of the site's `content/`, with an error when there is no such folder.
    static func scan(_ layout: SiteLayout) -> ContentLoader.Scan {
        var scan = ContentLoader(contentFolder: layout.contentPath).scan()
        if FileIO.type(atPath: layout.contentPath) != .directory {
            scan.diagnostics.append(
                Diagnostic(.error, id: "content.missing", file: "content", message: "the site has no content/ folder",
                           hint: "create content/ with an _index.md for the home page"))
        }
        return scan
    }

    /// The Markdown files `scan` found, read and decoded in `timeZone`; the files of `earlier` whose
    /// fingerprint is unchanged are taken from it, not read again (all are read when it was decoded in
    /// another time zone). `clock` laps `read` between reading and decoding.
    static func read(
        _ scan: ContentLoader.Scan, layout: SiteLayout, timeZone: TimeZone?, reusing earlier: PageSources?, clock: inout PhaseClock
    ) async -> PageSources {
        let cached = earlier?.timeZone == timeZone ? earlier?.byPath ?? [:] : [:]
        let loader = ContentLoader(contentFolder: layout.contentPath, timeZone: timeZone)
        var fingerprints: [String: FileFingerprint?] = [:]
        var toRead: [String] = []
        for path in scan.markdown {
            let fingerprint = FileIO.fingerprint(layout.contentPath(path))
            fingerprints[path] = fingerprint
            if let entry = cached[path], let fingerprint, entry.fingerprint == fingerprint { continue }
            toRead.append(path)
        }
        let raw = await loader.read(toRead)
        clock.lap("read")
        let decoded = await loader.decode(raw)
        var fresh: [String: PageSources.Entry] = [:]
        for (source, diagnostics) in decoded {
            fresh[source.contentPath] = PageSources.Entry(
                fingerprint: fingerprints[source.contentPath] ?? nil, source: source, diagnostics: diagnostics)
        }
        var sources = PageSources(timeZone: timeZone)
        for path in scan.markdown { sources.byPath[path] = fresh[path] ?? cached[path] }
        return sources
    }
}
