/// Where a site's inputs are: the folder and file names Sacrum reads, in one place, and the paths
/// they make under a site's root for a theme. Display paths (in diagnostics) are relative to the root,
/// like `content/treatments/si-joint-fusion.md`; paths to read are absolute (`root` + display path).
public struct SiteLayout: Sendable, Hashable {
    /// `site.yaml`: the site's configuration.
    public static let configFile = "site.yaml"
    /// `content/`: Markdown pages and the files published beside them.
    public static let contentFolder = "content"
    /// `static/`: files published exactly as they are.
    public static let staticFolder = "static"
    /// `templates/`: the site's own templates, over the theme's.
    public static let templatesFolder = "templates"
    /// `assets/`: stylesheets and other files that override the theme's of the same path.
    public static let assetsFolder = "assets"
    /// `archetypes/`: what `sacrum new` starts a page from.
    public static let archetypesFolder = "archetypes"
    /// `themes/`: one folder per theme.
    public static let themesFolder = "themes"
    /// `i18n/`: a theme's words in each language (`i18n/es-US.yaml`).
    static let stringsFolder = "i18n"
    /// `theme.yaml`: a theme's settings (images, colours).
    public static let themeConfigFile = "theme.yaml"
    /// `.sacrum-cache/`: processed images and compressed files kept between builds.
    public static let cacheFolder = ".sacrum-cache"

    /// The site's root folder.
    public var root: String
    /// The theme the site uses (`theme:` in site.yaml).
    var themeName: String

    /// The layout of the site at `root` with the theme `themeName`.
    public init(root: String, themeName: String = "default") {
        self.root = root
        self.themeName = themeName
    }

    /// The absolute path of a path relative to the root.
    public func absolute(_ relative: String) -> String { root + "/" + relative }

    /// `site.yaml`'s absolute path.
    public var configPath: String { absolute(Self.configFile) }
    /// `content/`'s absolute path.
    public var contentPath: String { absolute(Self.contentFolder) }
    /// The absolute path of a file inside `content/`.
    public func contentPath(_ pathInContent: String) -> String { contentPath + "/" + pathInContent }
    /// How diagnostics name a file inside `content/`: `content/<path>`.
    public static func contentDisplayPath(_ pathInContent: String) -> String { contentFolder + "/" + pathInContent }

    /// The theme's folder, relative to the root: `themes/<name>`.
    public var themeFolder: String { Self.themesFolder + "/" + themeName }
    /// The theme's templates, relative to the root.
    public var themeTemplatesFolder: String { themeFolder + "/" + Self.templatesFolder }
    /// The theme's assets, relative to the root.
    public var themeAssetsFolder: String { themeFolder + "/" + Self.assetsFolder }
    /// The theme's archetypes, relative to the root.
    public var themeArchetypesFolder: String { themeFolder + "/" + Self.archetypesFolder }
    /// The theme's words in each language, relative to the root.
    public var themeStringsFolder: String { themeFolder + "/" + Self.stringsFolder }
    /// The theme's `theme.yaml`, relative to the root.
    public var themeConfigFile: String { themeFolder + "/" + Self.themeConfigFile }

    /// What the preview watches, absolute: everything a build reads.
    public var watchedPaths: [String] {
        [Self.contentFolder, Self.themesFolder, Self.templatesFolder, Self.assetsFolder, Self.staticFolder, Self.configFile].map(absolute)
    }

    /// What a changed path (relative to the root) is to a build.
    public enum Input: Sendable, Hashable {
        /// `site.yaml`, the theme's `theme.yaml`, a template or the theme's words: how the site looks.
        case look
        /// `content/` or `themes/` itself, the root, or another file at the root: anything may change.
        case structure
        /// A Markdown page in `content/` (its path inside `content/`).
        case page(String)
        /// A stylesheet among the assets (theme's or site's), static files or content files.
        case stylesheet
        /// Any other published file (an image, a PDF).
        case file
        /// Not an input of the site.
        case other
    }

    /// What `path` (relative to the root) is to a build of this site.
    public func input(_ path: String) -> Input {
        let content = Self.contentFolder + "/"
        if path == Self.configFile || path == themeConfigFile || path.hasPrefix(themeTemplatesFolder + "/")
            || path.hasPrefix(Self.templatesFolder + "/") || path.hasPrefix(themeStringsFolder + "/")
        {
            return .look
        }
        if path == Self.contentFolder || path == "." || path == Self.themesFolder || !path.contains("/") { return .structure }
        if path.hasPrefix(content) && path.hasSuffix(".md") { return .page(String(path.dropFirst(content.count))) }
        if path.hasPrefix(themeAssetsFolder + "/") || path.hasPrefix(Self.assetsFolder + "/") || path.hasPrefix(Self.staticFolder + "/")
            || path.hasPrefix(content)
        {
            return path.hasSuffix(".css") ? .stylesheet : .file
        }
        return .other
    }

    /// `path` relative to the root, when it is inside it (a file watcher reports absolute paths).
    public func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}
