import Foundation
import SacrumContent
import SacrumImages

/// How a theme wants raster images published: the `images:` mapping of `themes/NAME/theme.yaml`.
///
/// ```yaml
/// images:
///   widths: [480, 960, 1600]      # variants made (never wider than the source)
///   sizes: "(min-width: 60rem) 60rem, 100vw"
///   formats: [webp]               # modern formats beside the fallback; avif costs far more to encode
///   quality: 75
/// ```
struct ImageSettings: Sendable, Hashable {
    var widths = [480, 960, 1600]
    var sizes = "100vw"
    var formats: [ImageFormat] = [.webp]
    var quality = 75

    var request: ImageRequest { ImageRequest(widths: widths, formats: formats, quality: quality) }

    static let keys = ["widths", "sizes", "formats", "quality"]

    /// The settings of the theme at `root/themes/themeName`, with a diagnostic for each value that
    /// cannot be used (the default stands in for it). Keys of theme.yaml other than `images` are not
    /// this reader's business.
    static func load(root: String, themeName: String) -> (ImageSettings, [Diagnostic]) {
        let file = SiteLayout(root: root, themeName: themeName).themeConfigFile
        var settings = ImageSettings()
        guard let data = FileManager.default.contents(atPath: root + "/" + file) else { return (settings, []) }
        var reader = YAMLFieldReader(file: file)
        let document: YAMLValue?
        do {
            document = try YAMLParser().parse(String(decoding: data, as: UTF8.self))
        } catch {
            reader.report(id: error.id, at: error.position, error.message, hint: error.hint)
            return (settings, reader.diagnostics)
        }
        guard let images = document?["images"], let pairs = reader.mapping(images, what: "'images'") else {
            return (settings, reader.diagnostics)
        }
        for pair in pairs {
            switch pair.key {
            case "widths":
                guard case .sequence(let items, _) = pair.value else {
                    reader.report(id: "yaml.type", at: pair.value.position, "'widths' must be a list of pixel widths, like [480, 960, 1600]")
                    continue
                }
                let widths = items.compactMap { reader.integer($0, key: "widths") }
                if let bad = widths.first(where: { $0 < 16 || $0 > 10_000 }) {
                    reader.report(id: "config.value", at: pair.value.position, "the width \(bad) is out of range", hint: "use widths from 16 to 10000 pixels")
                } else if !widths.isEmpty {
                    settings.widths = widths
                }
            case "sizes":
                if let text = reader.nonEmptyText(pair.value, key: "sizes") { settings.sizes = text }
            case "formats":
                guard let names = reader.textList(pair.value, key: "formats") else { continue }
                var formats: [ImageFormat] = []
                for name in names {
                    guard let format = ImageFormat(rawValue: name.lowercased()), format == .webp || format == .avif else {
                        reader.report(id: "config.value", at: pair.value.position, "'\(name)' is not a modern image format Sacrum makes", hint: "use webp, avif or both")
                        continue
                    }
                    formats.append(format)
                }
                settings.formats = formats
            case "quality":
                if let quality = reader.integer(pair.value, key: "quality") {
                    if (1...100).contains(quality) {
                        settings.quality = quality
                    } else {
                        reader.report(id: "config.value", at: pair.value.position, "the quality \(quality) is out of range", hint: "use 1 to 100; 75 is the usual choice")
                    }
                }
            default:
                reader.unknownKey(pair, known: keys, in: "'images'")
            }
        }
        return (settings, reader.diagnostics)
    }
}
