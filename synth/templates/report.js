// synth report: charts, segments, search and the source viewer, from the JSON data block.
// Every text from the data goes into the page with textContent, never as markup.
const data = JSON.parse(document.getElementById("synth-data").textContent);
const { vegaEmbed } = window.synthCharts;

// question: the persona question it was placed in; prompt: the question it answered (the
// interviewer's, or the survey's column), an index into data.prompts or -1
const FIELD = { id: 0, person: 1, source: 2, location: 3, text: 4, question: 5, topic: 6,
                prompt: 7 };
const statements = data.statements;
const byUnit = new Map(statements.map((s, i) => [s[FIELD.id], i]));
const questionTitle = new Map(data.questions.map((q) => [q.id, q.title]));
const themeOf = (s) => (s[FIELD.topic] ? data.topics[s[FIELD.topic]].theme : "");

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const pct = (x) => `${Math.round(100 * x)}%`;
// "1 person", "2 people", "1 statement", "0 statements"
const counted = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// -- charts ------------------------------------------------------------------------------

// ast: Vega interprets its expressions instead of compiling them with Function(), so the
// page's Content-Security-Policy can forbid eval.
const EMBED = {
  renderer: "svg", actions: false, mode: "vega-lite", ast: true,
  config: { font: "system-ui, sans-serif",
            axis: { labelFontSize: 13, titleFontSize: 13, labelColor: "#1b1f24" },
            legend: { labelFontSize: 13, titleFontSize: 13 } },
};
// The chart fills its container, labels included, down to a 360 px phone: the labels take at
// most 40% of it and the plot the rest. (Vega-Lite's "container" width and "fit" autosize
// warn with a discrete axis, so the plot's width is worked out here.)
const boxOf = (node) => Math.min(1300, node.clientWidth || 900);
const labelRoom = (node) => Math.round(Math.max(110, Math.min(360, 0.4 * boxOf(node))));
const widthOf = (node) => Math.max(120, boxOf(node) - labelRoom(node) - 40);

// Axis ticks that read real values and never repeat: steps of 1, 2 or 5 times a power of ten,
// never finer than one unit of the label (1% for shares, 1 for counts), five steps at most.
function ticks(max, unit) {
  const top = Math.max(max, unit);
  let step = unit;
  for (let power = unit; top / step > 5; ) {
    for (const times of [1, 2, 5, 10]) {
      step = times * power;
      if (top / step <= 5) break;
    }
    power *= 10;
  }
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  const values = Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(6)));
  return { values, domain: [0, values[values.length - 1]] };
}

function shareAxis(max, title) {
  const { values, domain } = ticks(max, 0.01);
  return { field: "share", type: "quantitative", title, scale: { domain, nice: false },
           axis: { format: ".0%", values } };
}

function shareBars(rows, description, title, node) {
  return {
    description, data: { values: safeRows(rows) },
    mark: { type: "bar", tooltip: true, color: "#0b5cad" },
    encoding: {
      y: { field: "label", type: "nominal", sort: "-x", title: null,
           axis: { labelLimit: labelRoom(node) } },
      x: shareAxis(Math.max(0, ...rows.map((r) => r.share)), title),
      tooltip: [{ field: "label", title: "theme" }, { field: "people" },
                { field: "share", format: ".0%" }],
    },
  };
}

// Vega keeps nominal values as keys of plain objects, so a theme named "__proto__" (or
// "constructor") would break its chart: such a value gets an invisible zero-width space.
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const safeValue = (v) => (typeof v === "string" && PROTOTYPE_KEYS.has(v) ? `${v}\u200b` : v);
const safeRows = (rows) => rows.map(
  (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeValue(v)])));

const short = (text) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

// Lift ticks on the log scale: powers of two around 1 (1/16 to 64), read as "1/4", "1", "2";
// an interval reaching further is cut at the edge.
function liftTicks(rows) {
  const low = Math.min(1, ...rows.map((r) => r.low));
  const high = Math.max(1, ...rows.map((r) => r.high));
  const values = [];
  for (let power = -4; power <= 6; power++) {
    const value = 2 ** power;
    if (value >= low / 2 && value <= high * 2) values.push(value);
  }
  return { values, domain: [values[0], values[values.length - 1]] };
}

