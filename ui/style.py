"""Look of the app: a theme with local fonts only (the app must not fetch web fonts) and CSS."""

from __future__ import annotations

FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"]
MONO = ["ui-monospace", "SFMono-Regular", "Menlo", "monospace"]


def theme():
    import gradio as gr

    return gr.themes.Soft(primary_hue="blue", neutral_hue="slate", font=FONTS, font_mono=MONO)


CSS = """
.nb-header h1 { font-size: 1.5rem; margin: 0; }
.nb-header p { margin: .2rem 0 0; color: var(--body-text-color-subdued); }
.nb-answer { line-height: 1.7; }
.nb-id { color: #94a3b8; font-size: 0.78em; font-family: monospace; }
.nb-understood { color: #475569; font-size: 0.88em; border-left: 3px solid #94a3b8; padding-left: 6px; margin-bottom: 4px; }
.nb-cite { color: #1d4ed8; font-weight: 600; cursor: help; margin-left: 1px; }
div.nb-sources { max-height: 900px; overflow-y: auto; padding-right: .3rem; }
.nb-sources, .nb-empty { font-size: .92rem; line-height: 1.6; }
.nb-empty { color: var(--body-text-color-subdued); padding: .8rem; border: 1px dashed var(--border-color-primary);
            border-radius: 8px; }
.nb-summary { padding: .5rem .7rem; background: var(--background-fill-secondary); border-radius: 8px;
              margin-bottom: .6rem; }
.nb-value { font-size: 1.15rem; font-weight: 700; margin: 0 .4rem; }
.nb-formula, .nb-note { margin-top: .25rem; font-size: .86rem; }
.nb-note { color: #b45309; }
.nb-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6rem .7rem;
           margin-bottom: .6rem; background: var(--background-fill-primary); }
.nb-card-head { margin-bottom: .35rem; }
.nb-key { color: #1d4ed8; font-weight: 700; }
.nb-file { color: var(--body-text-color-subdued); font-size: .85rem; }
.nb-cellname { font-size: .88rem; margin-bottom: .3rem; }
.nb-cellname code, .nb-finding code { font-size: .78rem; color: var(--body-text-color-subdued); }
.nb-passage, .nb-context { white-space: normal; background: var(--background-fill-secondary);
                           padding: .45rem .6rem; border-radius: 6px; font-size: .9rem; }
.nb-context { margin-top: .4rem; font-size: .85rem; }
mark.nb-support { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.nb-cell-mark { background: #fca5a5; color: inherit; font-weight: 700; }
.nb-table { border-collapse: collapse; margin: .3rem 0; font-size: .82rem; width: auto; }
.nb-table th, .nb-table td { border: 1px solid var(--border-color-primary); padding: .15rem .4rem;
                             text-align: center; white-space: nowrap; }
.nb-table th { background: var(--background-fill-secondary); font-weight: 600; }
.nb-table th.nb-rowlabel { text-align: left; white-space: normal; min-width: 7em; max-width: 18em; }
.nb-rowwrap { overflow-x: auto; max-width: 100%; }
.nb-num { font-variant-numeric: tabular-nums; }
td.nb-hl { background: #fde047 !important; outline: 2px solid #dc2626; font-weight: 700; }
td.nb-inferred { color: #1d4ed8; font-style: italic; }
td.nb-ambiguous { background: #fee2e2; }
td.nb-blank, td.nb-missing { color: #94a3b8; }
td.nb-flagged { box-shadow: inset 0 0 0 2px #dc2626; }
.nb-rawline { font-size: .88rem; margin-top: .3rem; }
.nb-raw { font-family: var(--font-mono); background: var(--background-fill-secondary); padding: 0 .3rem; }
.nb-badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 999px;
            background: #e2e8f0; color: #334155; }
.nb-route { background: #dbeafe; color: #1e40af; }
.nb-rule, .nb-status-flagged { background: #fee2e2; color: #991b1b; }
.nb-status-inferred { background: #dbeafe; color: #1d4ed8; }
.nb-status-ambiguous { background: #fee2e2; color: #991b1b; }
.nb-status-ok { background: #dcfce7; color: #166534; }
.nb-finding { margin-top: .4rem; font-size: .85rem; border-left: 3px solid #dc2626; padding-left: .5rem; }
.nb-finding ul { margin: .2rem 0 0 1rem; padding: 0; }
.nb-ok { color: #166534; }
.nb-page { margin: .5rem 0 0; }
.nb-page img { max-width: 100%; border: 1px solid var(--border-color-primary); border-radius: 4px; }
.nb-page figcaption { font-size: .8rem; color: var(--body-text-color-subdued); }
.nb-report h3 { margin: .2rem 0; }
.nb-meta, .nb-title, .nb-legend { font-size: .88rem; margin-bottom: .3rem; }
.nb-table-title { margin: .9rem 0 .2rem; }
.nb-full { width: 100%; margin-bottom: .5rem; }
.nb-full th.nb-rowlabel { width: 30%; }
.nb-full td { min-width: 3.2em; }
.nb-examples button { font-size: .85rem !important; }
.nb-chart { background: var(--background-fill-primary); border: 1px solid var(--border-color-primary);
            border-radius: 8px; }
.nb-chart text { font-family: inherit; fill: var(--body-text-color); }
.nb-chart-title { font-size: 17px; font-weight: 600; }
.nb-chart-tick, .nb-chart-legend { font-size: 12px; }
.nb-chart-value { font-size: 11px; }
.nb-chart-missing { font-size: 11px; fill: #94a3b8 !important; }
.nb-chart-grid { stroke: var(--border-color-primary); stroke-width: 1; }
.nb-chart-axis { stroke: #64748b; stroke-width: 1.2; }
"""
