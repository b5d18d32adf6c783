internal import SacrumMarkdown

/// Rules for the site paths pages are published at, from file names, `slug` and `url`, and for the
/// files they are written to. Every path that reaches the output goes through here, so none can
/// leave the output folder.
public enum SitePath {
    /// Longest site path accepted, in bytes.
    static let maximumLength = 1024
    /// Longest single segment, in bytes.
    static let maximumSegmentLength = 200

    /// Why a path or segment was refused.
    public struct Problem: Error, Sendable, Hashable {
        /// What is wrong.
        public var message: String
    }

    /// Checks one URL segment (a file stem or a `slug`).
    public static func checkSegment(_ segment: String) throws(Problem) {
        guard !segment.isEmpty else { throw Problem(message: "it is empty") }
        guard segment != ".", segment != ".." else { throw Problem(message: "'\(segment)' would leave its folder") }
        guard segment.utf8.count <= maximumSegmentLength else {
            throw Problem(message: "it is \(segment.utf8.count) bytes long; at most \(maximumSegmentLength) are accepted")
        }
        for scalar in segment.unicodeScalars {
            switch scalar {
            case "/": throw Problem(message: "it contains '/'")
            case "\\": throw Problem(message: "it contains a backslash")
            case "%": throw Problem(message: "it contains '%' (write the characters themselves, not percent-encoding)")
            case "?", "#": throw Problem(message: "it contains '\(scalar)'")
            case " ": throw Problem(message: "it contains a space (use '-')")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .format
                    || scalar.properties.isWhitespace
                {
                    throw Problem(message: "it contains an invisible or control character (U+\(String(scalar.value, radix: 16, uppercase: true)))")
                }
                if scalar.isASCII, !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)),
                    !"-_.~".unicodeScalars.contains(scalar)
                {
                    throw Problem(message: "it contains '\(scalar)'; use letters, digits, '-', '_' and '.'")
                }
            }
        }
    }

    /// The URL segment of a file name's stem: the stem itself when it is already lower-case ASCII
    /// letters, digits, `-`, `_` and `.`; otherwise its slug (`Back pain FAQ` → `back-pain-faq`,
    /// `Ciática` → `ciatica`): lower case, accents folded, spaces and punctuation turned into single
    /// hyphens. A stem with control or invisible characters, `.` or `..`, or nothing a slug can be
    /// made of, is refused as `checkSegment` refuses it.
    static func segment(forFileStem stem: String) throws(Problem) -> (segment: String, isSlug: Bool) {
        let isPlain = !stem.isEmpty && stem.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        if isPlain {
            try checkSegment(stem)
            return (stem, false)
        }
        guard stem != ".", stem != ".." else { throw Problem(message: "'\(stem)' would leave its folder") }
        guard stem.utf8.count <= maximumSegmentLength else {
            throw Problem(message: "it is \(stem.utf8.count) bytes long; at most \(maximumSegmentLength) are accepted")
        }
        for scalar in stem.unicodeScalars {
            if scalar == "/" { throw Problem(message: "it contains '/'") }
            if scalar == "\\" { throw Problem(message: "it contains a backslash") }
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.properties.generalCategory == .format
                || (scalar.properties.isWhitespace && scalar != " ")
            {
                throw Problem(message: "it contains an invisible or control character (U+\(String(scalar.value, radix: 16, uppercase: true)))")
            }
        }
        let slug = HeadingSlug.make(from: stem)
        // `HeadingSlug` falls back to "section" when nothing is left.
        guard slug != "section" || stem.lowercased().contains("section") else {
            throw Problem(message: "it has no letters or digits to make a URL of")
        }
        try checkSegment(slug)
        return (slug, true)
    }

    /// Normalises a path written in `url` or `aliases`: it must start with `/`; it gets a trailing `/`
    /// unless it names an `.html` file.
    static func normalize(_ path: String) throws(Problem) -> String {
        guard path.hasPrefix("/") else { throw Problem(message: "it must start with '/' (a path inside the site)") }
        guard path.utf8.count <= maximumLength else {
            throw Problem(message: "it is \(path.utf8.count) bytes long; at most \(maximumLength) are accepted")
        }
        if path.hasPrefix("//") { throw Problem(message: "'//' would name another host") }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var kept: [String] = []
        for (index, segment) in segments.enumerated() {
            if segment.isEmpty {
                if index == segments.count - 1 { continue }  // the trailing slash
                throw Problem(message: "it contains '//'")
            }
            guard segment.utf8.count <= maximumSegmentLength else {
                throw Problem(message: "a part of it is \(segment.utf8.count) bytes long; at most \(maximumSegmentLength) are accepted")
            }
            try checkSegment(String(segment))
            kept.append(String(segment))
        }
        if kept.isEmpty { return "/" }
        let joined = "/" + kept.joined(separator: "/")
        if kept.last!.lowercased().hasSuffix(".html") && !path.hasSuffix("/") { return joined }
        if let last = kept.last, last.contains("."), !last.hasPrefix("."), let ext = last.split(separator: ".").last,
            ext.count <= 4, !path.hasSuffix("/")
        {
            throw Problem(message: "pages are published as folders ('/name/') or '.html' files, not '.\(ext)'")
        }
        return joined + "/"
    }

    /// The file a site path is written to: `/a/b/` → `a/b/index.html`, `/a/b.html` → `a/b.html`.
    static func outputPath(for url: String) -> String {
        if url == "/" { return "index.html" }
        var path = String(url.dropFirst())
        if path.hasSuffix("/") {
            path += "index.html"
        }
        return path
    }

    /// A readable title from a file or folder name: `si-joint_fusion` → `Si joint fusion`.
    public static func title(fromName name: String) -> String {
        let words = name.replacingCharacters(of: "-_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

extension String {
    fileprivate func replacingCharacters(of characters: String, with replacement: Character) -> String {
        String(map { characters.contains($0) ? replacement : $0 })
    }
}