const LIFT_LABEL = "datum.value < 1 ? '1/' + round(1 / datum.value) : format(datum.value, '~g')";

function liftDots(rows, node) {
  const answer = { field: "answer", type: "nominal", sort: null, title: null,
                   axis: { labelLimit: labelRoom(node) } };
  const { values, domain } = liftTicks(rows);
  const scale = { type: "log", domain, nice: false, clamp: true };
  const fit = { field: "fit", type: "nominal", title: null, legend: { orient: "bottom" },
                scale: { domain: ["best fit", "poor fit"], range: ["#0b7a3b", "#b3261e"] } };
  return {
    description: "Lift of each answer with its 95% interval",
    data: { values: safeRows(rows.map((r) => ({ ...r,
                                                 answer: `${r.value} · ${short(r.attribute)}` }))) },
    layer: [
      { mark: { type: "rule", strokeWidth: 2 },
        encoding: { y: answer, color: fit,
                    x: { field: "low", type: "quantitative", scale,
                         axis: { values, labelExpr: LIFT_LABEL },
                         title: "lift (log scale; 1 = no difference)" },
                    x2: { field: "high" } } },
      { mark: { type: "point", filled: true, size: 90, opacity: 1 },
        encoding: { y: answer, color: fit, x: { field: "lift", type: "quantitative", scale },
                    tooltip: [{ field: "answer" }, { field: "fit" },
                              { field: "lift", format: ".2f" }, { field: "low", format: ".2f" },
                              { field: "high", format: ".2f" }] } },
      { data: { values: [{ one: 1 }] }, mark: { type: "rule", strokeDash: [4, 4] },
        encoding: { x: { field: "one", type: "quantitative", scale } } },
    ],
  };
}

function countBars(rows, node) {
  const { values, domain } = ticks(Math.max(0, ...rows.map((r) => r.statements)), 1);
  return {
    description: "Statements placed in each question", data: { values: safeRows(rows) },
    mark: { type: "bar", tooltip: true, color: "#0b5cad" },
    encoding: {
      y: { field: "label", type: "nominal", sort: null, title: null,
           axis: { labelLimit: labelRoom(node) } },
      x: { field: "statements", type: "quantitative", title: "statements",
           scale: { domain, nice: false }, axis: { values, format: "d" } },
    },
  };
}

function specFor(name, node) {
  const rows = data.charts[name];
  if (!rows) return null;
  if (name === "icp") return liftDots(rows, node);
  if (name === "questions") return countBars(rows, node);
  const title = name.startsWith("reach-") ? "share of members naming it"
    : "share of participants";   // themes-, subthemes-
  return shareBars(rows, `Bar chart of ${rows.length} items by share`, title, node);
}

async function draw(node, name) {
  const spec = specFor(name, node);
  if (spec) await vegaEmbed(node, { ...spec, width: widthOf(node) }, EMBED);
}

async function drawCharts() {
  for (const node of document.querySelectorAll("[data-chart]")) {
    await draw(node, node.dataset.chart);
  }
  // sub-theme charts are drawn when their list is first opened
  for (const details of document.querySelectorAll("details.subthemes")) {
    details.addEventListener("toggle", () => {
      const node = details.querySelector("[data-lazy-chart]");
      if (details.open && node && !node.dataset.drawn) {
        node.dataset.drawn = "true";
        draw(node, node.dataset.lazyChart);
      }
    });
  }
}

// -- quotes and the source viewer ---------------------------------------------------------

function citation(index) {
  const s = statements[index];
  const person = data.people[s[FIELD.person]];
  const source = data.sources[s[FIELD.source]];
  return el("a", { class: "cite", href: `#unit-${s[FIELD.id]}`, "data-unit": s[FIELD.id] },
            `${person ? person.id : "?"} · ${source.name} · ${s[FIELD.location]}`);
}

function quoteBlock(index) {
  return el("blockquote", { class: "quote" }, el("p", {}, statements[index][FIELD.text]),
            el("footer", {}, citation(index)));
}

function topicLabel(s) {
  const topic = s[FIELD.topic];
  return topic ? data.topics[topic].label : "no theme";
}

// The hash as text; a malformed escape ("#unit-%E0%A4%A") is no unit, not an error.
function decodedHash() {
  try {
    return decodeURIComponent(location.hash);
  } catch {
    return "";
  }
}

