import FlowEngine

/// The page every FlowSim report is: head with the shared style sheet, the
/// header band, a numbered contents list, numbered sections and a footer
/// line, so the run and experiment reports read as one product.
enum ReportPage {
    struct Section {
        var id: String
        var title: String
        var body: String
    }

    /// - Parameters:
    ///   - title: the document title, plain text (escaped here).
    ///   - css: style rules added after `ReportStyle.css`.
    ///   - header: the header band's HTML.
    ///   - footer: the footer line's HTML (callers escape what they put in it).
    static func render(title: String, css: String = "", header: String, sections: [Section], footer: String) -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\"FlowSim \(HTML.escape(FlowSimVersion.string))\">\n"
        page += "<title>\(HTML.escape(title))</title>\n"
        page += "<style>\n\(ReportStyle.css)\(css)</style>\n</head>\n<body>\n"
        page += header
        page += "<nav class=\"wrap toc\" aria-label=\"Contents\"><ol>"
        for (i, s) in sections.enumerated() {
            page += "<li><a href=\"#\(s.id)\">\(i + 1). \(s.title)</a></li>"
        }
        page += "</ol></nav>\n<main class=\"wrap\">\n"
        for (i, s) in sections.enumerated() {
            page += "<section id=\"\(s.id)\" aria-labelledby=\"\(s.id)-h\">\n"
            page += "<h2 id=\"\(s.id)-h\"><span class=\"n\">\(i + 1)</span> \(s.title)</h2>\n"
            page += s.body + "</section>\n"
        }
        page += "</main>\n<footer class=\"wrap\"><p>\(footer)</p></footer>\n"
        page += "</body>\n</html>\n"
        return page
    }
}
