import SacrumContent
import SacrumMarkdown
import SacrumTheme

/// The practice's phone number, `tel:` links and opening hours come from site.yaml. The same facts
/// typed into content or a template must match it, or patients get two answers.
enum SourceOfTruthCheck {
    struct Facts: Sendable {
        var phoneDigits: String
        var telDigits: String
        var boundaries: Set<Int>
        var phone: String
        var hoursDisplay: String

        init(_ config: SiteConfig) {
            phone = config.practice.phone
            let all = config.practice.phone.filter(\.isNumber)
            phoneDigits = String(all.suffix(10))
            telDigits = config.practice.phoneLink.filter(\.isNumber)
            var boundaries: Set<Int> = []
            var displays: [String] = []
            for group in config.practice.hours.consecutiveGroups where !group.ranges.isEmpty {
                for range in group.ranges {
                    boundaries.insert(range.opens)
                    boundaries.insert(range.closes)
                }
                displays.append(group.ranges.map(\.display).joined(separator: ", "))
            }
            self.boundaries = boundaries
            hoursDisplay = displays.first ?? "none"
        }
    }

    /// Problems in one page's Markdown (with positions) and front-matter text.
    static func check(_ page: Page, context: CheckContext) -> [Diagnostic] {
        guard let source = page.source, page.content != nil else { return [] }
        let facts = context.facts
        // Prose only: a number or hours in a code span or code block is an example, not a claim.
        // (Finding the code costs a pass over the body; a body without digits has no claim to hide.)
        let hasDigits = source.body.containsASCIIDigit()
        var diagnostics = hasDigits
            ? scan(MarkdownCodeRanges.prose(of: source.body), file: source.file, line: source.bodyFirstLine, facts: facts) : []
        for (key, value) in [("title", source.frontMatter.title), ("description", source.frontMatter.description)] {
            guard let value, let position = source.frontMatter.keyPositions[key] else { continue }
            diagnostics += scan(value, file: source.file, line: position.line, facts: facts, in: .frontMatter).map {
                var diagnostic = $0
                diagnostic.column = position.column
                return diagnostic
            }
        }
        for link in page.content?.document.links ?? [] where link.destination.lowercased().hasPrefix("tel:") {
            let digits = link.destination.filter(\.isNumber)
            if digits != facts.telDigits && !(digits.count == 10 && facts.telDigits.hasSuffix(digits)) {
                diagnostics.append(
                    Diagnostic(
                        .error, id: "nap.tel", file: source.file, line: link.position.line, column: link.position.column,
                        message: "the link '\(link.destination)' calls a number that is not the practice's (tel:\(context.site.config.practice.phoneLink))",
                        hint: "link to tel:\(context.site.config.practice.phoneLink), or change site.yaml if the number changed"))
            }
        }
        return diagnostics
    }

    /// Problems in the theme's templates, at the template's line and column.
    static func checkTemplates(_ context: CheckContext) -> [Diagnostic] {
        let facts = context.facts
        var diagnostics: [Diagnostic] = []
        for (name, text) in context.theme.sources.sorted(by: { $0.key < $1.key }) {
            let file = context.theme.files[name] ?? name
            for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                diagnostics += scan(String(line), file: file, line: offset + 1, facts: facts, in: .template)
                var rest = Substring(line)
                while let range = rest.firstRange(of: "tel:") {
                    let number = rest[range.upperBound...].prefix { $0.isNumber || $0 == "+" || $0 == "-" }
                    let digits = number.filter(\.isNumber)
                    if !digits.isEmpty, digits != facts.telDigits {
                        let column = line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1
                        diagnostics.append(
                            Diagnostic(
                                .error, id: "nap.tel", file: file, line: offset + 1, column: column,
                                message: "the template calls tel:\(number), which is not the practice's number",
                                hint: "write {{site.practice.phoneLink}} instead of a number"))
                    }
                    rest = rest[range.upperBound...]
                }
            }
        }
        return diagnostics
    }

    /// Where a scanned text is written, for the hint.
    enum Place {
        case page, frontMatter, template

        var phoneHint: String {
            switch self {
            case .template: "write {{site.practice.phone}} instead of a number, or change site.yaml if the number changed"
            case .page: "write {{< phone >}} to show the number from site.yaml, or change site.yaml if the number changed"
            case .frontMatter: "use the number from site.yaml (shortcodes work in the body, not in front matter), or change site.yaml if it changed"
            }
        }

        var hoursHint: String {
            switch self {
            case .template:
                "show the hours from site.yaml ({{>partials/site/hours}}, or {{#site.practice.hoursByDays}}…{{/site.practice.hoursByDays}}) instead of typing them"
            case .page: "write {{< hours >}} to show the hours from site.yaml instead of typing them, or change site.yaml if they changed"
            case .frontMatter: "use the hours from site.yaml (shortcodes work in the body, not in front matter), or change site.yaml if they changed"
            }
        }
    }

    /// Phone numbers and hours in `text`, whose first line is line `line` of `file`.
    private static func scan(_ text: String, file: String, line firstLine: Int, facts: Facts, in place: Place = .page) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Both scanners need digits; most text has few, so look for them first.
        guard text.containsASCIIDigit() else { return [] }
        var table: LineTable?
        func position(_ offset: Int) -> (line: Int, column: Int) {
            if table == nil { table = LineTable(text) }
            return table!.position(of: offset, firstLine: firstLine)
        }
        for match in PhoneNumberScanner.find(in: text) where match.digits != facts.phoneDigits {
            let (line, column) = position(match.offset)
            diagnostics.append(
                Diagnostic(
                    .error, id: "nap.phone", file: file, line: line, column: column,
                    message: "the phone number '\(match.text)' is not the practice's (\(facts.phone) in site.yaml)",
                    hint: place.phoneHint))
        }
        guard !facts.boundaries.isEmpty else { return diagnostics }
        for match in HoursTextScanner.find(in: text)
        where !facts.boundaries.contains(match.opens) || !facts.boundaries.contains(match.closes) {
            let (line, column) = position(match.offset)
            diagnostics.append(
                Diagnostic(
                    .error, id: "nap.hours", file: file, line: line, column: column,
                    message: "the hours '\(match.text)' differ from the opening hours in site.yaml (\(facts.hoursDisplay))",
                    hint: place.hoursHint))
        }
        return diagnostics
    }
}

/// Where each line of a text starts, to turn byte offsets into line and column.
struct LineTable {
    private var starts: [Int] = [0]

    init(_ text: String) {
        for (offset, byte) in text.utf8.enumerated() where byte == 0x0A { starts.append(offset + 1) }
    }

    /// The 1-based line (counting from `firstLine`) and column of a byte offset.
    func position(of offset: Int, firstLine: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (firstLine + low, offset - starts[low] + 1)
    }
}