function showSource() {
  const section = document.getElementById("source");
  const match = /^#unit-(.+)$/.exec(decodedHash());
  if (!match || !byUnit.has(match[1])) { section.hidden = true; return; }
  const index = byUnit.get(match[1]);
  const s = statements[index];
  const source = data.sources[s[FIELD.source]];
  const person = data.people[s[FIELD.person]];
  const where = document.getElementById("source-where");
  where.replaceChildren(
    el("strong", { class: "source-name" }, source.name), ` (${source.kind}, ${source.format})`,
    " · ", el("span", { class: "source-location" }, s[FIELD.location]),
    ` · ${person ? person.id : "?"} · ${questionTitle.get(s[FIELD.question]) || s[FIELD.question]}`,
    ` · ${topicLabel(s)}`);
  const around = [];
  for (let i = Math.max(0, index - 40); i < Math.min(statements.length, index + 41); i++) {
    const other = statements[i];
    if (other[FIELD.source] !== s[FIELD.source]) continue;
    const near = source.kind === "survey" ? other[FIELD.person] === s[FIELD.person]
      : Math.abs(i - index) <= 5;
    if (near) around.push(i);
  }
  // each statement under the question it answered, said once for the statements after it
  // (a survey's location names its column already)
  const items = [];
  let asked = -1;
  for (const i of around) {
    const prompt = source.kind === "survey" ? -1 : statements[i][FIELD.prompt];
    if (prompt >= 0 && prompt !== asked) {
      items.push(el("li", { class: "asked" }, el("span", { class: "meta" }, "Asked: "),
                    data.prompts[prompt]));
    }
    asked = prompt;
    items.push(el("li", i === index ? { class: "here", "aria-current": "true" } : {},
                  el("span", { class: "meta" }, `${statements[i][FIELD.location]} · `
                     + `${(data.people[statements[i][FIELD.person]] || { id: "?" }).id}: `),
                  statements[i][FIELD.text]));
  }
  document.getElementById("source-context").replaceChildren(...items);
  section.hidden = false;
  const heading = document.getElementById("source-h");
  heading.tabIndex = -1;
  heading.focus();
  section.scrollIntoView();
}

document.getElementById("source-back").addEventListener("click", (event) => {
  if (history.length > 1) { event.preventDefault(); history.back(); }
});

// -- segments -----------------------------------------------------------------------------

const voices = new Map();   // theme id -> Set of person indexes who voice it
for (const s of statements) {
  const theme = themeOf(s);
  if (!theme || s[FIELD.person] < 0) continue;
  if (!voices.has(theme)) voices.set(theme, new Set());
  voices.get(theme).add(s[FIELD.person]);
}

function dimensions() {
  const found = [];
  if (data.personas.length) {
    found.push({ name: "Persona", values: data.personas.map((p) => p.name),
                 of: (i) => data.personas.findIndex((p) => p.id === data.people[i].persona) });
  }
  for (const segment of data.segments) {
    found.push({ name: segment.column, values: segment.values,
                 of: (i) => segment.answers[i] });
  }
  return found;
}

const compareBy = dimensions();

// Segments count the people who said something: a survey session left without a free-text
// answer would only dilute every share.
const speakers = [...new Set(statements.map((s) => s[FIELD.person]))]
  .filter((i) => i >= 0).sort((a, b) => a - b);

function groups(dimension, everyone = speakers) {
  const members = dimension.values.map(() => []);
  for (const i of everyone) {
    const value = dimension.of(i);
    if (value >= 0) members[value].push(i);
  }
  return members;
}

function count(theme, members) {
  const who = voices.get(theme) || new Set();
  let n = 0;
  for (const i of members) if (who.has(i)) n++;
  return n;
}

function fillValues() {
  const dimension = compareBy[Number(document.getElementById("segment-by").value)];
  const members = groups(dimension);
  const select = document.getElementById("segment-value");
  select.replaceChildren(...dimension.values.map((value, i) =>
    el("option", { value: String(i) }, `${value} (${members[i].length})`)));
  select.value = String(members.findIndex((group) => group.length > 0));
}

