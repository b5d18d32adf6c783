/// What a build is for: `production`, the public site, or `preview`, a copy for review (a pull
/// request's staging deployment) that search engines must not index.
public enum SiteEnvironment: String, Sendable, Hashable, CaseIterable {
    /// The public site.
    case production
    /// A review copy: every page `noindex`, robots.txt `Disallow: /` without a sitemap, a visible
    /// banner from the theme.
    case preview
}

/// Values of `site.yaml` that one environment replaces, under `environments: {preview: {...}}`.
struct EnvironmentSettings: Sendable, Hashable {
    /// The base URL in this environment, normalised like `SiteConfig.baseURL`.
    var baseURL: String?

    /// Creates settings.
    init(baseURL: String? = nil) {
        self.baseURL = baseURL
    }
}

extension SiteConfig {
    /// The path part of the base URL, without a trailing slash (`/clinic-site` for
    /// `https://example.github.io/clinic-site/`); empty when the site is at the root of its host.
    /// Every root-relative link of the published site carries it.
    public var basePath: String {
        let scheme = baseURL.lowercased().hasPrefix("https://") ? 8 : 7
        let rest = baseURL.dropFirst(scheme)
        return String(rest.drop { $0 != "/" })
    }

    /// Whether this is a preview build.
    public var isPreview: Bool { environment == .preview }

    /// This configuration for `environment`: its values from `environments:` replace the top-level
    /// ones.
    public func applying(_ environment: SiteEnvironment) -> SiteConfig {
        var config = self
        config.environment = environment
        if let baseURL = environments[environment]?.baseURL { config.baseURL = baseURL }
        return config
    }
}
