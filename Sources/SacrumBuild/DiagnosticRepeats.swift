import SacrumContent

extension Array where Element == Diagnostic {
    /// The diagnostics in order, those with a `key` that an earlier one has dropped, and the first of
    /// each key saying how many it stands for (`more(count)` appended to its message). Diagnostics
    /// without a key (`nil`) are kept as they are.
    func mergingRepeats(key: (Diagnostic) -> String?, more: (Int) -> String) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var firstIndex: [String: Int] = [:]
        var repeats: [Int: Int] = [:]
        for diagnostic in self {
            guard let key = key(diagnostic) else {
                result.append(diagnostic)
                continue
            }
            if let index = firstIndex[key] {
                repeats[index, default: 0] += 1
            } else {
                firstIndex[key] = result.count
                result.append(diagnostic)
            }
        }
        for (index, count) in repeats { result[index].message += more(count) }
        return result
    }
}
