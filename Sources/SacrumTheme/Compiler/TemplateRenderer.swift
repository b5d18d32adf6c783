/// Runs a `TemplateProgram` into one string, reserved once: no names are looked up by text on the typed
/// path, and literal text and values are appended as they are (no pass over the page to validate it).
///
/// The budget: every value looked up and every list element taken is a step; after `limit` steps
/// every value is absent (sections end at once) and the render is over budget. Calls nest at most
/// `callDepthLimit` deep.
struct TemplateRenderer {
    let program: TemplateProgram
    /// The rendered text.
    var output = ""
    private var stack: [TemplateValue] = []
    private var steps: Int
    private var callDepth = 0
    /// Stylesheet URLs by slot of `program.assetNames`.
    private let assets: [String?]
    /// The site-wide partials' renderings by slot, and the slots that went over their budget.
    private let sitePartials: [String]
    private let sitePartialsOverBudget: Set<Int>

    static let callDepthLimit = 200

    init(
        program: TemplateProgram, assets: [String?], sitePartials: [String] = [], sitePartialsOverBudget: Set<Int> = [],
        limit: Int = RenderBudget.limit, capacity: Int = 0
    ) {
        self.program = program
        self.assets = assets
        self.sitePartials = sitePartials
        self.sitePartialsOverBudget = sitePartialsOverBudget
        self.steps = limit
        output.reserveCapacity(capacity)
        stack.reserveCapacity(16)
    }

    /// Whether the render went over its budget.
    var isOverBudget: Bool { steps < 0 }

    /// Renders the procedure `procedure` with `root` as the outermost context.
    mutating func render(_ procedure: Int, root: TemplateValue) {
        stack.append(root)
        run(program.procedures[procedure], indentation: "")
        stack.removeLast()
    }

    private mutating func spend() -> Bool {
        steps -= 1
        return steps >= 0
    }

    private mutating func run(_ range: Range<Int>, indentation: String) {
        let start = output.utf8.count
        var index = range.lowerBound
        while index < range.upperBound {
            let before = output.utf8.count
            switch program.ops[index] {
            case .literal(let text):
                if indentation.isEmpty {
                    output.append(program.texts[text])
                } else {
                    writeIndented(text, indentation: indentation)
                }
                index += 1
            case .text:
                index += 1  // only while compiling
            case .value(let ref, let escaped):
                write(resolve(ref), escaped: escaped)
                index += 1
            case .section(let ref, let end, let inverted):
                let value = resolve(ref)
                let body = (index + 1)..<end
                if inverted {
                    if !value.isTruthy { run(body, indentation: indentation) }
                } else {
                    switch value {
                    case .list(let list):
                        for element in 0..<list.count {
                            guard spend() else { break }
                            stack.append(list.element(at: element))
                            run(body, indentation: indentation)
                            stack.removeLast()
                        }
                    case .values(let values):
                        for element in values {
                            guard spend() else { break }
                            stack.append(element)
                            run(body, indentation: indentation)
                            stack.removeLast()
                        }
                    default:
                        if value.isTruthy {
                            stack.append(value)
                            run(body, indentation: indentation)
                            stack.removeLast()
                        }
                    }
                }
                index = end
            case .call(let procedure, let added):
                if callDepth < Self.callDepthLimit {
                    callDepth += 1
                    let inner = added < 0 ? indentation : indentation + program.indentations[added]
                    run(program.procedures[procedure], indentation: inner)
                    callDepth -= 1
                } else {
                    steps = -1
                }
                index += 1
            case .sitePartial(let slot):
                if sitePartialsOverBudget.contains(slot) {
                    steps = -1
                } else if slot < sitePartials.count {
                    output.append(sitePartials[slot])
                }
                index += 1
            }
            // swift-mustache's rule: what a tag renders at the start of a line (not the first) gets the
            // partial's indentation.
            if !indentation.isEmpty, output.utf8.count > before, before > start,
                output.utf8[output.utf8.index(output.utf8.startIndex, offsetBy: before - 1)] == UInt8(ascii: "\n")
            {
                output.insert(contentsOf: indentation, at: output.utf8.index(output.utf8.startIndex, offsetBy: before))
            }
        }
    }

    /// Text with the indentation after each of its line breaks that more text follows.
    private mutating func writeIndented(_ text: Int, indentation: String) {
        for (index, line) in program.lines[text].enumerated() {
            if index > 0 { output.append(indentation) }
            output.append(line)
        }
    }

    private mutating func resolve(_ ref: Int) -> TemplateValue {
        guard spend() else { return .absent }
        switch program.refs[ref] {
        case .current:
            return stack.last ?? .absent
        case .frame(let frame, let fields):
            // The context itself is not copied, only its object (the common case: a field of a context).
            guard case .object(let object) = stack[frame], let first = fields.first else { return .absent }
            var value = object.value(at: first)
            for field in fields.dropFirst() {
                guard case .object(let next) = value else { return .absent }
                value = next.value(at: field)
            }
            return value
        case .frameThenNames(let frame, let fields, let names):
            return Self.follow(names, from: Self.follow(fields, from: stack[frame]))
        case .search(let names):
            for frame in stack.indices.reversed() {
                guard let first = stack[frame].member(named: names[0]) else { continue }
                return Self.follow(names.dropFirst(), from: first)
            }
            return .absent
        case .asset(let slot):
            return slot < assets.count ? assets[slot].templateValue : .absent
        }
    }

    private static func follow(_ fields: [Int], from start: TemplateValue) -> TemplateValue {
        var value = start
        for field in fields {
            guard case .object(let object) = value else { return .absent }
            value = object.value(at: field)
        }
        return value
    }

    private static func follow(_ names: some Collection<String>, from start: TemplateValue) -> TemplateValue {
        var value = start
        for name in names {
            guard let member = value.member(named: name) else { return .absent }
            value = member
        }
        return value
    }

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            if escaped { HTMLEscaping.append(text, to: &output) } else { output.append(text) }
        case .integer(let integer):
            output.append(String(integer))
        case .number(let number):
            output.append("\(number)")
        case .bool(let bool):
            output.append(bool ? "true" : "false")
        case .absent, .object, .list, .values, .map:
            break
        }
    }
}
