import Foundation
import SacrumBuild
import SacrumMarkdown

/// Benchmarks and stress runs that need Sacrum's modules in-process. Usage:
///
///     sacrum-bench markdown DIR [--runs N] [--only on|off]
///                                            throughput of SacrumMarkdown over every .md file in DIR,
///                                            GFM extensions on and off (--only: one of them, twice)
///     sacrum-bench stress [--documents N] [--arena]
///                                            renders N generated hostile documents for leak checks,
///                                            with the system allocator unless --arena is given
///     sacrum-bench build SOURCE OUTPUT       `sacrum build` of SOURCE into OUTPUT, dated 2026-11-25,
///                                            for instruction counts: valgrind 3.19 crashes on the
///                                            `sacrum` binary's async main
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "markdown":
    guard arguments.count >= 2 else { usage() }
    let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    MarkdownBenchmark(directory: arguments[1], runs: option("--runs", in: arguments) ?? 7, only: only).run()
case "build":
    guard arguments.count >= 3 else { usage() }
    let options = BuildOptions(root: arguments[1], output: arguments[2], now: 1_795_608_000)
    // No top-level `await`: that makes an async main parked in dispatch's signal thread, which
    // valgrind 3.19 does not survive. The main thread waits instead, for a task detached from the
    // main actor (top-level code runs on it).
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
        let outcome = await BuildAction(options: options).run()
        if outcome.exitStatus != 0 {
            FileHandle.standardError.write(Data("the build failed with \(outcome.diagnostics.count) diagnostics\n".utf8))
            exit(outcome.exitStatus)
        }
        finished.signal()
    }
    finished.wait()
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
    FileHandle.standardError.write(Data("usage: sacrum-bench markdown DIR [--runs N] | stress [--documents N] [--arena] | build SOURCE OUTPUT\n".utf8))
    exit(64)
}
