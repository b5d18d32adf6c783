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

    static let hint = "export the drawing again as plain SVG (for example Inkscape's \"Optimized SVG\") without scripts, links or embedded files"
}
