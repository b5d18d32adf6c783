/// `languages:` in site.yaml: one entry per language, keyed by its BCP 47 tag.
///
/// ```yaml
/// language: en-US                 # the default language, published at /
/// languages:
///   en-US: {name: English}        # optional: the default takes the top-level title and menus
///   es-US:
///     name: Español               # in the language itself (default: from the platform's locale data)
///     code: es                    # what translation files carry: contact.es.md (default: the language subtag)
///     prefix: /es/                # where its pages are published (default: /<code>/)
///     title: Clínica de ejemplo
///     menu: [{title: Contacto, page: contact.md}]
///     footer_menu: [...]
/// ```
extension SiteConfigDecoder {
    static let languageKeys = ["name", "code", "prefix", "title", "menu", "footer_menu"]

    /// The languages, the default (`config.language`) first; an empty list after errors that leave
    /// no usable set.
    func decodeLanguages(_ pair: YAMLPair, config: SiteConfig, reader: inout YAMLFieldReader) -> [SiteLanguage] {
        guard let entries = reader.mapping(pair.value, what: "'languages'") else { return [] }
        var defaultLanguage = SiteLanguage(
            tag: config.language, code: SiteLanguage.primarySubtag(of: config.language),
            name: SiteLanguage.ownName(of: config.language), prefix: "/", title: config.title, menu: config.menu,
            footerMenu: config.footerMenu, position: pair.keyPosition)
        var others: [SiteLanguage] = []
        for entry in entries {
            let tag = entry.key
            guard Self.isLanguageTag(tag) else {
                reader.report(
                    id: "config.language", at: entry.keyPosition, "'\(tag)' is not a language tag",
                    hint: "write a BCP 47 tag such as 'es-US' or 'es'")
                continue
            }
            let isDefault = tag.lowercased() == config.language.lowercased()
            var language =
                isDefault
                ? defaultLanguage
                : SiteLanguage(
                    tag: tag, code: SiteLanguage.primarySubtag(of: tag), name: SiteLanguage.ownName(of: tag),
                    prefix: "/\(SiteLanguage.primarySubtag(of: tag))/", title: config.title, position: entry.keyPosition)
            var prefixWritten = false
            let pairs: [YAMLPair]
            if case .scalar(let text, _, _) = entry.value, text.isEmpty || text == "~" || text == "null" {
                pairs = []
            } else {
                guard let mapping = reader.mapping(entry.value, what: "the language '\(tag)'") else { continue }
                pairs = mapping
            }
            for setting in pairs {
                let key = "languages.\(tag).\(setting.key)"
                switch setting.key {
                case "name": language.name = reader.nonEmptyText(setting.value, key: key) ?? language.name
                case "title": language.title = reader.nonEmptyText(setting.value, key: key) ?? language.title
                case "menu": language.menu = decodeMenu(setting.value, key: key, reader: &reader)
                case "footer_menu": language.footerMenu = decodeMenu(setting.value, key: key, reader: &reader)
                case "code":
                    guard let code = reader.nonEmptyText(setting.value, key: key) else { continue }
                    if Self.isLanguageTag(code) && SiteLanguage.primarySubtag(of: code).count == 2 {
                        language.code = code
                        if !prefixWritten { language.prefix = isDefault ? "/" : "/\(code.lowercased())/" }
                    } else {
                        reader.report(
                            id: "config.language", at: setting.value.position,
                            "'\(code)' cannot be a translation file's language code",
                            hint: "use the two-letter language code ('es') or the whole tag ('es-US')")
                    }
                case "prefix":
                    guard let text = reader.nonEmptyText(setting.value, key: key) else { continue }
                    prefixWritten = true
                    language.prefixPosition = setting.value.position
                    if isDefault {
                        if text != "/" {
                            reader.report(
                                id: "config.language", at: setting.value.position,
                                "the default language (\(tag)) is published at '/', not '\(text)'",
                                hint: "remove 'prefix' from the default language, or make another language the default with 'language:'")
                        }
                        continue
                    }
                    do throws(SitePath.Problem) {
                        let normalized = try SitePath.normalize(text.hasSuffix("/") ? text : text + "/")
                        guard normalized != "/", normalized.split(separator: "/").count == 1 else {
                            reader.report(
                                id: "config.language", at: setting.value.position,
                                "a language's prefix is one folder under the site's root, not '\(text)'",
                                hint: "write 'prefix: /\(language.code.lowercased())/'")
                            continue
                        }
                        language.prefix = normalized.hasSuffix("/") ? normalized : normalized + "/"
                    } catch {
                        reader.report(
                            id: "config.language", at: setting.value.position, "the prefix '\(text)' cannot be used: \(error.message)",
                            hint: "write 'prefix: /\(language.code.lowercased())/'")
                    }
                default:
                    reader.unknownKey(setting, known: Self.languageKeys, in: "the language '\(tag)'")
                }
            }
            if isDefault {
                defaultLanguage = language
                continue
            }
            if let other = (others + [defaultLanguage]).first(where: { $0.prefix.lowercased() == language.prefix.lowercased() }) {
                reader.report(
                    id: "config.language", at: language.prefixPosition,
                    "\(tag) and \(other.tag) would both be published at \(language.prefix)",
                    hint: "give each language its own 'prefix'")
                continue
            }
            if let other = (others + [defaultLanguage]).first(where: { $0.isNamed(byCode: language.code) || language.isNamed(byCode: $0.code) }) {
                reader.report(
                    id: "config.language", at: entry.keyPosition,
                    "\(tag) and \(other.tag) have the same file code '\(language.code)', so a translation file could be either",
                    hint: "give one of them another 'code'")
                continue
            }
            others.append(language)
        }
        return [defaultLanguage] + others
    }
}
