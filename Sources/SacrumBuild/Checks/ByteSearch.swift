#if canImport(Glibc)
    internal import Glibc
#endif

/// Substring search over UTF-8 bytes: the standard library's `String.contains(_:)` and
/// `firstRange(of:)` go through the string-processing machinery and are far too slow for scanning
/// every page of a large site.
enum ByteSearch {
    /// The byte offsets of every occurrence of `needle` in `haystack` that does not overlap an earlier
    /// one; candidates are found with `memchr` for the needle's first byte.
    static func offsets(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let first = needle.first, needle.count <= haystack.count, let base = haystack.baseAddress else { return [] }
        var offsets: [Int] = []
        var index = 0
        let last = haystack.count - needle.count
        while index <= last, let found = memchr(base + index, Int32(first), last + 1 - index) {
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var matched = true
            for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                matched = false
                break
            }
            if matched {
                offsets.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return offsets
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var text = haystack
        let pattern = Array(needle.utf8)
        return text.withUTF8 { buffer in
            guard let first = pattern.first, pattern.count <= buffer.count else { return pattern.isEmpty }
            var index = 0
            let last = buffer.count - pattern.count
            while index <= last {
                if buffer[index] == first {
                    var matched = true
                    for offset in 1..<pattern.count where buffer[index + offset] != pattern[offset] {
                        matched = false
                        break
                    }
                    if matched { return true }
                }
                index += 1
            }
            return false
        }
    }
}
