public import Mustache

/// Text handed to templates. swift-mustache renders a `MustacheCustomRenderable` with one type check,
/// where a plain `String` goes through several dynamic casts and `String(describing:)`; on a large site
/// that is a good part of the rendering time. Empty text counts as false in `{{#...}}`, and the
/// string transforms (`{{uppercase(title)}}`) work as on `String`.
public struct TemplateText: MustacheCustomRenderable, MustacheTransformable, Sendable {
    /// The text.
    public let value: String

    /// Wraps `value`.
    public init(_ value: String) {
        self.value = value
    }

    public var renderText: String { value }
    public var isNull: Bool { value.isEmpty }

    public func transform(_ name: String) -> Any? { value.transform(name) }
}
