import SacrumContent

/// Compiles parsed templates into one `TemplateProgram`: names resolved to field indexes against the
/// types of the contexts a tag sees, partials, parents and blocks turned into procedures (one for each
/// set of contexts and block overrides they are included with), literal text pooled.
///
/// With an untyped root (`TemplateType.data`, the Mustache spec's test data) every name is looked up
/// by name when rendering, as Mustache does; a typed root makes a name no context has an error at its
/// tag, with the closest name that exists.
struct TemplateCompiler {
    /// A parsed template and the file it came from.
    struct Source {
        var file: String
        var nodes: [TemplateNode]
    }

    /// What a template renders with, and how.
    struct Entry {
        /// The template's name.
        var name: String
        /// The outermost context.
        var root: TemplateType
        /// Whether site-wide partials are included as their renderings (pages) or rendered in place.
        var prerenderedSitePartials: Bool = false
        /// First names not reported as unknown (a site-wide partial's `page`, reported by its own check).
        var quietRoots: Set<String> = []
        /// Whether problems are reported (partials compiled on their own are checked where they are included).
        var reports: Bool = true
    }

    /// A `{{$block}}` override and the file it was written in.
    private struct Override {
        var block: TemplateBlock
        var file: String
    }

    private struct Scope {
        var file: String
        var types: [TemplateType]
        var overrides: [String: Override]
        var chain: [String]
        var entry: Entry
    }

    let sources: [String: Source]
    /// Site-wide partials by name: their slot.
    let sitePartialSlots: [String: Int]

    private var ops: [TemplateOp] = []
    private var bytes: [UInt8] = []
    private var refs: [TemplateRef] = []
    private var indentations: [[UInt8]] = []
    private var indentationSlots: [[UInt8]: Int] = [:]
    private var procedures: [Range<Int>] = []
    private var memo: [String: Int] = [:]
    private var entries: [String: Int] = [:]
    private var assetNames: [String] = []
    private var assetSlots: [String: Int] = [:]
    /// Each use of `assets.NAME`, for the check against the site's stylesheets.
    private(set) var assetUses: [TemplateAssetUse] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var reported: Set<String> = []

    init(sources: [String: Source], sitePartialSlots: [String: Int] = [:]) {
        self.sources = sources
        self.sitePartialSlots = sitePartialSlots
    }

    /// Compiles `entry` as a template of its own.
    mutating func compile(_ entry: Entry) {
        guard let source = sources[entry.name] else { return }
        let scope = Scope(file: source.file, types: [entry.root], overrides: [:], chain: [entry.name], entry: entry)
        entries[entry.name] = procedure(key: "T:" + entry.name, nodes: source.nodes, scope: scope)
    }

    /// The program compiled so far.
    func program() -> TemplateProgram {
        // Literal runs become strings once (they are valid UTF-8: templates split at ASCII bytes only).
        var texts: [String] = []
        let literals = ops.map { op -> TemplateOp in
            guard case .text(let start, let end) = op else { return op }
            texts.append(String(decoding: bytes[start..<end], as: UTF8.self))
            return .literal(texts.count - 1)
        }
        return TemplateProgram(
            ops: literals, texts: texts, refs: refs, indentations: indentations.map { String(decoding: $0, as: UTF8.self) },
            procedures: procedures, entries: entries, assetNames: assetNames)
    }

    // MARK: Procedures

    /// The procedure for `nodes` in `scope`, compiled once per key, contexts and overrides.
    private mutating func procedure(key: String, nodes: [TemplateNode], scope: Scope) -> Int {
        let fullKey = key + "|" + Self.key(of: scope.overrides) + "|" + Self.key(of: scope.types) + "|"
            + (scope.entry.prerenderedSitePartials ? "p" : "") + (scope.entry.reports ? "r" : "") + scope.entry.quietRoots.sorted().joined(separator: ",")
        if let known = memo[fullKey] { return known }
        let id = procedures.count
        procedures.append(0..<0)
        memo[fullKey] = id
        var local: [TemplateOp] = []
        emit(nodes, scope: scope, into: &local)
        let base = ops.count
        for op in local {
            if case .section(let ref, let end, let inverted) = op {
                ops.append(.section(ref: ref, end: end + base, inverted: inverted))
            } else {
                ops.append(op)
            }
        }
        procedures[id] = base..<ops.count
        return id
    }

    private static func key(of overrides: [String: Override]) -> String {
        overrides.sorted { $0.key < $1.key }.map { $0.key + "=" + $0.value.block.id }.joined(separator: ",")
    }

