internal import Foundation

/// Turns heading text into URL fragment ids: lowercase, accents folded, punctuation dropped, runs of
/// spaces and hyphens joined into one hyphen. `"Recovery & Aftercare"` becomes `recovery-aftercare`.
public enum HeadingSlug {
    /// The slug of `text`; `"section"` when nothing usable is left (a heading of only punctuation).
    public static func make(from text: String) -> String {
        let folded: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            folded = text
        } else {
            folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        var slug = String.UnicodeScalarView()
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                switch value {
                case 0x30...0x39, 0x61...0x7A, 0x5F:  // 0-9 a-z _
                    if pendingHyphen && !slug.isEmpty { slug.append("-") }
                    pendingHyphen = false
                    slug.append(scalar)
                case 0x41...0x5A:  // A-Z
                    if pendingHyphen && !slug.isEmpty { slug.append("-") }
                    pendingHyphen = false
                    slug.append(Unicode.Scalar(value + 0x20)!)
                case 0x20, 0x09, 0x0A, 0x2D:  // space, tab, newline, hyphen
                    pendingHyphen = true
                default:
                    continue  // ASCII punctuation is dropped
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { slug.append(lower) }
            } else if scalar.properties.isWhitespace || scalar.properties.generalCategory == .dashPunctuation {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "section" : String(slug)
    }
}

/// Hands out heading ids that are unique within one document.
///
/// Explicit ids win: an automatic slug that equals an explicit id elsewhere in the document is
/// numbered instead. Repeated slugs get `-1`, `-2`, ... skipping every id that is taken or that another
/// heading will ask for by its own text (`recovery`, `recovery-1`, even when a later heading reads
/// "Recovery 1" and keeps `recovery-1` for itself).
struct HeadingIDAllocator {
    private var taken: Set<String> = []
    /// The next number to try for each preferred id: every lower one was taken (`taken` only grows),
    /// so ten thousand headings called "Notes" cost ten thousand tries, not fifty million.
    private var nextNumber: [String: Int] = [:]
    private let explicitIDs: Set<String>
    private let firstChoices: Set<String>

    /// Creates an allocator for a document whose headings ask for `firstChoices`, of which
    /// `explicitIDs` were written by the author.
    init(firstChoices: Set<String>, explicitIDs: Set<String>) {
        self.firstChoices = firstChoices
        self.explicitIDs = explicitIDs
    }

    /// Returns `preferred` if it is free, else the first free `preferred-N`.
    mutating func allocate(_ preferred: String, isExplicit: Bool) -> String {
        if !taken.contains(preferred) && (isExplicit || !explicitIDs.contains(preferred)) {
            taken.insert(preferred)
            return preferred
        }
        var counter = nextNumber[preferred] ?? 1
        while true {
            let candidate = "\(preferred)-\(counter)"
            counter += 1
            if !taken.contains(candidate) && !firstChoices.contains(candidate) {
                taken.insert(candidate)
                nextNumber[preferred] = counter
                return candidate
            }
        }
    }
}
