import SacrumImages
import Testing

@Suite struct ImageFormatTests {
    @Test func sniffsJPEG() { #expect(ImageFormat(sniffing: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg) }
    @Test func sniffsPNG() { #expect(ImageFormat(sniffing: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png) }
    @Test func sniffsGIF() { #expect(ImageFormat(sniffing: Array("GIF89a..".utf8)) == .gif) }
    @Test func sniffsWebP() { #expect(ImageFormat(sniffing: Array("RIFF\0\0\0\0WEBPVP8 ".utf8)) == .webp) }
    @Test func sniffsAVIF() { #expect(ImageFormat(sniffing: Array("\0\0\0\u{1C}ftypavif".utf8)) == .avif) }
    @Test func refusesText() { #expect(ImageFormat(sniffing: Array("<svg xmlns=".utf8)) == nil) }
    @Test func refusesEmpty() { #expect(ImageFormat(sniffing: [UInt8]()) == nil) }
    @Test func extensionIgnoresCase() { #expect(ImageFormat(fileExtension: "JPG") == .jpeg) }
    @Test func extensionOfSVGIsNoRaster() { #expect(ImageFormat(fileExtension: "svg") == nil) }
    @Test func gifFallsBackToPNG() { #expect(ImageFormat.gif.fallback(hasAlpha: false) == .png) }
    @Test func opaqueWebPFallsBackToJPEG() { #expect(ImageFormat.webp.fallback(hasAlpha: false) == .jpeg) }

    @Test func widthsBelowTheSource() { #expect(ImageRequest(widths: [480, 960, 1600]).widths(forSourceWidth: 4000) == [480, 960, 1600]) }
    @Test func widthsNeverEnlarge() { #expect(ImageRequest(widths: [480, 960, 1600]).widths(forSourceWidth: 1200) == [480, 960, 1200]) }
    @Test func widthsOfATinyImage() { #expect(ImageRequest(widths: [480, 960]).widths(forSourceWidth: 300) == [300]) }
    @Test func widthsOfTheExactWidth() { #expect(ImageRequest(widths: [480, 960]).widths(forSourceWidth: 960) == [480, 960]) }
}
