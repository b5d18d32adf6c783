import SacrumContent

/// Gathers the files published beside the pages: the theme's `assets/`, the site's `assets/` (which
/// replace theme assets of the same path), the site's `static/` (published exactly as they are) and
/// the non-Markdown files of `content/`. Stylesheets among the assets are fingerprinted
/// (`css/style.css` → `css/style.3f2a9c1b07.css`) so browsers never keep a stale copy; templates
/// reach them by name (`{{assets.style}}`).
struct AssetCollector {
    let root: String
    let themeName: String
    /// Give stylesheets content-hashed names (publishing); the preview keeps their plain names.
    var fingerprint = true
    /// The theme's colours with the site's in their place, published as `css/colors.css` (CSS custom
    /// properties, `{{assets.colors}}`) when any is set.
    var colors = ThemeColors()

    /// Where the colours' stylesheet is published.
    static let colorsPath = "css/colors.css"

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

    /// Where a published file comes from.
    private struct Origin {
        /// The file's absolute path.
        var file: String
        /// Whether it is an asset (theme or site `assets/`), whose stylesheets are fingerprinted.
        var isAsset: Bool
    }

    func collect(contentFiles: Set<String>) -> Result {
        var result = Result()
        var origin: [String: Origin] = [:]
        let layout = SiteLayout(root: root, themeName: themeName)
        var folded: [String: String] = [:]  // lower-cased path → path; Swift compares strings up to Unicode normalisation
        for (folder, isAsset) in [(layout.themeAssetsFolder, true), (SiteLayout.assetsFolder, true), (SiteLayout.staticFolder, false)] {
            let scan = FolderScanner().scan(root: root + "/" + folder, displayPrefix: folder)
            result.diagnostics.append(contentsOf: scan.diagnostics)
            var twins: [String: String] = [:]
            for path in scan.files.sorted() {
                if let twin = twins.updateValue(path, forKey: path.lowercased()) {
                    result.diagnostics.append(Self.twins(folder + "/" + path, folder + "/" + twin))
                    continue
                }
                if let earlier = folded[path.lowercased()] {
                    let earlierFile = origin[earlier].map { display($0.file) } ?? earlier
                    if !earlier.utf8.elementsEqual(path.utf8) {
                        result.diagnostics.append(Self.twins(folder + "/" + path, earlierFile))
                        continue
                    }
                    if !isAsset {
                        result.diagnostics.append(
                            Diagnostic(
                                .error, id: "url.collision", file: folder + "/" + path,
                                message: "this file and the asset \(earlierFile) are both published at /\(path)",
                                hint: "to replace the theme's file, put yours in assets/\(path) (fingerprinted like the theme's); static/ files are published exactly as they are, so give this one another path"))
                        continue
                    }
                }
                // The site's assets/ replaces a theme asset of the same path.
                origin[path] = Origin(file: root + "/" + folder + "/" + path, isAsset: isAsset)
                folded[path.lowercased()] = path
            }
        }
        for path in contentFiles.sorted() {
            if let earlier = folded[path.lowercased()] {
                result.diagnostics.append(
                    earlier.utf8.elementsEqual(path.utf8)
                        ? Diagnostic(
                            .error, id: "url.collision", file: SiteLayout.contentDisplayPath(path),
                            message: "this file and an asset or static/ file are both published at /\(path)",
                            hint: "rename or move one of them")
                        : Self.twins(SiteLayout.contentDisplayPath(path), origin[earlier].map { display($0.file) } ?? earlier))
                continue
            }
            origin[path] = Origin(file: layout.contentPath(path), isAsset: false)
            folded[path.lowercased()] = path
        }
        if colors.brand != nil {
            if let earlier = folded[Self.colorsPath] {
                result.diagnostics.append(
                    Diagnostic(
                        .error, id: "url.collision", file: origin[earlier].map { display($0.file) } ?? earlier,
                        message: "this file and the stylesheet Sacrum makes from 'colors:' (theme.yaml, site.yaml) are both published at /\(Self.colorsPath)",
                        hint: "set the colours under 'colors:' in site.yaml, or give this file another name"))
            } else {
                addStylesheet(Self.colorsPath, bytes: Array(colors.stylesheet.utf8), display: "colors: in theme.yaml and site.yaml", into: &result)
            }
        }
        for (path, source) in origin.sorted(by: { $0.key < $1.key }) {
            result.sources[path] = display(source.file)
            if source.isAsset && path.hasSuffix(".css") {
                addStylesheet(path, source: source.file, into: &result)
            } else {
                result.files.append(OutputFile(path: path, contents: .copy(from: source.file)))
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
        addStylesheet(path, bytes: bytes, display: display(source), into: &result)
    }

    private func addStylesheet(_ path: String, bytes: [UInt8], display source: String, into result: inout Result) {
        let stem = String(path.dropLast(4))
        let hashed = fingerprint ? stem + "." + Fingerprint.hex(of: bytes) + ".css" : path
        result.files.append(OutputFile(path: hashed, contents: .bytes(bytes)))
        result.published.insert(hashed)
        result.sources[hashed] = source
        let name = String(stem.split(separator: "/").last ?? "")
        if result.names[name] != nil {
            result.diagnostics.append(
                Diagnostic(
                    .error, id: "asset.name", file: source,
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
