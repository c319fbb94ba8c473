import FlowEngine
import FlowExperiments
import FlowReport
import FlowScenario
import Foundation
import XCTest

final class HTMLReportTests: XCTestCase {
    func testNamesFromTheScenarioAreEscaped() throws {
        let r = try ReportFixture.hostile.get()
        let html = r.html
        XCTAssertFalse(html.lowercased().contains("<script"), "a scenario name must never open a script element")
        XCTAssertFalse(html.lowercased().contains("<img"), "the description must not open an element")
        XCTAssertFalse(html.contains("<b>g1</b>"), "attribute levels must be escaped")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the escaped scenario and station name")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(3)&gt;"),
                      "the escaped description")
        XCTAssertTrue(html.contains("&quot;quoted&quot; &amp; &#39;single&#39;"), "quotes and ampersands escaped")
        XCTAssertTrue(html.contains("&lt;script&gt;reason&lt;/script&gt;"), "the escaped reason")
        XCTAssertTrue(html.contains("x&amp;y&lt;z&gt;"), "the escaped reason with & < >")
        XCTAssertTrue(html.contains("&lt;script&gt;src&lt;/script&gt;"), "the escaped source name")
        XCTAssertTrue(html.contains("&lt;b&gt;g1&lt;/b&gt;") && html.contains("a&amp;b"), "the escaped group levels")
        XCTAssertTrue(html.contains("risk &lt; high"), "the escaped rule expression")
        XCTAssertFalse(html.contains("risk < high"))
        let opened = occurrences(of: "<svg", in: html), closed = occurrences(of: "</svg>", in: html)
        XCTAssertGreaterThan(opened, 0)
        XCTAssertEqual(opened, closed, "balanced <svg> tags")
        XCTAssertEqual(tagProblems(html), [], "tags nest and close")
    }

    func testDorsetReportIsWellFormed() throws {
        let html = try ReportFixture.dorset.get().html
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertEqual(occurrences(of: "<svg", in: html), occurrences(of: "</svg>", in: html))
        XCTAssertGreaterThanOrEqual(occurrences(of: "<svg", in: html), 5, "charts for waits, decisions, occupancy, groups")
        XCTAssertEqual(tagProblems(html), [])
        // Every chart is labelled for screen readers.
        XCTAssertEqual(occurrences(of: "<svg", in: html), occurrences(of: "role=\"img\" aria-labelledby=", in: html))
        XCTAssertEqual(occurrences(of: "<svg", in: html), occurrences(of: "<title id=", in: html))
        // Numbers for people: no raw NaN or infinities, missing values as a dash.
        for raw in [">nan", " nan", "NaN", ">inf", " inf<", "Infinity"] {
            XCTAssertFalse(html.contains(raw), "raw number text \(raw)")
        }
        XCTAssertTrue(html.contains(">–<"), "missing values shown as –")
        XCTAssertTrue(html.contains("<th scope=\"col\""), "tables have header cells")
    }

    func testNoExternalResources() throws {
        for html in [try ReportFixture.dorset.get().html, try ReportFixture.hostile.get().html] {
            let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            XCTAssertFalse(withoutNamespace.contains("http://"), "no http URL")
            XCTAssertFalse(withoutNamespace.contains("https://"), "no https URL")
            XCTAssertFalse(withoutNamespace.contains("//cdn"), "no CDN")
            XCTAssertFalse(html.contains("<link"), "no linked style sheets")
            XCTAssertFalse(html.contains("@import"), "no imported style sheets")
            XCTAssertFalse(html.contains("url("), "no fetched fonts or images in CSS")
            XCTAssertFalse(html.lowercased().contains("<script"), "no scripts")
            XCTAssertFalse(html.lowercased().contains("<iframe"), "no frames")
            // Any src= would have to be inline data; the report has none.
            let sources = html.components(separatedBy: " src=").dropFirst()
            for s in sources where !s.hasPrefix("\"data:") {
                // The hostile description mentions `src=x` as escaped text, which is not an attribute.
                XCTAssertTrue(html.contains("&lt;img src=x"), "src= outside escaped text: \(s.prefix(40))")
            }
        }
    }

    func testEveryDorsetTeamAppears() throws {
        let r = try ReportFixture.dorset.get()
        XCTAssertEqual(r.results.results.count, 3)
        for st in r.scenario.model.stations {
            XCTAssertTrue(r.html.contains("<th scope=\"row\">\(st.name)"), "\(st.name) has a row in the results table")
            XCTAssertTrue(r.html.contains("<code>\(st.name)</code>") || r.html.contains(">\(st.name)<"), st.name)
        }
        for src in r.scenario.model.sources { XCTAssertTrue(r.html.contains(src.name), src.name) }
        XCTAssertTrue(r.html.contains("<h1>\(escaped(r.scenario.name))</h1>"))
        // Reasons, rule expressions and groups from the model.
        XCTAssertTrue(r.html.contains("spa: urgent_risk"))
        XCTAssertTrue(r.html.contains("complexity &lt;= 2 and risk &lt;= medium"))
        XCTAssertTrue(r.html.contains("id=\"groups\""), "population groups section")
        XCTAssertTrue(r.html.contains(r.scenario.hash))
        XCTAssertTrue(r.html.contains(FlowSimVersion.string))
    }

    func testStressDESHeadingsInOrder() throws {
        let r = try ReportFixture.dorset.get()
        let html = r.html
        let headings = ["1. Objectives", "2. Logic", "3. Data", "4. Experimentation", "5. Implementation", "6. Code access"]
        var last = html.startIndex
        for h in headings {
            guard let r = html.range(of: "<h3 class=\"stress\">\(h)</h3>", range: last..<html.endIndex) else {
                return XCTFail("STRESS-DES heading \(h) missing or out of order")
            }
            last = r.upperBound
        }
        let items = ["1.1 Purpose", "1.2 Model outputs", "2.2 Base model logic", "2.5 Components", "3.3 Input parameters",
                     "3.4 Assumptions", "4.1 Initialisation", "4.2 Run length", "4.3 Estimation", "5.2 Random sampling"]
        var at = html.startIndex
        for item in items {
            guard let r = html.range(of: item, range: at..<html.endIndex) else { return XCTFail("\(item) missing or out of order") }
            at = r.upperBound
        }
        XCTAssertTrue(html.contains("master seed <strong>\(r.scenario.seed)</strong>"))
    }

    func testWaitingListsOverTimeWhenTheRunKeptASeries() throws {
        let html = try ReportFixture.dorset.get().html
        XCTAssertTrue(html.contains("Waiting lists over time"))
        XCTAssertTrue(html.contains("<title id=\"series-queue-"), "a panel per team with a waiting list")
        XCTAssertTrue(html.contains("Beds occupied over time"))
        XCTAssertTrue(html.contains("<title id=\"series-beds-"), "a panel for the acute beds")
        XCTAssertTrue(html.contains("<polygon"), "interval bands")
    }

    func testReportOfASmallNetworkWithoutGroupsOrSeries() throws {
        let r = try ReportFixture.clinic.get()
        XCTAssertEqual(tagProblems(r.html), [])
        XCTAssertFalse(r.html.contains("id=\"groups\""), "no population groups section without groups")
        XCTAssertFalse(r.html.contains("Waiting lists over time"), "no series kept")
        for st in r.scenario.model.stations { XCTAssertTrue(r.html.contains("<th scope=\"row\">\(escaped(st.name))"), st.name) }
        XCTAssertTrue(r.html.contains("6. Code access"))
    }
}
