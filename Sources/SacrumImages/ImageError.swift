/// Why an image cannot be published. Each case is something the editor can fix in the file.
public enum ImageError: Error, Sendable, Hashable {
    /// The file's bytes are no image format Sacrum reads (JPEG, PNG, GIF, WebP, AVIF).
    case unknownFormat
    /// The extension claims one format and the bytes are another (a PNG saved as `photo.jpg`).
    case wrongType(claimed: ImageFormat, actual: ImageFormat)
    /// The header announces more pixels than the limit: a decompression bomb or a scan far too large.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// libvips could not read the header or the pixels: damaged, truncated or unsupported content.
    case undecodable(String)
    /// libvips could not be started at all (a broken installation, not the editor's file).
    case engineUnavailable(String)

    /// One sentence for a diagnostic's message.
    public var message: String {
        switch self {
        case .unknownFormat:
            "the file is not a JPEG, PNG, GIF, WebP or AVIF image"
        case .wrongType(let claimed, let actual):
            "the file name says \(claimed.rawValue.uppercased()) but the file is a \(actual.rawValue.uppercased()) image"
        case .tooManyPixels(let width, let height, let limit):
            "the image is \(width)x\(height) pixels, more than the limit of \(limit) pixels (a decompression bomb or a far too large scan)"
        case .undecodable(let reason):
            "the image cannot be decoded (damaged or truncated): \(reason)"
        case .engineUnavailable(let reason):
            "the image library libvips could not start: \(reason)"
        }
    }

    /// How to fix it.
    public var hint: String {
        switch self {
        case .unknownFormat:
            "export the picture as JPEG (photos) or PNG (diagrams)"
        case .wrongType(_, let actual):
            "rename the file to end in .\(actual.fileExtension), or export it in the format its name says"
        case .tooManyPixels:
            "scale the image down to at most a few thousand pixels wide before adding it"
        case .undecodable:
            "open the image in an editor and export it again"
        case .engineUnavailable:
            "reinstall libvips (`make setup`)"
        }
    }
}
