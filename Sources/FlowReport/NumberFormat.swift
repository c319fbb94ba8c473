/// Number text that is the same on every machine and run: Swift's shortest
/// round-trip representation; NaN becomes `null` in JSON and an empty field
/// in CSV (both read as missing by pandas and R).
enum NumberFormat {
    static func json(_ x: Double) -> String {
        x.isFinite ? "\(x)" : "null"
    }

    static func csv(_ x: Double) -> String {
        x.isFinite ? "\(x)" : ""
    }
}

enum JSONText {
    /// A JSON string literal with the escapes RFC 8259 requires.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

enum CSVText {
    /// A field quoted only when it must be (RFC 4180).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
