import Foundation
import Testing
@testable import SacrumServer

@Suite("Live-reload events")
struct LiveReloadTests {
    static let problems = [
        ServerProblem(
            severity: .error, location: "content/contact.md:12:3",
            message: "link to '../conditons/back-pain.md' matches no page",
            hint: "did you mean '../conditions/back-pain.md'?"),
        ServerProblem(severity: .warning, location: "site.yaml:4:1", message: "quote \" backslash \\ newline\n </script> \u{2028}\u{1}"),
    ]

    /// Takes the next `count` events from `iterator`.
    static func next(_ count: Int, from iterator: inout AsyncStream<LiveReloadEvent>.Iterator) async -> [LiveReloadEvent] {
        var events: [LiveReloadEvent] = []
        for _ in 0..<count {
            guard let event = await iterator.next() else { break }
            events.append(event)
        }
        return events
    }

    @Test("a connection gets hello, then reload, css, problems and clear as they happen")
    func eventSequence() async {
        let site = LiveSite()
        let subscription = await site.subscribe()
        var iterator = subscription.events.makeAsyncIterator()
        #expect(await Self.next(1, from: &iterator) == [.hello(instance: LiveSite.instanceID)])

        await site.publish(TestSite.snapshot(), change: .full)
        #expect(await Self.next(1, from: &iterator) == [.reload])
        await site.publish(TestSite.snapshot(), change: .stylesheetsOnly)
        #expect(await Self.next(1, from: &iterator) == [.stylesheets])
        await site.showProblems(Self.problems)
        #expect(await Self.next(1, from: &iterator) == [.problems(Self.problems)])
        await site.publish(TestSite.snapshot(), change: .stylesheetsOnly)
        #expect(await Self.next(2, from: &iterator) == [.clear, .stylesheets])
        await site.showProblems(Self.problems)
        await site.showProblems([])
        #expect(await Self.next(2, from: &iterator) == [.problems(Self.problems), .clear])

        await site.unsubscribe(subscription.id)
        #expect(await iterator.next() == nil)
        #expect(await site.subscriberCount == 0)
    }

    @Test("a browser that connects while problems are current gets them right after hello")
    func problemsOnConnect() async {
        let site = LiveSite()
        await site.publish(TestSite.snapshot(), change: .full)
        await site.showProblems(Self.problems)
        let subscription = await site.subscribe()
        var iterator = subscription.events.makeAsyncIterator()
        #expect(await Self.next(2, from: &iterator) == [.hello(instance: LiveSite.instanceID), .problems(Self.problems)])
        #expect(await site.snapshot != nil, "the last good snapshot is kept")
    }

    @Test("events are framed for text/event-stream with non-empty data")
    func wireFormat() {
        #expect(LiveReloadEvent.hello(instance: "abc").wireFormat == "retry: 500\nevent: hello\ndata: abc\n\n")
        #expect(LiveReloadEvent.reload.wireFormat == "event: reload\ndata: reload\n\n")
        #expect(LiveReloadEvent.stylesheets.wireFormat == "event: css\ndata: css\n\n")
        #expect(LiveReloadEvent.clear.wireFormat == "event: clear\ndata: clear\n\n")
        #expect(LiveReloadEvent.keepAlive.wireFormat == ": keep-alive\n\n")
        let problems = LiveReloadEvent.problems(Self.problems).wireFormat
        #expect(problems.hasPrefix("event: problems\ndata: ["))
        #expect(problems.hasSuffix("]\n\n"))
        #expect(problems.dropLast(2).split(separator: "\n").count == 2, "the JSON is one line")
    }

    @Test("the problems JSON decodes back into the problems")
    func problemsJSON() throws {
        let json = ProblemJSON.encode(Self.problems)
        #expect(!json.contains("\n") && !json.contains("</script>"))
        let decoded = try JSONDecoder().decode([ServerProblem].self, from: Data(json.utf8))
        #expect(decoded == Self.problems)
        #expect(ProblemJSON.encode([]) == "[]")
        let object = try JSONSerialization.jsonObject(with: Data(ProblemJSON.encode([Self.problems[1]]).utf8)) as? [[String: Any]]
        #expect(object?.first?["hint"] is NSNull)
        #expect(object?.first?["severity"] as? String == "warning")
    }

