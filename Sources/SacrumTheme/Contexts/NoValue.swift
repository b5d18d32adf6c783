public import Mustache

/// What a context returns for a key it knows but has no value for: renders as nothing, counts as
/// false in `{{#key}}`, and stops Mustache from looking the name up in outer contexts (where a
/// missing `description` on a listed page would otherwise print the current page's).
public struct NoValue: MustacheCustomRenderable, Sendable {
    /// Creates the empty value.
    public init() {}
    public var renderText: String { "" }
    public var isNull: Bool { true }
}

extension Optional {
    /// The value, or `NoValue()` for templates.
    var orNoValue: Any { self.map { $0 as Any } ?? NoValue() }
}

extension Optional where Wrapped == String {
    /// The text as `TemplateText`, or `NoValue()` for templates.
    var orNoValue: Any { self.map { TemplateText($0) as Any } ?? NoValue() }
}
