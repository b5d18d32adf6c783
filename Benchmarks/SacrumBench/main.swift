import Foundation
import SacrumMarkdown

/// Benchmarks and stress runs that need Sacrum's modules in-process. Usage:
///
///     sacrum-bench markdown DIR [--runs N]   throughput of SacrumMarkdown over every .md file in DIR
///     sacrum-bench stress [--documents N] [--arena]
///                                            renders N generated hostile documents for leak checks,
///                                            with the system allocator unless --arena is given
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "markdown":
    guard arguments.count >= 2 else { usage() }
    MarkdownBenchmark(directory: arguments[1], runs: option("--runs", in: arguments) ?? 7).run()
case "stress":
    let allocator: MarkdownAllocator = arguments.contains("--arena") ? .arena : .system
    MarkdownStress(documents: option("--documents", in: arguments) ?? 3000, allocator: allocator).run()
default:
    usage()
}

func option(_ name: String, in arguments: [String]) -> Int? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return Int(arguments[index + 1])
}

func usage() -> Never {
    FileHandle.standardError.write(Data("usage: sacrum-bench markdown DIR [--runs N] | stress [--documents N] [--arena]\n".utf8))
    exit(64)
}
