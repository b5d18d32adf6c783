internal import Foundation
public import SacrumContent

/// What `sacrum build` and `sacrum check` do, as a library call: run the pipeline, write the output
/// when asked and when there is no error, write a report when asked, and say what happened. The
/// command-line layer only parses arguments and prints.
public struct BuildAction: Sendable {
    /// What to build.
    public var options: BuildOptions
    /// Write the site (false for `check`).
    public var writesOutput: Bool
    /// Where to write a report of the diagnostics, if anywhere.
    public var reportPath: String?
    /// The report's format.
    public var reportFormat: ReportFormat

    /// Creates an action.
    public init(options: BuildOptions, writesOutput: Bool = true, reportPath: String? = nil, reportFormat: ReportFormat = .json) {
        self.options = options
        self.writesOutput = writesOutput
        self.reportPath = reportPath
        self.reportFormat = reportFormat
    }

    /// What happened.
    public struct Outcome: Sendable {
        /// The pipeline's result.
        public var result: BuildResult
        /// Every diagnostic, including any from writing.
        public var diagnostics: [Diagnostic]
        /// Whether the output folder now holds the new site.
        public var wroteOutput: Bool
        /// Where the site was written.
        public var outputPath: String?
        /// Seconds for writing.
        public var writeSeconds: Double

        /// 0 when there was no error, 1 otherwise.
        public var exitStatus: Int32 { diagnostics.containsErrors ? 1 : 0 }
    }

    /// Runs the build. Writing, the pages go to a staging folder as they are rendered; the rest of
    /// the files follow, and the folder is swapped in, only when the build has no error; otherwise it
    /// is removed and the output folder stays as it was.
    public func run() async -> Outcome {
        var location: OutputLocation?
        var diagnostics: [Diagnostic] = []
        var staging: OutputWriter.Staging?
        if writesOutput {
            do throws(Diagnostic) {
                let found = try OutputLocation(output: options.output, root: options.root)
                location = found
                staging = try await OutputWriter(location: found).begin()
            } catch {
                diagnostics.append(error)
            }
        }
        let cacheDirectory = CompressedTwinCache.directory(root: options.root)
        var target: PageStaging.Target?
        if let staging, let location { target = PageStaging.Target(staging: staging, writer: OutputWriter(location: location), cacheDirectory: cacheDirectory) }
        var result = await BuildPipeline(options: options).run(staging: target)
        if writesOutput, result.succeeded, let site = result.site {
            // Twins, host files and the manifest go into the staging folder with the site.
            let start = DispatchTime.now().uptimeNanoseconds
            let host = await HostOutput.add(
                to: result.files, staged: result.staged, site: site, fingerprinted: result.fingerprinted, settings: site.config.publish,
                cacheDirectory: cacheDirectory)
            result.files = host.files
            let strict = options.strict
            result.diagnostics += host.diagnostics.map { strict && $0.severity == .warning ? $0.asError() : $0 }
            result.timings.append(
                PhaseTiming(phase: "publish", seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        diagnostics = result.diagnostics + diagnostics
        var outcome = Outcome(result: result, diagnostics: diagnostics, wroteOutput: false, outputPath: location?.path, writeSeconds: 0)
        if let location, let staging, !diagnostics.containsErrors, result.succeeded {
            let start = DispatchTime.now().uptimeNanoseconds
            do throws(Diagnostic) {
                try await OutputWriter(location: location).finish(staging, writing: result.files)
                outcome.wroteOutput = true
            } catch {
                outcome.diagnostics.append(error)
            }
            outcome.writeSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } else if let location, let staging {
            OutputWriter(location: location).discard(staging)
        }
        if let reportPath {
            do {
                try BuildReport(outcome: outcome).write(to: reportPath, root: options.root, format: reportFormat)
            } catch {
                outcome.diagnostics.append(
                    Diagnostic(.error, id: "report.write", file: "", message: "cannot write the report to \(reportPath): \(error)"))
            }
        }
        return outcome
    }
}

/// The format of `--report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Sacrum's own JSON: every diagnostic and a summary.
    case json
    /// SARIF 2.1.0, which code-scanning tools read.
    case sarif
}
