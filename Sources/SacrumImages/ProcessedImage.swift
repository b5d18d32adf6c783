/// One encoded file made from a source image.
public struct ImageVariant: Sendable, Hashable {
    /// Its format.
    public var format: ImageFormat
    /// Its size in pixels.
    public var width: Int
    public var height: Int
    /// The encoded file, free of metadata.
    public var bytes: [UInt8]

    /// Creates a variant.
    public init(format: ImageFormat, width: Int, height: Int, bytes: [UInt8]) {
        self.format = format
        self.width = width
        self.height = height
        self.bytes = bytes
    }
}

/// Everything published for one source image: its upright size, the responsive variants, and the
/// metadata-free copy at full size that replaces the source at its own path.
public struct ProcessedImage: Sendable, Hashable {
    /// The source's format.
    public var format: ImageFormat
    /// The source's size in pixels after its orientation tag is applied (a portrait photo stored
    /// sideways reports its upright size).
    public var width: Int
    public var height: Int
    /// The format of the `<img>` fallback.
    public var fallback: ImageFormat
    /// The responsive variants, by width, then in the order of the request's formats, fallback last.
    public var variants: [ImageVariant]
    /// The full-size copy, in the source's format, with every metadata field removed.
    public var fullSize: ImageVariant
    /// The source's frames: more than 1 for an animated GIF or WebP, of which only the first is
    /// published (every file made is a still image).
    public var frames: Int

    /// Creates a result.
    public init(
        format: ImageFormat, width: Int, height: Int, fallback: ImageFormat, variants: [ImageVariant], fullSize: ImageVariant, frames: Int = 1
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.fallback = fallback
        self.variants = variants
        self.fullSize = fullSize
        self.frames = frames
    }
}

/// What the header of a source image says, read without decoding pixels.
public struct ImageHeader: Sendable, Hashable {
    /// The format its bytes are.
    public var format: ImageFormat
    /// The upright size (orientation applied).
    public var width: Int
    public var height: Int
    /// Whether it has an alpha channel.
    public var hasAlpha: Bool
    /// Its frames (pages): more than 1 for an animated GIF or WebP.
    public var pages: Int
    /// Whether it has no orientation tag to apply (stored upright).
    public var isUpright: Bool

    /// Creates a header.
    public init(format: ImageFormat, width: Int, height: Int, hasAlpha: Bool, pages: Int = 1, isUpright: Bool = true) {
        self.format = format
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        self.pages = pages
        self.isUpright = isUpright
    }
}
