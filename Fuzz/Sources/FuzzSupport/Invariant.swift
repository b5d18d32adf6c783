public import SacrumContent

/// Stops the run when a property every input must have does not hold. libFuzzer reports the trap as a
/// crash and saves the input, like any other crash.
public func invariant(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
    line: UInt = #line
) {
    if !condition() { fatalError("invariant failed: \(message())", file: file, line: line) }
}

/// Checks where diagnostics point: line 0 (the whole file) or a line of the text (one past the last is
/// allowed, for "missing at the end" problems); column 0 (unknown) or more.
public func checkPositions(of diagnostics: [Diagnostic], lineCount: Int) {
    for diagnostic in diagnostics {
        invariant(
            diagnostic.line >= 0 && diagnostic.line <= lineCount + 1,
            "line \(diagnostic.line) outside 0...\(lineCount + 1): \(diagnostic.id): \(diagnostic.message)")
        invariant(diagnostic.column >= 0, "column \(diagnostic.column): \(diagnostic.id): \(diagnostic.message)")
        invariant(!diagnostic.message.isEmpty && !diagnostic.id.isEmpty, "a diagnostic without message or id")
    }
}

/// The number of lines of `text` as an editor counts them.
public func lineCount(of text: String) -> Int {
    text.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
}

/// Whether `text` contains `needle`, comparing UTF-8 bytes (much cheaper than `String.contains`, which
/// compares characters, for the long outputs the harnesses check).
public func bytes(of text: String, contain needle: String) -> Bool {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return true }
    return text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
        var index = 0
        while index + pattern.count <= buffer.count {
            if buffer[index] == first && buffer[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    } ?? text.contains(needle)
}
