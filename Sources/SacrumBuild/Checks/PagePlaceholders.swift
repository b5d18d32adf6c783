import SacrumContent

/// Where a page still holds a placeholder: a front-matter value containing "PLACEHOLDER" (any case,
/// as in site.yaml), or a line of its text containing "PLACEHOLDER" in capitals (the word in lower case
/// is ordinary prose). The `config.placeholder` check and `sacrum new`'s list of what to fill in both
/// read it.
enum PagePlaceholders {
    /// One placeholder: the front-matter key (`nil` for the page's text) and where it is written.
    struct Found: Sendable, Hashable {
        /// `description`, `authorization.id`; `nil` for a line of the Markdown text.
        var key: String?
        /// 1-based line in the page's file.
        var line: Int
        /// 1-based column (in bytes).
        var column: Int
    }

    /// Every placeholder of a page, in the order of its lines.
    static func find(in source: PageSource) -> [Found] {
        frontMatter(source.frontMatter) + body(source.body, firstLine: source.bodyFirstLine)
    }

    /// The front-matter values that are placeholders.
    static func frontMatter(_ frontMatter: FrontMatter) -> [Found] {
        var values: [(String, String?, YAMLPosition?)] = [
            ("title", frontMatter.title, frontMatter.keyPositions["title"]),
            ("description", frontMatter.description, frontMatter.keyPositions["description"]),
            ("reviewed_by", frontMatter.reviewedBy?.value, frontMatter.reviewedBy?.position),
            ("disclosure", frontMatter.disclosure, frontMatter.keyPositions["disclosure"]),
            ("job_title", frontMatter.jobTitle, frontMatter.keyPositions["job_title"]),
        ]
        if let authorization = frontMatter.authorization {
            values.append(("authorization.id", authorization.value.id, authorization.position))
        }
        return values.compactMap { key, value, position in
            guard let value, containsPlaceholder(value) else { return nil }
            return Found(key: key, line: position?.line ?? 1, column: position?.column ?? 1)
        }
    }

    /// Whether `value` contains "placeholder" in any case, compared byte by byte (ASCII letters only:
    /// no other letter upper-cases to one of its letters); `uppercased().contains` cost more than
    /// every other check of a page.
    static func containsPlaceholder(_ value: String) -> Bool {
        let word = Array("placeholder".utf8)
        var text = value
        return text.withUTF8 { bytes in
            guard bytes.count >= word.count else { return false }
            for start in 0...(bytes.count - word.count) where bytes[start] | 0x20 == word[0] {
                var matched = true
                for offset in 1..<word.count where bytes[start + offset] | 0x20 != word[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            return false
        }
    }

    /// The lines of Markdown text that hold `PLACEHOLDER`, at its first occurrence on each line.
    static func body(_ body: String, firstLine: Int) -> [Found] {
        var text = body
        let offsets = text.withUTF8 { ByteSearch.offsets(of: Array("PLACEHOLDER".utf8), in: $0) }
        guard !offsets.isEmpty else { return [] }
        let lines = LineTable(body)
        var found: [Found] = []
        for offset in offsets {
            let (line, column) = lines.position(of: offset, firstLine: firstLine)
            if found.last?.line != line { found.append(Found(key: nil, line: line, column: column)) }
        }
        return found
    }
}
