import SacrumImages

/// A processed image as pages show it: where each variant is published and the source's size.
struct PublishedImage: Sendable, Hashable {
    struct Variant: Sendable, Hashable {
        var url: String
        var format: ImageFormat
        var width: Int
    }

    /// Upright size of the source, for `width`/`height` (the aspect ratio the browser reserves).
    var width: Int
    var height: Int
    var fallback: ImageFormat
    var variants: [Variant]

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
