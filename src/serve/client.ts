/**
 * The preview page: plain HTML, CSS and a small script (no framework, no build step). The
 * script listens for "render" events, fetches /state, swaps in the new page image once it
 * has loaded (no flash), outlines every story frame, marks overset ones in red with their
 * count, and shows a story's report on hover or click. While the layout is broken it shows
 * the error in place of the page. Copy text only ever reaches the DOM as textContent.
 */

export const INDEX_HTML = `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>paiban preview</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body data-version="0">
<header>
  <strong>排版 preview</strong>
  <span id="status">loading…</span>
  <label>zoom <select id="zoom">
    <option value="page">whole page</option>
    <option value="fit" selected>fit width</option>
    <option value="0.5">50%</option><option value="0.75">75%</option>
    <option value="1">100%</option><option value="1.5">150%</option>
  </select></label>
</header>
<main>
  <section id="error" hidden>
    <h2>The layout cannot be made up</h2>
    <pre id="error-message"></pre>
    <p>Fix the file and save: the page comes back by itself.</p>
  </section>
  <section id="pages"></section>
  <aside>
    <section id="story">
      <h3>Story</h3>
      <p class="hint">Hover over or click a story on the page.</p>
      <dl id="story-report" hidden></dl>
    </section>
    <section>
      <h3>Last change</h3>
      <ul id="diff"><li class="hint">none yet</li></ul>
    </section>
    <section>
      <h3>Warnings <span id="warning-count"></span></h3>
      <ul id="warnings"></ul>
    </section>
  </aside>
</main>
</body>
</html>
`;

