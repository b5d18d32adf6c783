import SacrumContent

/// Finds templates that include themselves, directly or through other partials and parents. Mustache
/// has no limit on nesting, and no value in Sacrum's contexts changes from one level to the next in a
/// way that would stop it, so such a template would recurse until the build crashes on a stack
/// overflow; it is an error when the theme loads instead.
enum TemplateRecursion {
    /// One diagnostic per reference that closes a cycle, at that reference.
    static func diagnostics(
        references: [String: [TemplateReferenceScanner.Reference]], files: [String: String]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var finished: Set<String> = []
        var path: [String] = []

        func visit(_ name: String) {
            path.append(name)
            for reference in references[name] ?? [] where references[reference.name] != nil {
                if let start = path.firstIndex(of: reference.name) {
                    let cycle = (path[start...] + [reference.name]).map { "'\($0)'" }.joined(separator: " → ")
                    diagnostics.append(
                        Diagnostic(
                            .error, id: "template.recursive", file: files[name] ?? name, line: reference.line,
                            column: reference.column,
                            message: "the template '\(reference.name)' includes itself (\(cycle)), so it would never finish rendering",
                            hint: "remove this {{>\(reference.name)}} or {{<\(reference.name)}}, or move what both need into a partial of its own"))
                } else if !finished.contains(reference.name) {
                    visit(reference.name)
                }
            }
            path.removeLast()
            finished.insert(name)
        }

        for name in references.keys.sorted() where !finished.contains(name) {
            visit(name)
        }
        return diagnostics
    }
}
