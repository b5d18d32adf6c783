internal import Foundation

/// Decodes `site.yaml` into a `SiteConfig`, reporting every problem at its line and column.
public struct SiteConfigDecoder: Sendable {
    /// The file name used in diagnostics.
    public var file: String

    /// Creates a decoder for `file` (relative to the site's root, normally `site.yaml`).
    public init(file: String = "site.yaml") {
        self.file = file
    }

    /// The configuration, or `nil` when a required value is missing or wrong; diagnostics either way.
    public func decode(_ source: SourceText) -> (config: SiteConfig?, diagnostics: [Diagnostic]) {
        var reader = YAMLFieldReader(file: file)
        let root: YAMLValue?
        do {
            root = try YAMLParser().parse(source.text)
        } catch {
            reader.report(id: error.id, at: error.position, error.message, hint: error.hint)
            return (nil, reader.diagnostics)
        }
        guard let root, let pairs = reader.mapping(root, what: "site.yaml") else {
            if root == nil {
                reader.report(
                    id: "config.missing", at: YAMLPosition(line: 1, column: 1), "site.yaml is empty",
                    hint: "give at least 'title', 'base_url' and the 'practice' facts")
            }
            return (nil, reader.diagnostics)
        }
        let config = decodeRoot(pairs, position: root.position, reader: &reader)
        return (reader.diagnostics.containsErrors ? nil : config, reader.diagnostics)
    }

    // MARK: - Root

    private static let rootKeys = [
        "title", "base_url", "language", "theme", "timezone", "practice", "markdown", "stories", "review", "reviewers", "menu",
        "footer_menu", "privacy", "section_kinds", "environments", "publish", "colors", "images", "languages", "language_assistance",
    ]

