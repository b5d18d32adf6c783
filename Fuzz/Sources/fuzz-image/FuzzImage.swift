import FuzzSupport
import SacrumImages

/// Image headers and decoding: arbitrary bytes go through what a build does with an image file —
/// the type sniffing (`ImageFormat(sniffing:)`), the header read and the pixel limit before any
/// decoding (`ImageProcessor.inspect`), then the strict decode, resize and encode
/// (`ImageProcessor.process`), with a small pixel limit so that each input stays fast. Every input
/// either fails with an `ImageError` that has a message, or gives files of the size its header said.
/// libvips runs under AddressSanitizer's allocator here, but is not instrumented itself: the target
/// finds crashes, hangs and leaks through it, and memory errors in Sacrum's own code.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let processor = ImageProcessor(maxPixels: 1_000_000)
    let sniffed = ImageFormat(sniffing: bytes)

    // The header alone, as the type check sees it: with no claimed type, and with a claim it may lie about.
    let header: ImageHeader
    do {
        header = try processor.inspect(bytes, claimed: nil)
    } catch {
        invariant(!error.message.isEmpty, "an ImageError without a message")
        return 0
    }
    invariant(sniffed == header.format, "inspect says \(header.format), sniffing says \(String(describing: sniffed))")
    invariant(header.width >= 1 && header.height >= 1, "a header of \(header.width) x \(header.height)")
    invariant(header.width * header.height <= processor.maxPixels, "a header over the pixel limit passed")
    for claim in [ImageFormat.jpeg, .png] where claim != header.format {
        do {
            _ = try processor.inspect(bytes, claimed: claim)
            invariant(false, "a \(header.format) file passed as \(claim)")
        } catch {
            invariant(!error.message.isEmpty, "an ImageError without a message")
        }
    }

    // Decoding, resizing and encoding.
    let request = ImageRequest(widths: [16, 64], formats: [.webp], quality: 50)
    do {
        let image = try processor.process(bytes, claimed: header.format, request: request)
        invariant(image.width == header.width && image.height == header.height, "processed size differs from the header's")
        invariant(!image.variants.isEmpty, "no variants")
        invariant(image.fullSize.width == header.width && image.fullSize.height == header.height, "the full-size copy is resized")
        for variant in image.variants + [image.fullSize] {
            invariant(!variant.bytes.isEmpty, "an empty \(variant.format) file")
            invariant(ImageFormat(sniffing: variant.bytes) == variant.format, "a \(variant.format) file that is not one")
            invariant(variant.width <= header.width, "a variant wider than the source")
        }
    } catch {
        invariant(!error.message.isEmpty, "an ImageError without a message")
    }
    return 0
}
