import Foundation

/// What makes an SVG unsafe to publish as it is: scripts, event handlers, and references to anything
/// outside the file (a browser showing it through `<img>` ignores them, but opened on its own, or
/// inlined by a later template, the SVG runs them and leaks the reader's visit to other hosts).
enum SVGCheck {
    /// The first problem found in `svg`, as a sentence, or nil when it is safe.
    static func problem(in svg: [UInt8]) -> String? {
        let text = String(decoding: svg, as: UTF8.self).lowercased()
        if text.contains("<script") { return "the SVG contains a <script>" }
        if text.range(of: #"[\s"'/]on[a-z]+\s*=\s*["']"#, options: .regularExpression) != nil {
            return "the SVG has an event handler attribute (such as onload=), which runs code"
        }
        if text.contains("<foreignobject") { return "the SVG embeds HTML (<foreignObject>)" }
        if text.range(of: #"(href|src)\s*=\s*["']\s*[^"'#\s]"#, options: .regularExpression) != nil {
            return "the SVG refers to another file or address (href or src not starting with #)"
        }
        if text.range(of: #"url\(\s*["']?\s*[^"'#\s)]"#, options: .regularExpression) != nil || text.contains("@import") {
            return "the SVG's style loads another file or address (url() not starting with #, or @import)"
        }
        return nil
    }

    /// The drawing's size from its root `<svg>` element: `width` and `height` in pixels (plain numbers
    /// or `px`), else the `viewBox`'s; nil when neither gives a positive size (the `<img>` then has no
    /// `width`/`height`).
    static func size(of svg: [UInt8]) -> (width: Int, height: Int)? {
        let text = String(decoding: svg.prefix(4096), as: UTF8.self)
        guard let start = text.range(of: "<svg"), let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[start.upperBound..<end])
        func attribute(_ name: String) -> String? {
            guard let match = tag.range(of: "\\s\(name)\\s*=\\s*[\"'][^\"']*[\"']", options: .regularExpression) else { return nil }
            let value = tag[match].drop { $0 != "\"" && $0 != "'" }.dropFirst().dropLast()
            return value.trimmingCharacters(in: .whitespaces)
        }
        func pixels(_ value: String?) -> Double? {
            guard var value else { return nil }
            if value.hasSuffix("px") { value.removeLast(2) }
            guard let number = Double(value), number > 0, number < 100_000 else { return nil }
            return number
        }
        if let width = pixels(attribute("width")), let height = pixels(attribute("height")) {
            return (Int(width.rounded()), Int(height.rounded()))
        }
        let box = (attribute("viewBox") ?? "").split { $0 == " " || $0 == "," }.compactMap { Double($0) }
        guard box.count == 4, box[2] > 0, box[3] > 0, box[2] < 100_000, box[3] < 100_000 else { return nil }
        return (max(1, Int(box[2].rounded())), max(1, Int(box[3].rounded())))
    }

    static let hint = "export the drawing again as plain SVG (for example Inkscape's \"Optimized SVG\") without scripts, links or embedded files"
}
