import SacrumBuild

/// The version `sacrum --version` prints.
public enum SacrumVersion {
    /// The current release.
    public static let current = BuildInfo.version
}
