internal import Foundation
public import SacrumContent

/// Where a build may write: an output folder that is not `/`, not the site's root, not `content/` or
/// another source folder, not inside one of them, and not a parent of the site.
public struct OutputLocation: Sendable, Hashable {
    /// The output folder, absolute and without `.` or `..`.
    public let path: String
    /// The site's root, absolute.
    public let root: String

    /// Checks `output` (absolute, or relative to `root`) for site `root`.
    public init(output: String, root: String) throws(Diagnostic) {
        let absoluteRoot = Self.absolute(root, base: FileManager.default.currentDirectoryPath)
        let realRoot = Self.realPath(absoluteRoot) ?? absoluteRoot
        var absoluteOutput = Self.absolute(output, base: absoluteRoot)
        // Resolve symbolic links in the folders above the output, so '../site-link/output' cannot sneak back in.
        if absoluteOutput != "/", let realParent = Self.realPath(PathText.parent(absoluteOutput)) {
            let name = PathText.lastComponent(absoluteOutput)
            absoluteOutput = realParent == "/" ? "/" + name : realParent + "/" + name
        }
        func refuse(_ why: String) -> Diagnostic {
            Diagnostic(
                .error, id: "output.refused", file: "", message: "refusing to write the site to \(absoluteOutput): \(why)",
                hint: "choose an empty folder or a new one, like --output output")
        }
        if absoluteOutput == "/" { throw refuse("it is the root of the file system") }
        if absoluteOutput == realRoot { throw refuse("it is the site's own folder") }
        if realRoot.hasPrefix(absoluteOutput + "/") { throw refuse("it contains the site's folder") }
        for source in ["content", "themes", "templates", "assets", "static"] {
            let folder = realRoot + "/" + source
            if absoluteOutput == folder || absoluteOutput.hasPrefix(folder + "/") {
                throw refuse("it is \(source)/ or inside it, where the site's sources are")
            }
        }
        switch FileIO.type(atPath: absoluteOutput) {
        case .symbolicLink?: throw refuse("it is a symbolic link")
        case .file?, .other?: throw refuse("it is a file, not a folder")
        case .directory?:
            if FileIO.type(atPath: absoluteOutput + "/" + SiteLayout.configFile) != nil || FileIO.type(atPath: absoluteOutput + "/" + SiteLayout.contentFolder) != nil {
                throw refuse("it holds a site.yaml or content/ folder, so it looks like a site, not a build")
            }
        case nil: break
        }
        self.path = absoluteOutput
        self.root = realRoot
    }

    static func absolute(_ path: String, base: String) -> String {
        let joined = path.hasPrefix("/") ? path : base + "/" + path
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return "/" + segments.joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
