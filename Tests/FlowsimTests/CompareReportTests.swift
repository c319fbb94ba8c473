import Foundation
import XCTest

/// `flowsim compare --report`: the differences as a self-contained page.
final class CompareReportTests: XCTestCase {
    func testCompareWritesAnEscapedSelfContainedReport() throws {
        let dir = try CLI.temporaryDirectory()
        let base = dir.appendingPathComponent("base.yaml"), variant = dir.appendingPathComponent("variant.yaml")
        try """
            name: Clinic <script>alert(1)</script> & co
            run: {duration: 60 days, warm_up: 5 days, replications: 4, seed: 9}
            sources:
              walk_in: {rate: 40 per day, to: desk}
            stations:
              desk: {capacity: 3, service: {distribution: exponential, mean: 1 h}}
            """.write(to: base, atomically: true, encoding: .utf8)
        try """
            extends: base.yaml
            name: One fewer "desk"
            stations:
              desk: {capacity: 2}
            """.write(to: variant, atomically: true, encoding: .utf8)
        let html = dir.appendingPathComponent("compare.html")
        let r = try CLI.run(["compare", base.path, variant.path, "--quiet", "--out", dir.appendingPathComponent("out").path,
                             "--report", html.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let page = try String(contentsOf: html, encoding: .utf8)
        XCTAssertFalse(page.contains("<script"), "names must be escaped")
        XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
        XCTAssertTrue(page.contains("One fewer &quot;desk&quot;"))
        XCTAssertFalse(page.contains("http://") || page.contains("https://"), "no external resource")
        XCTAssertTrue(page.contains("<svg"))
        // Fewer servers must raise the wait significantly: the table lists it with a positive change.
        XCTAssertTrue(page.contains("<td>desk</td><td>wait_mean_days</td>"), page)
        XCTAssertTrue(page.contains("<td>desk</td><td>utilisation</td>"), page)
    }
}
