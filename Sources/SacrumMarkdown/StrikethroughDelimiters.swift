/// Pairs GitHub-flavoured strikethrough delimiters (runs of one or two tildes) the way cmark-gfm's
/// `process_emphasis` does for its strikethrough extension: a closer takes the nearest earlier opener
/// (with CommonMark's rule of three), equal lengths make a strikethrough, and whatever lies between
/// a matched opener and closer can no longer pair. Each search is bounded by the `openersBottom` of
/// cmark, so the time stays linear in the number of runs.
struct StrikethroughDelimiters {
    struct Run {
        /// Index of the run among the caller's tokens.
        var token: Int
        var count: Int
        var canOpen: Bool
        var canClose: Bool
    }

    private var runs: [Run] = []

    /// Adds a tilde run; runs that cannot be delimiters (three or more tildes, not flanking) are ignored.
    mutating func add(token: Int, count: Int, before: InlineCharacter, after: InlineCharacter) {
        guard count == 1 || count == 2 else { return }
        let leftFlanking = after != .whitespace && (after != .punctuation || before != .other)
        let rightFlanking = before != .whitespace && (before != .punctuation || after != .other)
        guard leftFlanking || rightFlanking else { return }
        if runs.isEmpty { runs.reserveCapacity(4) }
        runs.append(Run(token: token, count: count, canOpen: leftFlanking, canClose: rightFlanking))
    }

    var isEmpty: Bool { runs.isEmpty }

    /// The matched pairs, as (opener token, closer token).
    func pairs() -> [(opener: Int, closer: Int)] {
        guard runs.count >= 2 else { return [] }
        if runs.count == 2 {
            // What the walk below comes to for two runs (most paragraphs with a strikethrough): the
            // first opens and the second closes, with equal counts (one or two, so that the rule of
            // three always allows them).
            let (opening, closing) = (runs[0], runs[1])
            return opening.canOpen && closing.canClose && opening.count == closing.count ? [(opening.token, closing.token)] : []
        }
        var previous = Array(-1..<(runs.count - 1))
        var next = Array(1...runs.count)
        next[runs.count - 1] = -1
        var removed = [Bool](repeating: false, count: runs.count)
        var openersBottom = [-1, -1, -1]
        var pairs: [(opener: Int, closer: Int)] = []

        func remove(_ index: Int) {
            removed[index] = true
            let before = previous[index]
            let after = next[index]
            if before >= 0 { next[before] = after }
            if after >= 0 { previous[after] = before }
        }

        var closer = 0
        while closer >= 0 {
            let closing = runs[closer]
            guard closing.canClose else {
                closer = next[closer]
                continue
            }
            var opener = previous[closer]
            var found = false
            let bottom = openersBottom[closing.count % 3]
            while opener >= 0 && opener > bottom {
                let opening = runs[opener]
                if opening.canOpen
                    && (!(closing.canOpen || opening.canClose) || closing.count % 3 == 0 || (opening.count + closing.count) % 3 != 0)
                {
                    found = true
                    break
                }
                opener = previous[opener]
            }
            let following = next[closer]
            if found {
                if runs[opener].count == closing.count {
                    pairs.append((runs[opener].token, closing.token))
                }
                var index = closer
                while index >= 0 && index != opener {
                    let before = previous[index]
                    remove(index)
                    index = before
                }
                remove(opener)
            } else {
                openersBottom[closing.count % 3] = previous[closer]
                if !closing.canOpen { remove(closer) }
            }
            closer = following
        }
        return pairs
    }
}
