internal import Foundation

/// Measures phases with a monotonic clock.
struct PhaseClock {
    private var start = DispatchTime.now().uptimeNanoseconds
    private(set) var timings: [PhaseTiming] = []

    /// Ends the current phase under `name` and starts the next.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        timings.append(PhaseTiming(phase: name, seconds: Double(now - start) / 1e9))
        start = now
    }
}