    private func decodeRoot(_ pairs: [YAMLPair], position: YAMLPosition, reader: inout YAMLFieldReader) -> SiteConfig? {
        var title: String?
        var baseURL: String?
        var language = "en-US"
        var theme = "default"
        var timeZone: TimeZone?
        var practice: PracticeInfo?
        var markdown = MarkdownSettings()
        var disclosure = ""
        var interval = 12
        var reviewers: [Reviewer] = []
        var menu: [MenuItemConfig] = []
        var footerMenu: [MenuItemConfig] = []
        var allowedHosts: [String] = []
        var sectionKinds = SiteConfig.defaultSectionKinds
        var placeholders: [Placeholder] = []
        var environments: [SiteEnvironment: EnvironmentSettings] = [:]
        var publish = PublishSettings()
        var colors = ThemeColors()
        var imageBudget = 1_000_000
        var languages: YAMLPair?
        var languageAssistance: LanguageAssistance?

        for pair in pairs {
            let value = pair.value
            switch pair.key {
            case "title":
                title = reader.nonEmptyText(value, key: "title")
            case "base_url":
                baseURL = EnvironmentsDecoder.decodeBaseURL(value, key: "base_url", reader: &reader)
            case "environments":
                environments = EnvironmentsDecoder.decode(value, reader: &reader)
            case "language":
                if let text = reader.nonEmptyText(value, key: "language") {
                    if Self.isLanguageTag(text) {
                        language = text
                    } else {
                        reader.report(
                            id: "config.value", at: value.position, "'\(text)' is not a language tag",
                            hint: "write a BCP 47 tag such as 'en-US' or 'es'")
                    }
                }
            case "theme":
                if let text = reader.nonEmptyText(value, key: "theme") {
                    if PathSafety.isSafeName(text) {
                        theme = text
                    } else {
                        reader.report(
                            id: "config.value", at: value.position, "the theme name '\(text)' is not a folder name",
                            hint: "name a folder under themes/, like 'default'")
                    }
                }
            case "timezone":
                timeZone = decodeTimeZone(value, reader: &reader)
            case "practice":
                practice = decodePractice(value, reader: &reader)
            case "markdown":
                markdown = decodeMarkdown(value, reader: &reader)
            case "stories":
                if let storyPairs = reader.mapping(value, what: "'stories'") {
                    for storyPair in storyPairs {
                        if storyPair.key == "disclosure" {
                            disclosure = reader.nonEmptyText(storyPair.value, key: "stories.disclosure") ?? ""
                        } else {
                            reader.unknownKey(storyPair, known: ["disclosure"], in: "'stories'")
                        }
                    }
                }
            case "review":
                if let reviewPairs = reader.mapping(value, what: "'review'") {
                    for reviewPair in reviewPairs {
                        if reviewPair.key == "interval_months" {
                            if let months = reader.integer(reviewPair.value, key: "review.interval_months") {
                                if months >= 1 && months <= 120 {
                                    interval = months
                                } else {
                                    reader.report(
                                        id: "config.value", at: reviewPair.value.position,
                                        "'review.interval_months' must be between 1 and 120, not \(months)")
                                }
                            }
                        } else {
                            reader.unknownKey(reviewPair, known: ["interval_months"], in: "'review'")
                        }
                    }
                }
            case "reviewers":
                reviewers = decodeReviewers(value, reader: &reader)
            case "menu":
                menu = decodeMenu(value, key: "menu", reader: &reader)
            case "footer_menu":
                footerMenu = decodeMenu(value, key: "footer_menu", reader: &reader)
            case "privacy":
                if let privacyPairs = reader.mapping(value, what: "'privacy'") {
                    for privacyPair in privacyPairs {
                        if privacyPair.key == "allowed_hosts" {
                            allowedHosts = (reader.textList(privacyPair.value, key: "privacy.allowed_hosts") ?? []).map {
                                $0.lowercased()
                            }
                        } else {
                            reader.unknownKey(privacyPair, known: ["allowed_hosts"], in: "'privacy'")
                        }
                    }
                }
            case "section_kinds":
                if let kindPairs = reader.mapping(value, what: "'section_kinds'") {
                    for kindPair in kindPairs {
                        guard let name = reader.text(kindPair.value, key: "section_kinds.\(kindPair.key)") else { continue }
                        guard let kind = PageKind(rawValue: name) else {
                            reader.report(
                                id: "config.value", at: kindPair.value.position, "'\(name)' is not a kind name",
                                hint: "a kind is a lower-case word (letters, digits, hyphens): one of "
                                    + PageKind.builtIn.map(\.rawValue).joined(separator: ", ") + ", or a name of your own")
                            continue
                        }
                        sectionKinds[kindPair.key] = kind
                        // A kind of the site's own gets no kind-specific checks: one spelled almost
                        // like a built-in kind is most likely that kind, mistyped.
                        if !kind.isBuiltIn, let builtIn = Suggestion.closest(to: name, in: PageKind.builtIn.map(\.rawValue)) {
                            reader.report(
                                .warning, id: "config.kind", at: kindPair.value.position,
                                "'\(name)' is not a built-in kind, so the pages of \(kindPair.key)/ get none of the checks of '\(builtIn)' pages",
                                hint: "did you mean '\(builtIn)'? If '\(name)' is a kind of your own, give it a name less like a built-in one")
                        }
                    }
                }
            case "publish":
                publish = PublishSettingsDecoder().decode(value, reader: &reader)
            case "colors":
                colors = ThemeColors.decode(value, reader: &reader)
            case "images":
                for imagePair in reader.mapping(value, what: "'images'") ?? [] {
                    guard imagePair.key == "page_weight_budget_kb" else {
                        reader.unknownKey(imagePair, known: ["page_weight_budget_kb"], in: "'images'")
                        continue
                    }
                    guard let kilobytes = reader.integer(imagePair.value, key: "images.page_weight_budget_kb") else { continue }
                    if kilobytes >= 0 && kilobytes <= 1_000_000 {
                        imageBudget = kilobytes * 1_000
                    } else {
                        reader.report(
                            id: "config.value", at: imagePair.value.position, "the page weight budget \(kilobytes) KB is out of range",
                            hint: "write kilobytes from 1 to 1000000, such as 1000 for 1 MB; 0 turns the check off")
                    }
                }
            case "languages":
                languages = pair
            case "language_assistance":
                languageAssistance = decodeLanguageAssistance(value, reader: &reader)
            default:
                reader.unknownKey(pair, known: Self.rootKeys, in: "site.yaml")
            }
        }
        placeholders = Self.findPlaceholders(in: .mapping(pairs, at: position), path: "")
        for placeholder in placeholders {
            reader.report(
                .warning, id: "config.placeholder", at: placeholder.position,
                "'\(placeholder.key)' is still a placeholder",
                hint: "replace it with the practice's real value before publishing")
        }

        for (key, present) in [("title", title != nil), ("base_url", baseURL != nil), ("practice", practice != nil)]
        where !present && !pairs.contains(where: { $0.key == key }) {
            reader.report(
                id: "config.missing", at: position, "site.yaml has no '\(key)'",
                hint: key == "practice"
                    ? "add the practice's name, phone, phone_link, address and hours under 'practice:'"
                    : "add '\(key):' at the top level")
        }
        guard let title, let baseURL, let practice else { return nil }
        var config = SiteConfig(
            title: title, baseURL: baseURL, language: language, theme: theme, timeZone: timeZone, practice: practice,
            markdown: markdown,
            storyDisclosure: disclosure, reviewIntervalMonths: interval, reviewers: reviewers, menu: menu,
            footerMenu: footerMenu, allowedHosts: allowedHosts, sectionKinds: sectionKinds, placeholders: placeholders)
        config.environments = environments
        config.publish = publish
        config.colors = colors
        config.imagePageWeightBudget = imageBudget
        config.languageAssistance = languageAssistance
        if let languages { config.languages = decodeLanguages(languages, config: config, reader: &reader) }
        return config
    }

