import Foundation
import SacrumContent
import SacrumImages
import SacrumMarkdown

/// Publishes the site's raster images (JPEG, PNG, GIF, WebP, AVIF from content/, static/ and the
/// theme's assets) as metadata-free files: the source's own path gets a stripped, upright sRGB copy
/// at full size, and beside it the theme's widths in WebP (and AVIF when asked) and the fallback
/// format. Work is cached by source bytes and parameters (`ImageCache`), so an unchanged image costs
/// one file read and one hash. An image that fails its checks is not published at all.
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
        case processed(ProcessedImage, key: String, cacheProblem: String?)
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
        let outcomes = await parallelMap(rasters.map(\.source), chunksPerCore: 1) { source in
            Self.outcome(source: source, request: request, processor: processor, cache: cache)
        }
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
                if let cacheProblem {
                    result.diagnostics.append(
                        Diagnostic(.warning, id: "image.cache", file: file, message: "the processed image could not be cached (\(cacheProblem)); the next build processes it again",
                                   hint: "make the cache folder writable, or point SACRUM_CACHE_DIR at one that is"))
                }
                result.keys.append(key)
                assets.files[raster.index].contents = .bytes(image.fullSize.bytes)
                let (files, published) = Self.variantFiles(of: image, path: raster.path, key: key)
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
            }
        }
        // A failed image stays in `published`, so that a page's link to it is reported as a failed
        // image (image.invalid at the link) rather than as a link to nothing.
        assets.files = assets.files.indices.filter { !removed.contains($0) }.map { assets.files[$0] } + added
        cache.prune(keeping: Set(result.keys))
        return result
    }

    /// One image: read, then taken from the cache or processed and stored.
    private static func outcome(source: String, request: ImageRequest, processor: ImageProcessor, cache: ImageCache) -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try FileIO.read(source)
        } catch {
            return .unreadable(error.reason)
        }
        let claimed = rasterFormat(source)
        let key = ImageCache.key(for: bytes, claimed: claimed, request: request, maxPixels: processor.maxPixels)
        if let cached = cache.load(key) { return .processed(cached, key: key, cacheProblem: nil) }
        let image: ProcessedImage
        do {
            image = try processor.process(bytes, claimed: claimed, request: request)
        } catch {
            return .failed(error)
        }
        do {
            try cache.store(image, key: key)
            return .processed(image, key: key, cacheProblem: nil)
        } catch {
            return .processed(image, key: key, cacheProblem: "\(error.path): \(error.reason)")
        }
    }

    /// The raster format a path's extension names, or nil (SVG, PDF, CSS, no extension).
    static func rasterFormat(_ path: String) -> ImageFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return ImageFormat(fileExtension: String(path[path.index(after: dot)...]))
    }

    /// `images/office.jpg` → `images/office.480w.3f2a9c1b07.webp` and so on: the width, then the
    /// first ten digits of the cache key so that a replaced photo gets new URLs.
    static func variantFiles(of image: ProcessedImage, path: String, key: String) -> ([OutputFile], PublishedImage) {
        let stem = path.lastIndex(of: ".").map { String(path[..<$0]) } ?? path
        let tag = key.prefix(10)
        var files: [OutputFile] = []
        var variants: [PublishedImage.Variant] = []
        for variant in image.variants {
            let variantPath = "\(stem).\(variant.width)w.\(tag).\(variant.format.fileExtension)"
            files.append(OutputFile(path: variantPath, contents: .bytes(variant.bytes)))
            variants.append(PublishedImage.Variant(url: "/" + variantPath, format: variant.format, width: variant.width))
        }
        return (files, PublishedImage(width: image.width, height: image.height, fallback: image.fallback, variants: variants))
    }
}

/// What pages need to show the site's images: each published image by URL, and why the others failed.
struct ImageCatalog: Sendable {
    var images: [String: PublishedImage] = [:]
    var failures: [String: ImageError] = [:]
    /// SVGs refused by SVGCheck, with the reason.
    var unsafeSVGs: [String: String] = [:]
    var sizes = "100vw"

    /// The hook for `MarkdownRenderer.renderImage`: a `<picture>` for a processed image, an error at the
    /// image's line for one that failed, cmark's `<img>` for anything else (SVG, external URLs).
    func render(_ image: MarkdownImage) -> MarkdownImageOutput? {
        if let published = images[image.source] {
            return MarkdownImageOutput(html: published.html(alt: image.alt, title: image.title, sizes: sizes, isFirst: image.isFirst))
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
        return nil
    }
}
