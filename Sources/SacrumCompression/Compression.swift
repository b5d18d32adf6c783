internal import CBrotli
internal import CZlib

/// gzip (zlib) and Brotli, on byte arrays: the only code that touches zlib's and libbrotli's pointers.
/// Every C buffer and stream lives inside one call and is released before it returns.
///
/// The output depends only on the input and the settings: the gzip header carries no file name and a
/// modification time of 0, so the same bytes compress to the same bytes on every build.
public enum Compression {
    /// zlib's default level: on the pages of the 1,000-page benchmark corpus it gives the same bytes as
    /// level 9 (1,610,159 against 1,610,098 for 400 pages, `gzip -6` and `-9`) in less time, since 9
    /// only searches longer for matches that HTML rarely has.
    public static let gzipLevel: Int32 = 6

    /// `bytes` as a gzip member (RFC 1952) at `level`, or `nil` when zlib fails (out of memory).
    public static func gzip(_ bytes: [UInt8], level: Int32 = gzipLevel) -> [UInt8]? {
        var stream = z_stream()
        // 15 + 16: a 32 KiB window and a gzip wrapper; zlib writes a header with mtime 0 and no name
        // unless deflateSetHeader asks otherwise.
        let initialised = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initialised == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let result: Int32 = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { return nil }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// The bytes of a gzip member, or `nil` when they are not valid gzip.
    public static func gunzip(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return bytes.withUnsafeBufferPointer { input -> [UInt8]? in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let (status, produced): (Int32, Int) = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, out.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return output }
                guard status == Z_OK, produced > 0 || stream.avail_in > 0 else { return nil }
            }
        }
    }

    /// Brotli's highest quality.
    public static let brotliMaxQuality: Int32 = 11

    /// `bytes` compressed by Brotli at `quality` (0...11) in text mode, or `nil` when the encoder fails.
    /// The window is the smallest that holds the whole input (as the `brotli` tool chooses): the same
    /// output as a larger one, without allocating and clearing the larger one's tables for every small file.
    public static func brotli(_ bytes: [UInt8], quality: Int32) -> [UInt8]? {
        var window: Int32 = 10  // BROTLI_MIN_WINDOW_BITS
        while window < 24 && (1 << window) - 16 < bytes.count { window += 1 }  // up to BROTLI_MAX_WINDOW_BITS
        var size = BrotliEncoderMaxCompressedSize(bytes.count)
        if size == 0 { size = bytes.count + 1024 }
        var output = [UInt8](repeating: 0, count: size)
        let ok = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                BrotliEncoderCompress(
                    Int32(quality), window, BROTLI_MODE_TEXT, input.count, input.baseAddress, &size,
                    out.baseAddress)
            }
        }
        guard ok == BROTLI_TRUE else { return nil }
        output.removeSubrange(size...)
        return output
    }

    /// The bytes of a Brotli stream, or `nil` when they are not valid Brotli.
    public static func unbrotli(_ bytes: [UInt8]) -> [UInt8]? {
        guard let decoder = BrotliDecoderCreateInstance(nil, nil, nil) else { return nil }
        defer { BrotliDecoderDestroyInstance(decoder) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return bytes.withUnsafeBufferPointer { input -> [UInt8]? in
            var availableIn = input.count
            var nextIn = input.baseAddress
            while true {
                let (result, produced): (BrotliDecoderResult, Int) = chunk.withUnsafeMutableBufferPointer { out in
                    var availableOut = out.count
                    var nextOut = out.baseAddress
                    let result = BrotliDecoderDecompressStream(decoder, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    return (result, out.count - availableOut)
                }
                output.append(contentsOf: chunk[0..<produced])
                switch result {
                case BROTLI_DECODER_RESULT_SUCCESS: return availableIn == 0 ? output : nil
                case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: continue
                default: return nil  // an error, or input that ends too early
                }
            }
        }
    }
}

extension Compression {
    /// What a gzip twin depends on besides the input: the level and zlib's version.
    public static var gzipFingerprint: String { "gzip-\(gzipLevel)-zlib-" + String(cString: zlibVersion()) }

    /// What a Brotli twin depends on besides the input: the quality and the encoder's version.
    public static func brotliFingerprint(quality: Int32) -> String {
        let version = BrotliEncoderVersion()
        return "brotli-\(quality)-\(version >> 24).\((version >> 12) & 0xFFF).\(version & 0xFFF)"
    }
}
