internal import CVips

/// The only code that touches libvips pointers. Every image it creates is unreferenced by a `defer`
/// in the same function, and every buffer libvips allocates is freed there too; nothing but Swift
/// values leaves.
enum VipsEngine {
    /// libvips, started once per process: `vips_init`, no operation cache (in 8.14 it is keyed by
    /// file name and pointer, so an edited image could come back stale), and only the loaders of the
    /// formats Sacrum publishes (SVG, PDF, ImageMagick and the other loaders stay blocked).
    ///
    /// It also caps glibc's malloc arenas at one per core (glibc makes up to eight per core): libvips
    /// allocates its buffers from every worker thread, and with the default each thread's freed
    /// buffers stay in its own arena; and it fixes the heap's trim threshold at 1 MB. On the 2-core
    /// machine the arenas took the peak memory of a build of ten 12-megapixel photos from 207 MB to
    /// about 155 MB, the trim threshold to about 133 MB, neither slower.
    static let startup: Result<Void, ImageError> = {
        sacrum_tune_malloc()
        if vips_init("sacrum") != 0 { return .failure(.engineUnavailable(takeError())) }
        vips_cache_set_max(0)
        vips_operation_block_set("VipsForeignLoad", 1)
        for loader in ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadNsgif", "VipsForeignLoadHeif"] {
            vips_operation_block_set(loader, 0)
        }
        return .success(())
    }()

    /// The libvips version, part of every cache key: another encoder makes other bytes.
    static var version: String { String(cString: vips_version_string()) }

    /// Reads the header only.
    static func header(of bytes: UnsafeRawBufferPointer) throws(ImageError) -> (width: Int, height: Int, hasAlpha: Bool, pages: Int, isUpright: Bool) {
        try startup.get()
        guard let base = bytes.baseAddress, let image = sacrum_vips_header(base, bytes.count) else {
            throw .undecodable(takeError())
        }
        defer { sacrum_vips_unref(image) }
        var width = Int(vips_image_get_width(image))
        var height = Int(vips_image_get_height(image))
        if vips_image_get_orientation_swap(image) != 0 { swap(&width, &height) }
        return (width, height, vips_image_hasalpha(image) != 0, Int(vips_image_get_n_pages(image)), vips_image_get_orientation(image) <= 1)
    }

    /// Decodes, turns upright, converts to sRGB and scales to `width`, removes every metadata field,
    /// then encodes the result once per entry of `encodings` (format and quality).
    /// `width` nil is the full size, decoded strictly: any decoder warning (truncation, damage) fails.
    /// Scaled variants shrink on load and must come after the full size has passed. `isUpright` (no
    /// orientation tag to apply) lets the full size stream its pixels instead of holding them all.
    static func render(
        _ bytes: UnsafeRawBufferPointer, width: Int?, encodings: [(format: ImageFormat, quality: Int)], isUpright: Bool = false
    ) throws(ImageError) -> [ImageVariant] {
        try startup.get()
        guard let base = bytes.baseAddress else { throw .unknownFormat }
        var scaled: UnsafeMutablePointer<VipsImage>?
        let status =
            if let width { sacrum_vips_thumbnail(base, bytes.count, Int32(clamping: width), &scaled) } else { sacrum_vips_full_size(base, bytes.count, isUpright ? 1 : 0, &scaled) }
        guard status == 0, let scaled else {
            throw .undecodable(takeError())
        }
        defer { sacrum_vips_unref(scaled) }
        // With more than one encoding, decoded once into memory so that each encoding does not decode
        // the source again; with one (the full-size copy, 36 MB for a 12-megapixel photo) the encoder
        // pulls the pixels through. Either way a decoding error fails the call.
        let decoded: UnsafeMutablePointer<VipsImage>
        if encodings.count > 1 {
            guard let inMemory = vips_image_copy_memory(scaled) else { throw .undecodable(takeError()) }
            decoded = inMemory
        } else {
            g_object_ref(scaled)
            decoded = scaled
        }
        defer { sacrum_vips_unref(decoded) }
        var bare: UnsafeMutablePointer<VipsImage>?
        guard sacrum_vips_copy(decoded, &bare) == 0, let bare else { throw .undecodable(takeError()) }
        defer { sacrum_vips_unref(bare) }
        removeAllMetadata(from: bare)

        let outWidth = Int(vips_image_get_width(bare))
        let outHeight = Int(vips_image_get_height(bare))
        var variants: [ImageVariant] = []
        for (format, quality) in encodings {
            let encoded = try encode(bare, as: format, quality: Int32(clamping: quality), optimize: width != nil)
            variants.append(ImageVariant(format: format, width: outWidth, height: outHeight, bytes: encoded))
        }
        return variants
    }

    /// Removes every metadata field (EXIF and its `exif-ifd*` fields, GPS, XMP, IPTC, Photoshop
    /// blocks, the ICC profile, comments, orientation). The savers' `strip` is set too, but libvips
    /// 8.14.0–8.14.1's WebP saver ignores it, so the fields themselves go.
    private static func removeAllMetadata(from image: UnsafeMutablePointer<VipsImage>) {
        guard let fields = vips_image_get_fields(image) else { return }
        defer { g_strfreev(fields) }
        var index = 0
        while let name = fields[index] {
            // The built-in header fields (width, bands, …) are not metadata; removing them is a no-op.
            _ = vips_image_remove(image, name)
            index += 1
        }
    }

    private static func encode(_ image: UnsafeMutablePointer<VipsImage>, as format: ImageFormat, quality: Int32, optimize: Bool) throws(ImageError) -> [UInt8] {
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        let status: Int32 =
            switch format {
            case .webp: sacrum_vips_webp(image, quality, &buffer, &length)
            case .jpeg: sacrum_vips_jpeg(image, quality, optimize ? 1 : 0, &buffer, &length)
            case .png: sacrum_vips_png(image, &buffer, &length)
            case .gif: sacrum_vips_gif(image, &buffer, &length)
            case .avif: sacrum_vips_avif(image, quality, &buffer, &length)
            }
        defer { if let buffer { g_free(buffer) } }
        guard status == 0, let buffer else { throw .undecodable(takeError()) }
        let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: length))
        guard format == .webp else { return bytes }
        guard let stripped = WebPMetadataChunks.strip(bytes) else { throw .undecodable("libvips wrote a malformed WebP file") }
        return stripped
    }

    /// libvips' error text (one buffer for all threads), taken and cleared.
    private static func takeError() -> String {
        guard let text = vips_error_buffer_copy() else { return "unknown libvips error" }
        defer { g_free(text) }
        let message = String(cString: text).split(separator: "\n").map { $0.trimmingPrefix(" ") }.joined(separator: "; ")
        return message.isEmpty ? "unknown libvips error" : message
    }
}
