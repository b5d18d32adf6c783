/// Templates rendered with untyped data, every name looked up by name as Mustache does: for the
/// Mustache spec's data-driven tests, which the theme's typed contexts cannot express.
enum UntypedTemplate {
    /// `template` rendered with `data`, its partials and parents taken from `partials`; a syntax error throws.
    static func render(_ template: String, partials: [String: String] = [:], data: TemplateValue) throws(TemplateSyntaxError) -> String {
        var sources: [String: TemplateCompiler.Source] = [:]
        for (name, text) in [("", template)] + partials.sorted(by: { $0.key < $1.key }) {
            var parser = TemplateParser(text, blockPrefix: name)
            sources[name] = TemplateCompiler.Source(file: name, nodes: try parser.parse())
        }
        var compiler = TemplateCompiler(sources: sources)
        compiler.compile(.init(name: "", root: .data))
        let program = compiler.program()
        var renderer = TemplateRenderer(program: program, assets: [])
        renderer.render(program.entries[""] ?? 0, root: data)
        return renderer.output
    }
}
