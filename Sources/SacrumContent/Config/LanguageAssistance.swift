/// The taglines that tell people, in their own language, that free language help exists (Section
/// 1557 of the ACA): `language_assistance:` in site.yaml. The footer of the default theme links to the
/// page that shows them, and `{{< taglines >}}` shows them there, each in its own `lang`.
public struct LanguageAssistance: Sendable, Hashable {
    /// One tagline.
    public struct Tagline: Sendable, Hashable {
        /// The language's BCP 47 tag (`es`), for `lang`.
        public var language: String
        /// The language's name in itself (`Español`).
        public var name: String
        /// The sentence; `{phone}` stands for the practice's phone number.
        public var text: String

        /// Creates a tagline.
        init(language: String, name: String, text: String) {
            self.language = language
            self.name = name
            self.text = text
        }
    }

    /// The page that shows the taglines (a content path, `nondiscrimination.md`), if any.
    public var page: String?
    /// Where `page` is written in site.yaml.
    var pagePosition: YAMLPosition
    /// The taglines, in order.
    public var taglines: [Tagline]

    /// Creates the settings.
    init(page: String?, pagePosition: YAMLPosition, taglines: [Tagline]) {
        self.page = page
        self.pagePosition = pagePosition
        self.taglines = taglines
    }
}

extension SiteConfigDecoder {
    /// `language_assistance: {page: nondiscrimination.md, taglines: [{language: es, name: Español, text: "..."}]}`.
    func decodeLanguageAssistance(_ value: YAMLValue, reader: inout YAMLFieldReader) -> LanguageAssistance? {
        guard let pairs = reader.mapping(value, what: "'language_assistance'") else { return nil }
        var result = LanguageAssistance(page: nil, pagePosition: value.position, taglines: [])
        for pair in pairs {
            switch pair.key {
            case "page":
                result.page = reader.nonEmptyText(pair.value, key: "language_assistance.page")
                result.pagePosition = pair.value.position
            case "taglines":
                guard case .sequence(let elements, _) = pair.value else {
                    reader.report(
                        id: "yaml.type", at: pair.value.position, "'language_assistance.taglines' must be a list",
                        hint: "write one '- {language: es, name: Español, text: \"...\"}' entry per language")
                    continue
                }
                for element in elements {
                    guard let fields = reader.mapping(element, what: "a tagline") else { continue }
                    var language: String?
                    var name: String?
                    var text: String?
                    for field in fields {
                        switch field.key {
                        case "language":
                            if let tag = reader.nonEmptyText(field.value, key: "language_assistance.taglines.language") {
                                if Self.isLanguageTag(tag) {
                                    language = tag
                                } else {
                                    reader.report(
                                        id: "config.language", at: field.value.position, "'\(tag)' is not a language tag",
                                        hint: "write a BCP 47 tag such as 'es' or 'vi'")
                                }
                            }
                        case "name": name = reader.nonEmptyText(field.value, key: "language_assistance.taglines.name")
                        case "text": text = reader.nonEmptyText(field.value, key: "language_assistance.taglines.text")
                        default: reader.unknownKey(field, known: ["language", "name", "text"], in: "a tagline")
                        }
                    }
                    guard let language, let name, let text else {
                        if !fields.contains(where: { $0.key == "language" }) || !fields.contains(where: { $0.key == "name" })
                            || !fields.contains(where: { $0.key == "text" })
                        {
                            reader.report(
                                id: "config.missing", at: element.position, "a tagline needs 'language', 'name' and 'text'",
                                hint: "write '- {language: es, name: Español, text: \"ATENCIÓN: ... Llame al {phone}.\"}'")
                        }
                        continue
                    }
                    result.taglines.append(LanguageAssistance.Tagline(language: language, name: name, text: text))
                }
            default:
                reader.unknownKey(pair, known: ["page", "taglines"], in: "'language_assistance'")
            }
        }
        return result
    }
}