function showSegment() {
  const dimension = compareBy[Number(document.getElementById("segment-by").value)];
  const chosen = Number(document.getElementById("segment-value").value);
  const members = groups(dimension);
  const inside = members[chosen];
  const insideSet = new Set(inside);
  const rest = speakers.filter((i) => !insideSet.has(i));
  const silent = groups(dimension, data.people.map((_, i) => i))[chosen].length - inside.length;
  const compared = data.comparisons[Number(document.getElementById("segment-by").value)][chosen];
  const summary = document.getElementById("segment-summary");
  summary.dataset.size = String(inside.length);
  summary.replaceChildren(el("strong", {}, `${dimension.name}: ${dimension.values[chosen]}`),
    ` · ${counted(inside.length, "person", "people")} who said anything; everyone else: `
    + `${counted(rest.length, "person", "people")} who said anything. Shares are of these`
    + " people (each person counts once, however much they wrote)."
    + (silent ? ` ${silent} more gave this answer but no statement; they are not counted.`
      : "")
    + (compared.too_small ? ` The comparison is ${compared.too_small}.`
      : " Themes are sorted by the difference in share; each has a 95% interval and Fisher's"
        + ` exact p, corrected (Holm) for the ${counted(compared.compared, "theme")} compared.`));

  const table = document.getElementById("segment-table");
  const head = el("tr", {}, el("th", { scope: "col" }, "theme"),
    ...dimension.values.map((value, i) => el("th", {
      scope: "col", class: i === chosen ? "chosen" : "" }, `${value} (n=${members[i].length})`)),
    el("th", { scope: "col" }, `everyone (n=${speakers.length})`));
  const bodies = [];
  for (const question of data.questions) {
    if (!question.themes.length) continue;
    const body = el("tbody", {}, el("tr", { class: "group" },
      el("th", { scope: "rowgroup", colspan: String(dimension.values.length + 2) },
         question.title)));
    for (const theme of question.themes) {
      const cells = members.map((group, i) => {
        const n = count(theme, group);
        const share = group.length ? n / group.length : 0;
        return el("td", { "data-theme": theme, "data-segment": String(i), "data-count": String(n),
                          class: i === chosen ? "chosen" : "" },
                  `${n} (${pct(share)})`);
      });
      const all = count(theme, speakers);
      body.append(el("tr", {}, el("th", { scope: "row" }, data.topics[theme].label), ...cells,
        el("td", { "data-theme": theme, "data-count": String(all) },
           `${all} (${pct(all / Math.max(speakers.length, 1))})`)));
    }
    bodies.push(body);
  }
  table.replaceChildren(el("caption", {}, `People voicing each theme, by ${dimension.name}`
                                     + " (of those with at least one statement)"),
                        el("thead", {}, head), ...bodies);

  const points = (x) => `${x >= 0 ? "+" : ""}${Math.round(100 * x)}`;
  const top = compared.themes.map((t) => ({
    theme: t.theme, question: "", here: t.share, there: t.rest_share,
    label: `${data.topics[t.theme].label}: ${points(t.difference)} points `
      + `[${points(t.low)}, ${points(t.high)}]`
      + (compared.too_small ? "" : `, p ${t.p_adjusted}${t.significant ? " *" : ""}`) }));
  const seen = new Map();
  for (const bar of top) seen.set(bar.label, (seen.get(bar.label) || 0) + 1);
  for (const bar of top) {   // one label twice: say which theme
    if (seen.get(bar.label) > 1) bar.label += ` (${bar.theme})`;
  }
  const values = top.flatMap((b) => [
    { label: b.label, group: "this segment", share: b.here },
    { label: b.label, group: "everyone else", share: b.there }]);
  const chart = document.getElementById("segment-chart");
  vegaEmbed(chart, {
    description: "Theme shares in the segment and in everyone else",
    width: widthOf(chart),
    data: { values: safeRows(values) },
    mark: { type: "bar", tooltip: true },
    encoding: {
      y: { field: "label", type: "nominal", sort: null, title: null,
           axis: { labelLimit: labelRoom(chart) } },
      yOffset: { field: "group", sort: ["this segment", "everyone else"] },
      x: shareAxis(Math.max(0, ...values.map((v) => v.share)),
                   "share of people voicing the theme (* significant after correction)"),
      color: { field: "group", type: "nominal", sort: ["this segment", "everyone else"],
               legend: { orient: "top" },
               scale: { range: ["#0b5cad", "#9aa5b1"] }, title: null },
    },
  }, EMBED);

  const quotes = [];
  for (const bar of top.filter((b) => b.here > b.there).slice(0, 4)) {
    const index = statements.findIndex((s) => themeOf(s) === bar.theme
                                          && insideSet.has(s[FIELD.person]));
    if (index >= 0) quotes.push(el("h4", {}, bar.label), quoteBlock(index));
  }
  document.getElementById("segment-quotes").replaceChildren(
    ...(quotes.length ? quotes : [el("p", {}, "No theme is voiced more here than elsewhere.")]));
}

