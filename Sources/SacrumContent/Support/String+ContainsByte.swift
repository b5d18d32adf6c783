#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether the UTF-8 of the string holds `byte`, with `memchr`. `utf8.contains(_:)` walks the view
    /// element by element through a generic specialisation, about thirty instructions a byte; this is
    /// what scans of every page for one character should use.
    public func containsUTF8Byte(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
        return found ?? utf8.contains(byte)
    }

    /// Whether the UTF-8 of the string holds `byte` twice in a row (`{{`), with `memchr` for the first.
    func containsUTF8BytePair(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset + 1 < buffer.count, let hit = memchr(base + offset, Int32(byte), buffer.count - offset - 1) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if buffer[index + 1] == byte { return true }
                offset = index + 2
            }
            return false
        }
        if let found { return found }
        var previous: UInt8 = 0
        for current in utf8 {
            if current == byte && previous == byte { return true }
            previous = current
        }
        return false
    }

    /// Whether the UTF-8 of the string holds an ASCII digit, on the contiguous bytes (a closure over
    /// `utf8.contains(where:)` costs several times as much per byte).
    public func containsASCIIDigit() -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            for byte in buffer where byte &- 0x30 < 10 { return true }
            return false
        }
        return found ?? utf8.contains { $0 &- 0x30 < 10 }
    }
}
