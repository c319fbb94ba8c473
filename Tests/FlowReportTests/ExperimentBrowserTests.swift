import FlowReport
import Foundation
import XCTest

/// Renders a capacity plan's and a sweep's experiment reports in headless
/// Chromium and checks each screenshot shows something (as `BrowserTests`
/// does for the run report). Skipped without Chromium. Set
/// FLOWSIM_REPORT_KEEP to a directory to keep the pages and screenshots.
final class ExperimentBrowserTests: XCTestCase {
    func testExperimentReportsRenderInHeadlessChromium() throws {
        guard let chromium = BrowserTests.executable(named: ["chromium", "chromium-browser"]) else {
            throw XCTSkip("chromium is not on PATH (Debian/Ubuntu: apt-get install chromium); browser rendering not checked")
        }
        var plan = try ExperimentFixture.plan(candidates: [2, 3, 4, 5, 6, 7, 8], means: [3.1, 1.9, 1.25, 0.93, 0.7, 0.62, 0.58],
                                              sd: 0.12)
        plan.title = "Doctors for a mean wait under a day"
        var sweep = try ExperimentFixture.sweep(parameters: ["stations.doctor.capacity", "stations.nurse.capacity",
                                                             "sources.walk_in.rate", "stations.doctor.queue_limit"], count: 12)
        sweep.sensitivities[0].morris[1].sigma = 0.2
        for (name, data) in [("plan", plan), ("sweep", sweep)] {
            let page = ReportFixture.temporaryFile("\(name).html"), png = ReportFixture.temporaryFile("\(name).png")
            defer {
                try? FileManager.default.removeItem(at: page)
                try? FileManager.default.removeItem(at: png)
            }
            try Data(ExperimentReport.render(data).utf8).write(to: page)
            let status = try BrowserTests.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                         "--screenshot=\(png.path)", "--window-size=1280,2400", page.absoluteString],
                                              timeout: 120)
            XCTAssertEqual(status, 0, "chromium exit status for the \(name) report")
            if let keep = ProcessInfo.processInfo.environment["FLOWSIM_REPORT_KEEP"] {
                let dir = URL(fileURLWithPath: keep)
                try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                for (from, file) in [(page, "experiment-\(name).html"), (png, "experiment-\(name).png")] {
                    let to = dir.appendingPathComponent(file)
                    try? FileManager.default.removeItem(at: to)
                    try? FileManager.default.copyItem(at: from, to: to)
                }
            }
            let size = (try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? NSNumber)?.intValue ?? 0
            XCTAssertGreaterThan(size, 10_000, "screenshot of the \(name) report: \(size) bytes")
            guard let python = BrowserTests.executable(named: ["python3"]) else {
                throw XCTSkip("python3 is not on PATH; the screenshot was not checked for content")
            }
            let out = try BrowserTests.output(python, ["-c", BrowserTests.pngColours, png.path])
            let fields = Dictionary(uniqueKeysWithValues: out.split(separator: " ").compactMap { pair -> (String, Double)? in
                let kv = pair.split(separator: "=")
                guard kv.count == 2, let v = Double(kv[1].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
                return (String(kv[0]), v)
            })
            guard let distinct = fields["distinct"], let top = fields["top_share"] else {
                XCTFail("could not read the \(name) screenshot: \(out)")
                continue
            }
            XCTAssertEqual(fields["width"], 1280)
            XCTAssertGreaterThan(distinct, 50, "the \(name) report has text, charts and colours")
            XCTAssertLessThan(top, 0.95, "the \(name) screenshot is not one colour almost everywhere")
        }
    }
}
