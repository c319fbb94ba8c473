import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every inline `<svg>…</svg>` of a page, each parsed as XML: the problems
/// found (parse errors, coordinates that are not numbers or fall outside
/// the chart's viewBox). Empty when every chart is well-formed and drawn
/// inside its own frame.
func svgProblems(_ html: String) -> (charts: Int, problems: [String]) {
    var problems: [String] = []
    var charts = 0
    var rest = html[...]
    while let open = rest.range(of: "<svg") {
        guard let close = rest.range(of: "</svg>", range: open.upperBound..<rest.endIndex) else {
            problems.append("an <svg> that is never closed")
            break
        }
        let svg = String(rest[open.lowerBound..<close.upperBound])
        rest = rest[close.upperBound...]
        charts += 1
        let checker = SVGChecker()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = checker
        if !parser.parse() {
            problems.append("chart \(charts): not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "?")): \(svg.prefix(120))")
        }
        problems += checker.problems.map { "chart \(charts): \($0)" }
    }
    return (charts, problems)
}

/// Collects the coordinates of every mark and checks them against the viewBox.
final class SVGChecker: NSObject, XMLParserDelegate {
    var problems: [String] = []
    private var width = Double.nan, height = Double.nan

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "svg" {
            let box = (attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
            guard box.count == 4, box[2] > 0, box[3] > 0, box.allSatisfy(\.isFinite) else {
                problems.append("viewBox '\(attributes["viewBox"] ?? "")'")
                return
            }
            width = box[2]
            height = box[3]
            return
        }
        for (attr, limit) in [("x", width), ("x1", width), ("x2", width), ("cx", width), ("width", width),
                              ("y", height), ("y1", height), ("y2", height), ("cy", height), ("height", height)] {
            guard let text = attributes[attr] else { continue }
            check(text, limit, "\(name) \(attr)")
        }
        if let points = attributes["points"] {
            for pair in points.split(separator: " ") {
                let xy = pair.split(separator: ",")
                guard xy.count == 2 else { problems.append("\(name) points '\(pair)'"); continue }
                check(String(xy[0]), width, "\(name) points x")
                check(String(xy[1]), height, "\(name) points y")
            }
        }
        if let d = attributes["d"] {
            let numbers = d.split(whereSeparator: { "MLZ ".contains($0) })
            for (i, v) in numbers.enumerated() { check(String(v), i % 2 == 0 ? width : height, "\(name) d") }
        }
    }

    private func check(_ text: String, _ limit: Double, _ what: String) {
        guard let v = Double(text), v.isFinite else { return problems.append("\(what) = '\(text)'") }
        if v < -1 || v > limit + 1 { problems.append("\(what) = \(v) outside 0…\(limit)") }
    }
}
