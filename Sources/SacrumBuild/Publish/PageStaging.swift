import SacrumContent

/// Writes each page into the staging folder as soon as it is rendered, with its compressed twins, and
/// keeps only what the manifest and the host files need of it (`StagedFile`): `sacrum build` holds no
/// page's bytes once the page is written. The staging folder is swapped in only when the whole build
/// succeeds (`OutputWriter.finish`), and removed otherwise (`OutputWriter.discard`), so nothing
/// half-written is ever published.
struct PageStaging: Sendable {
    /// The staging folder.
    let folder: String
    /// Every path the build writes: a twin is not made where the site has a file of its name.
    let existing: Set<String>
    /// The twins site.yaml's `publish:` asks for.
    let compressors: HostOutput.Compressors
    /// Whether the manifest is written (each file's digest is needed).
    let hash: Bool
    let cache: CompressedTwinCache
    /// For a failed write's diagnostic (what it means for the output folder, what to do).
    let writer: OutputWriter

    /// Where a build writes its pages as it renders them: the staging folder of `writer` and the cache of
    /// twins. The publish settings come from site.yaml once it is read (`staging(existing:settings:)`).
    struct Target: Sendable {
        var staging: OutputWriter.Staging
        var writer: OutputWriter
        var cacheDirectory: String

        /// The staging for this build's settings, where `existing` are every path it writes.
        func staging(existing: Set<String>, settings: PublishSettings) -> PageStaging {
            PageStaging(
                folder: staging.path, existing: existing, compressors: HostOutput.Compressors(settings), hash: settings.manifest,
                cache: CompressedTwinCache(directory: cacheDirectory), writer: writer)
        }
    }

    /// Writes `file` and its twins into the staging folder; what the manifest and the host files need
    /// of it, with the problem if it could not be written.
    func write(_ file: OutputFile) -> StagedFile {
        guard OutputWriter.isSafeRelativePath(file.path) else {
            let problem = Diagnostic(
                .error, id: "output.path", file: "", message: "refusing to write '\(file.path)': it is not a plain path inside the output folder")
            return StagedFile(path: file.path, host: HostOutput.Processed(problem: problem))
        }
        let bytes: [UInt8]
        switch file.contents {
        case .text(let text): bytes = Array(text.utf8)
        case .bytes(let value): bytes = value
        case .copy: return StagedFile(path: file.path, host: stage(file))
        }
        return StagedFile(path: file.path, host: stage(OutputFile(path: file.path, contents: .bytes(bytes))))
    }

    /// Writes `file`, makes its twins (or reads them from the cache) and writes them.
    private func stage(_ file: OutputFile) -> HostOutput.Processed {
        if let failure = OutputWriter.writeFile(file, into: folder, makingFolders: true) { return processed(failure) }
        var host = HostOutput.process(file, existing: existing, compressors: compressors, cache: cache, hash: hash)
        for twin in host.twins {
            if let failure = OutputWriter.writeFile(twin, into: folder) { return processed(failure) }
        }
        host.twins = []
        return host
    }

    private func processed(_ failure: OutputWriter.WriteFailure) -> HostOutput.Processed {
        switch failure {
        case .unreadable(let diagnostic): return HostOutput.Processed(problem: diagnostic)
        case .system(let path, let code):
            return HostOutput.Processed(
                problem: writer.failure("cannot write \(path) of the new site in \(folder)", code: code, partial: true))
        }
    }
}

/// A file written into the staging folder while the build ran: its path, and its manifest entries
/// and twins' cache keys (`HostOutput.Processed`, without the twins' bytes, which are written too).
struct StagedFile: Sendable {
    var path: String
    var host: HostOutput.Processed
}
