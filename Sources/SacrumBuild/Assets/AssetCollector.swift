import SacrumContent

/// Gathers the files published as they are: the theme's `assets/`, the site's `static/` (which
/// overrides theme assets of the same path) and the non-Markdown files of `content/`. Stylesheets are
/// fingerprinted (`css/style.css` → `css/style.3f2a9c1b07.css`) so browsers never keep a stale copy;
/// templates reach them by name (`{{assets.style}}`).
struct AssetCollector {
    let root: String
    let themeName: String
    /// Give stylesheets content-hashed names (publishing); the preview keeps their plain names.
    var fingerprint = true

    struct Result {
        var files: [OutputFile] = []
        /// Stylesheet URLs by file stem, for templates.
        var names: [String: String] = [:]
        /// Every published file, as a path without the leading `/`, for link checks.
        var published: Set<String> = []
        /// The site-relative source file of each published path, for diagnostics.
        var sources: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
    }

    func collect(contentFiles: Set<String>) -> Result {
        var result = Result()
        var origin: [String: String] = [:]
        let themeAssets = "themes/\(themeName)/assets"
        var folded: [String: String] = [:]  // lower-cased path → path; Swift compares strings up to Unicode normalisation
        for (folder, display) in [(themeAssets, themeAssets), ("static", "static")] {
            let scan = FolderScanner().scan(root: root + "/" + folder, displayPrefix: display)
            result.diagnostics.append(contentsOf: scan.diagnostics)
            var twins: [String: String] = [:]
            for path in scan.files.sorted() {
                if let twin = twins.updateValue(path, forKey: path.lowercased()) {
                    result.diagnostics.append(Self.twins(display + "/" + path, display + "/" + twin))
                    continue
                }
                if let earlier = folded[path.lowercased()], !earlier.utf8.elementsEqual(path.utf8) {
                    result.diagnostics.append(Self.twins(display + "/" + path, themeAssets + "/" + earlier))
                    continue
                }
                origin[path] = root + "/" + folder + "/" + path  // static/ replaces a theme asset of the same path
                folded[path.lowercased()] = path
            }
        }
        for path in contentFiles.sorted() {
            if let earlier = folded[path.lowercased()] {
                result.diagnostics.append(
                    earlier.utf8.elementsEqual(path.utf8)
                        ? Diagnostic(
                            .error, id: "url.collision", file: "content/" + path,
                            message: "this file and a theme or static/ file are both published at /\(path)",
                            hint: "rename or move one of them")
                        : Self.twins("content/" + path, display(origin[earlier] ?? earlier)))
                continue
            }
            origin[path] = root + "/content/" + path
            folded[path.lowercased()] = path
        }
        for (path, source) in origin.sorted(by: { $0.key < $1.key }) {
            result.sources[path] = display(source)
            if path.hasSuffix(".css") {
                addStylesheet(path, source: source, into: &result)
            } else {
                result.files.append(OutputFile(path: path, contents: .copy(from: source)))
                result.published.insert(path)
            }
        }
        return result
    }

    private func addStylesheet(_ path: String, source: String, into result: inout Result) {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(source)
        } catch {
            result.diagnostics.append(
                Diagnostic(.error, id: "file.unreadable", file: display(source), message: "the stylesheet cannot be read: \(error.reason)"))
            return
        }
        let stem = String(path.dropLast(4))
        let hashed = fingerprint ? stem + "." + Fingerprint.hex(of: bytes) + ".css" : path
        result.files.append(OutputFile(path: hashed, contents: .bytes(bytes)))
        result.published.insert(hashed)
        result.sources[hashed] = display(source)
        let name = String(stem.split(separator: "/").last ?? "")
        if result.names[name] != nil {
            result.diagnostics.append(
                Diagnostic(
                    .error, id: "asset.name", file: display(source),
                    message: "two stylesheets are named '\(name)'; templates could not tell them apart",
                    hint: "rename one of them"))
        }
        result.names[name] = "/" + hashed
    }

    /// Two published files whose names differ only in letter case or Unicode normalisation.
    private static func twins(_ file: String, _ other: String) -> Diagnostic {
        Diagnostic(
            .error, id: "url.collision", file: file,
            message: "this file and \(other) differ only in letter case or accents; they would be one file on macOS and Windows",
            hint: "rename one of them")
    }

    private func display(_ absolute: String) -> String {
        absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : absolute
    }
}

/// A short content hash for file names: 64-bit FNV-1a, as ten hex digits.
enum Fingerprint {
    static func hex(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(10))
    }
}