function setUpSegments() {
  const by = document.getElementById("segment-by");
  if (!compareBy.length) {
    document.getElementById("segment-summary").textContent =
      "No personas or survey answers to compare by.";
    by.disabled = true;
    document.getElementById("segment-value").disabled = true;
    return;
  }
  by.replaceChildren(...compareBy.map((d, i) => el("option", { value: String(i) }, d.name)));
  // one persona compares with nobody: start from the first survey answer then
  if (data.personas.length === 1 && compareBy.length > 1) by.value = "1";
  fillValues();
  by.addEventListener("change", () => { fillValues(); showSegment(); });
  document.getElementById("segment-value").addEventListener("change", showSegment);
  showSegment();
}

// -- search -------------------------------------------------------------------------------

const lowered = statements.map((s) => s[FIELD.text].toLowerCase());

function highlighted(text, terms) {
  const parts = [];
  const lower = text.toLowerCase();
  let at = 0;
  while (at < text.length) {
    let next = -1;
    let length = 0;
    for (const term of terms) {
      const found = lower.indexOf(term, at);
      if (found >= 0 && (next < 0 || found < next)) { next = found; length = term.length; }
    }
    if (next < 0) break;
    if (next > at) parts.push(text.slice(at, next));
    parts.push(el("mark", {}, text.slice(next, next + length)));
    at = next + length;
  }
  parts.push(text.slice(at));
  return parts;
}

const LIMIT = 100;

function search() {
  const query = document.getElementById("search-box").value.trim().toLowerCase();
  const terms = query.split(/\s+/).filter(Boolean);
  const results = document.getElementById("search-results");
  const counter = document.getElementById("search-count");
  if (!terms.length) { results.replaceChildren(); counter.textContent = ""; return; }
  const hits = [];
  lowered.forEach((text, i) => { if (terms.every((t) => text.includes(t))) hits.push(i); });
  counter.textContent = `${hits.length} statement${hits.length === 1 ? "" : "s"} match`
    + (hits.length > LIMIT ? `; the first ${LIMIT} are shown.` : ".");
  results.replaceChildren(...hits.slice(0, LIMIT).map((i) => {
    const s = statements[i];
    return el("li", {}, el("p", {}, ...highlighted(s[FIELD.text], terms)),
      el("p", { class: "meta" }, `${topicLabel(s)} · `
         + `${questionTitle.get(s[FIELD.question]) || s[FIELD.question]} · `, citation(i)));
  }));
}

let pending = 0;
document.getElementById("search-box").addEventListener("input", () => {
  clearTimeout(pending);
  pending = setTimeout(search, 120);
});

// -- uncoded statements ---------------------------------------------------------------------

// A question's statements no theme holds, listed when its "uncoded" box is opened.
function listUncoded(details) {
  const list = details.querySelector("ol");
  if (list.childElementCount) return;
  const question = details.dataset.question;
  const items = [];
  statements.forEach((s, i) => {
    if (s[FIELD.question] === question && !s[FIELD.topic]) {
      items.push(el("li", {}, el("p", {}, s[FIELD.text]), el("p", { class: "meta" },
                                                             citation(i))));
    }
  });
  list.replaceChildren(...items);
}

for (const details of document.querySelectorAll("details.uncoded")) {
  details.addEventListener("toggle", () => { if (details.open) listUncoded(details); });
}

// -- start ----------------------------------------------------------------------------------

window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details")) {
    details.open = true;
    if (details.classList.contains("uncoded")) listUncoded(details);
  }
});
window.addEventListener("hashchange", showSource);
setUpSegments();
showSource();
drawCharts().then(() => { document.body.dataset.ready = "true"; });
