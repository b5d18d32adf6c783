/// One event read from an inotify file descriptor.
struct InotifyEvent: Equatable {
    /// The watch descriptor the event belongs to (-1 for a queue overflow).
    var watch: Int32
    /// The `IN_*` bits describing what happened.
    var mask: UInt32
    /// The name of the entry inside the watched folder; empty for events on the folder itself.
    var name: String

    /// The size of `struct inotify_event` without its name.
    static let headerSize = 16

    /// Parses the events in a buffer filled by `read(2)` on an inotify descriptor.
    static func parse(_ buffer: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while offset + headerSize <= buffer.count {
            let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let nameLength = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            let nameEnd = min(nameStart + nameLength, buffer.count)
            let nameBytes = buffer[nameStart..<nameEnd].prefix { $0 != 0 }
            events.append(InotifyEvent(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self)))
            offset = nameStart + nameLength
        }
        return events
    }
}
