internal import Foundation

/// One language of a multilingual site (`languages:` in site.yaml): its tag, the code its translation
/// files carry (`si-joint-fusion.es.md`), where it is published and what differs per language.
public struct SiteLanguage: Sendable, Hashable {
    /// The BCP 47 tag (`es-US`), for `<html lang>`, `hreflang` and `inLanguage`.
    public var tag: String
    /// The code a translation's file name carries before `.md` (`es`); the tag itself is accepted too.
    public var code: String
    /// The language's name in the language itself (`Español`), for the language switch.
    public var name: String
    /// The site path the language's pages are published under (`/es/`; `/` for the default language).
    public var prefix: String
    /// The site's title in this language.
    public var title: String
    /// The main menu in this language.
    public var menu: [MenuItemConfig]
    /// The footer menu in this language.
    var footerMenu: [MenuItemConfig]
    /// Where the language is named in site.yaml (its key), for diagnostics.
    public var position: YAMLPosition
    /// Where its `prefix` is written (its key's position when the prefix is the default).
    var prefixPosition: YAMLPosition

    /// Creates a language.
    init(
        tag: String, code: String, name: String, prefix: String, title: String, menu: [MenuItemConfig] = [],
        footerMenu: [MenuItemConfig] = [], position: YAMLPosition = YAMLPosition(line: 1, column: 1),
        prefixPosition: YAMLPosition? = nil
    ) {
        self.tag = tag
        self.code = code
        self.name = name
        self.prefix = prefix
        self.title = title
        self.menu = menu
        self.footerMenu = footerMenu
        self.position = position
        self.prefixPosition = prefixPosition ?? position
    }

    /// The Open Graph form of the tag (`es_US`).
    public var ogLocale: String { tag.split(separator: "-").joined(separator: "_") }

    /// Whether a translation file's code (`es`, `es-US`, any letter case) names this language.
    func isNamed(byCode text: String) -> Bool {
        text.lowercased() == code.lowercased() || text.lowercased() == tag.lowercased()
    }
}

extension SiteLanguage {
    /// The language subtag of a tag (`es` of `es-US`), lower-cased.
    public static func primarySubtag(of tag: String) -> String {
        String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
    }

    /// The language's own name from the platform's locale data (`Español` for `es-US`), with its first
    /// letter capitalised as at the start of a line; the tag when the data has no name for it.
    static func ownName(of tag: String) -> String {
        let locale = Locale(identifier: tag)
        guard let name = locale.localizedString(forLanguageCode: primarySubtag(of: tag)), !name.isEmpty else { return tag }
        return name.prefix(1).uppercased(with: locale) + name.dropFirst()
    }
}
