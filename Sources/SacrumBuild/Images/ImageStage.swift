import Foundation
import SacrumContent
import SacrumImages
import SacrumMarkdown

/// Publishes the site's raster images (JPEG, PNG, GIF, WebP, AVIF from content/, static/ and the
/// theme's assets) as metadata-free files: the source's own path gets a stripped, upright sRGB copy
/// at full size, and beside it the theme's widths in WebP (and AVIF when asked) and the fallback
/// format. Work is cached by source bytes and parameters (`ImageCache`), and the key of each source
/// is remembered with its fingerprint (`ImageSourceIndex`), so an unchanged image costs a `stat` of
/// the source and a read of its entry's `meta`: its files are published by copying them from the
/// cache. An image that fails its checks is not published at all.
struct ImageStage {
    let root: String
    let settings: ImageSettings
    let processor = ImageProcessor()

    /// The cache folder: `$SACRUM_CACHE_DIR/images` when that is set (for CI caches), otherwise
    /// `.sacrum-cache/images` in the site's folder.
    static func cacheDirectory(root: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let folder = environment["SACRUM_CACHE_DIR"], !folder.isEmpty { return folder + "/images" }
        return root + "/" + SiteLayout.cacheFolder + "/images"
    }

    struct Result: Sendable {
        var catalog = ImageCatalog()
        var diagnostics: [Diagnostic] = []
        /// Cache keys in use, in path order: what the pages' HTML depends on.
        var keys: [String] = []
    }

    private enum Outcome: Sendable {
        /// In the cache (found or stored now): published by copying the entry's files.
        case cached(ImageCacheEntry, key: String, record: ImageSourceIndex.Record?)
        /// Processed, but the cache could not store it: published from memory.
        case processed(ProcessedImage, key: String, cacheProblem: String)
        case failed(ImageError)
        case unreadable(String)
    }

