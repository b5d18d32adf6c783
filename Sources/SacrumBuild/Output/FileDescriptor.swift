#if canImport(Glibc)
    internal import Glibc
#endif

/// Plain POSIX writes shared by the output writer and `sacrum new`.
enum FileDescriptor {
    /// Writes the whole buffer to `fd`, retrying after interruptions; 0, or the error number.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Int32 {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }
}
