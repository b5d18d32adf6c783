/// Decodes `site.yaml`'s `environments:` (the values a `--environment` build replaces) and checks base
/// URLs, for the decoder of the whole file.
enum EnvironmentsDecoder {
    /// `environments: {preview: {base_url: https://example.github.io/clinic-site/}}`.
    static func decode(_ value: YAMLValue, reader: inout YAMLFieldReader) -> [SiteEnvironment: EnvironmentSettings] {
        var result: [SiteEnvironment: EnvironmentSettings] = [:]
        guard let pairs = reader.mapping(value, what: "'environments'") else { return result }
        let names = SiteEnvironment.allCases.map(\.rawValue)
        for pair in pairs {
            guard let environment = SiteEnvironment(rawValue: pair.key) else {
                reader.unknownKey(pair, known: names, in: "'environments'")
                continue
            }
            var settings = EnvironmentSettings()
            guard let settingPairs = reader.mapping(pair.value, what: "'environments.\(pair.key)'") else { continue }
            for setting in settingPairs {
                if setting.key == "base_url" {
                    settings.baseURL = decodeBaseURL(setting.value, key: "environments.\(pair.key).base_url", reader: &reader)
                } else {
                    reader.unknownKey(setting, known: ["base_url"], in: "'environments.\(pair.key)'")
                }
            }
            result[environment] = settings
        }
        return result
    }

    /// A base URL, normalised; an error at the value with the corrected URL as the hint.
    static func decodeBaseURL(_ value: YAMLValue, key: String, reader: inout YAMLFieldReader) -> String? {
        guard let text = reader.nonEmptyText(value, key: key) else { return nil }
        switch BaseURL.check(text) {
        case .success(let url):
            return url
        case .failure(let problem):
            reader.report(id: "config.value", at: value.position, problem.message, hint: problem.hint)
            return nil
        }
    }
}