    /// Replaces the raster images among `assets.files` by their processed files and returns what pages
    /// need to show them.
    func run(_ assets: inout AssetCollector.Result, cacheDirectory: String) async -> Result {
        let cache = ImageCache(directory: cacheDirectory)
        var result = Result()
        result.catalog.sizes = settings.sizes
        let rasters: [(index: Int, path: String, source: String)] = assets.files.indices.compactMap { index in
            let file = assets.files[index]
            guard case .copy(let source) = file.contents, Self.rasterFormat(file.path) != nil else { return nil }
            return (index, file.path, source)
        }
        let request = settings.request
        let processor = self.processor
        let index = ImageSourceIndex.load(directory: cacheDirectory)
        let outcomes = await parallelMap(rasters.map(\.source), chunksPerCore: 1) { source in
            Self.outcome(source: source, request: request, processor: processor, cache: cache, index: index)
        }
        var nextIndex = ImageSourceIndex()
        var added: [OutputFile] = []
        var removed: Set<Int> = []
        for (raster, outcome) in zip(rasters, outcomes) {
            let file = assets.sources[raster.path] ?? raster.path
            switch outcome {
            case .unreadable(let reason):
                removed.insert(raster.index)
                result.diagnostics.append(Diagnostic(.error, id: "file.unreadable", file: file, message: "the image cannot be read: \(reason)"))
            case .failed(let error):
                removed.insert(raster.index)
                result.catalog.failures["/" + raster.path] = error
                result.diagnostics.append(
                    Diagnostic(.error, id: "image.invalid", file: file, message: error.message + "; it is not published", hint: error.hint))
            case .processed(let image, let key, let cacheProblem):
                result.diagnostics.append(
                    Diagnostic(.warning, id: "image.cache", file: file, message: "the processed image could not be cached (\(cacheProblem)); the next build processes it again",
                               hint: "make the cache folder writable, or point SACRUM_CACHE_DIR at one that is"))
                result.keys.append(key)
                assets.files[raster.index].contents = .bytes(image.fullSize.bytes)
                let (files, published) = Self.variantFiles(
                    of: Self.published(image), contents: image.variants.map { .bytes($0.bytes) }, path: raster.path, key: key)
                added += files
                for variant in files { assets.published.insert(variant.path); assets.sources[variant.path] = file }
                result.catalog.images["/" + raster.path] = published
            case .cached(let entry, let key, let record):
                if let record { nextIndex.records[raster.source] = record }
                result.keys.append(key)
                assets.files[raster.index].contents = .copy(from: entry.fullSize.path)
                let (files, published) = Self.variantFiles(
                    of: Self.published(entry), contents: entry.variants.map { .copy(from: $0.path) }, path: raster.path, key: key)
                added += files
                for variant in files { assets.published.insert(variant.path); assets.sources[variant.path] = file }
                result.catalog.images["/" + raster.path] = published
            }
        }
        for (index, file) in assets.files.enumerated() where file.path.lowercased().hasSuffix(".svg") {
            guard case .copy(let source) = file.contents else { continue }
            let display = assets.sources[file.path] ?? file.path
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(source)
            } catch {
                removed.insert(index)
                result.diagnostics.append(Diagnostic(.error, id: "file.unreadable", file: display, message: "the image cannot be read: \(error.reason)"))
                continue
            }
            if let problem = SVGCheck.problem(in: bytes) {
                removed.insert(index)
                result.catalog.unsafeSVGs["/" + file.path] = problem
                result.diagnostics.append(Diagnostic(.error, id: "image.svg-unsafe", file: display, message: problem + "; it is not published", hint: SVGCheck.hint))
            } else if let size = SVGCheck.size(of: bytes) {
                result.catalog.svgSizes["/" + file.path] = size
            }
        }
        // A failed image stays in `published`, so that a page's link to it is reported as a failed
        // image (image.invalid at the link) rather than as a link to nothing.
        assets.files = assets.files.indices.filter { !removed.contains($0) }.map { assets.files[$0] } + added
        if nextIndex.records != index.records, !nextIndex.records.isEmpty || !index.records.isEmpty {
            nextIndex.save(directory: cacheDirectory)
        }
        cache.prune(keeping: Set(result.keys))
        return result
    }

    /// One image: its key from the source index when the file is unchanged (no read), else read and
    /// hashed; then its entry from the cache, or processed and stored.
    private static func outcome(source: String, request: ImageRequest, processor: ImageProcessor, cache: ImageCache, index: ImageSourceIndex) -> Outcome {
        let claimed = rasterFormat(source)
        let parameters = ImageCache.parameters(claimed: claimed, request: request, maxPixels: processor.maxPixels)
        // Taken before the read: a file changed in between is hashed again by the next build.
        let fingerprint = FileIO.fingerprint(source)
        if let key = index.key(of: source, fingerprint: fingerprint, parameters: parameters), let entry = cache.entry(key) {
            return .cached(entry, key: key, record: fingerprint.map { .init(fingerprint: $0, parameters: parameters, key: key) })
        }
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(source)
        } catch {
            return .unreadable(error.reason)
        }
        let key = ImageCache.key(for: bytes, claimed: claimed, request: request, maxPixels: processor.maxPixels)
        let record = fingerprint.map { ImageSourceIndex.Record(fingerprint: $0, parameters: parameters, key: key) }
        if let entry = cache.entry(key) { return .cached(entry, key: key, record: record) }
        let image: ProcessedImage
        do {
            image = try processor.process(bytes, claimed: claimed, request: request)
        } catch {
            return .failed(error)
        }
        do {
            return .cached(try cache.store(image, key: key), key: key, record: record)
        } catch {
            return .processed(image, key: key, cacheProblem: "\(error.path): \(error.reason)")
        }
    }

    /// What pages need of a processed image, with its files' sizes.
    private static func published(_ image: ProcessedImage) -> PublishedImage {
        PublishedImage(
            width: image.width, height: image.height, fallback: image.fallback,
            variants: image.variants.map { .init(url: "", format: $0.format, width: $0.width, bytes: $0.bytes.count) }, frames: image.frames)
    }

    private static func published(_ entry: ImageCacheEntry) -> PublishedImage {
        PublishedImage(
            width: entry.width, height: entry.height, fallback: entry.fallback,
            variants: entry.variants.map { .init(url: "", format: $0.format, width: $0.width, bytes: $0.length) }, frames: entry.frames)
    }

    /// The raster format a path's extension names, or nil (SVG, PDF, CSS, no extension).
    static func rasterFormat(_ path: String) -> ImageFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return ImageFormat(fileExtension: String(path[path.index(after: dot)...]))
    }

    /// `images/office.jpg` → `images/office.480w.3f2a9c1b07.webp` and so on: the width, then the
    /// first ten digits of the cache key so that a replaced photo gets new URLs. `contents` are the
    /// variants' files, in `image.variants` order.
    static func variantFiles(of image: PublishedImage, contents: [OutputFile.Contents], path: String, key: String) -> ([OutputFile], PublishedImage) {
        let stem = path.lastIndex(of: ".").map { String(path[..<$0]) } ?? path
        let tag = key.prefix(10)
        var files: [OutputFile] = []
        var published = image
        for (index, content) in zip(image.variants.indices, contents) {
            let variant = image.variants[index]
            let variantPath = "\(stem).\(variant.width)w.\(tag).\(variant.format.fileExtension)"
            files.append(OutputFile(path: variantPath, contents: content))
            published.variants[index].url = "/" + variantPath
        }
        return (files, published)
    }
}

