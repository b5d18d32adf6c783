import Synchronization

/// A bound on the work one render may do, so that a template cannot hang a build.
///
/// Sections over lists multiply: `{{#menu}}` nested twenty deep over a five-entry menu renders its
/// inside 5²⁰ times (found by fuzz-template as a build that never finished). Every lookup a template
/// makes (`child(named:)` of every context) takes a step; a page that needs more than `limit` steps
/// stops rendering (every further lookup finds nothing, so sections end at once) and is an error.
/// The 50,000-page benchmark corpus (section lists of about 1,900 pages) builds within it.
final class RenderBudget: Sendable {
    /// Steps one render may take.
    static let limit = 2_000_000

    /// The budget of the render running on this task, if any.
    @TaskLocal static var current: RenderBudget?

    private let remaining = Atomic<Int>(RenderBudget.limit)

    /// A render that went over the budget.
    struct Exceeded: Error {}

    /// Takes one step of the current render's budget; `false` once it is spent.
    static func spend() -> Bool {
        guard let budget = current else { return true }
        return budget.remaining.subtract(1, ordering: .relaxed).newValue >= 0
    }

    /// Spends the rest of the current render's budget (a site-wide partial that went over its own).
    static func exhaust() {
        current?.remaining.store(-1, ordering: .relaxed)
    }

    /// Runs `body` with a fresh budget; throws if it went over.
    static func run<Value>(_ body: () -> Value) throws(Exceeded) -> Value {
        let budget = RenderBudget()
        let value = $current.withValue(budget) { body() }
        guard budget.remaining.load(ordering: .relaxed) >= 0 else { throw Exceeded() }
        return value
    }
}
