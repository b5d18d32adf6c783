internal import CVips

/// SHA-256 as lower-case hex, computed by GLib (which libvips brings): the one digest Sacrum uses,
/// for the image cache's keys and for the site's manifest.
public enum ContentDigest {
    /// The digest of `parts` one after the other.
    public static func sha256(_ parts: [[UInt8]]) -> String {
        guard let checksum = g_checksum_new(G_CHECKSUM_SHA256) else { return "" }
        defer { g_checksum_free(checksum) }
        for part in parts {
            part.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { g_checksum_update(checksum, base, buffer.count) }
            }
        }
        return String(cString: g_checksum_get_string(checksum))
    }
}
