/// Rules for names and paths that come from user input (front matter, `site.yaml`, file names)
/// before they become file paths in the output.
public enum PathSafety {
    /// A single folder or file name: not empty, not `.` or `..`, no slashes, backslashes, NUL or
    /// control characters, at most 255 bytes.
    public static func isSafeName(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != "..", name.utf8.count <= 255 else { return false }
        return !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }
}
