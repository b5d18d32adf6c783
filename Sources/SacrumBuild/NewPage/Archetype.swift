import SacrumContent

/// The page `sacrum new <kind>` starts from: `archetypes/<kind>.md` in the site, else
/// `themes/<theme>/archetypes/<kind>.md`. An archetype is a page like any other, with tags where the
/// new page's values go:
///
/// | tag | becomes |
/// | --- | --- |
/// | `{{title}}` | the title |
/// | `{{date}}` | today's date in the site's time zone, `2026-12-05` |
/// | `{{slug}}` | the file name without `.md`, `si-joint-injection` |
/// | `{{kind}}` | the kind, `treatment` |
///
/// In the front matter a tag is written as a whole value (`title: {{title}}`) and becomes valid YAML
/// (text is double-quoted and escaped, so a title with `: ` or quotes stays one value); in the text it
/// becomes the value itself, with the title's Markdown punctuation escaped. `{{< … >}}` and
/// `{{% … %}}` are shortcodes and stay as they are; any other `{{…}}` is an error at its line and
/// column. (Mustache is not used: its `{{< name}}` means a parent template, and its escaping is
/// HTML's, not YAML's.)
struct Archetype: Sendable, Hashable {
    /// Where it was found, relative to the site's root.
    var file: String
    /// Its text, with LF line endings.
    var text: String

    /// The names a tag may use.
    static let names = ["title", "date", "slug", "kind"]

    /// The values of one new page.
    struct Values: Sendable, Hashable {
        var title: String
        var date: String
        var slug: String
        var kind: String

        func value(_ name: String) -> String? {
            switch name {
            case "title": title
            case "date": date
            case "slug": slug
            case "kind": kind
            default: nil
            }
        }
    }

    /// The archetype for `kind`: the site's own, else the theme's.
    static func find(kind: String, root: String, theme: String) -> (archetype: Archetype?, diagnostics: [Diagnostic]) {
        let candidates = [SiteLayout.archetypesFolder, SiteLayout(root: root, themeName: theme).themeArchetypesFolder].map { $0 + "/\(kind).md" }
        for file in candidates {
            let path = root + "/" + file
            guard let type = FileIO.type(atPath: path) else { continue }
            guard type == .file else {
                let what = type == .symbolicLink ? "a symbolic link, which Sacrum never follows" : "not a file"
                return (nil, [Diagnostic(.error, id: "new.archetype", file: file, message: "the archetype is \(what)",
                                         hint: "make \(file) a plain Markdown file")])
            }
            do {
                let text = try SourceText.decode(FileIO.read(path)).text
                return (Archetype(file: file, text: text), [])
            } catch let failure as FileIO.Failure {
                return (nil, [Diagnostic(.error, id: "file.unreadable", file: file, message: "the archetype cannot be read: \(failure.reason)")])
            } catch let failure as SourceText.DecodingFailure {
                return (nil, [Diagnostic(.error, id: "file.encoding", file: file, line: failure.line, column: failure.column,
                                         message: failure.message, hint: failure.hint)])
            } catch {
                return (nil, [Diagnostic(.error, id: "file.unreadable", file: file, message: "the archetype cannot be read: \(error)")])
            }
        }
        return (
            nil,
            [
                Diagnostic(
                    .error, id: "new.archetype-missing", file: candidates[0],
                    message: "there is no archetype for '\(kind)': neither \(candidates[0]) nor \(candidates[1]) exists",
                    hint: "create \(candidates[0]): a page with {{title}} and {{date}} where the title and today's date go")
            ]
        )
    }

    /// What rendering gave.
    struct Rendered: Sendable {
        /// The new page's text, or `nil` when the archetype has errors.
        var text: String?
        /// The archetype's problems, at their line and column.
        var diagnostics: [Diagnostic]
        /// The names of the tags it used.
        var used: Set<String>
    }

