/// A value while a template renders: what a name resolves to.
///
/// Typed contexts (`PageContext`, `SiteContext`, …) are `object`s whose fields the compiler found by
/// index when the theme loaded; lists of them are `list`s. `values` and `map` hold untyped data
/// (front-matter `params`, the Mustache spec's test data), looked up by name.
public enum TemplateValue: Sendable {
    /// No value: renders as nothing, false in `{{#…}}`.
    case absent
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case text(String)
    /// A typed context.
    case object(any TemplateObject)
    /// A typed list.
    case list(any TemplateList)
    /// An untyped list.
    case values([TemplateValue])
    /// An untyped object, by name.
    case map([String: TemplateValue])

    /// Whether `{{#…}}` renders its content (and `{{^…}}` does not). Empty text is false, as swift-mustache
    /// treated Sacrum's text.
    var isTruthy: Bool {
        switch self {
        case .absent: false
        case .bool(let value): value
        case .text(let text): !text.isEmpty
        case .list(let list): list.count > 0
        case .values(let values): !values.isEmpty
        case .integer, .number, .object, .map: true
        }
    }

    /// The value of `name` in this value, looked up by name (untyped lookups); `nil` when it has no such
    /// name, so that the lookup goes on to outer contexts.
    func member(named name: String) -> TemplateValue? {
        switch self {
        case .object(let object):
            guard let index = object.templateSchema.index(of: name) else { return nil }
            return object.value(at: index)
        case .map(let values):
            return values[name]
        default:
            return nil
        }
    }
}

/// A typed context: fields by index, in the order of its schema.
public protocol TemplateObject: Sendable {
    /// The names and types of the fields.
    var templateSchema: TemplateSchema { get }
    /// The value of the field at `index` in `schema`.
    func value(at index: Int) -> TemplateValue
}

/// A typed list whose elements are made when a section reaches them (no array of contexts per lookup).
public protocol TemplateList: Sendable {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
}

extension Optional where Wrapped == String {
    /// The text, or `.absent`.
    var templateValue: TemplateValue { map(TemplateValue.text) ?? .absent }
}
