/// What to make of one source image: the widths and formats a theme asks for.
public struct ImageRequest: Sendable, Hashable {
    /// Widths in pixels of the responsive variants; widths above the source's are left out and the
    /// source's own width is added instead (an image is never enlarged).
    public var widths: [Int]
    /// Modern formats offered beside the fallback (`<source type=…>`), e.g. `[.webp]` or `[.avif, .webp]`.
    public var formats: [ImageFormat]
    /// Quality (1–100) of the WebP and JPEG variants; 75 is Hugo's and libvips' default.
    public var quality: Int
    /// Quality of AVIF variants; AVIF at 50 looks like JPEG at 75.
    public var avifQuality: Int
    /// Quality of the metadata-free copy at the source's full size published at the source's path.
    public var fullSizeQuality: Int

    /// Creates a request.
    public init(widths: [Int], formats: [ImageFormat] = [.webp], quality: Int = 75, avifQuality: Int = 50, fullSizeQuality: Int = 90) {
        self.widths = widths
        self.formats = formats
        self.quality = quality
        self.avifQuality = avifQuality
        self.fullSizeQuality = fullSizeQuality
    }

    /// The widths actually made for a source `sourceWidth` pixels wide: the requested widths up to it,
    /// sorted and unique, plus the source width when it is narrower than the widest requested one (or
    /// when no requested width is below it).
    public func widths(forSourceWidth sourceWidth: Int) -> [Int] {
        var made = Set(widths.filter { $0 > 0 && $0 <= sourceWidth })
        if made.isEmpty || (widths.max() ?? 0) > sourceWidth { made.insert(sourceWidth) }
        return made.sorted()
    }

    /// A stable text of every parameter that changes the output, for cache keys.
    public var fingerprint: String {
        "w=\(widths.map(String.init).joined(separator: ","));f=\(formats.map(\.rawValue).joined(separator: ","));q=\(quality);aq=\(avifQuality);fq=\(fullSizeQuality)"
    }
}
