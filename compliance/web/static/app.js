// complint serve: upload reports, read the findings in place, take back the downloads.
// Plain script, no library: the page must work on an intranet with no way out.
(() => {
  "use strict";
  const words = JSON.parse(document.getElementById("words").textContent);
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const lang = document.body.dataset.lang;
  const maxBytes = Number(document.body.dataset.maxBytes);
  const input = document.getElementById("files");
  const accepted = input.accept.split(",");
  const drop = document.getElementById("drop");
  const results = document.getElementById("results");
  const detail = document.getElementById("detail");
  const periodInput = document.getElementById("period");
  const RANK = {info: 0, warning: 1, error: 2};
  const explanations = new Map();
  const queue = [];
  let busy = false;

  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : ""));
  const element = (tag, props = {}, ...children) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...children);
    return el;
  };

  function form(card, period) {
    const data = new FormData();
    data.append("file", card.file, card.file.name);
    data.append("csrf", token);
    const chosen = period ?? card.period ?? periodInput.value.trim();
    if (chosen) data.append("period", chosen);
    return data;
  }

  function status(card, state, text) {
    card.el.dataset.state = state;
    card.status.textContent = text;
  }

  function fail(card, message) {
    card.progress.hidden = true;
    status(card, "failed", words.failed);
    card.body.replaceChildren(element("p", {className: "problem", textContent: message}));
  }

  function addFiles(files) {
    for (const file of files) {
      const suffix = "." + file.name.split(".").pop().toLowerCase();
      const progress = element("progress", {max: 100, value: 0});
      const statusText = element("small", {className: "status"});
      const body = element("div", {className: "body"});
      const el = element("article", {className: "card"},
        element("h2", {}, element("span", {className: "name", textContent: file.name}), " ", statusText),
        progress, body);
      el.dataset.name = file.name;
      results.prepend(el);
      const card = {el, file, progress, status: statusText, body, data: null, period: null};
      if (!file.name.includes(".") || !accepted.includes(suffix)) {
        fail(card, fill(words.unsupported, {suffix, suffixes: accepted.join(" ")}));
      } else if (file.size > maxBytes) {
        fail(card, fill(words.too_large, {size: Math.floor(maxBytes / 1048576)}));
      } else if (file.size === 0) {
        fail(card, words.empty);
      } else {
        status(card, "queued", fill(words.uploading, {percent: 0}));
        queue.push(card);
      }
    }
    pump();
  }

  // One file at a time: the server checks a few at once, and the bars stay readable.
  function pump() {
    if (busy || queue.length === 0) return;
    busy = true;
    check(queue.shift(), null, () => { busy = false; pump(); });
  }

  function check(card, period, done) {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "check?lang=" + encodeURIComponent(lang));
    xhr.responseType = "json";
    card.progress.hidden = false;
    card.progress.value = 0;
    status(card, "uploading", fill(words.uploading, {percent: 0}));
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((100 * e.loaded) / e.total);
      card.progress.value = percent;
      status(card, "uploading", fill(words.uploading, {percent}));
    };
    xhr.upload.onload = () => {
      card.progress.removeAttribute("value"); // indeterminate while the server checks
      status(card, "checking", words.checking);
    };
    xhr.onload = () => {
      const reply = xhr.response || {};
      if (xhr.status === 200) {
        if (period) card.period = period;
        show(card, reply);
      } else {
        fail(card, reply.error || words.network);
      }
      done();
    };
    xhr.onerror = () => { fail(card, words.network); done(); };
    xhr.send(form(card, period));
  }

  function show(card, reply) {
    card.data = reply;
    card.progress.hidden = true;
    card.body.innerHTML = reply.html; // rendered and escaped by the server's templates
    card.el.dataset.findings = String(reply.findings.length);
    status(card, "done", words.done);
    const root = card.body;
    for (const box of root.querySelectorAll(".filters input")) {
      box.addEventListener("change", () => filter(card));
    }
    for (const el of root.querySelectorAll("mark.hl, .missing, .list li")) {
      const open = (e) => { e.stopPropagation(); explain(card, el); };
      el.addEventListener("click", open);
      el.addEventListener("keydown", (e) => { if (e.key === "Enter") open(e); });
    }
    for (const button of root.querySelectorAll("button[data-download]")) {
      button.addEventListener("click", () => download(card, button));
    }
    const fix = root.querySelector("form.period-fix");
    if (fix) {
      fix.addEventListener("submit", (e) => {
        e.preventDefault();
        const chosen = fix.elements.period.value.trim();
        if (chosen) check(card, chosen, () => {});
      });
    }
    filter(card);
  }

  const indexes = (el) => el.dataset.f.split(" ").map(Number);

  function filter(card) {
    const root = card.body;
    const on = new Set(Array.from(root.querySelectorAll(".filters input:checked"), (b) => b.value));
    const findings = card.data.findings;
    const shown = (i) => on.has(findings[i].severity) && on.has(findings[i].rule);
    for (const mark of root.querySelectorAll("mark.hl")) {
      const visible = indexes(mark).filter(shown);
      mark.classList.toggle("off", visible.length === 0);
      const worst = visible.map((i) => findings[i].severity)
        .sort((a, b) => RANK[b] - RANK[a])[0];
      for (const s of Object.keys(RANK)) mark.classList.toggle(s, s === worst);
    }
    for (const el of root.querySelectorAll(".missing, .list li")) {
      el.classList.toggle("off", !shown(indexes(el)[0]));
    }
    const count = findings.filter((_, i) => shown(i)).length;
    card.el.dataset.visible = String(count);
    const label = root.querySelector(".visible");
    if (label) label.textContent = fill(label.dataset.label, {visible: count, total: findings.length});
  }

  function where(f) {
    const template = /\.(docx|doc|wps)$/i.test(f.path) ? words.paragraph : words.line;
    const at = fill(template, {line: f.line, column: f.column});
    return f.section ? at + " · " + f.section : at;
  }

  function explain(card, el) {
    if (el.classList.contains("off")) return;
    const findings = card.data.findings;
    const on = new Set(Array.from(card.body.querySelectorAll(".filters input:checked"), (b) => b.value));
    const chosen = indexes(el).filter((i) => on.has(findings[i].severity) && on.has(findings[i].rule));
    if (chosen.length === 0) return;
    for (const m of document.querySelectorAll(".current")) m.classList.remove("current");
    const target = el.tagName === "LI"
      ? card.body.querySelector(`mark.hl[data-f~="${chosen[0]}"], .missing[data-f="${chosen[0]}"]`)
      : el;
    if (target) {
      target.classList.add("current");
      if (el.tagName === "LI") target.scrollIntoView({block: "center"});
    }
    const list = document.getElementById("d-findings");
    list.replaceChildren(...chosen.map((i) => {
      const f = findings[i];
      const title = card.data.titles[f.rule] || "";
      const parts = [
        element("h3", {}, element("code", {textContent: f.rule}), " " + title),
        element("p", {}, element("span", {className: "sev " + f.severity, textContent: words[f.severity]}),
          " " + f.name),
        element("p", {className: "message", textContent: f.message}),
      ];
      if (f.text) parts.push(element("p", {className: "excerpt", textContent: "「" + f.text + "」"}));
      if (f.suggestion) {
        parts.push(element("p", {className: "suggestion"}, words.suggestion + "：",
          element("b", {textContent: f.suggestion})));
      }
      parts.push(element("p", {className: "where", textContent: where(f)}));
      return element("section", {className: "finding"}, ...parts);
    }));
    detail.hidden = false;
    detail.dataset.rule = findings[chosen[0]].rule;
    rule(findings[chosen[0]].rule);
  }

  async function rule(code) {
    const box = document.getElementById("d-explanation");
    box.dataset.rule = "";
    if (!explanations.has(code)) {
      const reply = await fetch(`api/rules/${encodeURIComponent(code)}?lang=${lang}`);
      explanations.set(code, reply.ok ? (await reply.json()).html : "");
    }
    if (detail.dataset.rule !== code) return; // another finding was opened meanwhile
    box.innerHTML = explanations.get(code); // Markdown rendered by the server, raw HTML off
    box.dataset.rule = code;
  }

  function filename(reply, fallback) {
    const header = reply.headers.get("content-disposition") || "";
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
    return encoded ? decodeURIComponent(encoded[1]) : fallback;
  }

  async function download(card, button) {
    button.disabled = true;
    button.classList.add("working");
    try {
      const url = `download/${button.dataset.download}?lang=${lang}`;
      const reply = await fetch(url, {method: "POST", body: form(card, null)});
      if (!reply.ok) {
        const problem = await reply.json().catch(() => ({}));
        throw new Error(problem.error || words.network);
      }
      const blob = await reply.blob();
      const link = element("a", {href: URL.createObjectURL(blob), download: filename(reply, "report")});
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      button.dataset.done = "1";
    } catch (err) {
      card.body.prepend(element("p", {className: "problem", textContent: err.message}));
    } finally {
      button.disabled = false;
      button.classList.remove("working");
    }
  }

  input.addEventListener("change", () => { addFiles(Array.from(input.files)); input.value = ""; });
  for (const name of ["dragenter", "dragover"]) {
    document.addEventListener(name, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  document.addEventListener("dragleave", (e) => {
    if (!e.relatedTarget) drop.classList.remove("over");
  });
  // A file dropped anywhere on the page is checked, never opened by the browser.
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length) addFiles(Array.from(e.dataTransfer.files));
  });
  drop.addEventListener("keydown", (e) => { if (e.key === "Enter") input.click(); });
  document.getElementById("d-close").addEventListener("click", () => { detail.hidden = true; });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") detail.hidden = true; });
  document.body.dataset.ready = "1";
})();
