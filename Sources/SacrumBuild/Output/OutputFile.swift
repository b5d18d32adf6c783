/// A file of the built site, as a value: rendering produces these, and only the writer touches disk.
public struct OutputFile: Sendable, Hashable {
    /// The path inside the output folder (`treatments/si-joint-fusion/index.html`); never absolute, never
    /// containing `..`.
    public var path: String
    /// The bytes, or the file to copy them from.
    public var contents: Contents

    /// Where a file's bytes come from.
    public enum Contents: Sendable, Hashable {
        /// Text, written as UTF-8.
        case text(String)
        /// Bytes.
        case bytes([UInt8])
        /// A file of the site (an image) copied as it is, by absolute path.
        case copy(from: String)
    }

    /// Creates an output file.
    public init(path: String, contents: Contents) {
        self.path = path
        self.contents = contents
    }

    /// Whether the file is an HTML page.
    public var isHTML: Bool { path.hasSuffix(".html") }
}
