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
    /// - Parameter cacheDirectory: where twins of earlier builds are kept (`CompressedTwinCache.directory(root:)`).
    public static func add(
        to files: [OutputFile], site: Site, fingerprinted: Set<String>, settings: PublishSettings, cacheDirectory: String
    ) async -> Result {
        await add(to: files, staged: [], site: site, fingerprinted: fingerprinted, settings: settings, cacheDirectory: cacheDirectory)
    }

    /// Adds the host files to `files` and to the files `staged` already in the staging folder (the
    /// pages, written with their twins as they were rendered, see `PageStaging`): the manifest lists
    /// both, the host files name both; only the returned files remain to be written.
    static func add(
        to files: [OutputFile], staged: [StagedFile], site: Site, fingerprinted: Set<String>, settings: PublishSettings,
        cacheDirectory: String
    ) async -> Result {
        let cache = CompressedTwinCache(directory: cacheDirectory)
        var diagnostics: [Diagnostic] = []
        var all = files
        let paths = files.map(\.path) + staged.map(\.path)
        let existing = Set(paths)
        let rules = HostRules.of(site: site, files: paths, fingerprinted: fingerprinted)
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

        // Read, hash and compress every file, in parallel; twins of unchanged files come from the cache.
        let compressors = Compressors(settings)
        let processed = await parallelMap(all, chunksPerCore: 4) { file -> Processed in
            Self.process(file, existing: existing, compressors: compressors, cache: cache, hash: settings.manifest)
        } + staged.map(\.host)
        var entries: [SiteManifest.Entry] = []
        var usedKeys: Set<String> = []
        var cacheProblem: String?
        var problems: [Diagnostic] = []
        for item in processed {
            if let problem = item.problem { problems.append(problem) }
            entries += item.entries
            all += item.twins
            usedKeys.formUnion(item.cacheKeys)
            cacheProblem = cacheProblem ?? item.cacheProblem
        }
        diagnostics += Self.mergingWriteFailures(problems)
        if let cacheProblem {
            diagnostics.append(
                Diagnostic(
                    .warning, id: "publish.cache", file: "",
                    message: "compressed files could not be cached (\(cacheProblem)); the next build compresses them again",
                    hint: "make the cache folder writable, or point SACRUM_CACHE_DIR at one that is"))
        }
        if compressors.any { cache.prune(keeping: usedKeys) }
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

    /// What making a file ready for hosts found: its manifest entries and twins.
    struct Processed: Sendable {
        var entries: [SiteManifest.Entry] = []
        var twins: [OutputFile] = []
        var problem: Diagnostic?
        /// The cache entries this file's twins are in.
        var cacheKeys: [String] = []
        /// Why a twin could not be stored in the cache.
        var cacheProblem: String?
    }

    /// Which twins to make, and what each depends on besides the input.
    struct Compressors: Sendable {
        var gzip: Bool
        var brotli: Bool
        var quality: Int32
        var gzipFingerprint = Compression.gzipFingerprint
        var brotliFingerprint: String

        init(gzip: Bool, brotli: Bool, quality: Int32) {
            self.gzip = gzip
            self.brotli = brotli
            self.quality = quality
            brotliFingerprint = Compression.brotliFingerprint(quality: quality)
        }

        /// The twins site.yaml's `publish:` asks for.
        init(_ settings: PublishSettings) {
            self.init(gzip: settings.gzip, brotli: settings.brotli, quality: Int32(settings.brotliQuality))
        }

        var any: Bool { gzip || brotli }
    }

    /// Files of the new site that could not be written for the same reason (a full disk fails every
    /// page written after it) are one problem: the first, saying how many more failed with it.
    static func mergingWriteFailures(_ problems: [Diagnostic]) -> [Diagnostic] {
        problems.mergingRepeats(
            key: { $0.id == "output.write" ? $0.hint ?? "" : nil },
            more: { $0 == 1 ? " (and 1 more file, for the same reason)" : " (and \($0) more files, for the same reason)" })
    }

    /// The manifest entries and twins of `file` (`hash`: with its manifest entry); a twin is not made
    /// where the site has a file of that name (in `existing`).
    static func process(
        _ file: OutputFile, existing: Set<String>, compressors: Compressors, cache: CompressedTwinCache, hash: Bool
    ) -> Processed {
        var result = Processed()
        let compresses = compressors.any && isCompressible(file.path)
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
        let twinned = compresses && bytes.count > minimumSize
        guard hash || twinned else { return result }
        let digest = ContentDigest.sha256(bytes)
        if hash { result.entries.append(SiteManifest.Entry(path: file.path, size: bytes.count, sha256: digest)) }
        guard twinned else { return result }
        let twins = [
            (compressors.gzip, ".gz", compressors.gzipFingerprint), (compressors.brotli, ".br", compressors.brotliFingerprint),
        ]
        for (enabled, suffix, fingerprint) in twins where enabled && !existing.contains(file.path + suffix) {
            let key = CompressedTwinCache.key(originalDigest: digest, compressor: fingerprint)
            result.cacheKeys.append(key)
            var twin = cache.load(key)
            if twin == nil {
                let compressed = suffix == ".gz" ? Compression.gzip(bytes) : Compression.brotli(bytes, quality: compressors.quality)
                guard let compressed else {
                    result.problem = Diagnostic(
                        .error, id: "output.write", file: "", message: "cannot compress \(file.path) (\(suffix)): the compressor failed",
                        hint: "this is a bug or a lack of memory; the previous site is unchanged")
                    return result
                }
                let entry = CompressedTwinCache.Entry(bytes: compressed, digest: ContentDigest.sha256(compressed))
                if let problem = cache.store(entry, key: key) { result.cacheProblem = result.cacheProblem ?? problem }
                twin = entry
            }
            guard let twin, twin.bytes.count < bytes.count else { continue }
            result.twins.append(OutputFile(path: file.path + suffix, contents: .bytes(twin.bytes)))
            if hash { result.entries.append(SiteManifest.Entry(path: file.path + suffix, size: twin.bytes.count, sha256: twin.digest)) }
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
