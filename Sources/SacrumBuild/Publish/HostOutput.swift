import SacrumCompression
public import SacrumContent

/// Makes a built site ready for hosts (`publish:` in site.yaml): `.gz` and `.br` twins of the
/// compressible files, `_headers`, `_redirects`, `sacrum.nginx.conf` and the manifest, all as output
/// files that the writer puts in the staging folder with the rest, so they are swapped in together.
public enum HostOutput {
    /// Extensions of the files that get compressed twins.
    static let compressible: Set<String> = ["html", "css", "js", "svg", "xml", "json", "txt"]
    /// Files of at most this many bytes are left alone (a twin saves too little to matter).
    static let minimumSize = 1024

    /// What the stage produced.
    public struct Result: Sendable {
        /// The site's files and the added ones, sorted by path.
        public var files: [OutputFile]
        /// Problems (a file that could not be read, a path a host file cannot name).
        public var diagnostics: [Diagnostic]
    }

    /// Adds the host files to `files`.
    /// - Parameter fingerprinted: the paths of files named by a hash of their content.
    public static func add(
        to files: [OutputFile], site: Site, fingerprinted: Set<String>, settings: PublishSettings
    ) async -> Result {
        var diagnostics: [Diagnostic] = []
        var all = files
        let existing = Set(files.map(\.path))
        let rules = HostRules.of(site: site, files: files.map(\.path), fingerprinted: fingerprinted)
        var generated: [(String, String)] = []
        if settings.headers { generated.append((HeadersFile.fileName, HeadersFile.render(rules))) }
        if settings.redirects { generated.append((RedirectsFile.fileName, RedirectsFile.render(rules))) }
        if settings.nginx {
            generated.append((NginxInclude.fileName, NginxInclude.render(rules, gzip: settings.gzip, brotli: settings.brotli)))
        }
        for (name, text) in generated {
            if existing.contains(name) {
                diagnostics.append(Self.taken(name, key: name == NginxInclude.fileName ? "nginx" : String(name.dropFirst())))
                continue
            }
            all.append(OutputFile(path: name, contents: .text(text)))
        }
        for path in skippedPaths(rules) {
            diagnostics.append(
                Diagnostic(
                    .warning, id: "publish.path", file: "",
                    message: "'\(path)' is left out of _headers, _redirects and \(NginxInclude.fileName): its characters would be read as their syntax",
                    hint: "use letters, digits, '-', '_', '.' and '/' in URLs"))
        }

        // Read, hash and compress every file, in parallel.
        let quality = Int32(settings.brotliQuality)
        let processed = await parallelMap(all, chunksPerCore: 4) { file -> Processed in
            Self.process(
                file, existing: existing, gzip: settings.gzip, brotli: settings.brotli, quality: quality, hash: settings.manifest)
        }
        var entries: [SiteManifest.Entry] = []
        for item in processed {
            if let problem = item.problem { diagnostics.append(problem) }
            entries += item.entries
            all += item.twins
        }
        if settings.manifest {
            if existing.contains(SiteManifest.fileName) {
                diagnostics.append(Self.taken(SiteManifest.fileName, key: "manifest"))
            } else {
                all.append(OutputFile(path: SiteManifest.fileName, contents: .text(SiteManifest(entries: entries).json)))
            }
        }
        all.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return Result(files: all, diagnostics: diagnostics)
    }

    private struct Processed: Sendable {
        var entries: [SiteManifest.Entry] = []
        var twins: [OutputFile] = []
        var problem: Diagnostic?
    }

    private static func process(
        _ file: OutputFile, existing: Set<String>, gzip: Bool, brotli: Bool, quality: Int32, hash: Bool
    ) -> Processed {
        var result = Processed()
        let compresses = (gzip || brotli) && isCompressible(file.path)
        // Without a manifest, only compressible files are read.
        guard hash || compresses else { return result }
        let bytes: [UInt8]
        switch file.contents {
        case .text(let text): bytes = Array(text.utf8)
        case .bytes(let data): bytes = data
        case .copy(let source):
            do {
                bytes = try FileIO.read(source)
            } catch {
                result.problem = Diagnostic(.error, id: "output.write", file: "", message: "cannot read \(source) to publish it: \(error.reason)")
                return result
            }
        }
        if hash { result.entries.append(SiteManifest.entry(path: file.path, bytes: bytes)) }
        guard compresses, bytes.count > minimumSize else { return result }
        for (enabled, suffix) in [(gzip, ".gz"), (brotli, ".br")] where enabled && !existing.contains(file.path + suffix) {
            let compressed = suffix == ".gz" ? Compression.gzip(bytes) : Compression.brotli(bytes, quality: quality)
            guard let compressed else {
                result.problem = Diagnostic(
                    .error, id: "output.write", file: "", message: "cannot compress \(file.path) (\(suffix)): the compressor failed",
                    hint: "this is a bug or a lack of memory; the previous site is unchanged")
                return result
            }
            guard compressed.count < bytes.count else { continue }
            result.twins.append(OutputFile(path: file.path + suffix, contents: .bytes(compressed)))
            if hash { result.entries.append(SiteManifest.entry(path: file.path + suffix, bytes: compressed)) }
        }
        return result
    }

    /// Whether a file gets compressed twins: one of the text types, and not a file for hosts.
    static func isCompressible(_ path: String) -> Bool {
        guard !HostRules.hostFiles.contains(path), let dot = path.lastIndex(of: "."),
            !path[dot...].contains("/")
        else { return false }
        return compressible.contains(path[path.index(after: dot)...].lowercased())
    }

    private static func skippedPaths(_ rules: HostRules) -> [String] {
        var paths = rules.files.filter { rules.fingerprinted.contains($0) && !HostRules.isPlain($0) }.map { "/" + $0 }
        paths += rules.redirects.flatMap { [$0.from, $0.to] }.filter { !HostRules.isPlain($0) }
        return Array(Set(paths)).sorted()
    }

    private static func taken(_ name: String, key: String) -> Diagnostic {
        Diagnostic(
            .error, id: "publish.collision", file: "",
            message: "the site publishes its own \(name), where Sacrum writes one for hosts",
            hint: "remove the site's \(name), or turn Sacrum's off with 'publish: { \(key): false }' in site.yaml")
    }
}
