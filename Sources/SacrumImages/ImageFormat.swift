/// A raster format Sacrum decodes and publishes.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    case jpeg, png, gif, webp, avif

    /// The format a file name's extension claims (`photo.JPG` → `.jpeg`), or nil for anything else.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "jpg", "jpeg", "jpe": self = .jpeg
        case "png": self = .png
        case "gif": self = .gif
        case "webp": self = .webp
        case "avif": self = .avif
        default: return nil
        }
    }

    /// The format the file's first bytes (its magic number) say it is, or nil when they match none.
    public init?(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            self = .gif
        } else if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else if starts(Array("ftypavif".utf8), at: 4) || starts(Array("ftypavis".utf8), at: 4) {
            self = .avif
        } else {
            return nil
        }
    }

    /// The extension Sacrum gives files it writes in this format.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .gif: "gif"
        case .webp: "webp"
        case .avif: "avif"
        }
    }

    /// The media type, for `<source type=…>`.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .avif: "image/avif"
        }
    }

    /// The format of the `<img>` fallback for a source of this format: JPEG and PNG stay as they are;
    /// GIF becomes PNG (its first frame); WebP and AVIF become PNG when they have transparency, JPEG
    /// otherwise.
    public func fallback(hasAlpha: Bool) -> ImageFormat {
        switch self {
        case .jpeg, .png: self
        case .gif: .png
        case .webp, .avif: hasAlpha ? .png : .jpeg
        }
    }
}
