/// The page's inline stylesheet: system fonts, cards in a responsive grid, one column below 760 px.
enum StatusPageStyle {
    static let css = """
    :root{--bg:#f5f6f8;--card:#fff;--ink:#1d2330;--muted:#677086;--line:#e3e6ec;--accent:#3a63d8;--alt:#1f9d8b;--warn:#d9534f;--good:#3a9a4a}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    header{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px;padding:14px 24px;background:var(--ink);color:#fff}
    header h1{margin:0;font-size:20px;letter-spacing:.02em}
    header p{margin:0;color:#c5cad6;font-size:13px}
    main{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:16px;padding:16px 24px;max-width:1600px;margin:0 auto}
    section.station{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;min-width:0}
    .station-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px;margin-bottom:8px}
    .station-head h2{margin:0;font-size:17px}
    .meta{color:var(--muted);font-size:12px}
    .cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:14px}
    h3{margin:6px 0 6px;font-size:11px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);font-weight:600}
    ul.listeners{list-style:none;margin:0;padding:0}
    ul.listeners li{padding:5px 0;border-bottom:1px solid var(--line)}
    ul.listeners li:last-child{border-bottom:0}
    .who{display:flex;justify-content:space-between;gap:8px;font-size:12px;color:var(--muted)}
    .user{font-weight:600;color:var(--ink);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    .np{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    .np .artist{color:var(--muted)}
    .why{font-size:12px;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    .progress{height:4px;background:var(--line);border-radius:2px;margin-top:3px;overflow:hidden}
    .progress span{display:block;height:100%;background:var(--accent)}
    .paused{color:var(--muted);font-style:italic}
    .more,.empty{color:var(--muted);font-size:12px;margin:6px 0}
    svg.chart{display:block;width:100%;max-width:420px;height:auto;margin-bottom:4px}
    svg .bar{fill:var(--accent)} svg .bar.alt{fill:var(--alt)}
    svg .axis{stroke:var(--line);stroke-width:1}
    svg .label{font-size:10.5px;fill:var(--muted)}
    .gauge{display:grid;grid-template-columns:110px minmax(0,1fr) 40px;align-items:center;gap:8px;margin:4px 0;font-size:12px}
    .gauge svg{width:100%;height:10px;display:block}
    .gauge .track{fill:var(--line)} .gauge .fill.skip{fill:var(--warn)} .gauge .fill.like{fill:var(--good)} .gauge .fill.discovery{fill:var(--alt)}
    .gauge-label{color:var(--muted)} .gauge-value{text-align:right;font-variant-numeric:tabular-nums}
    .figures{display:flex;gap:14px;flex-wrap:wrap;font-size:12px;color:var(--muted);margin:4px 0 2px}
    .figures b{color:var(--ink);font-variant-numeric:tabular-nums}
    footer{color:var(--muted);font-size:12px;text-align:center;padding:8px 0 20px}
    form.login{max-width:360px;margin:12vh auto;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:22px}
    form.login h1{margin:0 0 6px;font-size:20px} form.login p{color:var(--muted);margin:0 0 14px}
    form.login input{width:100%;padding:8px 10px;font:inherit;border:1px solid var(--line);border-radius:6px;margin-bottom:10px}
    form.login button{padding:8px 14px;font:inherit;background:var(--accent);color:#fff;border:0;border-radius:6px;cursor:pointer}
    .error{color:var(--warn)}
    @media (max-width:760px){main{grid-template-columns:1fr;padding:10px}.cols{grid-template-columns:1fr}header{padding:12px}}
    """
}