    // MARK: - Values

    /// An IANA time zone name (`America/Chicago`); abbreviations such as `CST` are refused, since they
    /// do not follow daylight saving.
    private func decodeTimeZone(_ value: YAMLValue, reader: inout YAMLFieldReader) -> TimeZone? {
        guard let name = reader.nonEmptyText(value, key: "timezone") else { return nil }
        if name.contains("/") || name == "UTC", let zone = TimeZone(identifier: name) {
            return zone
        }
        let known = TimeZone.knownTimeZoneIdentifiers
        let lowered = name.lowercased()
        let suggestion = known.first { $0.lowercased() == lowered || $0.lowercased().hasSuffix("/" + lowered) }
        reader.report(
            id: "config.value", at: value.position, "'\(name)' is not an IANA time zone name",
            hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "write a name such as 'America/Chicago' (US Central, with daylight saving) or 'UTC'")
        return nil
    }

    private func decodeMarkdown(_ value: YAMLValue, reader: inout YAMLFieldReader) -> MarkdownSettings {
        var settings = MarkdownSettings()
        guard let pairs = reader.mapping(value, what: "'markdown'") else { return settings }
        for pair in pairs {
            switch pair.key {
            case "unsafe": settings.unsafe = reader.bool(pair.value, key: "markdown.unsafe") ?? false
            case "smart_punctuation":
                settings.smartPunctuation = reader.bool(pair.value, key: "markdown.smart_punctuation") ?? true
            case "tables": settings.tables = reader.bool(pair.value, key: "markdown.tables") ?? true
            case "strikethrough": settings.strikethrough = reader.bool(pair.value, key: "markdown.strikethrough") ?? true
            case "autolinks": settings.autolinks = reader.bool(pair.value, key: "markdown.autolinks") ?? true
            case "task_lists": settings.taskLists = reader.bool(pair.value, key: "markdown.task_lists") ?? true
            case "footnotes": settings.footnotes = reader.bool(pair.value, key: "markdown.footnotes") ?? true
            case "alerts": settings.alerts = reader.bool(pair.value, key: "markdown.alerts") ?? true
            default:
                reader.unknownKey(
                    pair,
                    known: ["unsafe", "smart_punctuation", "tables", "strikethrough", "autolinks", "task_lists", "footnotes", "alerts"],
                    in: "'markdown'")
            }
        }
        return settings
    }

