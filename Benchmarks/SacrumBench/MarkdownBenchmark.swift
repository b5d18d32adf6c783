import Foundation
import SacrumMarkdown

/// Measures SacrumMarkdown on one core: every document rendered with heading ids, image hints and a
/// link rewriter that looks each destination up in a table, as the content layer does; once with the
/// GitHub-flavoured extensions on (the default) and once with them off (plain CommonMark), runs
/// alternating (and which goes first alternating too), so that the extensions' cost is the ratio of
/// the two medians.
struct MarkdownBenchmark {
    let directory: String
    let runs: Int
    /// Which configurations to run: both, or only one (`on`, `off`) for instruction counts.
    var only: String? = nil

    func run() {
        let documents = loadDocuments()
        let bytes = documents.reduce(0) { $0 + $1.utf8.count }
        var plain = MarkdownOptions()
        plain.tables = false
        plain.strikethrough = false
        plain.autolinks = false
        plain.taskLists = false
        plain.footnotes = false
        plain.alerts = false
        var renderers = [MarkdownRenderer(), MarkdownRenderer(options: plain)]
        if only == "on" { renderers[1] = renderers[0] }
        if only == "off" { renderers[0] = renderers[1] }
        let table = Dictionary(uniqueKeysWithValues: (0..<1000).map { ("/page-\($0)/", "/page-\($0)/") })
        var times: [[Double]] = [[], []]
        var checksums = [0, 0]
        for run in 0..<runs {
            // Alternate which configuration goes first, so that neither always runs on a warmer cache.
            for index in run % 2 == 0 ? [0, 1] : [1, 0] {
                let renderer = renderers[index]
                let start = DispatchTime.now().uptimeNanoseconds
                for document in documents {
                    let result = renderer.render(document) { link in table[link.destination] }
                    checksums[index] &+= result.html.utf8.count &+ result.headings.count &+ result.links.count
                }
                times[index].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
        }
        let megabytes = Double(bytes) / 1_000_000
        var medians: [Double] = []
        for (index, label) in ["sacrum-markdown", "sacrum-markdown (extensions off)"].enumerated() {
            let sorted = times[index].sorted()
            let median = sorted[sorted.count / 2]
            medians.append(median)
            print(String(format: "%@: %d documents, %.1f MB, median of %d runs %.3f s: %.1f MB/s, %.0f documents/s (checksum %d)",
                         label, documents.count, megabytes, runs, median, megabytes / median, Double(documents.count) / median,
                         checksums[index]))
        }
        print(String(format: "extensions on / off: %.3f (%+.1f%% time)", medians[0] / medians[1], (medians[0] / medians[1] - 1) * 100))
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
