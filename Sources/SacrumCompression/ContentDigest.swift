internal import CLibCrypto

/// SHA-256 as lower-case hex, computed by OpenSSL's libcrypto (which uses the CPU's SHA extensions
/// where it has them): the one digest Sacrum uses, for the site's manifest, the image cache's keys and
/// the compressed files' cache. GLib's SHA-256, used before, took 12% of a 1,000-page build's
/// instructions for the manifest alone.
public enum ContentDigest {
    /// The digest of `parts` one after the other.
    public static func sha256(_ parts: [[UInt8]]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard let context = EVP_MD_CTX_new() else { return "" }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { return "" }
        for part in parts {
            let updated = part.withUnsafeBufferPointer { buffer in
                buffer.isEmpty ? 1 : EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
            }
            guard updated == 1 else { return "" }
        }
        let finished = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard finished == 1, length == 32 else { return "" }
        return hex(digest)
    }

    /// The digest of one byte array.
    public static func sha256(_ bytes: [UInt8]) -> String { sha256([bytes]) }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