export const APP_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", sans-serif; background: #5b6068; color: #1d1f23; }
header { position: sticky; top: 0; z-index: 5; display: flex; gap: 16px; align-items: center; padding: 6px 14px; background: #24272d; color: #eceef2; }
header label { margin-left: auto; }
#status.error { color: #ff8a8a; font-weight: 600; }
main { display: flex; align-items: flex-start; gap: 14px; padding: 14px; }
#pages { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 26px; align-items: safe center; overflow-x: auto; padding: 18px 4px 8px; }
.page { flex: none; position: relative; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.45); }
.page img { display: block; width: 100%; height: 100%; }
.page .label { position: absolute; top: -18px; left: 0; color: #eceef2; font-size: 12px; }
.frame { position: absolute; outline: 1px dashed rgba(40, 110, 220, .0); cursor: pointer; }
.frame:hover, .frame.selected { outline-color: rgba(40, 110, 220, .9); background: rgba(40, 110, 220, .07); }
.frame.overset { outline: 2px solid #d8141f; }
.badge { position: absolute; right: 0; bottom: 0; transform: translateY(100%); background: #d8141f; color: #fff; font-size: 11px; padding: 0 4px; white-space: nowrap; pointer-events: none; }
aside { position: sticky; top: 50px; width: 320px; flex: none; display: flex; flex-direction: column; gap: 10px; max-height: calc(100vh - 64px); overflow: auto; }
aside section, #error { background: #f4f5f7; border-radius: 4px; padding: 8px 12px; }
aside h3 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 0; }
dt { color: #666; } dd { margin: 0; overflow-wrap: anywhere; }
dd.overset { color: #d8141f; font-weight: 600; }
ul { margin: 0; padding-left: 18px; } li { margin: 2px 0; }
.hint { color: #777; }
#error { flex: 1; border: 3px solid #d8141f; background: #fff3f3; }
#error h2 { margin: 0 0 8px; color: #b00; font-size: 18px; }
#error pre { white-space: pre-wrap; font-size: 14px; background: #fff; padding: 10px; border: 1px solid #e6b3b3; }
[hidden] { display: none !important; }
`;

export const APP_JS = `"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  let shown = 0;
  let state = null;
  let pinned = null;
  let loading = false;
  let again = false;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const pct = (v, of) => (100 * v / of) + "%";
  const time = (iso) => new Date(iso).toLocaleTimeString();

  function zoomWidth(p) {
    const z = $("zoom").value;
    if (z === "page") return "min(100%, calc((100vh - 110px) * " + (p.width / p.height).toFixed(4) + "))";
    return z === "fit" ? "min(100%, " + Math.round(p.width / 72 * 96 * 1.5) + "px)" : Math.round(p.width / 72 * 96 * Number(z)) + "px";
  }

  function storyRows(s) {
    const over = s.overset.lines > 0;
    return [
      ["id", s.id], ["kind", s.kind], ["page", String(s.page)],
      ["copy", s.copy, s.copyUrl], ["measure", s.measure + " em"],
      ["lines per column", s.linesPerColumn.join(" · ") || "–"],
      ["overset", over ? s.overset.lines + " lines, " + s.overset.chars + " chars" : "none", null, over],
      ["underset", s.underset + " lines"], ["paragraphs", String(s.paragraphs)],
      ["opens", s.opening || "–"],
    ].concat(s.fit ? [["fit", "capacity " + s.fit.capacity.lines + " lines, " + s.fit.capacity.chars + "字 · copy " + s.fit.copy.chars + "字 · " +
      (s.fit.difference.chars > 0 ? "cut " + s.fit.difference.chars + "字" : s.fit.difference.chars < 0 ? "add " + (-s.fit.difference.chars) + "字" : "fits") +
      (s.fit.difference.chars !== 0 ? (s.fit.copyfitCanAbsorb ? " (copyfit absorbs it)" : " (copyfit cannot absorb it)") : ""), null, !s.fit.copyfitCanAbsorb]] : [])
      .concat(s.runaround ? [["runs around", s.runaround.items.map((i) => i.id + " (column " + i.columns.join(", ") + ": " + i.lines + " lines)").join(", ") +
        (s.runaround.skipped.length ? "; skipped " + s.runaround.skipped.map((k) => k.lines + " line" + (k.lines > 1 ? "s" : "") + " in column " + k.column).join(", ") : "") +
        " · " + s.runaround.lost + " lines lost"]] : [])
      .concat(s.copyfit && s.copyfit.paragraphs.length ? [["copyfit", s.copyfit.paragraphs.map((p) => "¶" + (p.paragraph + 1) + " " + (p.lines > 0 ? "+" : "") + p.lines + " line (" + p.emPerGap + " em/gap)").join(", ")]] : [])
      .concat(s.copyfit && s.copyfit.editor ? [["editor", s.copyfit.editor, null, true]] : []);
  }

  function showStory(id) {
    const dl = $("story-report");
    const s = state && state.ok ? state.stories.find((x) => x.id === id) : null;
    document.querySelectorAll(".frame.selected").forEach((f) => f.classList.remove("selected"));
    if (!s) { dl.hidden = true; return; }
    document.querySelectorAll('.frame[data-id="' + CSS.escape(id) + '"]').forEach((f) => f.classList.add("selected"));
    dl.replaceChildren();
    for (const [k, v, href, bad] of storyRows(s)) {
      const dd = el("dd", bad ? "overset" : "");
      if (href) { const a = el("a", "", v); a.href = href; a.target = "_blank"; a.rel = "noopener"; dd.append(a); } else dd.textContent = v;
      dd.dataset.field = k;
      dl.append(el("dt", "", k), dd);
    }
    dl.dataset.story = s.id;
    dl.hidden = false;
    $("story").querySelector(".hint").hidden = true;
  }

  function frames(page, holder) {
    holder.querySelectorAll(".frame").forEach((f) => f.remove());
    // A jumped story's frames are on its parts' pages (frame.page); others on the story's page.
    for (const s of state.stories) {
      s.frames.forEach((f, i) => {
        if ((f.page ?? s.page) !== page.number) return;
        const d = el("div", "frame" + (s.overset.lines > 0 ? " overset" : ""));
        d.dataset.id = s.id;
        d.title = s.id;
        Object.assign(d.style, { left: pct(f.x, page.width), top: pct(f.y, page.height), width: pct(f.width, page.width), height: pct(f.height, page.height) });
        if (s.overset.lines > 0 && i === s.frames.length - 1) d.append(el("span", "badge", "溢出 " + s.overset.lines + " 行 overset " + s.overset.lines + " lines"));
        d.addEventListener("mouseenter", () => { if (!pinned) showStory(s.id); });
        d.addEventListener("click", () => { pinned = pinned === s.id ? null : s.id; showStory(s.id); });
        holder.append(d);
      });
    }
  }

  function pageHolder(p) {
    let holder = document.querySelector('.page[data-page="' + p.number + '"]');
    if (!holder) {
      holder = el("div", "page");
      holder.dataset.page = String(p.number);
      holder.append(el("span", "label", "第" + p.number + "版 " + p.name), el("img"));
      holder.querySelector("img").alt = "第" + p.number + "版 " + p.name;
      $("pages").append(holder);
    }
    holder.style.width = zoomWidth(p);
    holder.style.aspectRatio = p.width + " / " + p.height;
    return holder;
  }

  function showPages() {
    const keep = new Set(state.pages.map((p) => String(p.number)));
    document.querySelectorAll(".page").forEach((h) => { if (!keep.has(h.dataset.page)) h.remove(); });
    for (const p of state.pages) {
      const holder = pageHolder(p);
      frames(p, holder);
      const img = holder.querySelector("img");
      if (img.dataset.src !== p.svg) {
        const version = state.version;
        const swap = (loaded) => {
          const current = holder.querySelector("img");
          if (current.dataset.src === p.svg) return;
          const next = loaded.parentNode ? loaded.cloneNode() : loaded;
          next.alt = current.alt;
          next.dataset.src = p.svg;
          current.replaceWith(next);
          holder.dataset.version = String(version);
          document.body.dataset.shown = String(version);
        };
        load(p.svg).then(swap, () => undefined);
      }
    }
  }

  // Page images by URL, loading or loaded: a render event starts them before /state arrives.
  const images = new Map();
  function load(src) {
    if (!images.has(src)) {
      const img = new Image();
      images.set(src, new Promise((ok, fail) => { img.onload = () => ok(img); img.onerror = fail; img.src = src; }));
      while (images.size > 8) images.delete(images.keys().next().value);
    }
    return images.get(src);
  }
  function preload(event) {
    const v = JSON.parse(event.data || "{}");
    if (!v.ok || !state || !state.ok) return;
    for (const p of state.pages) load("/page/" + p.number + ".svg?v=" + v.version).catch(() => undefined);
  }

  function list(id, items, empty) {
    const ul = $(id);
    ul.replaceChildren(...(items.length ? items.map((t) => el("li", "", t)) : [el("li", "hint", empty)]));
  }

  function show(s) {
    state = s;
    document.body.dataset.version = String(s.version);
    document.body.dataset.ok = String(!!s.ok);
    const status = $("status");
    status.classList.toggle("error", !s.ok);
    $("error").hidden = !!s.ok;
    $("pages").hidden = !s.ok;
    document.querySelector("aside").hidden = !s.ok;
    if (!s.ok) {
      status.textContent = s.pending ? "rendering…" : "error at " + time(s.at);
      $("error-message").textContent = s.error || "";
      return;
    }
    const over = s.stories.filter((x) => x.overset.lines > 0);
    status.textContent = s.layout + ": rendered " + time(s.at) + " in " + s.ms + " ms" + (s.changed.length ? " after " + s.changed.join(", ") : "") +
      " — " + (over.length ? "OVERSET " + over.map((x) => x.id + " " + x.overset.lines).join(", ") : "no overset");
    showPages();
    list("diff", s.diff, s.first ? "first render" : "no change in overset or warnings");
    list("warnings", s.warnings, "none");
    $("warning-count").textContent = "(" + s.warnings.length + ")";
    const current = pinned || $("story-report").dataset.story;
    if (current) showStory(current);
  }

  async function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    try {
      const r = await fetch("/state", { cache: "no-store" });
      const s = await r.json();
      if (s.version >= shown) { shown = s.version; show(s); }
    } catch (e) {
      $("status").textContent = "preview server unreachable — is paiban serve still running?";
    } finally {
      loading = false;
      if (again) { again = false; refresh(); }
    }
  }

  $("zoom").addEventListener("change", () => state && state.ok && showPages());
  const events = new EventSource("/events");
  events.addEventListener("render", (e) => { preload(e); refresh(); });
  setInterval(() => { if (events.readyState !== EventSource.OPEN) refresh(); }, 2000);
  refresh();
})();
`;