/// What pages need to show the site's images: each published image by URL, and why the others failed.
struct ImageCatalog: Sendable {
    var images: [String: PublishedImage] = [:]
    var failures: [String: ImageError] = [:]
    /// SVGs refused by SVGCheck, with the reason.
    var unsafeSVGs: [String: String] = [:]
    /// The size of each published SVG that declares one, for its `<img>`'s `width` and `height`.
    var svgSizes: [String: (width: Int, height: Int)] = [:]
    var sizes = "100vw"

    /// The hook for `MarkdownRenderer.renderImage`: a `<picture>` for a processed image, an error at the
    /// image's line for one that failed, cmark's `<img>` for anything else (SVG, external URLs).
    func render(_ image: MarkdownImage) -> MarkdownImageOutput? {
        if let published = images[image.source] {
            return MarkdownImageOutput(html: published.html(alt: image.alt, title: image.title, sizes: image.sizes ?? sizes, isFirst: image.isFirst))
        }
        if let failure = failures[image.source] {
            return MarkdownImageOutput(
                problem: .imageFile(
                    id: "image.invalid", message: "the image '\(image.source)' cannot be published: \(failure.message)", hint: failure.hint,
                    isError: true))
        }
        if let problem = unsafeSVGs[image.source] {
            return MarkdownImageOutput(
                problem: .imageFile(id: "image.svg-unsafe", message: "the image '\(image.source)' cannot be published: \(problem)", hint: SVGCheck.hint, isError: true))
        }
        if let size = svgSizes[image.source] {
            var html = "<img src=\"\(Escaping.html(image.source))\" alt=\"\(Escaping.html(image.alt))\""
            if !image.title.isEmpty { html += " title=\"\(Escaping.html(image.title))\"" }
            html += " width=\"\(size.width)\" height=\"\(size.height)\""
            return MarkdownImageOutput(html: html + (image.isFirst ? " decoding=\"async\" />" : " loading=\"lazy\" decoding=\"async\" />"))
        }
        return nil
    }
}

extension ImageCatalog {
    /// Widest file a page should send for an image shown in the text column; wider is a warning.
    static let heavyWidth = 2_500
    /// Largest file a page should send for one image; larger is a warning.
    static let heavyBytes = 1_000_000

    /// The image checks of one page's `references` (from `MarkdownContent.imageReferences`), in `file`:
    /// an image whose largest published file is over 2,500 px wide or 1 MB (`image.heavy`), an animated
    /// image, published as its first frame (`image.animated`), and the page's images together over
    /// `budget` bytes (`image.page-weight`, at the image that crosses it; 0 turns that check off).
    func diagnostics(for references: [ImageReference], file: String, budget: Int) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        var total = 0
        var overBudget = false
        for reference in references.sorted(by: { $0.position < $1.position }) {
            guard let image = images[reference.url], seen.insert(reference.url).inserted else { continue }
            let line = reference.position.line
            let column = reference.position.column
            if let largest = image.largest, largest.width > Self.heavyWidth || largest.bytes > Self.heavyBytes {
                diagnostics.append(
                    Diagnostic(
                        .warning, id: "image.heavy", file: file, line: line, column: column,
                        message: "the image '\(reference.destination)' sends a file of \(largest.width) px and \(Self.kilobytes(largest.bytes)) (\(largest.url)) for a place the theme shows at '\(sizes)'",
                        hint: largest.bytes > Self.heavyBytes
                            ? "save a photo as JPEG rather than PNG, or lower 'quality' under 'images:' in theme.yaml"
                            : "lower the largest of 'widths' under 'images:' in theme.yaml to at most \(Self.heavyWidth)"))
            }
            if image.frames > 1 {
                diagnostics.append(
                    Diagnostic(
                        .warning, id: "image.animated", file: file, line: line, column: column,
                        message: "the image '\(reference.destination)' is an animation of \(image.frames) frames; only its first frame is published, as a still image",
                        hint: "show a still image, or publish the animation as a video (MP4 or WebM) that readers start themselves"))
            }
            total += image.weight
            if budget > 0, total > budget, !overBudget {
                overBudget = true
                diagnostics.append(
                    Diagnostic(
                        .warning, id: "image.page-weight", file: file, line: line, column: column,
                        message: "with this image the page's images weigh \(Self.kilobytes(total)), over the budget of \(Self.kilobytes(budget)) (images: page_weight_budget_kb in site.yaml)",
                        hint: "show fewer or smaller images on this page, or raise 'page_weight_budget_kb' under 'images:' in site.yaml"))
            }
        }
        return diagnostics
    }

    static func kilobytes(_ bytes: Int) -> String { "\((bytes + 999) / 1000) KB" }
}