    @Test("the script handles every event and reloads when the server restarted")
    func scriptSource() {
        let source = LiveReloadScript.source(instanceID: "1234abcd")
        for needle in [
            "new EventSource(\"/__sacrum/events?page=\" + encodeURIComponent(location.pathname))", "\"hello\"", "\"reload\"", "\"css\"", "\"problems\"", "\"clear\"",
            "const served = \"1234abcd\"", "location.reload()", "DOMParser", "link[rel~=\"stylesheet\"]",
            "Sacrum could not build the site", "role\", \"alert\"", "position:fixed",
        ] {
            #expect(source.contains(needle), "\(needle)")
        }
        #expect(!source.contains("</script"), "the source cannot end its own element")
    }

    @Test("injection finds the last </body> in any case and leaves other text alone")
    func injection() {
        let script = LiveReloadScript.element(instanceID: "id")
        func inject(_ html: String) -> String {
            String(decoding: LiveReloadScript.inject(into: Array(html.utf8), instanceID: "id"), as: UTF8.self)
        }
        #expect(inject("<body>a</body>") == "<body>a" + script + "</body>")
        #expect(inject("<body>a</Body >\n") == "<body>a" + script + "</Body >\n")
        #expect(inject("<p>x</p>") == "<p>x</p>" + script)
        #expect(inject("<body><code>&lt;/body&gt;</code></body>") == "<body><code>&lt;/body&gt;</code>" + script + "</body>")
        #expect(inject("<bodyguard></bodyguard>") == "<bodyguard></bodyguard>" + script)
        #expect(inject("") == script)
    }
}

/// Issue 12, item 4: the live-reload script names the page its tab shows; the open pages are
/// reloaded first after a template edit, the others when the rest of the site is built.
@Suite("Open pages first")
struct OpenPagesFirstServerTests {
    @Test("the page a tab shows, from the event stream's query",
          arguments: [
            ("page=%2Fcontact%2F", "contact/index.html"), ("page=%2F", "index.html"), ("page=/404.html", "404.html"),
            ("x=1&page=%2Ftreatments%2Fsi-joint", "treatments/si-joint/index.html"),
          ])
    func pageKey(_ query: String, _ key: String) {
        #expect(RequestPath.pageKey(inQuery: Substring(query)) == key)
    }

    @Test("a query without a usable page names none", arguments: ["", "page=%2F..%2Fsecret%2F", "page=contact", "page=%zz"])
    func noPageKey(_ query: String) {
        #expect(RequestPath.pageKey(inQuery: Substring(query)) == nil)
    }

    @Test("the server knows which pages are open")
    func openPages() async {
        let site = LiveSite()
        _ = await site.subscribe(page: "index.html")
        _ = await site.subscribe(page: "contact/index.html")
        _ = await site.subscribe()
        #expect(await site.openPages == ["index.html", "contact/index.html"])
    }

    @Test("open pages reload first, the others with the rest of the site")
    func reloadOrder() async {
        let site = LiveSite()
        let contact = await site.subscribe(page: "contact/index.html")
        let home = await site.subscribe(page: "index.html")
        let unnamed = await site.subscribe()
        var contactEvents = contact.events.makeAsyncIterator()
        var homeEvents = home.events.makeAsyncIterator()
        var unnamedEvents = unnamed.events.makeAsyncIterator()
        _ = await LiveReloadTests.next(1, from: &contactEvents)
        _ = await LiveReloadTests.next(1, from: &homeEvents)
        _ = await LiveReloadTests.next(1, from: &unnamedEvents)

        await site.publish(TestSite.snapshot(), reloading: ["contact/index.html"])
        await site.publish(TestSite.snapshot(), reloading: ["contact/index.html"], except: true)
        await site.showProblems(LiveReloadTests.problems)
        // Each tab's events in order: the contact tab reloaded once, first; the others once, after.
        #expect(await LiveReloadTests.next(2, from: &contactEvents) == [.reload, .problems(LiveReloadTests.problems)])
        #expect(await LiveReloadTests.next(2, from: &homeEvents) == [.reload, .problems(LiveReloadTests.problems)])
        #expect(await LiveReloadTests.next(2, from: &unnamedEvents) == [.reload, .problems(LiveReloadTests.problems)])
    }
}
