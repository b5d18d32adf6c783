internal import Foundation
import SacrumContent

#if canImport(Glibc)
    internal import Glibc
#endif

/// Writes a new page without ever replacing a file: the missing folders under `content/` are created
/// (never through a symbolic link), the text goes to a hidden temporary file beside the page (which
/// `content/` scans skip), and `link(2)` puts it in place, failing if a file of that name appeared
/// meanwhile. A reader never sees half a page.
enum NewPageFile {
    /// Writes `text` to `content/<contentPath>` in the site at `root`.
    static func create(_ text: String, root: String, contentPath: String) throws(Diagnostic) {
        let file = SiteLayout.contentDisplayPath(contentPath)
        var folder = ""
        for segment in ["content"] + contentPath.split(separator: "/").dropLast().map(String.init) {
            folder = folder.isEmpty ? segment : folder + "/" + segment
            let path = root + "/" + folder
            switch FileIO.type(atPath: path) {
            case .directory:
                continue
            case nil:
                if mkdir(path, 0o755) != 0 {
                    let code = errno
                    guard code == EEXIST, FileIO.type(atPath: path) == .directory else {
                        throw failure(file, "cannot create the folder \(folder): \(String(cString: strerror(code)))")
                    }
                }
            case .symbolicLink:
                throw Diagnostic(
                    .error, id: "file.symlink", file: folder, message: "this is a symbolic link; Sacrum never follows links",
                    hint: "replace the link with the folder it points to")
            case .file, .other:
                throw Diagnostic(.error, id: "new.path", file: folder, message: "this is a file, not a folder, so the page cannot go inside it",
                                 hint: "choose another path")
            }
        }
        let target = root + "/" + file
        let name = String(contentPath.split(separator: "/").last ?? "")
        let temporary = root + "/" + folder + "/.\(name).sacrum-new-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(file, "cannot write in \(folder): \(String(cString: strerror(errno)))") }
        var bytes = text
        var code = bytes.withUTF8 { FileDescriptor.writeAll(fd, $0) }
        if code == 0, fsync(fd) != 0 { code = errno }
        if close(fd) != 0, code == 0, errno != EINTR { code = errno }
        guard code == 0 else {
            unlink(temporary)
            throw failure(file, "cannot write the page: \(String(cString: strerror(code)))")
        }
        defer { unlink(temporary) }
        if link(temporary, target) == 0 { return }
        let linkError = errno
        if linkError == EEXIST { throw exists(file) }
        // File systems without hard links: a rename, after checking again that nothing is there.
        guard linkError == EPERM || linkError == EOPNOTSUPP || linkError == ENOSYS else {
            throw failure(file, "cannot write the page: \(String(cString: strerror(linkError)))")
        }
        guard FileIO.type(atPath: target) == nil else { throw exists(file) }
        guard rename(temporary, target) == 0 else { throw failure(file, "cannot write the page: \(String(cString: strerror(errno)))") }
    }

    /// The refusal to replace a file.
    static func exists(_ file: String) -> Diagnostic {
        Diagnostic(
            .error, id: "new.exists", file: file, message: "the file already exists; 'sacrum new' never replaces a page",
            hint: "edit it, or give another title or path")
    }

    private static func failure(_ file: String, _ message: String) -> Diagnostic {
        Diagnostic(.error, id: "new.write", file: file, message: message, hint: "check the folder's permissions and free space")
    }
}
