/// Path arithmetic on plain strings (Foundation's `NSString` path methods trap on some inputs on Linux).
enum PathText {
    /// `a/b/c` → `a/b`; `c` → empty; `/c` → `/`.
    static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `a/b/c` → `c`.
    static func lastComponent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.index(after: slash)...])
    }
}
