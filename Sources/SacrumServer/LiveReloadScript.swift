/// The inline script that connects every served HTML page to the live-reload event stream,
/// and the code that inserts it into a response.
enum LiveReloadScript {
    /// The path of the event stream the script listens to.
    static let eventsPath = "/__sacrum/events"

    /// The `<script>` element for a page served by the process with `instanceID`.
    ///
    /// It handles `hello` (reload when the server restarted), `reload`, `css` (swap stylesheet
    /// links for the ones the page has now), `problems` (show an overlay) and `clear` (remove it).
    /// The browser's `EventSource` reconnects by itself when the stream breaks.
    static func element(instanceID: String) -> String {
        "<script data-sacrum-live-reload>" + source(instanceID: instanceID) + "</script>"
    }

    /// The script's JavaScript source.
    static func source(instanceID: String) -> String {
        #"""
        (() => {
          "use strict";
          const served = "\#(instanceID)";
          const overlayID = "__sacrum-problems";
          // The page this tab shows, so that after a template edit the server renders it first.
          const events = new EventSource("\#(eventsPath)?page=" + encodeURIComponent(location.pathname));
          events.addEventListener("hello", (event) => {
            if (event.data !== served) { location.reload(); }
          });
          events.addEventListener("reload", () => location.reload());
          events.addEventListener("css", () => {
            swapStylesheets().catch(() => location.reload());
          });
          events.addEventListener("problems", (event) => showProblems(JSON.parse(event.data)));
          events.addEventListener("clear", () => clearProblems());

          async function swapStylesheets() {
            const response = await fetch(location.href, { cache: "no-store" });
            const page = new DOMParser().parseFromString(await response.text(), "text/html");
            const fresh = [...page.querySelectorAll('link[rel~="stylesheet"]')]
              .filter((link) => link.getAttribute("href"));
            const stale = [...document.querySelectorAll('link[rel~="stylesheet"]')];
            let anchor = stale.length > 0 ? stale[stale.length - 1] : null;
            const loaded = fresh.map((link) => new Promise((done) => {
              const copy = document.createElement("link");
              for (const attribute of link.attributes) { copy.setAttribute(attribute.name, attribute.value); }
              copy.addEventListener("load", done);
              copy.addEventListener("error", done);
              if (anchor) { anchor.after(copy); } else { document.head.append(copy); }
              anchor = copy;
            }));
            await Promise.all(loaded);
            for (const link of stale) { link.remove(); }
          }

          function clearProblems() {
            const overlay = document.getElementById(overlayID);
            if (overlay) { overlay.remove(); }
          }

          function showProblems(problems) {
            clearProblems();
            if (!Array.isArray(problems) || problems.length === 0) { return; }
            const overlay = document.createElement("section");
            overlay.id = overlayID;
            overlay.setAttribute("role", "alert");
            overlay.setAttribute("aria-labelledby", overlayID + "-title");
            overlay.style.cssText = "all:initial;position:fixed;inset:0;z-index:2147483647;display:block;" +
              "overflow:auto;box-sizing:border-box;padding:2rem;background:rgba(17,17,17,.96);color:#fff;" +
              "font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;";
            const heading = document.createElement("h2");
            heading.id = overlayID + "-title";
            heading.tabIndex = -1;
            heading.textContent = "Sacrum could not build the site";
            heading.style.cssText = "margin:0 0 1rem;font-size:1.5rem;color:#ffb4b4;";
            const list = document.createElement("ul");
            list.style.cssText = "margin:0 0 1.5rem;padding-left:1.25rem;";
            for (const problem of problems) {
              const item = document.createElement("li");
              item.style.cssText = "margin:0 0 1rem;";
              const line = document.createElement("code");
              line.textContent = `${problem.location}: ${problem.severity}: ${problem.message}`;
              line.style.cssText = "font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;";
              item.append(line);
              if (problem.hint) {
                const hint = document.createElement("p");
                hint.textContent = problem.hint;
                hint.style.cssText = "margin:.25rem 0 0;color:#e0e0e0;";
                item.append(hint);
              }
              list.append(item);
            }
            const dismiss = document.createElement("button");
            dismiss.type = "button";
            dismiss.textContent = "Dismiss";
            dismiss.style.cssText = "font:inherit;padding:.4rem 1rem;cursor:pointer;";
            dismiss.addEventListener("click", clearProblems);
            overlay.append(heading, list, dismiss);
            (document.body || document.documentElement).append(overlay);
            heading.focus({ preventScroll: true });
          }
        })();
        """#
    }

    /// `html` with the script inserted before its last `</body>` (matched case-insensitively),
    /// or appended when there is none.
    static func inject(into html: [UInt8], instanceID: String) -> [UInt8] {
        let script = Array(element(instanceID: instanceID).utf8)
        var result = html
        if let closingBody = lastClosingBody(in: html) {
            result.insert(contentsOf: script, at: closingBody)
        } else {
            result.append(contentsOf: script)
        }
        return result
    }

    /// The offset of the last `</body>` tag in `html`, ignoring ASCII case and allowing
    /// whitespace before the `>`.
    static func lastClosingBody(in html: [UInt8]) -> Int? {
        let tag = Array("</body".utf8)
        let tagEnds: Set<UInt8> = [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        guard html.count > tag.count else { return nil }
        for start in stride(from: html.count - tag.count - 1, through: 0, by: -1)
        where tagEnds.contains(html[start + tag.count]) && matchesIgnoringCase(html, at: start, tag) {
            return start
        }
        return nil
    }

    /// Whether `bytes` holds the lowercase ASCII `pattern` at `offset`, ignoring ASCII case.
    private static func matchesIgnoringCase(_ bytes: [UInt8], at offset: Int, _ pattern: [UInt8]) -> Bool {
        for (index, expected) in pattern.enumerated() {
            var byte = bytes[offset + index]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != expected { return false }
        }
        return true
    }
}
