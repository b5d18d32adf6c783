/// Turns a source image's bytes into the metadata-free, resized files Sacrum publishes.
///
/// Checks come before any decoding: the bytes must be the format the file name claims, and the
/// header's pixel count must be under `maxPixels`, so a 50,000 x 50,000 PNG of a few kilobytes is
/// refused before a byte of pixels is allocated. Decoding fails on truncation and damage.
public struct ImageProcessor: Sendable {
    /// The largest pixel count decoded (width x height): 100 megapixels by default, four times a
    /// 24-megapixel phone photo.
    public var maxPixels: Int

    /// Creates a processor.
    public init(maxPixels: Int = 100_000_000) {
        self.maxPixels = maxPixels
    }

    /// The libvips version in use (part of cache keys).
    public static var engineVersion: String { VipsEngine.version }

    /// Reads the format and upright size without decoding pixels; checks type and pixel limit.
    /// `claimed` is the format the file's extension names, if it names one.
    public func inspect(_ bytes: [UInt8], claimed: ImageFormat?) throws(ImageError) -> ImageHeader {
        guard let format = ImageFormat(sniffing: bytes) else { throw .unknownFormat }
        if let claimed, claimed != format { throw .wrongType(claimed: claimed, actual: format) }
        let header = try bytes.withUnsafeBytes { raw in Result { () throws(ImageError) in try VipsEngine.header(of: raw) } }.get()
        if header.width.multipliedReportingOverflow(by: header.height).partialValue > maxPixels
            || header.width.multipliedReportingOverflow(by: header.height).overflow
        {
            throw .tooManyPixels(width: header.width, height: header.height, limit: maxPixels)
        }
        return ImageHeader(format: format, width: header.width, height: header.height, hasAlpha: header.hasAlpha, pages: header.pages, isUpright: header.isUpright)
    }

    /// Checks the image as `inspect` does, then makes every variant of `request` and the full-size
    /// copy. Throws on the first problem; nothing is returned half made.
    public func process(_ bytes: [UInt8], claimed: ImageFormat?, request: ImageRequest) throws(ImageError) -> ProcessedImage {
        let header = try inspect(bytes, claimed: claimed)
        let fallback = header.format.fallback(hasAlpha: header.hasAlpha)
        var encodings: [(format: ImageFormat, quality: Int)] = []
        for format in request.formats where format != fallback && !encodings.contains(where: { $0.format == format }) {
            encodings.append((format, format == .avif ? request.avifQuality : request.quality))
        }
        encodings.append((fallback, fallback == .avif ? request.avifQuality : request.quality))
        let fullQuality = header.format == .avif ? request.avifQuality : request.fullSizeQuality
        return try bytes.withUnsafeBytes { raw in Result { () throws(ImageError) in try make(raw) } }.get()

        func make(_ raw: UnsafeRawBufferPointer) throws(ImageError) -> ProcessedImage {
            // The full size first: its strict decode is what rejects a truncated or damaged file.
            let full = try VipsEngine.render(raw, width: nil, encodings: [(header.format, fullQuality)], isUpright: header.isUpright)
            guard let fullSize = full.first else { throw .undecodable("no full-size copy was made") }
            var variants: [ImageVariant] = []
            for width in request.widths(forSourceWidth: header.width) {
                variants += try VipsEngine.render(raw, width: width, encodings: encodings)
            }
            return ProcessedImage(
                format: header.format, width: header.width, height: header.height, fallback: fallback,
                variants: variants, fullSize: fullSize, frames: header.pages)
        }
    }
}
