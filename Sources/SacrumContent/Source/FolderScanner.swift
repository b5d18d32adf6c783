/// Lists the files under a folder of the site (content, static files, a theme), without ever following
/// a symbolic link out of it.
public struct FolderScanner: Sendable {
    /// Deepest folder nesting accepted.
    var maximumDepth = 32
    /// Where the folders are read.
    var fileSystem: any ContentFileSystem

    /// Creates a scanner of `fileSystem` (the disk unless a test gives its own).
    public init(fileSystem: any ContentFileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// The files and folders found, relative to the scanned folder, in sorted order.
    public struct Result: Sendable, Hashable {
        /// Files, like `treatments/si-joint-fusion.md`.
        public var files: [String] = []
        /// Folders, like `treatments`.
        public var folders: [String] = []
        /// Symbolic links, unreadable folders and unusable names.
        public var diagnostics: [Diagnostic] = []
    }

    /// Scans `root`; `displayPrefix` (`content`) is how diagnostics name it. A missing folder gives an
    /// empty result.
    public func scan(root: String, displayPrefix: String) -> Result {
        var result = Result()
        let rootType = fileSystem.type(atPath: root)
        guard rootType == .directory else {
            if rootType == .symbolicLink {
                result.diagnostics.append(symbolicLink(displayPrefix))
            }
            return result
        }
        var pending: [(relative: String, depth: Int)] = [("", 0)]
        while let (relative, depth) = pending.popLast() {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            let display = relative.isEmpty ? displayPrefix : displayPrefix + "/" + relative
            let entries: [FileIO.Entry]
            do {
                entries = try fileSystem.list(absolute)
            } catch {
                result.diagnostics.append(
                    Diagnostic(.error, id: "file.unreadable", file: display, message: "the folder cannot be read: \(error.reason)"))
                continue
            }
            var subfolders: [String] = []
            // Swift finds names equal up to Unicode normalisation: `seen` catches 'café' written
            // precomposed (NFC) beside 'café' written with a combining accent (NFD), which would be
            // one file on macOS. Sorting the bytes first makes the one reported the same every time.
            var seen: [String: String] = [:]
            for entry in entries.sorted(by: { $0.nameBytes.lexicographicallyPrecedes($1.nameBytes) }) {
                guard let name = String(validating: entry.nameBytes, as: UTF8.self) else {
                    result.diagnostics.append(
                        Diagnostic(
                            .error, id: "file.name", file: display,
                            message: "a file name in this folder is not valid UTF-8 and is skipped",
                            hint: "rename the file using UTF-8 characters"))
                    continue
                }
                if Self.isIgnored(name) { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                let shown = displayPrefix + "/" + path
                guard PathSafety.isSafeName(name) else {
                    result.diagnostics.append(
                        Diagnostic(
                            .error, id: "file.name", file: shown, message: "the name contains control characters or a backslash",
                            hint: "rename it with letters, digits, '-' and '_'"))
                    continue
                }
                if let twin = seen.updateValue(name, forKey: name) {
                    result.diagnostics.append(
                        Diagnostic(
                            .error, id: "file.name", file: shown,
                            message: "this name and '\(twin)' beside it differ only in how accented letters are encoded (Unicode NFC and NFD); they would be one file on macOS, so this one is skipped",
                            hint: "rename or delete one of them"))
                    continue
                }
                switch entry.type {
                case .file:
                    result.files.append(path)
                case .directory:
                    if depth + 1 > maximumDepth {
                        result.diagnostics.append(
                            Diagnostic(
                                .error, id: "file.too-deep", file: shown,
                                message: "folders are nested more than \(maximumDepth) levels deep; this one is skipped"))
                    } else {
                        subfolders.append(path)
                    }
                case .symbolicLink:
                    result.diagnostics.append(symbolicLink(shown))
                case .other:
                    result.diagnostics.append(
                        Diagnostic(
                            .warning, id: "file.special", file: shown,
                            message: "this is not a regular file or folder and is skipped"))
                }
            }
            result.folders.append(contentsOf: subfolders)
            for folder in subfolders.reversed() { pending.append((folder, depth + 1)) }
        }
        result.files.sort()
        result.folders.sort()
        return result
    }

    /// Hidden files, editor backups and swap files are never site content.
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#"))
            || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".tmp")
    }

    private func symbolicLink(_ shown: String) -> Diagnostic {
        Diagnostic(
            .error, id: "file.symlink", file: shown,
            message: "this is a symbolic link; Sacrum never follows links, so it is not published",
            hint: "replace the link with the file or folder it points to")
    }
}
