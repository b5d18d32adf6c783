internal import Foundation

/// Names of a language as readers would write them, from the platform's locale data.
enum LanguageNames {
    /// `language`'s name in the reader's language first ("inglés"), then in its own ("English").
    static func names(of language: SiteLanguage, readBy reader: SiteLanguage) -> [String] {
        let code = SiteLanguage.primarySubtag(of: language.tag)
        var names: [String] = []
        if let inReader = Locale(identifier: reader.tag).localizedString(forLanguageCode: code) { names.append(inReader) }
        names.append(language.name)
        if let own = Locale(identifier: language.tag).localizedString(forLanguageCode: code) { names.append(own) }
        var seen = Set<String>()
        return names.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    /// `text` with case and accents ignored, for finding a language's name in a link.
    public static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
