/// Encodes problems as the one-line JSON the live-reload script reads from a `problems` event.
///
/// Written by hand so that encoding cannot fail and the output never contains a line break,
/// which would end an event-stream `data:` line.
enum ProblemJSON {
    /// The problems as a JSON array of objects with `severity`, `location`, `message` and `hint`.
    static func encode(_ problems: [ServerProblem]) -> String {
        var json = "["
        for (index, problem) in problems.enumerated() {
            if index > 0 { json += "," }
            json += "{\"severity\":" + quoted(problem.severity.rawValue)
            json += ",\"location\":" + quoted(problem.location)
            json += ",\"message\":" + quoted(problem.message)
            json += ",\"hint\":" + (problem.hint.map(quoted) ?? "null")
            json += "}"
        }
        return json + "]"
    }

    /// A JSON string literal for `text`, escaping quotes, backslashes, control characters, and
    /// the line and paragraph separators.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