    private static func key(of types: [TemplateType]) -> String {
        // Untyped stacks resolve every name by name: one procedure serves them all.
        if case .data = types.first { return "data" }
        return types.map(key(of:)).joined(separator: ",")
    }

    private static func key(of type: TemplateType) -> String {
        switch type {
        case .text: "t"
        case .bool: "b"
        case .number: "n"
        case .list(let element): "[" + key(of: element) + "]"
        case .object(let schema): "o\(ObjectIdentifier(schema).hashValue)"
        case .assets: "a"
        case .data: "d"
        }
    }

    // MARK: Nodes

    private mutating func emit(_ nodes: [TemplateNode], scope: Scope, into local: inout [TemplateOp]) {
        // Consecutive text becomes one op (never across a section's end).
        var openText: Int?
        for node in nodes {
            if case .text = node {} else { openText = nil }
            switch node {
            case .text(let text):
                if let index = openText, case .text(let start, let end) = local[index], end == bytes.count {
                    bytes += text
                    local[index] = .text(start: start, end: bytes.count)
                } else {
                    let start = bytes.count
                    bytes += text
                    local.append(.text(start: start, end: bytes.count))
                    openText = local.count - 1
                }
            case .variable(let tag, let escaped):
                guard let (ref, type) = resolve(tag, scope: scope) else { continue }
                switch type {
                case .list, .object, .assets:
                    report(
                        scope, tag, id: "template.not-text",
                        message: "'\(tag.name)' is \(type.description), which cannot be shown as text",
                        hint: hint(forShowing: tag.name, type: type))
                default:
                    local.append(.value(ref: ref, escaped: escaped))
                }
            case .section(let tag, let inverted, let body):
                let resolved = resolve(tag, scope: scope)
                var inner = scope
                if !inverted {
                    switch resolved?.type {
                    case .list(let element)?: inner.types.append(element)
                    case let type?: inner.types.append(type)
                    case nil: inner.types.append(.data)  // unknown (reported): names inside are not reported again
                    }
                }
                if case .assets? = resolved?.type {
                    report(scope, tag, id: "template.not-text", message: "'assets' is a table of stylesheets, not a section",
                           hint: "use one stylesheet's URL, like {{assets.style}}")
                }
                let open = local.count
                local.append(.text(start: 0, end: 0))
                emit(body, scope: inner, into: &local)
                if let (ref, _) = resolved {
                    local[open] = .section(ref: ref, end: local.count, inverted: inverted)
                } else {
                    local.removeSubrange(open...)
                }
            case .partial(let tag, let indentation, let overrides):
                if scope.entry.prerenderedSitePartials, let slot = sitePartialSlots[tag.name] {
                    local.append(.sitePartial(slot: slot))
                    continue
                }
                guard let source = sources[tag.name] else { continue }  // reported by the reference check
                let isData = { if case .data = scope.types.first { true } else { false } }()
                // A template including itself is an error when the theme loads (TemplateRecursion); with
                // typed contexts its procedures would differ at each level, so it is not followed.
                guard scope.chain.count < 64, isData || !scope.chain.contains(tag.name) else { continue }
                var inner = scope
                inner.file = source.file
                inner.chain.append(tag.name)
                for block in overrides ?? [] where inner.overrides[block.tag.name] == nil {
                    inner.overrides[block.tag.name] = Override(block: block, file: scope.file)
                }
                let id = procedure(key: "T:" + tag.name, nodes: source.nodes, scope: inner)
                local.append(.call(procedure: id, indentation: slot(of: indentation)))
            case .block(let block, let indentation, let intrinsic):
                var inner = scope
                if let override = scope.overrides[block.tag.name] {
                    inner.file = override.file
                    let id = procedure(key: "B:" + override.block.id, nodes: override.block.body, scope: inner)
                    if !intrinsic.isEmpty { emit([.text(intrinsic)], scope: scope, into: &local) }
                    local.append(.call(procedure: id, indentation: slot(of: indentation + intrinsic)))
                } else {
                    let id = procedure(key: "B:" + block.id, nodes: block.body, scope: inner)
                    local.append(.call(procedure: id, indentation: slot(of: indentation)))
                }
            case .blockDefinition:
                break  // only inside parents, which take them apart
            }
        }
    }

    private mutating func slot(of indentation: [UInt8]?) -> Int {
        guard let indentation, !indentation.isEmpty else { return -1 }
        if let slot = indentationSlots[indentation] { return slot }
        indentations.append(indentation)
        indentationSlots[indentation] = indentations.count - 1
        return indentations.count - 1
    }

