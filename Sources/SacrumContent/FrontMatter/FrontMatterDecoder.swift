public import Foundation

/// Decodes a page's front matter into `FrontMatter`, reporting every problem at its line and
/// column in the page's file.
public struct FrontMatterDecoder: Sendable {
    /// What a date with a time but no UTC offset means.
    var localTimes: YAMLFieldReader.LocalTimes

    /// Creates a decoder: a date with a time but no offset is a local time of `timeZone` (the site's
    /// `timezone:`), or UTC with a warning when the site has none.
    public init(timeZone: TimeZone? = nil) {
        localTimes = timeZone.map { .inZone($0) } ?? .utc
    }

    /// Keys with a meaning; every other key goes to `params`.
    static let knownKeys = [
        "title", "description", "date", "updated", "lastmod", "publishDate", "publish_date", "expiryDate",
        "expiry_date", "draft", "weight", "slug", "url", "aliases", "layout", "kind", "tags", "summary",
        "reviewed_by", "last_reviewed", "conditions", "procedure_type", "body_location", "treatment",
        "authorization", "disclosure", "job_title", "related", "ignore_checks", "image", "image_alt",
    ]

    /// Keys that mean the same thing; a page may write only one of each group.
    private static let synonyms: [String: String] = [
        "lastmod": "updated", "publish_date": "publishDate", "expiry_date": "expiryDate",
    ]

    /// What decoding produced.
    public struct Decoded: Sendable {
        /// The front matter, as far as it could be read.
        public var frontMatter: FrontMatter
        /// Problems, at their line and column.
        public var diagnostics: [Diagnostic]
        /// Whether the YAML itself could be read as a mapping (values may still have been wrong).
        var isParsed: Bool

        /// Creates a result.
        init(frontMatter: FrontMatter, diagnostics: [Diagnostic], isParsed: Bool) {
            self.frontMatter = frontMatter
            self.diagnostics = diagnostics
            self.isParsed = isParsed
        }
    }

    /// Decodes `yaml`, which starts on line `firstLine` of `file`.
    public func decode(yaml: String, firstLine: Int, file: String) -> Decoded {
        var reader = YAMLFieldReader(file: file)
        reader.localTimes = localTimes
        var frontMatter = FrontMatter()
        let root: YAMLValue?
        do {
            root = try YAMLParser().parse(yaml, firstLine: firstLine)
        } catch {
            reader.report(id: error.id, at: error.position, error.message, hint: error.hint)
            return Decoded(frontMatter: frontMatter, diagnostics: reader.diagnostics, isParsed: false)
        }
        guard let root else { return Decoded(frontMatter: frontMatter, diagnostics: [], isParsed: true) }
        guard case .mapping(let pairs, _) = root else {
            reader.report(
                id: "yaml.type", at: root.position, "the front matter must be a mapping of 'key: value' lines, not \(root.kindDescription)",
                hint: "write one 'key: value' per line, like 'title: SI joint fusion'")
            return Decoded(frontMatter: frontMatter, diagnostics: reader.diagnostics, isParsed: false)
        }
        var canonicalSeen: [String: YAMLPair] = [:]
        for pair in pairs {
            let canonical = Self.synonyms[pair.key] ?? pair.key
            if let first = canonicalSeen[canonical], first.key != pair.key {
                reader.report(
                    id: "yaml.duplicate-key", at: pair.keyPosition,
                    "'\(pair.key)' and '\(first.key)' (line \(first.keyPosition.line)) mean the same thing",
                    hint: "keep one of them")
                continue
            }
            canonicalSeen[canonical] = pair
            frontMatter.keyPositions[canonical] = pair.keyPosition
            decode(pair, canonical: canonical, into: &frontMatter, reader: &reader)
        }
        return Decoded(frontMatter: frontMatter, diagnostics: reader.diagnostics, isParsed: true)
    }

