import SacrumContent

/// A treatment says what kind of procedure it is (`procedure_type`), so that its structured data never
/// guesses: without it the JSON-LD calls it a plain `MedicalProcedure`, which is true of every
/// treatment but tells search engines less, and the editor is asked to choose.
enum ProcedureTypeCheck {
    static func check(_ page: Page, context: CheckContext) -> [Diagnostic] {
        guard page.role == .regular, page.kind == .treatment, let source = page.source,
            source.frontMatter.procedureType == nil
        else { return [] }
        let types = ProcedureType.allCases.map { "'\($0.rawValue)'" }
        return [
            Diagnostic(
                .warning, id: "medical.procedure-type", file: source.file, line: 1, column: 1,
                message: "this treatment has no 'procedure_type', so its structured data calls it only a 'MedicalProcedure'",
                hint: "add 'procedure_type:' with \(types.dropLast().joined(separator: ", ")) or \(types.last ?? "")"
                    + " (an SI-joint injection is percutaneous, a fusion surgical)")
        ]
    }
}
