/// Decodes `publish:` in site.yaml: each switch a boolean, `brotli_quality` a number from 0 to 11.
struct PublishSettingsDecoder {
    static let keys = ["gzip", "brotli", "brotli_quality", "headers", "redirects", "nginx", "manifest"]

    func decode(_ value: YAMLValue, reader: inout YAMLFieldReader) -> PublishSettings {
        var settings = PublishSettings()
        guard let pairs = reader.mapping(value, what: "'publish'") else { return settings }
        for pair in pairs {
            let key = "publish." + pair.key
            switch pair.key {
            case "gzip": settings.gzip = reader.bool(pair.value, key: key) ?? settings.gzip
            case "brotli": settings.brotli = reader.bool(pair.value, key: key) ?? settings.brotli
            case "headers": settings.headers = reader.bool(pair.value, key: key) ?? settings.headers
            case "redirects": settings.redirects = reader.bool(pair.value, key: key) ?? settings.redirects
            case "nginx": settings.nginx = reader.bool(pair.value, key: key) ?? settings.nginx
            case "manifest": settings.manifest = reader.bool(pair.value, key: key) ?? settings.manifest
            case "brotli_quality":
                guard let quality = reader.integer(pair.value, key: key) else { continue }
                if (0...11).contains(quality) {
                    settings.brotliQuality = quality
                } else {
                    reader.report(
                        id: "config.value", at: pair.value.position, "'\(key)' must be between 0 and 11, not \(quality)",
                        hint: "write '\(key): \(PublishSettings.defaultBrotliQuality)' (11 is smallest and slowest)")
                }
            default:
                reader.unknownKey(pair, known: Self.keys, in: "'publish'")
            }
        }
        return settings
    }
}
