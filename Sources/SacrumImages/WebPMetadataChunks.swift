/// Removes the metadata chunks (`EXIF`, `XMP `, `ICCP`) from a WebP file and clears their flags in the
/// `VP8X` header. libvips 8.14.0–8.14.1's WebP saver ignores `strip` and, even with every metadata
/// field removed from the image, writes an `EXIF` chunk it builds from the image's resolution; this
/// pass is what makes Sacrum's WebP files carry none (fixed upstream in 8.14.2, commit fe203d72e).
enum WebPMetadataChunks {
    private static let removed: Set<String> = ["EXIF", "XMP ", "ICCP"]
    /// VP8X flag bits: ICC profile, EXIF, XMP.
    private static let metadataFlags: UInt8 = 0x20 | 0x08 | 0x04

    /// `webp` without metadata chunks, or nil when it is not a well-formed RIFF/WebP file.
    static func strip(_ webp: [UInt8]) -> [UInt8]? {
        guard webp.count >= 12, webp[0..<4].elementsEqual("RIFF".utf8), webp[8..<12].elementsEqual("WEBP".utf8) else { return nil }
        var output = Array(webp[0..<12])
        output.reserveCapacity(webp.count)
        var offset = 12
        while offset < webp.count {
            guard webp.count - offset >= 8 else { return nil }
            let fourCC = String(decoding: webp[offset..<offset + 4], as: UTF8.self)
            let size = Int(webp[offset + 4]) | Int(webp[offset + 5]) << 8 | Int(webp[offset + 6]) << 16 | Int(webp[offset + 7]) << 24
            let padded = size + (size & 1)
            guard webp.count - offset - 8 >= size else { return nil }
            let end = min(webp.count, offset + 8 + padded)
            if !removed.contains(fourCC) {
                var chunk = Array(webp[offset..<end])
                if fourCC == "VP8X", chunk.count > 8 { chunk[8] &= ~metadataFlags }
                output += chunk
            }
            offset = end
        }
        let riffSize = UInt32(output.count - 8)
        output[4] = UInt8(riffSize & 0xFF)
        output[5] = UInt8(riffSize >> 8 & 0xFF)
        output[6] = UInt8(riffSize >> 16 & 0xFF)
        output[7] = UInt8(riffSize >> 24)
        return output
    }
}
