import Foundation
import SacrumMarkdown

/// Measures SacrumMarkdown on one core: every document rendered with heading ids, image hints and a
/// link rewriter that looks each destination up in a table, as the content layer does.
struct MarkdownBenchmark {
    let directory: String
    let runs: Int

    func run() {
        let documents = loadDocuments()
        let bytes = documents.reduce(0) { $0 + $1.utf8.count }
        let renderer = MarkdownRenderer()
        let table = Dictionary(uniqueKeysWithValues: (0..<1000).map { ("/page-\($0)/", "/page-\($0)/") })
        var times: [Double] = []
        var checksum = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            for document in documents {
                let result = renderer.render(document) { link in table[link.destination] }
                checksum &+= result.html.utf8.count &+ result.headings.count &+ result.links.count
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        let median = times[times.count / 2]
        let megabytes = Double(bytes) / 1_000_000
        print(String(format: "sacrum-markdown: %d documents, %.1f MB, median of %d runs %.3f s: %.1f MB/s, %.0f documents/s (checksum %d)",
                     documents.count, megabytes, runs, median, megabytes / median, Double(documents.count) / median, checksum))
    }

    private func loadDocuments() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            fatalError("cannot read \(directory)")
        }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".md") { paths.append(path) }
        }
        return paths.sorted().map { path in
            guard let data = FileManager.default.contents(atPath: directory + "/" + path) else {
                fatalError("cannot read \(path)")
            }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