    /// The text of the new page, or the archetype's problems at their line and column.
    func render(_ values: Values) -> Rendered {
        // The front matter ends at the closing fence; a file without one is all text.
        let frontMatterEnd: Int
        do {
            let block = try FrontMatterBlock.split(text)
            frontMatterEnd = block.yaml == nil ? 0 : block.bodyFirstLine - 1
        } catch {
            return Rendered(
                text: nil, diagnostics: [Diagnostic(.error, id: "frontmatter.fence", file: file, line: error.line, column: 1, message: error.message, hint: error.hint)],
                used: [])
        }
        var diagnostics: [Diagnostic] = []
        var used: Set<String> = []
        var output: [Substring] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let inFrontMatter = lineNumber > 1 && lineNumber < frontMatterEnd
            output.append(Substring(render(line, lineNumber: lineNumber, inFrontMatter: inFrontMatter, values, &diagnostics, &used)))
        }
        guard !diagnostics.containsErrors else { return Rendered(text: nil, diagnostics: diagnostics, used: used) }
        return Rendered(text: output.joined(separator: "\n"), diagnostics: diagnostics, used: used)
    }

    private func render(
        _ line: Substring, lineNumber: Int, inFrontMatter: Bool, _ values: Values, _ diagnostics: inout [Diagnostic],
        _ used: inout Set<String>
    ) -> String {
        guard line.contains("{{") else { return String(line) }
        var result = ""
        var rest = line[...]
        while let open = rest.rangeOfPair("{") {
            result += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            let first = afterOpen.first(where: { $0 != " " && $0 != "\t" })
            // Shortcodes belong to the page; an unclosed `{{` is not a tag.
            guard first != "<", first != "%", let close = afterOpen.rangeOfPair("}") else {
                result += "{{"
                rest = afterOpen
                continue
            }
            let inner = afterOpen[..<close.lowerBound]
            let name = inner.trimmingSpaces
            let column = line.utf8.distance(from: line.startIndex, to: open.lowerBound) + 1
            guard let value = values.value(name) else {
                let suggestion = Suggestion.closest(to: name.removingCharacters(of: "{}&"), in: Self.names)
                    ?? (name.hasSuffix(".title") ? "title" : nil)
                diagnostics.append(
                    Diagnostic(
                        .error, id: "new.archetype", file: file, line: lineNumber, column: column,
                        message: "'{{\(inner)}}' is not an archetype value",
                        hint: (suggestion.map { "did you mean '{{\($0)}}'? " } ?? "")
                            + "archetypes know {{title}}, {{date}}, {{slug}} and {{kind}}; shortcodes are written {{< name >}}"))
                result += "{{" + inner + "}}"
                rest = afterOpen[close.upperBound...]
                continue
            }
            let after = afterOpen[close.upperBound...]
            used.insert(name)
            if inFrontMatter {
                let before = line[..<open.lowerBound].trimmingSpaces
                let trailing = after.trimmingSpaces
                let isWholeValue =
                    (before.isEmpty || before.hasSuffix(":") || before == "-" || before.hasSuffix(" -"))
                    && (trailing.isEmpty || trailing.hasPrefix("#"))
                guard isWholeValue else {
                    let key = before.firstIndex(of: ":").map { String(before[...$0]) } ?? "key:"
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "new.archetype", file: file, line: lineNumber, column: column,
                            message: "in front matter, {{\(name)}} must be a whole value",
                            hint: "write '\(key) {{\(name)}}' without quotes around it; Sacrum writes the value as valid YAML"))
                    result += "{{" + inner + "}}"
                    rest = after
                    continue
                }
                result += name == "date" ? value : YAMLText.quoted(value)
            } else {
                result += name == "title" ? MarkdownText.escaped(value) : value
            }
            rest = after
        }
        result += rest
        return result
    }
}

extension Substring {
    /// The first place where `character` is written twice in a row (`{{`, `}}`).
    fileprivate func rangeOfPair(_ character: Character) -> Range<Index>? {
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == character, next < endIndex, self[next] == character {
                return index..<self.index(after: next)
            }
            index = next
        }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var scalars = String(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Without any of the characters of `set`.
    fileprivate func removingCharacters(of set: String) -> String {
        String(String.UnicodeScalarView(String(self).unicodeScalars.filter { !set.unicodeScalars.contains($0) }))
    }
}
