import Foundation
import SacrumImages
import Testing

@Suite struct ImageProcessorTests {
    let processor = ImageProcessor()
    let request = ImageRequest(widths: [480, 960, 1600], formats: [.webp])

    @Test func refusesAPNGNamedJPEG() throws {
        let png = TestImages.pngHeader(width: 10, height: 10)
        #expect(throws: ImageError.wrongType(claimed: .jpeg, actual: .png)) { try processor.inspect(png, claimed: .jpeg) }
    }

    @Test func refusesBytesOfNoFormat() {
        #expect(throws: ImageError.unknownFormat) { try processor.process(Array("not an image".utf8), claimed: .jpeg, request: request) }
    }

    @Test func refusesADecompressionBombFromItsHeader() {
        let bomb = TestImages.pngHeader(width: 50_000, height: 50_000)
        #expect(bomb.count < 100)
        #expect(throws: ImageError.tooManyPixels(width: 50_000, height: 50_000, limit: 100_000_000)) {
            try processor.process(bomb, claimed: .png, request: request)
        }
    }

    @Test func refusesATruncatedJPEG() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let photo = try TestImages.photo(width: 1200, height: 900, in: folder)
        let truncated = Array(photo.prefix(photo.count / 2))
        #expect(throws: ImageError.self) { try processor.process(truncated, claimed: .jpeg, request: request) }
    }

    @Test func refusesAPNGWithADamagedBody() {
        let damaged = TestImages.pngHeader(width: 64, height: 64)
        #expect(throws: ImageError.self) { try processor.process(damaged, claimed: .png, request: request) }
    }

    @Test func readsTheUprightSizeOfARotatedPhoto() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let photo = try TestImages.photo(width: 1200, height: 900, orientation: 6, in: folder)
        let header = try processor.inspect(photo, claimed: .jpeg)
        #expect("\(header.width)x\(header.height)" == "900x1200")
    }

    @Test func makesEachWidthInWebPAndJPEGUpright() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let photo = try TestImages.photo(width: 1200, height: 900, orientation: 6, in: folder)
        let result = try processor.process(photo, claimed: .jpeg, request: request)
        let sizes = result.variants.map { "\($0.format.rawValue) \($0.width)x\($0.height)" }
        #expect(sizes == ["webp 480x640", "jpeg 480x640", "webp 900x1200", "jpeg 900x1200"])
        #expect("\(result.fullSize.format) \(result.fullSize.width)x\(result.fullSize.height)" == "jpeg 900x1200")
    }

    @Test func encodesAVIFOnlyWhenAsked() throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let photo = try TestImages.photo(width: 600, height: 400, in: folder)
        let result = try processor.process(photo, claimed: .jpeg, request: ImageRequest(widths: [300], formats: [.avif, .webp]))
        #expect(result.variants.map(\.format) == [.avif, .webp, .jpeg])
        #expect(result.variants.allSatisfy { ImageFormat(sniffing: $0.bytes) == $0.format })
    }

    /// Published files carry nothing exiftool reads beyond its own and the file system's facts and the
    /// container's image structure: no EXIF (so no GPS, maker notes or thumbnails), XMP, IPTC, ICC
    /// profile, Photoshop block or comment. The ICC profile goes too: pixels are converted to sRGB
    /// first, and an untagged image is sRGB to every browser.
    static let allowedGroups: Set<String> = ["ExifTool", "File", "Composite", "JFIF", "PNG", "RIFF", "QuickTime"]
    static let forbiddenTags: Set<String> = ["Comment", "Text", "Software", "Artist", "Copyright", "Title", "Description"]

    @Test(arguments: ["jpg", "png", "webp"])
    func stripsEveryMetadataField(ext: String) throws {
        let folder = try TestImages.folder()
        defer { TestImages.remove(folder) }
        let photo = try TestImages.photo(width: 1000, height: 750, ext: ext, orientation: 6, in: folder)
        let before = try TestImages.metadata(of: photo, ext: ext, in: folder)
        #expect(before.contains { $0.hasPrefix("[EXIF]") } && before.contains { $0.hasPrefix("[XMP]") })
        let result = try processor.process(photo, claimed: ImageFormat(fileExtension: ext), request: ImageRequest(widths: [480], formats: [.webp, .avif]))
        for file in result.variants + [result.fullSize] {
            let fields = try TestImages.metadata(of: file.bytes, ext: file.format.fileExtension, in: folder)
            let leaked = fields.filter { field in
                let group = String(field.dropFirst().prefix { $0 != "]" })
                let tag = String(field.drop { $0 != "]" }.dropFirst().drop { $0 == " " }.prefix { $0 != " " })
                return !Self.allowedGroups.contains(group) || Self.forbiddenTags.contains(tag)
                    || tag == "Warning" || tag == "ExifByteOrder"
            }
            #expect(leaked == [], "\(file.format) \(file.width)px")
        }
    }
}
