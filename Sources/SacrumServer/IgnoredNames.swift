/// Names the file watcher never reports: dotfiles and the temporary and swap files editors
/// write while saving.
enum IgnoredNames {
    /// Whether a file or folder named `name` is ignored: dotfiles (`.DS_Store`, `.git`, Emacs
    /// lock files `.#page.md`), backups (`page.md~`), Vim swap files (`.swp`, `.swx`) and its
    /// write test file `4913`, and Emacs auto-save files (`#page.md#`).
    static func contains(_ name: String) -> Bool {
        name.hasPrefix(".")
            || name.hasSuffix("~")
            || name.hasSuffix(".swp")
            || name.hasSuffix(".swx")
            || name == "4913"
            || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#"))
    }
}