    private func decode(_ pair: YAMLPair, canonical: String, into page: inout FrontMatter, reader: inout YAMLFieldReader) {
        let value = pair.value
        let key = pair.key
        if value.isNull && canonical != "title" {
            return  // `key:` with nothing after it leaves the default
        }
        switch canonical {
        case "title": page.title = reader.nonEmptyText(value, key: key)
        case "description": page.description = reader.text(value, key: key)?.trimmed
        case "date": page.date = reader.date(value, key: key)
        case "updated": page.updated = reader.date(value, key: key)
        case "publishDate": page.publishDate = reader.date(value, key: key)
        case "expiryDate": page.expiryDate = reader.date(value, key: key)
        case "draft": page.draft = reader.bool(value, key: key) ?? false
        case "weight": page.weight = reader.integer(value, key: key)
        case "slug": page.slug = positioned(reader.nonEmptyText(value, key: key), value)
        case "url": page.url = positioned(reader.nonEmptyText(value, key: key), value)
        case "aliases": page.aliases = positionedList(value, key: key, reader: &reader)
        case "layout": page.layout = positioned(reader.nonEmptyText(value, key: key), value)
        case "kind":
            if let text = reader.nonEmptyText(value, key: key) {
                if let kind = PageKind(rawValue: text) {
                    page.kind = Positioned(kind, at: value.position)
                } else {
                    reader.report(
                        id: "frontmatter.kind", at: value.position, "'\(text)' is not a kind name",
                        hint: "a kind is a lower-case word (letters, digits, hyphens), like one of: "
                            + PageKind.builtIn.map(\.rawValue).joined(separator: ", "))
                }
            }
        case "tags": page.tags = (reader.textList(value, key: key) ?? []).map(\.trimmed).filter { !$0.isEmpty }
        case "summary": page.summary = reader.text(value, key: key)?.trimmed
        case "reviewed_by": page.reviewedBy = positioned(reader.nonEmptyText(value, key: key)?.trimmed, value)
        case "last_reviewed": page.lastReviewed = positioned(reader.date(value, key: key), value)
        case "conditions": page.conditions = positionedList(value, key: key, reader: &reader)
        case "procedure_type":
            if let text = reader.nonEmptyText(value, key: key) {
                if let type = ProcedureType(rawValue: text) {
                    page.procedureType = Positioned(type, at: value.position)
                } else {
                    reader.report(
                        id: "frontmatter.value", at: value.position, "'\(text)' is not a procedure type",
                        hint: "use one of: \(ProcedureType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
        case "body_location": page.bodyLocation = reader.nonEmptyText(value, key: key)
        case "treatment": page.treatment = positioned(reader.nonEmptyText(value, key: key), value)
        case "authorization": page.authorization = decodeAuthorization(value, reader: &reader)
        case "disclosure": page.disclosure = reader.nonEmptyText(value, key: key)
        case "job_title": page.jobTitle = reader.nonEmptyText(value, key: key)
        case "image": page.image = positioned(reader.nonEmptyText(value, key: key)?.trimmed, value)
        case "image_alt": page.imageAlt = reader.nonEmptyText(value, key: key)?.trimmed
        case "related": page.related = positionedList(value, key: key, reader: &reader)
        case "ignore_checks": page.ignoredChecks = decodeIgnoredChecks(value, reader: &reader)
        default: page.params[key] = FrontMatterValue(value)
        }
    }

    private func positioned<T>(_ value: T?, _ yaml: YAMLValue) -> Positioned<T>? {
        value.map { Positioned($0, at: yaml.position) }
    }

    private func positionedList(_ value: YAMLValue, key: String, reader: inout YAMLFieldReader) -> [Positioned<String>] {
        (reader.positionedTextList(value, key: key) ?? []).map { Positioned($0.0, at: $0.1) }
    }

    private func decodeAuthorization(_ value: YAMLValue, reader: inout YAMLFieldReader) -> Positioned<StoryAuthorization>? {
        guard let pairs = reader.mapping(value, what: "'authorization'") else { return nil }
        var record = StoryAuthorization(id: nil, signed: nil, expires: nil)
        for pair in pairs {
            switch pair.key {
            case "id": record.id = reader.nonEmptyText(pair.value, key: "authorization.id")
            case "signed": record.signed = reader.date(pair.value, key: "authorization.signed")
            case "expires": record.expires = reader.date(pair.value, key: "authorization.expires")
            case "photo": record.photo = reader.bool(pair.value, key: "authorization.photo") ?? false
            default: reader.unknownKey(pair, known: ["id", "signed", "expires", "photo"], in: "'authorization'")
            }
        }
        return Positioned(record, at: value.position)
    }

    private func decodeIgnoredChecks(_ value: YAMLValue, reader: inout YAMLFieldReader) -> [IgnoredCheck] {
        guard case .sequence(let elements, _) = value else {
            reader.report(
                id: "yaml.type", at: value.position, "'ignore_checks' must be a list, not \(value.kindDescription)",
                hint: "write '- id: a11y.alt-missing' with a 'reason:' under it for each check")
            return []
        }
        var checks: [IgnoredCheck] = []
        for element in elements {
            guard let pairs = reader.mapping(element, what: "an 'ignore_checks' entry") else { continue }
            var id: String?
            var reason: String?
            for pair in pairs {
                switch pair.key {
                case "id": id = reader.nonEmptyText(pair.value, key: "ignore_checks.id")
                case "reason": reason = reader.nonEmptyText(pair.value, key: "ignore_checks.reason")
                default: reader.unknownKey(pair, known: ["id", "reason"], in: "an 'ignore_checks' entry")
                }
            }
            guard let id else {
                reader.report(id: "frontmatter.ignore", at: element.position, "an 'ignore_checks' entry has no 'id'")
                continue
            }
            guard let reason else {
                reader.report(
                    id: "frontmatter.ignore", at: element.position, "ignoring '\(id)' needs a 'reason'",
                    hint: "say why the check does not apply to this page, for the next reviewer")
                continue
            }
            checks.append(IgnoredCheck(id: id, reason: reason, position: element.position))
        }
        return checks
    }
}
