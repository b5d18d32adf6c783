/// The built site in memory, as the preview server serves it.
///
/// Keys are output paths relative to the site root, written with `/` and without a leading slash:
/// `index.html`, `treatments/si-joint-fusion/index.html`, `css/style.3f2a9c1b.css`, `404.html`.
/// The bytes are served as they are, except that HTML responses get the live-reload script
/// inserted at serve time; the snapshot itself is never changed.
public struct SiteSnapshot: Sendable {
    /// File contents keyed by output path relative to the site root.
    public var files: [String: [UInt8]]

    /// Creates a snapshot from output paths and their contents.
    /// - Parameter files: file contents keyed by output path relative to the site root.
    public init(files: [String: [UInt8]]) {
        self.files = files
    }
}
