import Foundation
import XCTest

/// Renders the Dorset report in headless Chromium and checks that the
/// screenshot shows something: a PNG over 10 kB with many colours, not
/// one colour almost everywhere. Skipped when Chromium is not installed
/// (Debian: `apt-get install chromium`).
///
/// Set FLOWSIM_REPORT_KEEP to a directory to keep the report and the
/// screenshot there for a look.
final class BrowserTests: XCTestCase {
    func testReportRendersInHeadlessChromium() throws {
        guard let chromium = Self.executable(named: ["chromium", "chromium-browser"]) else {
            throw XCTSkip("chromium is not on PATH (Debian/Ubuntu: apt-get install chromium); browser rendering not checked")
        }
        let html = try ReportFixture.dorset.get().html
        let page = ReportFixture.temporaryFile("dorset.html")
        let png = ReportFixture.temporaryFile("dorset.png")
        defer {
            try? FileManager.default.removeItem(at: page)
            try? FileManager.default.removeItem(at: png)
        }
        try Data(html.utf8).write(to: page)

        let status = try Self.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                             "--screenshot=\(png.path)", "--window-size=1280,2400", page.absoluteString],
                                  timeout: 120)
        XCTAssertEqual(status, 0, "chromium exit status")
        if let keep = ProcessInfo.processInfo.environment["FLOWSIM_REPORT_KEEP"] {
            let dir = URL(fileURLWithPath: keep)
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (from, name) in [(page, "report.html"), (png, "report.png")] {
                let to = dir.appendingPathComponent(name)
                try? FileManager.default.removeItem(at: to)
                try? FileManager.default.copyItem(at: from, to: to)
            }
        }
        let size = (try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? NSNumber)?.intValue ?? 0
        XCTAssertGreaterThan(size, 10_000, "screenshot of \(size) bytes")

        guard let python = Self.executable(named: ["python3"]) else {
            throw XCTSkip("python3 is not on PATH; the screenshot was not checked for content")
        }
        let out = try Self.output(python, ["-c", Self.pngColours, png.path])
        let fields = Dictionary(uniqueKeysWithValues: out.split(separator: " ").compactMap { pair -> (String, Double)? in
            let kv = pair.split(separator: "=")
            guard kv.count == 2, let v = Double(kv[1].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            return (String(kv[0]), v)
        })
        guard let distinct = fields["distinct"], let top = fields["top_share"] else {
            return XCTFail("could not read the screenshot: \(out)")
        }
        XCTAssertEqual(fields["width"], 1280)
        XCTAssertEqual(fields["height"], 2400)
        XCTAssertGreaterThan(distinct, 50, "a rendered report has text, charts and colours")
        XCTAssertLessThan(top, 0.95, "the screenshot is not one colour almost everywhere")
    }

    static func executable(named names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in names {
                let f = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: f) { return f }
            }
        }
        return nil
    }

    /// Runs a program with its output discarded; kills it after `timeout` seconds.
    static func run(_ program: String, _ arguments: [String], timeout: Double) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        try p.run()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            p.terminate()
            XCTFail("\(program) did not finish within \(timeout) s")
            return -1
        }
        return p.terminationStatus
    }

    static func output(_ program: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes an 8-bit, non-interlaced PNG with zlib and counts the colours
    /// of every other pixel on every fourth row.
    static let pngColours = #"""
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        if data[:8] != b'\x89PNG\r\n\x1a\n':
            print('error=1'); sys.exit(0)
        pos, idat, w, h, depth, ctype, interlace = 8, [], 0, 0, 0, 0, 0
        while pos + 8 <= len(data):
            n, = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]; body = data[pos + 8:pos + 8 + n]
            pos += 12 + n
            if kind == b'IHDR': w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            elif kind == b'IDAT': idat.append(body)
            elif kind == b'IEND': break
        if depth != 8 or interlace != 0 or ctype not in (0, 2, 4, 6):
            print('error=2'); sys.exit(0)
        bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
        raw = zlib.decompress(b''.join(idat)); stride = w * bpp
        prev = bytearray(stride); counts = {}; seen = 0
        for y in range(h):
            start = y * (stride + 1); f = raw[start]; line = bytearray(raw[start + 1:start + 1 + stride])
            if f == 1:
                for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
            elif f == 2:
                line = bytearray((a + b) & 255 for a, b in zip(line, prev))
            elif f == 3:
                for i in range(stride):
                    left = line[i - bpp] if i >= bpp else 0
                    line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
            elif f == 4:
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c; pa = abs(p - a); pb = abs(p - b); pc = abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            if y % 4 == 0:
                for x in range(0, w, 2):
                    px = bytes(line[x * bpp:(x + 1) * bpp]); counts[px] = counts.get(px, 0) + 1; seen += 1
            prev = line
        print('distinct=%d top_share=%.4f width=%d height=%d' % (len(counts), max(counts.values()) / seen, w, h))
        """#
}