    // MARK: Names

    /// Where `tag`'s name is found and what it is; `nil` (and a diagnostic) when no context has it.
    private mutating func resolve(_ tag: TemplateTag, scope: Scope) -> (ref: Int, type: TemplateType)? {
        if tag.name == "." { return (add(.current), scope.types.last ?? .data) }
        let names = tag.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !names.contains(where: \.isEmpty) else {
            report(scope, tag, id: "template.unknown-name", message: "'\(tag.name)' is not a name",
                   hint: "write names with single dots between their parts, like page.title")
            return nil
        }
        var found: (frame: Int, field: Int, type: TemplateType)?
        search: for frame in scope.types.indices.reversed() {
            switch scope.types[frame] {
            case .object(let schema):
                if let field = schema.index(of: names[0]) {
                    found = (frame, field, schema.types[field])
                    break search
                }
            case .data:
                return (add(.search(names)), .data)
            case .text, .bool, .number, .list, .assets:
                continue
            }
        }
        guard let (frame, first, firstType) = found else {
            if !scope.entry.quietRoots.contains(names[0]) {
                let visible = scope.types.flatMap { type -> [String] in
                    if case .object(let schema) = type { schema.names } else { [] }
                }
                report(
                    scope, tag, id: "template.unknown-name", message: "no context here has '\(names[0])'",
                    hint: Suggestion.closest(to: names[0], in: visible).map { "did you mean '\(([$0] + names.dropFirst()).joined(separator: "."))'?" }
                        ?? "names here: \(Set(visible).sorted().joined(separator: ", "))")
            }
            return nil
        }
        var fields = [first]
        var type = firstType
        for (offset, name) in names.enumerated().dropFirst() {
            let path = names[..<offset].joined(separator: ".")
            switch type {
            case .object(let schema):
                guard let field = schema.index(of: name) else {
                    report(
                        scope, tag, id: "template.unknown-name", message: "'\(path)' (\(schema.name)) has no '\(name)'",
                        hint: Suggestion.closest(to: name, in: schema.names).map { "did you mean '\(path).\($0)'?" }
                            ?? "its names: \(schema.names.joined(separator: ", "))")
                    return nil
                }
                fields.append(field)
                type = schema.types[field]
            case .data:
                return (add(.frameThenNames(frame, fields: fields, names: Array(names[offset...]))), .data)
            case .assets:
                guard offset == names.count - 1 else {
                    report(scope, tag, id: "template.unknown-name", message: "'\(path).\(name)' is a stylesheet URL, which has no '\(names[offset + 1])'",
                           hint: "write {{\(path).\(name)}}")
                    return nil
                }
                let slot: Int
                if let known = assetSlots[name] {
                    slot = known
                } else {
                    slot = assetNames.count
                    assetNames.append(name)
                    assetSlots[name] = slot
                }
                if scope.entry.reports {
                    assetUses.append(TemplateAssetUse(name: name, file: scope.file, line: tag.line, column: tag.column))
                }
                return (add(.asset(slot)), .text)
            case .text, .bool, .number, .list:
                report(
                    scope, tag, id: "template.unknown-name", message: "'\(path)' is \(type.description), which has no '\(name)'",
                    hint: "write {{\(path)}}")
                return nil
            }
        }
        return (add(.frame(frame, fields: fields)), type)
    }

    private mutating func add(_ ref: TemplateRef) -> Int {
        refs.append(ref)
        return refs.count - 1
    }

    private func hint(forShowing name: String, type: TemplateType) -> String {
        switch type {
        case .object(let schema): "show one of its names, like {{\(name).\(schema.names.first ?? "title")}}, or use it as a section: {{#\(name)}}…{{/\(name)}}"
        case .list: "go through it with a section: {{#\(name)}}…{{/\(name)}}"
        case .assets: "use one stylesheet's URL, like {{assets.style}}"
        default: "show it with {{\(name)}}"
        }
    }

    private mutating func report(_ scope: Scope, _ tag: TemplateTag, id: String, message: String, hint: String?) {
        guard scope.entry.reports else { return }
        let key = "\(scope.file):\(tag.line):\(tag.column):\(message)"
        guard reported.insert(key).inserted else { return }
        diagnostics.append(Diagnostic(.error, id: id, file: scope.file, line: tag.line, column: tag.column, message: message, hint: hint))
    }
}

/// A template's use of `assets.NAME`, checked against the site's stylesheets once they are known.
struct TemplateAssetUse: Sendable, Hashable {
    var name: String
    var file: String
    var line: Int
    var column: Int
}
