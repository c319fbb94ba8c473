import Foundation

/// Standard error, and whether it is a terminal (for progress lines).
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}

/// Replications done, rate and time left, on one rewritten line of
/// standard error.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var lastPrint = Date.distantPast
    private let enabled: Bool

    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastPrint) >= 0.2 else { return }
        lastPrint = now
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r  replication %d/%d  %.1f/s  %@ left   ", done, total, rate,
                          Self.clock(left))
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(s / 60 % 60)m" : s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }
}

/// The plain-text tables commands print: each column as wide as its widest
/// cell, two spaces apart, columns from `rightFrom` on right-aligned (the
/// numbers), every line behind `indent`.
enum TextTable {
    static func render(_ rows: [[String]], rightFrom: Int = .max, indent: String = "") -> [String] {
        var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { r in
            indent + r.enumerated().map { i, c in
                i >= rightFrom ? String(repeating: " ", count: widths[i] - c.count) + c : c.padding(widths[i])
            }.joined(separator: "  ")
        }
    }
}
