/*
 * app.js - the editor's page: send the article to POST /tag as the editor types,
 * show the tags with their scores, highlight the entities, and on a click on a tag
 * list and mark the entities that earned it.
 *
 * Offsets from the service count Unicode code points, JS strings count UTF-16
 * units, so the text is split into code points once (Array.from) and sliced by
 * those. User text only ever reaches the page as text nodes, never as HTML.
 *
 * A link can carry an article: #text=...&title=...&lang=uk&tag=country:RU fills the
 * form, tags it, and clicks that tag (editors share these; the browser test uses
 * them).
 */
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const KNOWN = { PERSON: 1, ORG: 1, PLACE: 1, NORP: 1 };
  let seq = 0;        // requests sent; a slower older answer must not overwrite a newer one
  let shown = 0;
  let result = null;  // the last tagged record
  let selected = null;
  let timer = null;

  function setStatus(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.className = "status" + (isError ? " error" : "");
  }

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function tag() {
    const text = $("text").value;
    const record = { id: "editor", title: $("title").value };
    if (!text.trim()) {
      show(null);
      setStatus("ready");
      return null;
    }
    record[$("html").checked ? "html" : "text"] = text;
    if ($("lang").value) record.lang = $("lang").value;
    const mine = ++seq;
    const t0 = performance.now();
    setStatus("tagging…");
    let body;
    try {
      const resp = await fetch("/tag", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(record),
      });
      body = await resp.json();
      if (mine < shown) return null;
      shown = mine;
      if (!resp.ok) {
        setStatus("error " + resp.status + ": " + ((body.error && body.error.message) || ""), true);
        if (body.model) $("model").textContent = body.model;
        return null;
      }
    } catch (e) {
      if (mine >= shown) setStatus("the service did not answer: " + e.message, true);
      return null;
    }
    body._text = text;
    body._title = record.title;
    show(body);
    setStatus(body.tags.length + " tags, " + body.entities.length + " entities in " +
              Math.round(performance.now() - t0) + " ms");
    return body;
  }

  function show(rec) {
    result = rec;
    const keep = selected;
    selected = null;
    renderTags();
    renderText();
    $("evidence").hidden = true;
    if (rec) $("model").textContent = rec.model;
    if (keep && rec && rec.tags.some((t) => t.id === keep)) select(keep);
  }

  function renderTags() {
    const list = $("tags");
    list.replaceChildren();
    const tags = result ? result.tags : [];
    $("no-tags").hidden = tags.length > 0;
    tags.forEach((t) => {
      const b = el("button", { type: "button", class: "tag", "data-tag-id": t.id,
                               title: t.id + ": click to see the evidence" });
      b.append(el("span", { class: "label" }, t.label));
      const bar = el("span", { class: "bar" });
      bar.style.width = Math.max(2, Math.round(t.score * 100)) + "%";
      const track = el("span", { class: "track" });
      track.append(bar);
      b.append(track, el("span", { class: "score" }, t.score.toFixed(2)));
      b.addEventListener("click", () => select(selected === t.id ? null : t.id));
      const li = el("li");
      li.append(b);
      list.append(li);
    });
  }

  /* The field's text with each entity in a <mark>; overlapping spans keep the first. */
  function highlighted(field, source) {
    const frag = document.createDocumentFragment();
    if (!result) return frag;
    const cps = Array.from(source);
    let at = 0;
    result.entities.forEach((e, i) => {
      if ((e.field || "text") !== field || e.start < at || e.end > cps.length) return;
      frag.append(cps.slice(at, e.start).join(""));
      const type = KNOWN[e.type] ? e.type : "OTHER";
      const m = el("mark", {
        class: "ent t-" + type + (e.zone === "boilerplate" ? " boilerplate" : ""),
        "data-index": String(i),
        title: e.type + (e.subtype ? "/" + e.subtype : "") + " " + e.id + " (" + e.zone + ")",
      }, cps.slice(e.start, e.end).join(""));
      frag.append(m);
      at = e.end;
    });
    frag.append(cps.slice(at).join(""));
    return frag;
  }

  function renderText() {
    $("text-view").replaceChildren(result ? highlighted("text", result._text) : "");
    $("title-view").replaceChildren(result ? highlighted("title", result._title || "") : "");
  }

  function select(id) {
    selected = id;
    document.querySelectorAll(".tag").forEach((b) =>
      b.classList.toggle("selected", b.dataset.tagId === id));
    document.querySelectorAll("mark.ent").forEach((m) => m.classList.remove("evidence-of"));
    const t = result && id ? result.tags.find((x) => x.id === id) : null;
    $("evidence").hidden = !t;
    if (!t) return;
    $("evidence-label").textContent = t.label + " (" + t.score.toFixed(2) + ")";
    const list = $("evidence-list");
    list.replaceChildren();
    let first = null;
    t.evidence.forEach((i) => {
      const e = result.entities[i];
      if (!e) return;
      list.append(el("li", { "data-index": String(i) },
        "“" + e.text + "” " + e.type + (e.subtype ? "/" + e.subtype : "") + " · " + e.id +
        " · " + e.zone));
      document.querySelectorAll('mark[data-index="' + i + '"]').forEach((m) => {
        m.classList.add("evidence-of");
        first = first || m;
      });
    });
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(tag, 350);
  }

  $("text").addEventListener("input", later);
  $("title").addEventListener("input", later);
  $("lang").addEventListener("change", tag);
  $("html").addEventListener("change", tag);
  $("tag").addEventListener("click", tag);

  fetch("/health").then((r) => r.json()).then((h) => { $("model").textContent = h.model; })
    .catch(() => setStatus("the service did not answer", true));

  const link = new URLSearchParams(location.hash.slice(1));
  if (link.get("text")) {
    $("text").value = link.get("text");
    $("title").value = link.get("title") || "";
    $("lang").value = link.get("lang") || "";
    tag().then((rec) => {
      const want = link.get("tag");
      const b = want && rec ? document.querySelector('.tag[data-tag-id="' + CSS.escape(want) + '"]') : null;
      if (b) b.click();
      document.body.dataset.ready = "1";
    });
  } else {
    document.body.dataset.ready = "1";
  }
})();
