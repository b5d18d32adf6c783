import SacrumMarkdown
import Testing

@Suite struct ConcurrencyTests {
    static func document(_ index: Int) -> String {
        """
        # Page \(index)

        Intro with [a link](../other-\(index % 7).md#part) and ![image \(index)](/img/\(index).jpg).

        ## Recovery
        - item *\(index)*
        - "quoted" -- text

        ## Recovery
        > A quote \(index) with `code`.
        """
    }

    @Test func concurrentRenderingIsByteIdenticalToSerial() async {
        let renderer = MarkdownRenderer()
        let inputs = (0..<2000).map(Self.document)
        let serial = inputs.map { renderer.render($0) { "/rewritten\($0.destination)" } }
        let concurrent = await withTaskGroup(of: (Int, [MarkdownDocument]).self) { group in
            let chunk = 125
            for start in stride(from: 0, to: inputs.count, by: chunk) {
                group.addTask {
                    (start, inputs[start..<min(start + chunk, inputs.count)].map { renderer.render($0) { "/rewritten\($0.destination)" } })
                }
            }
            var results = [MarkdownDocument?](repeating: nil, count: inputs.count)
            for await (start, documents) in group {
                for (offset, document) in documents.enumerated() { results[start + offset] = document }
            }
            return results.compactMap { $0 }
        }
        #expect(concurrent == serial)
    }
}
