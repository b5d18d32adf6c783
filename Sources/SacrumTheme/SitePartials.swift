import SacrumContent

/// Partials under `templates/partials/site/` show only site-wide facts (the footer, the opening hours,
/// a call to action): Sacrum renders each once per build, with a context that has only `site` and
/// `assets`, and every page includes the result. On a large site that saves most of the template work
/// of every page. A site-wide partial that names `page`, `menu`, `footerMenu` or `jsonLD` is an error.
enum SitePartials {
    /// Names a site-wide partial must not use, because they differ from page to page.
    static let pageNames: Set<String> = ["page", "menu", "footerMenu", "jsonLD"]

    static func check(_ text: String, file: String) -> [Diagnostic] {
        TemplateTagScanner.names(in: text).compactMap { name in
            let root = name.name.split(separator: ".").first.map(String.init) ?? name.name
            guard pageNames.contains(root) else { return nil }
            return Diagnostic(
                .error, id: "template.site-partial", file: file, line: name.line, column: name.column,
                message: "'\(name.name)' differs from page to page, but partials/site/ is rendered once for the whole site",
                hint: "move this partial out of partials/site/, or use only site.* and assets.* in it")
        }
    }
}

/// The context of site-wide partials: `site` and `assets`, nothing that belongs to a page.
struct SiteOnlyContext: TemplateObject {
    let environment: RenderEnvironment

    enum Field: String, CaseIterable { case site, assets, i18n }

    static let fields = Array(Field.allCases)


    static let schema = TemplateSchema(name: "a site-wide partial's context", Field.self) {
        switch $0 {
        case .site: .object(SiteContext.schema)
        case .assets: .assets
        case .i18n: .data
        }
    }

    var templateSchema: TemplateSchema { Self.schema }

    func value(at index: Int) -> TemplateValue {
        switch TemplateSchema.element(index, of: Self.fields) {
        case .site: .object(SiteContext(environment: environment))
        case .i18n: environment.i18n
        case .assets, nil: .absent
        }
    }
}

/// The names a template's tags use, with their lines and columns.
enum TemplateTagScanner {
    struct Name {
        var name: String
        var line: Int
        var column: Int
    }

    static func names(in text: String) -> [Name] {
        var names: [Name] = []
        let bytes = Array(text.utf8)
        var line = 1
        var lineStart = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let column = index - lineStart + 1
            var cursor = index + 2
            var closesSection = false
            while cursor < bytes.count, [UInt8(ascii: "{"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"),
                UInt8(ascii: "&"), 0x20].contains(bytes[cursor]) {
                if bytes[cursor] == UInt8(ascii: "/") { closesSection = true }
                cursor += 1
            }
            // A closing tag repeats the name its section opened with; the opening one is reported.
            guard cursor < bytes.count, !closesSection, ![UInt8(ascii: "!"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"),
                UInt8(ascii: "="), UInt8(ascii: "%")].contains(bytes[cursor]) else {
                index = cursor
                continue
            }
            let start = cursor
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "}"), bytes[cursor] != 0x20 { cursor += 1 }
            var name = String(decoding: bytes[start..<cursor], as: UTF8.self)
            // `first(list)` applies a transform: the name is inside the parentheses.
            if let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
                name = String(name[name.index(after: open)..<close])
            }
            if !name.isEmpty { names.append(Name(name: name, line: line, column: column)) }
            index = cursor
        }
        return names
    }
}
