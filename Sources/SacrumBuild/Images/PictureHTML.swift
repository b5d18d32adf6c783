import SacrumImages

/// A processed image as pages show it: where each variant is published and the source's size.
struct PublishedImage: Sendable, Hashable {
    struct Variant: Sendable, Hashable {
        var url: String
        var format: ImageFormat
        var width: Int
        /// The file's size in bytes.
        var bytes: Int = 0
    }

    /// Upright size of the source, for `width`/`height` (the aspect ratio the browser reserves).
    var width: Int
    var height: Int
    var fallback: ImageFormat
    var variants: [Variant]
    /// Frames of the source: more than 1 for an animation, of which only the first is published.
    var frames: Int = 1

    /// The largest file a reader's browser may fetch for it (the widest variant of any format).
    var largest: Variant? {
        variants.max { ($0.width, $0.bytes) < ($1.width, $1.bytes) }
    }

    /// What a page showing it weighs at most: the widest variant in the first format a modern browser
    /// takes (the first `<source>`, or the fallback when there is none).
    var weight: Int {
        let format = variants.first { $0.format != fallback }?.format ?? fallback
        return variants.filter { $0.format == format }.max { $0.width < $1.width }?.bytes ?? 0
    }

    /// `<picture>` with one `<source>` per modern format and the fallback `<img>`: `srcset` by width,
    /// the theme's `sizes`, the source's `width` and `height`, lazy loading except for a page's first
    /// image. `alt` and `title` are plain text.
    func html(alt: String, title: String, sizes: String, isFirst: Bool) -> String {
        func srcset(_ format: ImageFormat) -> String {
            variants.filter { $0.format == format }.map { "\($0.url) \($0.width)w" }.joined(separator: ", ")
        }
        let sizesAttribute = Escaping.html(sizes)
        var html = "<picture>"
        var modern: [ImageFormat] = []
        for variant in variants where variant.format != fallback && !modern.contains(variant.format) { modern.append(variant.format) }
        for format in modern {
            html += "<source type=\"\(format.mediaType)\" srcset=\"\(srcset(format))\" sizes=\"\(sizesAttribute)\" />"
        }
        let largest = variants.last { $0.format == fallback }?.url ?? ""
        html += "<img src=\"\(largest)\" srcset=\"\(srcset(fallback))\" sizes=\"\(sizesAttribute)\""
        html += " width=\"\(width)\" height=\"\(height)\" alt=\"\(Escaping.html(alt))\""
        if !title.isEmpty { html += " title=\"\(Escaping.html(title))\"" }
        html += isFirst ? " decoding=\"async\" />" : " loading=\"lazy\" decoding=\"async\" />"
        return html + "</picture>"
    }
}
