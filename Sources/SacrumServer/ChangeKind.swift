/// What changed in a newly published snapshot, which decides how open pages refresh.
public enum ChangeKind: Sendable, Hashable {
    /// Anything may have changed: open pages reload.
    case full
    /// Only stylesheets changed: open pages swap their stylesheet links without reloading.
    case stylesheetsOnly
}
