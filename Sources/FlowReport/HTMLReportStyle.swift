/// The report's inline style sheet: system fonts only (nothing fetched),
/// NHS identity colours, tables with tabular figures, print-friendly.
enum ReportStyle {
    static let css = """
        :root { --text: #212b32; --muted: #4c6272; --blue: #005eb8; --dark: #003087; --line: #d8dde0;
          --pale: #f0f4f5; --band: #f7f9fa; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--pale); color: var(--text);
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; }
        .wrap { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
        header.top { background: var(--blue); color: #fff; padding: 28px 0 30px; }
        header.top .kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; opacity: .85; }
        header.top h1 { font-size: 2.1rem; line-height: 1.2; margin: .2em 0 .35em; font-weight: 700; }
        header.top .lede { font-size: 1.125rem; max-width: 60em; margin: 0 0 .6em; }
        header.top .meta { font-size: .92rem; max-width: 62em; margin: 0; opacity: .92; }
        section.key { margin-top: -14px; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 14px; }
        .tile { background: #fff; border-top: 5px solid var(--blue); padding: 12px 16px 14px;
          box-shadow: 0 1px 2px rgba(33,43,50,.12); }
        .tile .label { font-size: .9rem; font-weight: 600; color: var(--muted); }
        .tile .v { font-size: 1.9rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
        .tile .hw { font-size: .9rem; color: var(--muted); min-height: 1.2em; }
        .tile .hint { font-size: .82rem; color: var(--muted); margin-top: 2px; }
        nav.toc { margin-top: 22px; }
        nav.toc ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: .92rem; }
        nav.toc a { color: var(--blue); text-decoration: none; border-bottom: 1px solid rgba(0,94,184,.3); }
        main section { background: #fff; margin: 22px 0; padding: 22px 30px 26px; box-shadow: 0 1px 2px rgba(33,43,50,.12); }
        h2 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .6em; padding-bottom: .35em; border-bottom: 2px solid var(--pale); }
        h2 .n { display: inline-block; min-width: 1.6em; height: 1.6em; line-height: 1.6em; text-align: center;
          border-radius: 50%; background: var(--blue); color: #fff; font-size: .8em; margin-right: .35em; vertical-align: .1em; }
        h3 { font-size: 1.2rem; margin: 1.6em 0 .4em; }
        h3.stress { font-size: 1.25rem; border-top: 1px solid var(--line); padding-top: .9em; margin-top: 1.4em; }
        h4 { font-size: 1rem; margin: 1.1em 0 .3em; color: var(--dark); }
        h5 { font-size: .95rem; margin: 1em 0 .3em; }
        p { margin: .4em 0 .8em; max-width: 72em; }
        p.note { color: var(--muted); font-size: .9rem; }
        a { color: var(--blue); }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em;
          background: var(--pale); padding: 0 .25em; border-radius: 3px; }
        pre { background: var(--pale); padding: 10px 14px; overflow-x: auto; }
        p code, li code { white-space: nowrap; }
        pre code { background: none; padding: 0; }
        figure { margin: 10px 0 6px; }
        figcaption { font-size: .85rem; color: var(--muted); margin-top: 4px; }
        svg.chart { display: block; width: 100%; height: auto; max-width: 100%; font-size: 13px;
          font-family: inherit; }
        svg.chart text { fill: var(--text); }
        svg.chart .grid { stroke: #e3e8ea; stroke-width: 1; }
        svg.chart .axis { stroke: #8a9aa5; stroke-width: 1; }
        svg.chart .tick { fill: var(--muted); font-size: 12px; }
        svg.chart .row-label { font-size: 13px; }
        svg.chart .note { fill: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
        svg.chart .band { fill: var(--band); }
        svg.chart .whisker { stroke: #212b32; stroke-width: 1.4; }
        svg.chart .whisker.thin { stroke-width: 1.6; }
        svg.chart .ref { stroke: #da291c; stroke-width: 1.3; stroke-dasharray: 5 3; }
        svg.chart .ref-label { fill: #da291c; font-size: 12px; font-weight: 600; }
        svg.chart .legend text { font-size: 12.5px; }
        .panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 6px 22px; }
        figure.panel { margin: 4px 0 8px; }
        figcaption.panel-title { font-weight: 600; color: var(--text); font-size: .95rem; margin: 0 0 2px; }
        figcaption.panel-title span { font-weight: 400; color: var(--muted); font-size: .85rem; margin-left: .6em; }
        svg.chart .warmup { fill: #e8edee; }
        .swatch { display: inline-block; width: .8em; height: .8em; margin: 0 .25em 0 .1em; vertical-align: -.05em; border-radius: 2px; }
        .scroll { overflow-x: auto; }
        span.legend-key { white-space: nowrap; }
        table { border-collapse: collapse; font-size: .9rem; margin: 8px 0 14px; }
        table.data { width: 100%; }
        caption { text-align: left; font-weight: 600; padding: 4px 0 6px; color: var(--dark); }
        th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #aeb7bd; font-size: .85rem; vertical-align: bottom; }
        tbody th { font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td .hw, td .pct { color: var(--muted); font-size: .8rem; }
        table.results { font-size: .84rem; }
        table.results th, table.results td { padding: 4px 5px; }
        table.results thead th.num { white-space: normal; min-width: 4.5em; }
        table.results tbody tr:nth-child(even) { background: var(--band); }
        table.results th .fn { display: block; font-weight: 400; font-size: .78rem; color: var(--muted); }
        table.account td { font-size: .85rem; }
        table.heat { font-size: .76rem; }
        table.heat th, table.heat td { border: 1px solid #fff; padding: 3px 4px; }
        table.heat thead th.v { height: 160px; white-space: nowrap; vertical-align: bottom; padding: 4px 2px; width: 42px; }
        table.heat thead th.v span { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block; font-weight: 600; }
        table.heat thead th.sink span { color: var(--muted); font-style: italic; }
        table.heat thead th.corner { vertical-align: bottom; color: var(--muted); font-weight: 400; }
        table.heat tbody th { background: var(--band); max-width: 11em; line-height: 1.25; }
        table.heat td { min-width: 42px; text-align: right; }
        table.heat td.total { background: var(--band); font-weight: 600; }
        table.heat td.dark { color: #fff; }
        table.heat tr.source th { font-weight: 400; }
        .tag { font-size: .72rem; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 3px; }
        details.numbers { margin: 4px 0 16px; font-size: .9rem; }
        details.numbers summary { cursor: pointer; color: var(--blue); }
        dl.metrics { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: .85rem; }
        dl.metrics dd { margin: 0; }
        ul.assumptions li { margin-bottom: .3em; }
        span.attr { color: var(--muted); }
        footer { color: var(--muted); font-size: .85rem; padding-bottom: 30px; }
        @media print {
          body { background: #fff; font-size: 11pt; }
          header.top { background: #fff; color: var(--text); border-bottom: 3px solid var(--blue); }
          main section, .tile { box-shadow: none; border: 1px solid var(--line); }
          section { break-inside: avoid-page; }
          nav.toc, details.numbers summary { display: none; }
        }

        """
}