    private func decodeReviewers(_ value: YAMLValue, reader: inout YAMLFieldReader) -> [Reviewer] {
        guard case .sequence(let elements, _) = value else {
            reader.report(
                id: "yaml.type", at: value.position, "'reviewers' must be a list, not \(value.kindDescription)",
                hint: "write one '- name: Dr. ...' line per reviewer")
            return []
        }
        return elements.compactMap { element in
            if case .scalar = element { return reader.nonEmptyText(element, key: "reviewers").map(Reviewer.init(name:)) }
            guard let pairs = reader.mapping(element, what: "a reviewer") else { return nil }
            var name: String?
            for pair in pairs {
                if pair.key == "name" {
                    name = reader.nonEmptyText(pair.value, key: "reviewers.name")
                } else {
                    reader.unknownKey(pair, known: ["name"], in: "a reviewer")
                }
            }
            if name == nil {
                reader.report(id: "config.missing", at: element.position, "a reviewer has no 'name'")
            }
            return name.map(Reviewer.init(name:))
        }
    }

    func decodeMenu(_ value: YAMLValue, key: String, reader: inout YAMLFieldReader) -> [MenuItemConfig] {
        guard case .sequence(let elements, _) = value else {
            reader.report(
                id: "yaml.type", at: value.position, "'\(key)' must be a list, not \(value.kindDescription)",
                hint: "write one '- title: ...' entry with a 'url' or 'page' per menu item")
            return []
        }
        var items: [MenuItemConfig] = []
        for element in elements {
            guard let pairs = reader.mapping(element, what: "a '\(key)' entry") else { continue }
            var title: String?
            var target: (String, YAMLPosition)?
            for pair in pairs {
                switch pair.key {
                case "title": title = reader.nonEmptyText(pair.value, key: "\(key).title")
                case "url", "page":
                    if target != nil {
                        reader.report(
                            id: "config.value", at: pair.keyPosition, "a '\(key)' entry has both 'url' and 'page'",
                            hint: "keep one of them")
                    }
                    if let text = reader.nonEmptyText(pair.value, key: "\(key).\(pair.key)") {
                        target = (text, pair.value.position)
                    }
                default: reader.unknownKey(pair, known: ["title", "url", "page"], in: "a '\(key)' entry")
                }
            }
            guard let title, let target else {
                if title == nil && !pairs.contains(where: { $0.key == "title" }) {
                    reader.report(id: "config.missing", at: element.position, "a '\(key)' entry has no 'title'")
                }
                if target == nil && !pairs.contains(where: { $0.key == "url" || $0.key == "page" }) {
                    reader.report(
                        id: "config.missing", at: element.position, "a '\(key)' entry has no 'url' or 'page'",
                        hint: "add 'url: /treatments/' or 'page: treatments/_index.md'")
                }
                continue
            }
            items.append(MenuItemConfig(title: title, target: target.0, position: target.1))
        }
        return items
    }

    // MARK: - Helpers

    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// Values that say they are placeholders: any text containing "PLACEHOLDER".
    static func findPlaceholders(in value: YAMLValue, path: String) -> [Placeholder] {
        switch value {
        case .scalar(let text, _, let position):
            return text.uppercased().contains("PLACEHOLDER") ? [Placeholder(key: path, position: position)] : []
        case .sequence(let elements, _):
            return elements.enumerated().flatMap { findPlaceholders(in: $1, path: "\(path)[\($0)]") }
        case .mapping(let pairs, _):
            return pairs.flatMap { findPlaceholders(in: $0.value, path: path.isEmpty ? $0.key : "\(path).\($0.key)") }
        }
    }
}
