#if canImport(Glibc)
    internal import Glibc
#endif

/// Where each line of a text starts (byte offsets, the first 0); LF, CR LF and a lone CR end a line,
/// as for cmark. Computed once per page and shared by the table and inline extensions.
enum SourceLineStarts {
    static func of(_ source: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let base = source.baseAddress else { return [0] }
        var starts: [Int] = []
        starts.reserveCapacity(source.count / 32 + 2)
        starts.append(0)
        if memchr(base, 0x0D, source.count) == nil {
            var offset = 0
            while offset < source.count, let found = memchr(base + offset, 0x0A, source.count - offset) {
                offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
                starts.append(offset)
            }
            return starts
        }
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < source.count && source[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }
}
