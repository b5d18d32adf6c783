internal import Foundation

/// A translation's file name carries its language before `.md`: `si-joint-fusion.es.md`,
/// `_index.es-US.md`, `index.es.md`. This splits such a name into the name of the page it translates
/// (`si-joint-fusion.md`) and the code (`es`).
///
/// Only a code whose language subtag is a two-letter ISO 639-1 code known to the platform's locale
/// data counts, so that a name such as `release.v2.md` or `node.config.md` stays an ordinary page.
enum TranslationFileName {
    /// The original's file name and the language code, or `nil` when the name carries no language.
    public static func split(_ fileName: String) -> (original: String, code: String)? {
        guard fileName.hasSuffix(".md") else { return nil }
        let stem = fileName.dropLast(3)
        guard let dot = stem.lastIndex(of: "."), dot > stem.startIndex else { return nil }
        let code = String(stem[stem.index(after: dot)...])
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 2, first.allSatisfy({ $0.isASCII && $0.isLetter }),
            isoLanguageCodes.contains(first.lowercased()),
            parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        return (String(stem[..<dot]) + ".md", code)
    }

    /// ISO 639-1 language codes, from the platform's locale data.
    static let isoLanguageCodes: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier).filter { $0.count == 2 })
}
