/// Finds GitHub-flavoured extended autolinks in one run of text, by the rules of the GFM spec's
/// section "Autolinks (extension)" as cmark-gfm applies them: `www.` links, `http://`, `https://` and
/// `ftp://` links, and e-mail addresses; trailing punctuation, unbalanced closing parentheses and an
/// `&entity;` suffix are left out, and `<` ends a link.
///
/// Every scan moves forward or stays within a bounded window, so the time is linear in the text.
enum ExtendedAutolinkScanner {
    /// A link found in the text: a byte range and what the destination is made from.
    struct Match: Equatable {
        enum Kind: Equatable {
            /// `www.example.org`: the destination is `http://` plus the text.
            case www
            /// `https://example.org`: the destination is the text.
            case url
            /// `name@example.org`: the destination is `mailto:` plus the text.
            case email
        }

        var range: Range<Int>
        var kind: Kind
    }

    /// The links in `text`, in order and not overlapping.
    ///
    /// - Parameter wwwAllowedAtStart: Whether what comes before the text (the previous node, or the
    ///   start of the line) lets a `www.` link start at its first byte: whitespace or one of `*_~(`.
    static func matches(in text: UnsafeBufferPointer<UInt8>, wwwAllowedAtStart: Bool) -> [Match] {
        var found: [Match] = []
        found.reserveCapacity(4)
        var index = 0
        var lastEnd = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if byte == UInt8(ascii: "w") {
                let allowed = index == 0 ? wwwAllowedAtStart : allowsWWWAfter(text[index - 1])
                if allowed, let end = wwwLinkEnd(text, at: index) {
                    appendEmails(in: text, from: lastEnd, to: index, to: &found)
                    found.append(Match(range: index..<end, kind: .www))
                    index = end
                    lastEnd = end
                    continue
                }
            } else if byte == UInt8(ascii: ":") {
                if let range = urlLink(text, colon: index, earliestStart: lastEnd) {
                    appendEmails(in: text, from: lastEnd, to: range.lowerBound, to: &found)
                    found.append(Match(range: range, kind: .url))
                    index = range.upperBound
                    lastEnd = index
                    continue
                }
            }
            index += 1
        }
        appendEmails(in: text, from: lastEnd, to: count, to: &found)
        return found
    }

    // MARK: - www. and scheme links

    private static func allowsWWWAfter(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            || byte == UInt8(ascii: "(")
    }

    private static func wwwLinkEnd(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let size = text.count - start
        guard size >= 4, text[start + 1] == UInt8(ascii: "w"), text[start + 2] == UInt8(ascii: "w"),
            text[start + 3] == UInt8(ascii: ".")
        else { return nil }
        let domain = domainLength(text, from: start, size: size, allowShort: false)
        guard domain > 0 else { return nil }
        var end = start + domain
        while end < text.count && !isSpace(text[end]) && text[end] != UInt8(ascii: "<") { end += 1 }
        let length = trimmedLength(text, from: start, length: end - start)
        return length > 0 ? start + length : nil
    }

    private static let schemes: [[UInt8]] = [Array("http://".utf8), Array("https://".utf8), Array("ftp://".utf8)]

    private static func urlLink(_ text: UnsafeBufferPointer<UInt8>, colon: Int, earliestStart: Int) -> Range<Int>? {
        let size = text.count - colon
        guard size >= 4, text[colon + 1] == UInt8(ascii: "/"), text[colon + 2] == UInt8(ascii: "/") else { return nil }
        var start = colon
        while start > earliestStart && isAlpha(text[start - 1]) { start -= 1 }
        let available = text.count - start
        let isSafe = schemes.contains { scheme in
            guard available > scheme.count else { return false }
            for (offset, expected) in scheme.enumerated() where lowercased(text[start + offset]) != expected {
                return false
            }
            return isValidHostCharacter(text, at: start + scheme.count)
        }
        guard isSafe else { return nil }
        let domain = domainLength(text, from: colon + 3, size: size - 3, allowShort: true)
        guard domain > 0 else { return nil }
        var end = colon + 3 + domain
        while end < text.count && !isSpace(text[end]) && text[end] != UInt8(ascii: "<") { end += 1 }
        let length = trimmedLength(text, from: colon, length: end - colon)
        return length > 0 ? start..<(colon + length) : nil
    }

    /// cmark-gfm's `check_domain`: the length of the domain at `base`, 0 when it is not one. It starts at
    /// the second byte and stops before the last, as cmark-gfm does; the path scan that follows covers both.
    private static func domainLength(_ text: UnsafeBufferPointer<UInt8>, from base: Int, size: Int, allowShort: Bool) -> Int {
        var index = 1
        var periods = 0
        var underscoresBefore = 0
        var underscores = 0
        while index < size - 1 {
            if text[base + index] == UInt8(ascii: "\\") && index < size - 2 { index += 1 }
            let byte = text[base + index]
            if byte == UInt8(ascii: "_") {
                underscores += 1
            } else if byte == UInt8(ascii: ".") {
                underscoresBefore = underscores
                underscores = 0
                periods += 1
            } else if !isValidHostCharacter(text, at: base + index) && byte != UInt8(ascii: "-") {
                break
            }
            index += 1
        }
        // Underscores in the last two segments are not a host name; a very long name is accepted anyway,
        // as cmark-gfm does, so that the check cannot be made quadratic.
        if (underscoresBefore > 0 || underscores > 0) && periods <= 10 { return 0 }
        return allowShort || periods > 0 ? index : 0
    }

    /// cmark-gfm's `autolink_delim`: the link's length without `<` and what follows it, trailing
    /// punctuation, unmatched closing parentheses and an `&entity;` suffix.
    private static func trimmedLength(_ text: UnsafeBufferPointer<UInt8>, from start: Int, length: Int) -> Int {
        var end = length
        var opening = 0
        var closing = 0
        for offset in 0..<length {
            let byte = text[start + offset]
            if byte == UInt8(ascii: "<") {
                end = offset
                break
            } else if byte == UInt8(ascii: "(") {
                opening += 1
            } else if byte == UInt8(ascii: ")") {
                closing += 1
            }
        }
        while end > 0 {
            switch text[start + end - 1] {
            case UInt8(ascii: ")"):
                if closing <= opening { return end }
                closing -= 1
                end -= 1
            case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"),
                UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                end -= 1
            case UInt8(ascii: ";"):
                guard end >= 2 else {
                    end -= 1
                    break
                }
                var entityStart = end - 2
                while entityStart > 0 && isAlpha(text[start + entityStart]) { entityStart -= 1 }
                if entityStart < end - 2 && text[start + entityStart] == UInt8(ascii: "&") {
                    end = entityStart
                } else {
                    end -= 1
                }
            default:
                return end
            }
        }
        return end
    }

    // MARK: - E-mail addresses

    /// Appends the e-mail addresses in `text[lower..<upper]`, as cmark-gfm's `postprocess_text` finds
    /// them, to `found` (no array of their own).
    private static func appendEmails(
        in text: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int, to found: inout [Match]
    ) {
        var searchFrom = lower
        search: while searchFrom < upper {
            guard var at = firstIndex(of: UInt8(ascii: "@"), in: text, from: searchFrom, to: upper) else { break }
            var maximumRewind = at - searchFrom
            candidate: while true {
                var rewind = 0
                while rewind < maximumRewind {
                    let byte = text[at - rewind - 1]
                    guard isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                    else { break }
                    rewind += 1
                }
                if rewind == 0 {
                    searchFrom = at + 1
                    continue search
                }
                var length = 1
                var periods = 0
                while at + length < upper {
                    let byte = text[at + length]
                    if isAlphanumeric(byte) {
                        length += 1
                        continue
                    }
                    if byte == UInt8(ascii: "@") {
                        // Another `@`: the address, if any, ends at this one.
                        searchFrom = at + 1
                        maximumRewind = length - 1
                        at += length
                        continue candidate
                    } else if byte == UInt8(ascii: ".") && at + length < upper - 1 && isAlphanumeric(text[at + length + 1]) {
                        periods += 1
                    } else if byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
                        break
                    }
                    length += 1
                }
                let last = text[at + length - 1]
                if length < 2 || periods == 0 || (!isAlpha(last) && last != UInt8(ascii: ".")) {
                    searchFrom = at + length
                    continue search
                }
                let trimmed = trimmedLength(text, from: at, length: length)
                if trimmed == 0 {
                    searchFrom = at + 1
                    continue search
                }
                found.append(Match(range: (at - rewind)..<(at + trimmed), kind: .email))
                searchFrom = at + trimmed
                continue search
            }
        }
    }

    // MARK: - Bytes

    private static func firstIndex(of byte: UInt8, in text: UnsafeBufferPointer<UInt8>, from lower: Int, to upper: Int) -> Int? {
        var index = lower
        while index < upper {
            if text[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// cmark's `cmark_isspace`.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isAlpha(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        isAlpha(byte) ? byte | 0x20 : byte
    }

    /// cmark-gfm's `is_valid_hostchar`: the character starting at `index` is neither Unicode whitespace
    /// nor punctuation. A byte inside a multi-byte character is not a valid start, as in cmark-gfm.
    private static func isValidHostCharacter(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < text.count else { return false }
        guard let scalar = InlineCharacter.scalar(startingAt: index, in: text) else { return false }
        return InlineCharacter.classify(scalar) == .other
    }
}
