internal import Foundation
import SacrumCompression
import SacrumContent

/// Compressed twins on disk, keyed by the SHA-256 of the original's bytes (the manifest computes it
/// anyway) and the compressor's settings and version, so that a rebuild compresses only the files
/// that changed: on the 1,000-page corpus compression is most of a build's instructions.
///
/// Each entry is one file: a header line with the SHA-256 of the compressed bytes, then the bytes.
/// It is written under a temporary name in the same folder and renamed into place, so a killed build
/// leaves at most a `.tmp-` file; an entry whose bytes do not match its header (a disk error, a
/// foreign file) is a miss and is written again. Two builds at once may write the same entry; both
/// write the same bytes and the last rename wins.
struct CompressedTwinCache: Sendable {
    /// The folder of the entries (e.g. `.sacrum-cache/compressed`); created on the first store.
    let directory: String

    private static let magic = Array("SACRUMZ1 ".utf8)
    /// Temporary files older than this were left by a killed build; younger ones may be in use.
    private static let abandonedAfter: TimeInterval = 600

    /// The folder for a site at `root`: `$SACRUM_CACHE_DIR/compressed`, or `.sacrum-cache/compressed`.
    static func directory(root: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let folder = environment["SACRUM_CACHE_DIR"], !folder.isEmpty { return folder + "/compressed" }
        return root + "/" + SiteLayout.cacheFolder + "/compressed"
    }

    /// The key of a twin: the original's digest and what the compressor depends on.
    static func key(originalDigest: String, compressor: String) -> String {
        originalDigest + "-" + compressor
    }

    /// A cached twin: its bytes and their SHA-256.
    struct Entry: Sendable {
        var bytes: [UInt8]
        var digest: String
    }

    /// The entry for `key`, or nil when there is none or it does not match its digest.
    func load(_ key: String) -> Entry? {
        let data: [UInt8]
        do {
            data = try FileIO.read(path(of: key))
        } catch {
            return nil  // no entry, or one that cannot be read: compressed again and stored
        }
        let headerLength = Self.magic.count + 64 + 1
        guard data.count > headerLength, data.starts(with: Self.magic), data[headerLength - 1] == 0x0A else { return nil }
        let digest = String(decoding: data[Self.magic.count..<(headerLength - 1)], as: UTF8.self)
        let bytes = Array(data[headerLength...])
        guard ContentDigest.sha256(bytes) == digest else { return nil }
        return Entry(bytes: bytes, digest: digest)
    }

    /// Writes the entry for `key` atomically (a temporary file renamed into place; no fsync: an entry
    /// a crash leaves torn fails its digest and is written again); the reason when it cannot.
    func store(_ entry: Entry, key: String) -> String? {
        var contents = Self.magic + Array(entry.digest.utf8) + [0x0A]
        contents += entry.bytes
        let temporary = directory + "/.tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            // The first entry: make the folder.
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                return "cannot create \(directory): \(error.localizedDescription)"
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { return "cannot write \(temporary): \(String(cString: strerror(errno)))" }
        let written = contents.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let count = write(descriptor, base + offset, raw.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let reason = written ? nil : String(cString: strerror(errno))
        close(descriptor)
        if let reason {
            unlink(temporary)
            return "cannot write \(temporary): \(reason)"
        }
        if rename(temporary, path(of: key)) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "cannot rename \(temporary) into place: \(reason)"
        }
        return nil
    }

    /// Removes every entry whose key is not in `used`, and temporary files a killed build left.
    func prune(keeping used: Set<String>) {
        let entries: [FileIO.Entry]
        do {
            entries = try FileIO.list(directory)
        } catch {
            return  // no folder yet: nothing to prune
        }
        let now = Date()
        for entry in entries {
            let name = String(decoding: entry.nameBytes, as: UTF8.self)
            let file = directory + "/" + name
            if name.hasPrefix(".tmp-") {
                let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? now
                guard now.timeIntervalSince(modified) > Self.abandonedAfter else { continue }
            } else if used.contains(name) {
                continue
            }
            unlink(file)
        }
    }

    private func path(of key: String) -> String { directory + "/" + key }
}
