import { raw } from './html.js';

/**
 * The page's whole stylesheet: inline, no fonts or images to fetch, so the page works offline
 * and inside clusters without internet. Colours follow the reader's light or dark preference;
 * every status also has a symbol and a word, never colour alone.
 */
export const LANDING_STYLE = raw(`
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;--head:#eef1f4;
--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--unknown:#8250df;--off:#59636e;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;
--head:#1c232c;--ok:#3fb950;--bad:#ff7b72;--warn:#d29922;--unknown:#bc8cff;--off:#9198a1;--link:#4493f8}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1280px;padding:16px;background:var(--bg);color:var(--fg);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;overflow-wrap:anywhere}
a{color:var(--link)}
h1{font-size:1.35rem;margin:0}
h2{font-size:1.1rem;margin:28px 0 8px}
small,.muted{color:var(--muted)}
small{font-size:.8em}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 16px}
header nav{display:flex;flex-wrap:wrap;gap:4px 12px}
.refresh{margin:12px 0;padding:8px 12px;border-left:4px solid var(--ok);background:var(--card);border-radius:4px}
.refresh.bad{border-left-color:var(--bad)}
.refresh.warn{border-left-color:var(--warn)}
.counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(108px,1fr));gap:8px;margin:16px 0}
.count{display:block;padding:8px 12px;border:1px solid var(--line);border-radius:8px;background:var(--card);
color:var(--fg);text-decoration:none}
.count b{display:block;font-size:1.6rem;line-height:1.2}
.count.zero{color:var(--muted);opacity:.7}
.count .of{display:block;color:var(--unknown)}
.count[aria-current]{outline:2px solid var(--link);outline-offset:-2px}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;overflow-wrap:normal}
th,td{padding:6px 10px;text-align:left;vertical-align:top;border-top:1px solid var(--line);white-space:nowrap}
thead th{border-top:0;background:var(--head);font-weight:600;font-size:.9em;white-space:normal}
td:last-child{white-space:normal}
tbody tr:hover{background:var(--card)}
.badge{font-weight:600;white-space:nowrap}
.badge .last{display:block;font-weight:400}
.sym{display:inline-block;min-width:1.1em;text-align:center}
.s-ok{color:var(--ok)}
.s-failed,.s-no-snapshot{color:var(--bad)}
.s-overdue{color:var(--warn)}
.s-not-read{color:var(--unknown)}
.s-paused,.s-backup-off{color:var(--off)}
tr.s-ok,tr.s-failed,tr.s-no-snapshot,tr.s-overdue,tr.s-not-read,tr.s-paused,tr.s-backup-off{color:inherit}
.pager{display:flex;gap:16px;justify-content:center;margin:8px 0}
.pager span:not(:nth-child(2)){color:var(--muted)}
ul.projects{padding-left:20px}
ul.projects li{margin:6px 0}
ul.notes{margin:0;padding-left:16px;white-space:normal}
ul.audit{padding-left:20px}
dl.config{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:2px 16px;margin:0;
font:13px/1.5 ui-monospace,"DejaVu Sans Mono",monospace}
dl.config dt{color:var(--muted)}
dl.config dd{margin:0}
footer{margin-top:32px;font-size:.85em;color:var(--muted)}
@media (max-width:640px){body{padding:12px;font-size:14px}th,td{padding:5px 8px}td:last-child{min-width:16rem}
.count{padding:6px 10px}.count b{font-size:1.35rem}
dl.config{grid-template-columns:minmax(0,1fr)}dl.config dd{margin:0 0 4px 12px}}
`);
