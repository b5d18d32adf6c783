/// A YAML value with the place it was written: the plain, `Sendable` form of what Yams composes,
/// checked for the things Sacrum does not accept (duplicate keys, custom tags, runaway nesting).
public indirect enum YAMLValue: Sendable, Hashable {
    /// A scalar: its text, whether it was written plain (unquoted), and where.
    case scalar(String, isPlain: Bool, at: YAMLPosition)
    /// A sequence (`[a, b]` or `- a`).
    case sequence([YAMLValue], at: YAMLPosition)
    /// A mapping, its pairs in the order written; keys are unique.
    case mapping([YAMLPair], at: YAMLPosition)

    /// Where the value starts.
    public var position: YAMLPosition {
        switch self {
        case .scalar(_, _, let position), .sequence(_, let position), .mapping(_, let position):
            position
        }
    }

    /// A word for the kind of value, for messages (`a list`, `a mapping`, `text`).
    var kindDescription: String {
        switch self {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// Whether this is a plain `null`, `~` or empty value.
    var isNull: Bool {
        guard case .scalar(let text, let isPlain, _) = self, isPlain else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The value of `key` if this is a mapping that has it.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }
}

/// One `key: value` of a YAML mapping.
public struct YAMLPair: Sendable, Hashable {
    /// The key's text.
    public var key: String
    /// Where the key is written.
    var keyPosition: YAMLPosition
    /// The value.
    public var value: YAMLValue

    /// Creates a pair.
    init(key: String, keyPosition: YAMLPosition, value: YAMLValue) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}

/// A 1-based line and column in the file the YAML came from.
public struct YAMLPosition: Sendable, Hashable {
    /// 1-based line in the file.
    public var line: Int
    /// 1-based column (in characters, as libyaml counts).
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
