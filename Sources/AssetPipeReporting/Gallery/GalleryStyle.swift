/// The gallery's stylesheet, inline in `index.html` (no external resources) and allowed by its
/// hash in the page's content security policy.
///
/// A responsive grid of cards; a checkerboard behind every thumbnail so transparency shows;
/// status in colour *and* in words, symbols and border styles; light and dark schemes.
enum GalleryStyle {
    static let css = """
    :root{--bg:#f3f3f1;--panel:#fff;--ink:#1d1d1f;--muted:#66666e;--line:#dcdcd7;--media:#e9e9e5;--accent:#3b5bdb;\
    --check-a:#fff;--check-b:#e2e2e2;\
    --generated:#17743a;--generated-bg:#e0f3e6;--cached:#1f5fb4;--cached-bg:#e2ecfb;\
    --outputs_rerendered:#0b6e72;--outputs_rerendered-bg:#ddf2f1;--failed:#b42318;--failed-bg:#fde6e3;\
    --skipped:#5b5b63;--skipped-bg:#e9e9e6;--interrupted:#8a5300;--interrupted-bg:#fbeed3;color-scheme:light dark}
    @media (prefers-color-scheme:dark){:root{--bg:#121214;--panel:#1c1c1f;--ink:#ececf0;--muted:#9d9da6;--line:#2f2f35;\
    --media:#161618;--accent:#8ea2ff;--check-a:#2a2a2f;--check-b:#38383e;\
    --generated:#7ddc9c;--generated-bg:#173524;--cached:#9cc3ff;--cached-bg:#1b2a44;\
    --outputs_rerendered:#7fd6d2;--outputs_rerendered-bg:#143634;--failed:#ff9b91;--failed-bg:#45201d;\
    --skipped:#b4b4bc;--skipped-bg:#2a2a2f;--interrupted:#f5c676;--interrupted-bg:#3b2d12}}
    *{box-sizing:border-box}
    [hidden]{display:none!important}
    body{margin:0;background:var(--bg);color:var(--ink);\
    font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
    a{color:inherit}
    code,.mono{font-family:ui-monospace,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.92em}
    .run{padding:22px 24px 14px;display:flex;flex-direction:column;gap:10px}
    .run-title{display:flex;flex-wrap:wrap;align-items:center;gap:10px}
    h1{margin:0;font-size:22px;line-height:1.2;overflow-wrap:anywhere}
    .meta{margin:0;color:var(--muted);display:flex;flex-wrap:wrap;gap:2px 14px}
    .totals{display:flex;flex-wrap:wrap;gap:8px;margin:0}
    .totals div{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:6px 14px;min-width:92px}
    .totals dt{font-size:11px;letter-spacing:.05em;text-transform:uppercase;color:var(--muted)}
    .totals dd{margin:0;font-size:20px;font-weight:650;font-variant-numeric:tabular-nums}
    .totals .alarm{border-color:var(--failed);border-width:2px;background:var(--failed-bg)}
    .totals .alarm dd{color:var(--failed)}
    .alert{margin:0;padding:8px 12px;border-radius:8px;border:2px solid var(--failed);background:var(--failed-bg);color:var(--failed)}
    .toolbar{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;padding:10px 24px;\
    background:color-mix(in srgb,var(--bg) 90%,transparent);backdrop-filter:blur(8px);border-bottom:1px solid var(--line)}
    .toolbar input,.toolbar select{font:inherit;color:inherit;background:var(--panel);border:1px solid var(--line);\
    border-radius:8px;padding:7px 10px}
    .toolbar input{flex:1 1 240px;min-width:0}
    .toolbar input:focus,.toolbar select:focus{outline:2px solid var(--accent);outline-offset:1px}
    .toolbar output{color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:16px;padding:16px 24px 28px;margin:0}
    .step{display:flex;flex-direction:column;min-width:0;background:var(--panel);border:1px solid var(--line);\
    border-radius:12px;overflow:hidden;content-visibility:auto;contain-intrinsic-size:auto 440px}
    .step:target{outline:3px solid var(--accent);outline-offset:2px}
    .step.st-failed{border:2px solid var(--failed)}
    .step.st-skipped,.step.st-interrupted{border:2px dashed var(--skipped)}
    .media{display:grid;grid-template-columns:repeat(var(--cols),minmax(0,1fr));grid-auto-rows:minmax(0,1fr);gap:2px;\
    aspect-ratio:4/3;min-height:0;overflow:hidden;background:var(--media)}
    .c1{--cols:1}.c2{--cols:2}.c3{--cols:3}.c4{--cols:4}
    .media.has-variants{grid-template-rows:minmax(0,1fr) 62px}
    .variants{display:flex;justify-content:center;gap:6px;min-width:0;overflow:hidden;padding:0 8px 8px}
    .variants .tile{flex:none;padding:0;height:54px;max-width:96px}
    .variants .placeholder{width:54px}
    .variants .placeholder .why{display:none}
    .variants .placeholder .glyph{font-size:18px}
    .tile{display:flex;align-items:center;justify-content:center;min-width:0;min-height:0;padding:6px;text-decoration:none}
    .c1>.tile{padding:10px}
    .tile img{display:block;max-width:100%;max-height:100%;width:auto;height:auto;border-radius:2px;\
    background:repeating-conic-gradient(var(--check-b) 0 25%,var(--check-a) 0 50%) 0 0/16px 16px;\
    box-shadow:0 0 0 1px rgb(0 0 0/.08)}
    a.tile:hover img,a.tile:focus-visible img{box-shadow:0 0 0 2px var(--accent)}
    .placeholder{flex-direction:column;gap:6px;text-align:center;color:var(--muted);font-size:12px;overflow:hidden}
    .placeholder .glyph{font-size:28px;line-height:1}
    .placeholder.st-failed{color:var(--failed);background:var(--failed-bg)}
    .placeholder.unavailable{color:var(--interrupted);background:var(--interrupted-bg)}
    .placeholder .why{overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:4;overflow:hidden}
    .body{display:flex;flex-direction:column;gap:6px;padding:10px 12px 12px;min-width:0}
    .head{display:flex;align-items:flex-start;justify-content:space-between;gap:8px}
    h2{margin:0;font-size:15px;line-height:1.3;overflow-wrap:anywhere}
    h2 a{text-decoration:none}
    h2 a:hover{text-decoration:underline}
    .badge{flex:none;display:inline-flex;gap:4px;align-items:center;padding:1px 9px;border-radius:999px;font-size:12px;\
    font-weight:650;white-space:nowrap;color:var(--skipped);background:var(--skipped-bg);border:1px solid currentColor}
    .st-generated{--tone:var(--generated);--tone-bg:var(--generated-bg)}\
    .st-cached{--tone:var(--cached);--tone-bg:var(--cached-bg)}\
    .st-outputs_rerendered{--tone:var(--outputs_rerendered);--tone-bg:var(--outputs_rerendered-bg)}\
    .st-failed{--tone:var(--failed);--tone-bg:var(--failed-bg)}\
    .st-skipped{--tone:var(--skipped);--tone-bg:var(--skipped-bg)}\
    .st-interrupted{--tone:var(--interrupted);--tone-bg:var(--interrupted-bg)}
    .badge[class*=" st-"]{color:var(--tone,var(--skipped));background:var(--tone-bg,var(--skipped-bg))}
    .prompt summary{cursor:pointer;list-style:none;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;\
    overflow:hidden;overflow-wrap:anywhere}
    .prompt summary::-webkit-details-marker{display:none}
    .prompt[open] summary{display:block}
    .prompt .revised{margin:4px 0 0;color:var(--muted);font-size:12px}
    .facts{margin:0;display:flex;flex-wrap:wrap;gap:2px 10px;color:var(--muted);font-size:12px}
    .facts .cost{color:var(--ink);font-weight:600}
    .error{margin:0;padding:6px 8px;border-radius:6px;background:var(--failed-bg);color:var(--failed);font-size:12px;\
    white-space:pre-wrap;overflow-wrap:anywhere}
    .skip-reason{margin:0;font-size:12px;color:var(--muted);overflow-wrap:anywhere}
    .chain{margin:0;font-size:12px;display:flex;flex-wrap:wrap;gap:2px 6px;align-items:baseline}
    .chain .role{color:var(--muted)}
    .chain a{font-weight:600;text-decoration:none;border-bottom:1px dotted currentColor}
    .files{margin:2px 0 0;padding:6px 0 0;list-style:none;border-top:1px solid var(--line);font-size:12px}
    .files li{display:flex;gap:8px;justify-content:space-between;min-width:0}
    .files a,.files .missing{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    .files .missing{color:var(--interrupted)}
    .files .about{flex:none;color:var(--muted);font-variant-numeric:tabular-nums}
    footer{padding:8px 24px 28px;color:var(--muted);font-size:12px}
    @media (max-width:600px){.run{padding:16px 14px 10px}.toolbar{padding:8px 14px}.grid{padding:12px 14px 20px;gap:12px}\
    h1{font-size:19px}.totals div{min-width:0;flex:1 1 28%;padding:5px 10px}.totals dd{font-size:17px}}
    """
}
