import SacrumContent
import SacrumMarkdown

/// Patient stories: the patient's written authorization (id, date signed, expiry), the treatment they
/// are about, the typical-results disclosure shown on the page, and outcome claims flagged for review.
enum StoryCheck {
    /// The problems of the story `page`, whose rendered HTML is `html`.
    static func check(_ page: Page, context: CheckContext, html: String) -> [Diagnostic] {
        guard page.role == .regular, page.kind == .story, let source = page.source else { return [] }
        let frontMatter = source.frontMatter
        var diagnostics: [Diagnostic] = []
        func report(_ severity: DiagnosticSeverity, _ id: String, _ position: YAMLPosition?, _ message: String, _ hint: String) {
            diagnostics.append(
                Diagnostic(
                    severity, id: id, file: source.file, line: position?.line ?? 1, column: position?.column ?? 1, message: message,
                    hint: hint))
        }
        if let authorization = frontMatter.authorization {
            let record = authorization.value
            let missing = [record.id == nil ? "id" : nil, record.signed == nil ? "signed" : nil, record.expires == nil ? "expires" : nil]
                .compactMap { $0 }
            if !missing.isEmpty {
                report(.error, "story.authorization-missing", authorization.position,
                       "the authorization has no \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                       "record the signed form's id, the date it was signed and when it expires")
            }
        } else {
            report(.error, "story.authorization-missing", nil, "this patient story has no 'authorization' record",
                   "a story may only be published with the patient's written authorization: add 'authorization:' with 'id', 'signed' and 'expires'")
        }
        // A photo in a patient's story shows the patient (or what identifies them): the signed form
        // must cover it, which the record says with `photo: true`.
        if frontMatter.authorization?.value.photo != true, let image = page.content?.imageReferences.first {
            diagnostics.append(
                Diagnostic(
                    .warning, id: "story.authorization", file: source.file, line: image.position.line, column: image.position.column,
                    message: "this story shows a photo ('\(image.destination)'); the patient's authorization must cover the photo, and its record has no 'photo: true'",
                    hint: "check that the signed form covers publishing the photo, then add 'photo: true' under 'authorization:'; otherwise remove the photo"))
        }
        if frontMatter.treatment == nil {
            report(.error, "story.treatment-missing", nil, "this patient story names no 'treatment'",
                   "add 'treatment: treatments/<page>' so the story appears on that treatment's page with its facts")
        }
        let disclosure = frontMatter.disclosure ?? context.site.config.storyDisclosure
        if disclosure.trimmed.isEmpty {
            report(.error, "story.disclosure-missing", nil, "there is no typical-results disclosure for this story",
                   "set 'stories: {disclosure: ...}' in site.yaml (or 'disclosure' in the story)")
        } else if !ByteSearch.contains(html, Escaping.html(disclosure)) {
            let template = context.templateFile(of: page.id)
            diagnostics.append(
                Diagnostic(
                    .error, id: "story.disclosure-missing", file: template,
                    message: "the story \(page.url) is shown without its typical-results disclosure",
                    hint: "show {{page.disclosure}} next to the story in the template"))
        }
        diagnostics += OutcomeClaims.find(in: MarkdownCodeRanges.prose(of: source.body), firstLine: source.bodyFirstLine).map { claim in
            Diagnostic(
                .warning, id: "story.outcome-claim", file: source.file, line: claim.line, column: claim.column,
                message: "'\(claim.text)' is an outcome claim; have it reviewed",
                hint: "a story may not suggest typical results; keep the disclosure next to it, and soften or remove claims that cannot be substantiated")
        }
        return diagnostics
    }
}

/// Words and numbers that promise results: percentages, "cure", "guaranteed", "painless", "full
/// relief", "pain-free", "permanent".
enum OutcomeClaims {
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    struct Claim: Equatable {
        var text: String
        var line: Int
        var column: Int
    }

    static let phrases = [
        "full relief", "full pain relief", "complete relief", "total relief", "pain-free", "pain free", "painless",
        "guaranteed", "guarantee", "cured", "cures", "cure", "permanent", "permanently", "100 percent", "miracle",
        "fully gone", "completely gone", "no more pain", "pain is gone", "pain was gone", "pain went away",
        "without pain", "without discomfort",
    ]

    private static let phraseBytes = phrases.map { Array($0.utf8) }

    static func find(in text: String, firstLine: Int) -> [Claim] {
        // One pass per phrase over the whole lower-cased text, then offsets become lines and columns;
        // splitting the text into lines first cost more than all the searching.
        let bytes = Array(text.utf8).map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
        var found: [(start: Int, end: Int)] = []
        bytes.withUnsafeBufferPointer { buffer in
            for phrase in phraseBytes {
                for start in ByteSearch.offsets(of: phrase, in: buffer) {
                    let end = start + phrase.count
                    let letterBefore = start > 0 && isLetter(buffer[start - 1])
                    let letterAfter = end < buffer.count && isLetter(buffer[end])
                    guard !letterBefore, !letterAfter, !found.contains(where: { $0.start <= start && start < $0.end }) else { continue }
                    found.append((start, end))
                }
            }
        }
        // Percentages: digits followed by '%' or ' percent', on one line.
        var index = 0
        while index < bytes.count {
            guard bytes[index] >= 0x30 && bytes[index] <= 0x39, index == 0 || !(bytes[index - 1] >= 0x30 && bytes[index - 1] <= 0x39) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, (bytes[end] >= 0x30 && bytes[end] <= 0x39) || bytes[end] == UInt8(ascii: ".") { end += 1 }
            var suffixEnd = end
            if suffixEnd < bytes.count, bytes[suffixEnd] == 0x20 { suffixEnd += 1 }
            if suffixEnd < bytes.count, bytes[suffixEnd] == UInt8(ascii: "%") {
                found.append((index, suffixEnd + 1))
            } else if bytes[suffixEnd...].starts(with: "percent".utf8) {
                found.append((index, suffixEnd + 7))
            }
            index = end
        }
        guard !found.isEmpty else { return [] }
        let lines = LineTable(text)
        return found.sorted { $0.start < $1.start }.map { match in
            let (line, column) = lines.position(of: match.start, firstLine: firstLine)
            return Claim(text: String(decoding: bytes[match.start..<match.end], as: UTF8.self), line: line, column: column)
        }
    }
}
