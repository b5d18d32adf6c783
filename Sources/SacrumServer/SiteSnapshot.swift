/// The built site in memory, as the preview server serves it.
///
/// Keys are output paths relative to the site root, written with `/` and without a leading slash:
/// `index.html`, `treatments/si-joint-fusion/index.html`, `css/style.3f2a9c1b.css`, `404.html`.
/// The bytes are served as they are, except that HTML responses get the live-reload script
/// inserted at serve time; the snapshot itself is never changed.
///
/// A snapshot is a value: the server keeps serving the one it was given while the next is made. So
/// that the next one after an edit of one page does not copy every file of a large site, a snapshot
/// keeps the files of the last full build and, on top, the few paths changed since (`updating`);
/// those are folded into the full set once they are many.
public struct SiteSnapshot: Sendable {
    /// The files of the last fold, by output path.
    private var base: [String: [UInt8]]
    /// Paths changed since: their new bytes, or `nil` when the file is gone.
    private var recent: [String: [UInt8]?] = [:]

    /// How many changed paths are kept on top of `base` before they are folded into it.
    static let foldThreshold = 256

    /// Creates a snapshot from output paths and their contents.
    /// - Parameter files: file contents keyed by output path relative to the site root.
    public init(files: [String: [UInt8]]) {
        base = files
    }

    /// The contents of the file at `path` (relative to the site root), if there is one.
    public subscript(path: String) -> [UInt8]? {
        if let changed = recent[path] { return changed }
        return base[path]
    }

    /// Every file, by output path.
    public var files: [String: [UInt8]] {
        var all = base
        for (path, bytes) in recent { all[path] = bytes }
        return all
    }

    /// Replaces the file at `path` with `bytes`, or removes it when `bytes` is `nil`.
    public mutating func update(_ path: String, to bytes: [UInt8]?) {
        recent[path] = .some(bytes)
        if recent.count > Self.foldThreshold {
            for (path, bytes) in recent { base[path] = bytes }
            recent = [:]
        }
    }
}
