/// What a name stands for when the theme loads, so that names are resolved to field indexes once
/// and a name no context has is an error at its tag.
public indirect enum TemplateType: Sendable {
    case text, bool, number
    /// A list; sections over it see each element.
    case list(TemplateType)
    /// A typed context.
    case object(TemplateSchema)
    /// `assets`: stylesheet URLs by name, checked against the site's stylesheets.
    case assets
    /// Untyped data, looked up by name when rendering (front-matter `params`, test data).
    case data

    /// How diagnostics call a value of this type.
    var description: String {
        switch self {
        case .text: "text"
        case .bool: "true or false"
        case .number: "a number"
        case .list: "a list"
        case .object(let schema): schema.name
        case .assets: "the stylesheets"
        case .data: "data"
        }
    }
}

/// The fields of a typed context, by name, in the order of its `value(at:)`.
public final class TemplateSchema: Sendable {
    /// What templates call it, for diagnostics (`page`, `a page link`).
    public let name: String
    /// Field names, by index.
    public let names: [String]
    /// Field types, by index.
    let types: [TemplateType]
    private let indexes: [String: Int]

    /// A schema of `fields`, in order.
    init(name: String, fields: [(String, TemplateType)]) {
        self.name = name
        self.names = fields.map(\.0)
        self.types = fields.map(\.1)
        self.indexes = Dictionary(fields.enumerated().map { ($0.element.0, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// A schema whose fields are the cases of `Field` (named by their raw values), in order; `type`
    /// gives each one's type.
    convenience init<Field: CaseIterable & RawRepresentable<String>>(name: String, _ field: Field.Type, type: (Field) -> TemplateType) {
        self.init(name: name, fields: Field.allCases.map { ($0.rawValue, type($0)) })
    }

    /// The field at `index` of a context's `fields`, or `nil`.
    static func element<Field>(_ index: Int, of fields: [Field]) -> Field? {
        fields.indices.contains(index) ? fields[index] : nil
    }

    /// The index of the field `name`.
    func index(of name: String) -> Int? { indexes[name] }
}
