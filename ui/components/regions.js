// The decision-regions plane: trains the page's network in the browser (regions_net.js, prepended to this
// file) and redraws the regions on a canvas every animation frame, with Play/Pause/Step/Reset, the score, the
// curves and a text alternative. Python sends the data, settings and weights once per change (``token`` says
// when its weights are new); this component reports the epoch and weights back (trigger "report") on Pause,
// Step, a click, a cap, a hidden tab and every ``report_s`` seconds of Play. All text is set with textContent.

const STATE = new WeakMap();         // per mounted element: the running network and what it draws
const CURVE_POINTS = 400;            // the curves keep at most this many epochs, thinned evenly

function rgb(hex) {
  return [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
}

function blend(colour, amount) {  // colour mixed with white (core/figures/regions.py's _blend)
  return rgb(colour).map((c) => Math.round(255 - amount * (255 - c)));
}

// Pale and strong ends of each band of the plane's colour scale (core/figures/regions.py region_colorscale).
function bands(palette, classes, grey) {
  const colours = palette.slice(0, classes).concat([grey]);
  return colours.map((c) => [blend(c, 0.12), blend(c, 0.6)]);
}

function text(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : `{${k}}`));
}

function percent(v) {
  return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

function el(tag, cls, parent) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (parent) parent.append(e);
  return e;
}

// ----------------------------------------------------------------------------------------- the page

function build(root, st) {
  const bar = st.bar = el("div", "rg-bar", root);
  st.play = el("button", "rg-btn rg-primary", bar);
  st.step = el("button", "rg-btn", bar);
  st.reset = el("button", "rg-btn", bar);
  for (const b of [st.play, st.step, st.reset]) b.type = "button";
  st.score = el("div", "rg-score", bar);
  st.note = el("p", "rg-note", root);
  st.wrap = el("div", "rg-wrap", root);
  st.canvas = el("canvas", "rg-plane", st.wrap);
  st.canvas.setAttribute("role", "img");
  st.tip = el("div", "rg-tip", st.wrap);
  st.hint = el("p", "rg-hint", root);
  st.legend = el("div", "rg-legend", root);
  st.curves = el("canvas", "rg-curves", root);
  st.curves.setAttribute("role", "img");
  st.curveKey = el("p", "rg-hint rg-key", root);
  st.alt = el("p", "rg-alt", root);
  st.alt.setAttribute("aria-live", "polite");
}

function setup(root, st, data, setTriggerValue) {
  const fresh = st.token !== data.token;
  st.data = data;
  st.send = setTriggerValue;
  st.T = data.text;
  st.added = {x: data.added.x.slice(), y: data.added.y.slice()};
  st.room = data.room;
  trainingSet(st);
  st.xt = Float64Array.from(data.test.x);
  st.yt = Int32Array.from(data.test.y);
  st.groups = [[data.train, "train"], [data.test, "test"], [st.added, "added"]].map(([g, kind]) => ({
    kind, x: Float64Array.from(g.x), y: g.y, p: new Float64Array(g.y.length * data.classes)}));
  st.colours = bands(data.palette, data.classes, data.ambiguous_colour);
  const spec = {...data.spec, ...data.weights};
  if (fresh || !st.net) {
    st.net = netCreate(spec);
    st.token = data.token;
    st.epoch = data.epoch;
    st.curve = curveOf(data.curves);
    st.diverged = data.diverged;
    if (data.resume && resume(st)) report(st, "resume");
  } else {  // the same weights: the rate, batch size and penalty apply to the running network
    st.net.lr = data.spec.lr;
    st.net.batch = data.spec.batch;
    st.net.l2 = data.spec.l2;
    st.diverged = data.diverged;
  }
  if (st.diverged) st.playing = false;
  st.random = st.random || netRandom(data.spec.seed * 7919 + 1);
  st.play.onclick = () => toggle(st);
  st.step.onclick = () => stepOnce(st);
  st.reset.onclick = () => { st.playing = false; report(st, "reset"); };
  st.play.setAttribute("aria-keyshortcuts", "Space");
  st.step.setAttribute("aria-keyshortcuts", "ArrowRight");
  st.step.textContent = st.T.step;
  st.reset.textContent = st.T.reset;
  st.hint.textContent = window.matchMedia("(hover: none)").matches ? st.T.hint_touch : st.T.hint_mouse;
  st.curveKey.textContent = st.T.curve_key;
  st.curves.setAttribute("aria-label", st.T.curves);
  root.style.setProperty("--rg-scale", String(data.scale));
  st.margin = {l: 34 + 12 * data.scale, r: 8, t: 8, b: 22 + 16 * data.scale};
  legend(st);
  st.layer = null;
  st.needLayout = true;
  st.dirty = true;
}

// ------------------------------------------------------------------------------------------ training

function stopped(st) {  // a diverged run, or one at the cap, trains no more until Reset
  return !!st.diverged || st.epoch >= st.data.cap;
}

function toggle(st) {
  if (stopped(st) && !st.playing) return;
  st.playing = !st.playing;
  st.hiddenPause = false;
  if (st.playing) st.lastReport = performance.now();
  else report(st, "pause");
  st.dirty = true;
}

function stepOnce(st) {
  if (stopped(st)) return;
  st.playing = false;
  train(st);
  report(st, "step");
}

// One epoch; a diverging one stops Play (the last good weights kept when they stopped being finite).
function train(st) {
  const net = st.net;
  const saved = [net.w1 && net.w1.slice(), net.b1 && net.b1.slice(), net.w2.slice(), net.b2.slice()];
  const order = netPermutation(st.random, st.y.length);
  const logs = netEpoch(net, st.x, st.y, st.y.length, order);
  if (st.yt.length) {
    const v = netEvaluate(net, st.xt, st.yt, st.yt.length);
    logs.val_loss = v.loss;
    logs.val_accuracy = v.accuracy;
  }
  const finite = netFinite(net) && Object.values(logs).every(Number.isFinite);
  if (!finite) {
    [net.w1, net.b1, net.w2, net.b2] = saved;
    st.diverged = [st.epoch + 1, null];
  } else {
    st.epoch += 1;
    record(st.curve, st.epoch, logs);
    if (logs.loss > 2 * Math.log(net.classes) + 2) st.diverged = [st.epoch, logs.loss];
  }
  if (st.diverged) {
    st.playing = false;
    report(st, "diverged");
  }
  st.dirty = true;
}

// Keep epoch e when it is a multiple of the curve's stride; past CURVE_POINTS, every other one goes and the
// stride doubles, so an hour of Play keeps the whole run's shape in a bounded history.
function record(curve, epoch, logs) {
  curve.last = {epoch, ...logs};
  if (epoch % curve.stride) return;
  curve.epoch.push(epoch);
  for (const k of ["loss", "accuracy", "val_loss", "val_accuracy"]) if (k in logs) (curve[k] ||= []).push(logs[k]);
  if (curve.epoch.length > CURVE_POINTS) {
    curve.stride *= 2;
    const keep = curve.epoch.map((e) => e % curve.stride === 0);
    for (const k of ["epoch", "loss", "accuracy", "val_loss", "val_accuracy"]) {
      if (curve[k]) curve[k] = curve[k].filter((_, i) => keep[i]);
    }
  }
}

function curveOf(h) {  // a history as Python keeps it (see history()) as the running curve
  const curve = {stride: h.stride || 1, epoch: h.epoch.slice(), last: null};
  for (const k of ["loss", "accuracy", "val_loss", "val_accuracy"]) if (h[k]) curve[k] = h[k].slice();
  const n = curve.epoch.length;
  if (n) {
    curve.last = {epoch: curve.epoch[n - 1]};
    for (const k of ["loss", "accuracy", "val_loss", "val_accuracy"]) if (curve[k]) curve.last[k] = curve[k][n - 1];
    if (curve.last.epoch % curve.stride) {  // the last epoch was kept only as the last: not part of the stride
      for (const k of ["epoch", "loss", "accuracy", "val_loss", "val_accuracy"]) if (curve[k]) curve[k].pop();
    }
  }
  return curve;
}

function trainingSet(st) {  // the training points, then the added ones
  st.x = Float64Array.from(st.data.train.x.concat(st.added.x));
  st.y = Int32Array.from(st.data.train.y.concat(st.added.y));
}

function history(curve) {  // what Python keeps: the thinned epochs and their numbers, the last epoch included
  const out = {stride: curve.stride, epoch: curve.epoch.slice()};
  for (const k of ["loss", "accuracy", "val_loss", "val_accuracy"]) if (curve[k]) out[k] = curve[k].slice();
  const last = curve.last;
  if (last && out.epoch[out.epoch.length - 1] !== last.epoch) {
    out.epoch.push(last.epoch);
    for (const k of ["loss", "accuracy", "val_loss", "val_accuracy"]) if (out[k] && k in last) out[k].push(last[k]);
  }
  return out;
}

function report(st, why, extra = {}) {
  const state = {token: st.token, epoch: st.epoch, weights: netWeights(st.net), curves: history(st.curve),
                 playing: !!st.playing, why, diverged: st.diverged || null, ...extra};
  st.lastReport = performance.now();
  try {  // a reload of this tab resumes from the last reported weights (after Reset: from new ones)
    if (why === "reset") sessionStorage.removeItem("cp-regions");
    else sessionStorage.setItem("cp-regions", JSON.stringify({what: st.data.what, ...state}));
  } catch (e) { /* storage full or off: a reload starts afresh */ }
  st.send("report", state);
}

function resume(st) {
  let saved = null;
  try { saved = JSON.parse(sessionStorage.getItem("cp-regions")); } catch (e) { return false; }
  if (!saved || saved.what !== st.data.what || !(saved.epoch > 0) || saved.diverged) return false;
  const w = saved.weights, net = st.net;
  const fits = (a, b) => (a === null && b === null) || (a && b && a.length === b.length);
  if (!fits(w.w1, net.w1 && Array.from(net.w1)) || !fits(w.w2, Array.from(net.w2)) || !fits(w.b2, Array.from(net.b2))) return false;
  st.net = netCreate({...st.data.spec, ...w});
  st.epoch = saved.epoch;
  st.curve = curveOf(saved.curves);
  return true;
}

// ------------------------------------------------------------------------------------------- drawing

function setText(node, value) {  // a text changed only when it differs: no DOM work in a frame that keeps it
  if (node.textContent !== value) node.textContent = value;
}

// The canvases' sizes, worked out when the page or the data change (reading sizes forces a layout: not per frame).
function layout(st) {
  if (!st.needLayout) return;
  st.needLayout = false;
  const width = st.wrap.clientWidth || 320;
  // The plane, Play and the score fit one screen: the canvas is at most the window's height less the bar's.
  // (Streamlit's header takes about 60 px of the window.)
  const room = window.innerHeight - st.bar.offsetHeight - 120;
  const side = Math.max(240, Math.min(width, room));
  const ratio = window.devicePixelRatio || 1;
  if (st.side !== side || st.ratio !== ratio || st.laidScale !== st.data.scale) {
    st.laidScale = st.data.scale;
    st.side = side;
    st.ratio = ratio;
    st.canvas.style.width = st.canvas.style.height = `${side}px`;
    st.canvas.width = st.canvas.height = Math.round(side * ratio);
    const cw = st.wrap.clientWidth || side;
    st.curves.style.width = `${cw}px`;
    const tall = Math.round(190 * st.data.scale);
    st.curves.style.height = `${tall}px`;
    st.curves.width = Math.round(cw * ratio);
    st.curves.height = Math.round(tall * ratio);
    st.layer = null;
    st.dirty = true;
  }
}

function evaluate(st) {  // the grid's probabilities, classes and shades at the current weights
  const d = st.data, R = d.grid, C = d.classes, lo = d.lim[0], hi = d.lim[1];
  if (!st.gridX || st.gridX.length !== 2 * R * R || st.gridLim !== `${lo},${hi},${R}`) {
    st.gridX = new Float64Array(2 * R * R);
    st.axis = new Float64Array(R);
    for (let i = 0; i < R; i++) st.axis[i] = Math.fround(lo + (hi - lo) * i / (R - 1));  // float32 as np.linspace
    for (let i = 0; i < R; i++) for (let j = 0; j < R; j++) {
      st.gridX[2 * (i * R + j)] = st.axis[j];
      st.gridX[2 * (i * R + j) + 1] = st.axis[i];
    }
    st.gridP = new Float64Array(R * R * C);
    st.gridLim = `${lo},${hi},${R}`;
  }
  netPredict(st.net, st.gridX, R * R, st.gridP);
}

function drawPlane(st) {
  const d = st.data, R = d.grid, C = d.classes, P = st.gridP, ovr = d.spec.model === "ovr";
  const ctx = st.canvas.getContext("2d");
  const s = st.ratio, side = st.side;
  const m = st.margin;
  const plot = {x: m.l, y: m.t, w: side - m.l - m.r, h: side - m.t - m.b};
  st.plot = plot;
  ctx.setTransform(s, 0, 0, s, 0, 0);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, side, side);
  // The regions: one pixel per grid location (row i at x₂ = axis[i], drawn from the top down), scaled up.
  if (!st.image || st.image.width !== R) {
    st.image = new ImageData(R, R);
    st.small = document.createElement("canvas");
    st.small.width = st.small.height = R;
  }
  const px = st.image.data, areas = new Float64Array(C + 1);
  for (let i = 0; i < R; i++) for (let j = 0; j < R; j++) {
    const o = (i * R + j) * C;
    let best = 0, claims = 0;
    for (let c = 0; c < C; c++) { if (P[o + c] > P[o + best]) best = c; if (P[o + c] > 0.5) claims += 1; }
    // How far from pale to strong: 0 at equal shares (max p = 1/C), 1 at p = 1; an ambiguous cell sits where the
    // Plotly figure puts it, z = C + 0.5 in its grey band [C, C + 0.999].
    let band = best, f = Math.min(Math.max((P[o + best] - 1 / C) / (1 - 1 / C), 0), 1);
    if (ovr && claims !== 1) { band = C; f = 0.5 / 0.999; }
    areas[band] += 1;
    const [pale, strong] = st.colours[band], q = ((R - 1 - i) * R + j) * 4;
    for (let k = 0; k < 3; k++) px[q + k] = pale[k] + f * (strong[k] - pale[k]);
    px[q + 3] = 255;
  }
  st.areas = Array.from(areas, (a) => a / (R * R));
  st.small.getContext("2d").putImageData(st.image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  // Cell centres sit on the grid's locations: the image reaches half a cell past the first and last.
  const cell = plot.w / (R - 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y, plot.w, plot.h);
  ctx.clip();
  ctx.drawImage(st.small, plot.x - cell / 2, plot.y - cell / 2, plot.w + cell, plot.h + cell);
  if (!ovr) boundaries(st, ctx);
  lines(st, ctx);
  points(st, ctx);
  ctx.restore();
  axes(st, ctx);
}

function toPx(st, x1, x2) {
  const [lo, hi] = st.data.lim, p = st.plot;
  return [p.x + (x1 - lo) / (hi - lo) * p.w, p.y + (hi - x2) / (hi - lo) * p.h];
}

// Class boundaries: for each class k the zero line of p_k − max_{j≠k} p_j over the grid (marching squares,
// linearly interpolated), so bent boundaries are as smooth as the grid allows and straight ones straight.
function boundaries(st, ctx) {
  const d = st.data, R = d.grid, C = d.classes, P = st.gridP, X = st.axis;
  if (!st.field || st.field.length !== R * R) st.field = new Float64Array(R * R);  // reused: this runs every frame
  const f = st.field, cuts = [];
  // Where the field changes sign between two corners (x0, y0) and (x1, y1) of a cell: that point, in pixels.
  const edge = (v0, v1, x0, y0, x1, y1) => {
    if ((v0 > 0) !== (v1 > 0)) {
      const t = v0 / (v0 - v1);
      cuts.push(toPx(st, x0 + t * (x1 - x0), y0 + t * (y1 - y0)));
    }
  };
  ctx.strokeStyle = "#222";
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  for (let k = 0; k < C; k++) {
    for (let n = 0; n < R * R; n++) {
      let other = -Infinity;
      for (let c = 0; c < C; c++) if (c !== k && P[n * C + c] > other) other = P[n * C + c];
      f[n] = P[n * C + k] - other;
    }
    for (let i = 0; i < R - 1; i++) for (let j = 0; j < R - 1; j++) {
      const a = f[i * R + j], b = f[i * R + j + 1], c = f[(i + 1) * R + j + 1], e = f[(i + 1) * R + j];
      cuts.length = 0;
      edge(a, b, X[j], X[i], X[j + 1], X[i]);
      edge(b, c, X[j + 1], X[i], X[j + 1], X[i + 1]);
      edge(c, e, X[j + 1], X[i + 1], X[j], X[i + 1]);
      edge(e, a, X[j], X[i + 1], X[j], X[i]);
      for (let m = 0; m + 1 < cuts.length; m += 2) {
        ctx.moveTo(cuts[m][0], cuts[m][1]);
        ctx.lineTo(cuts[m + 1][0], cuts[m + 1][1]);
      }
    }
  }
  ctx.stroke();
}

// Each hidden unit's line w·x + b = 0, or each one-vs-rest sigmoid's p = 0.5 line, dotted, across the square.
function lines(st, ctx) {
  const d = st.data, net = st.net;
  let w, b, k;
  if (d.spec.model === "ovr") [w, b, k] = [net.w2, net.b2, net.classes];
  else if (net.units && d.lines && net.units <= d.max_lines) [w, b, k] = [net.w1, net.b1, net.units];
  else return;
  const [lo, hi] = d.lim;
  ctx.strokeStyle = "#555";
  ctx.lineWidth = 1.5;
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  for (let u = 0; u < k; u++) {
    const a1 = w[u], a2 = w[k + u], c = b[u];
    const ends = [];
    if (Math.abs(a2) > 1e-12) for (const x1 of [lo, hi]) ends.push([x1, -(a1 * x1 + c) / a2]);
    if (Math.abs(a1) > 1e-12) for (const x2 of [lo, hi]) ends.push([-(a2 * x2 + c) / a1, x2]);
    const inside = ends.filter(([p, q]) => p >= lo - 1e-9 && p <= hi + 1e-9 && q >= lo - 1e-9 && q <= hi + 1e-9);
    if (inside.length < 2) continue;
    inside.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const [x0, y0] = toPx(st, ...inside[0]), [x1, y1] = toPx(st, ...inside[inside.length - 1]);
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

// The points do not move: drawn once on a canvas of their own (per size and data), copied onto every frame.
function pointLayer(st) {
  if (st.layer) return st.layer;
  const d = st.data, layer = document.createElement("canvas"), s = st.ratio;
  layer.width = layer.height = Math.round(st.side * s);
  const ctx = layer.getContext("2d");
  ctx.setTransform(s, 0, 0, s, 0, 0);
  for (const g of st.groups) {
    for (let i = 0; i < g.y.length; i++) {
      const [px, py] = toPx(st, g.x[2 * i], g.x[2 * i + 1]), k = g.y[i];
      ctx.beginPath();
      if (g.kind === "added") {
        ctx.moveTo(px, py - 6); ctx.lineTo(px + 6, py); ctx.lineTo(px, py + 6); ctx.lineTo(px - 6, py); ctx.closePath();
      } else {
        ctx.arc(px, py, 4, 0, 2 * Math.PI);
      }
      if (g.kind === "test") {
        ctx.strokeStyle = d.palette[k]; ctx.lineWidth = 2; ctx.stroke();
      } else {
        ctx.fillStyle = d.palette[k]; ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 1; ctx.stroke();
      }
    }
  }
  st.layer = layer;
  return layer;
}

function points(st, ctx) {
  const C = st.data.classes, net = st.net;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(pointLayer(st), 0, 0);
  ctx.restore();
  if (st.epoch === 0) return;  // before any training every point would wear a ring
  const wrong = [];
  for (const g of st.groups) {
    netPredict(net, g.x, g.y.length, g.p);
    for (let i = 0; i < g.y.length; i++) {
      if (netArgmax(g.p, i * C, C) !== g.y[i]) wrong.push(toPx(st, g.x[2 * i], g.x[2 * i + 1]));
    }
  }
  ctx.strokeStyle = "#C00";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (const [px, py] of wrong) { ctx.moveTo(px + 7, py); ctx.arc(px, py, 7, 0, 2 * Math.PI); }
  ctx.stroke();
}

function axes(st, ctx) {
  const [lo, hi] = st.data.lim, p = st.plot;
  ctx.strokeStyle = "#999";
  ctx.lineWidth = 1;
  ctx.strokeRect(p.x, p.y, p.w, p.h);
  ctx.fillStyle = "#2a3f5f";
  const scale = st.data.scale;
  ctx.font = `${12 * scale}px sans-serif`;
  for (let v = Math.ceil(lo * 2) / 2; v <= hi + 1e-9; v += 0.5) {
    const [x, y] = toPx(st, v, v);
    const label = v.toFixed(1).replace("-", "−");
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.fillText(label, x, p.y + p.h + 4);
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    ctx.fillText(label, p.x - 4, y);
  }
  ctx.font = `${14 * scale}px sans-serif`;
  ctx.textAlign = "center"; ctx.textBaseline = "bottom";
  ctx.fillText(st.T.x1, p.x + p.w / 2, st.side - 2);
  ctx.save();
  ctx.translate(12, p.y + p.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(st.T.x2, 0, 0);
  ctx.restore();
}

function drawCurves(st) {
  const c = st.curve, ctx = st.curves.getContext("2d"), s = st.ratio;
  const w = st.curves.width / s, h = st.curves.height / s;
  ctx.setTransform(s, 0, 0, s, 0, 0);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.font = `${12 * st.data.scale}px sans-serif`;
  ctx.fillStyle = "#2a3f5f";
  const h2 = history(c);
  if (!h2.epoch.length) {
    ctx.textAlign = "left"; ctx.textBaseline = "top";
    ctx.fillText(st.T.curves_empty, 4, 4);
    return;
  }
  const last = h2.epoch[h2.epoch.length - 1];
  const panel = (x0, pw, keys, title, top) => {
    const box = {x: x0 + 38, y: 22, w: pw - 46, h: h - 50};
    let hiV = top || 0;
    if (!top) for (const k of keys) for (const v of h2[k] || []) hiV = Math.max(hiV, v);
    hiV = hiV || 1;
    ctx.strokeStyle = "#999"; ctx.lineWidth = 1; ctx.setLineDash([]);
    ctx.strokeRect(box.x, box.y, box.w, box.h);
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    ctx.fillText(title, box.x + box.w / 2, 4);
    ctx.fillText(`${st.T.epoch} ${last}`, box.x + box.w / 2, box.y + box.h + 6);
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    ctx.fillText(top ? "100%" : hiV.toFixed(2), box.x - 3, box.y);
    ctx.fillText("0", box.x - 3, box.y + box.h);
    keys.forEach((k, n) => {
      const ys = h2[k];
      if (!ys) return;
      ctx.strokeStyle = st.data.palette[0];
      ctx.lineWidth = 2;
      ctx.setLineDash(n ? [5, 4] : []);
      ctx.beginPath();
      ys.forEach((v, i) => {
        const x = box.x + (last > 1 ? (h2.epoch[i] - 1) / (last - 1) : 1) * box.w;
        const y = box.y + box.h - Math.min(v / hiV, 1) * box.h;
        if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      });
      ctx.stroke();
    });
    ctx.setLineDash([]);
  };
  panel(0, w / 2, ["loss", "val_loss"], st.T.curve_loss, 0);
  panel(w / 2, w / 2, ["accuracy", "val_accuracy"], st.T.curve_acc, 1);
}

function legend(st) {
  const d = st.data, T = st.T, items = [];
  for (let k = 0; k < d.classes; k++) items.push(["square", d.palette[k], `${T.class} ${k + 1}`]);
  items.push(["dot", "#666", T.train], ["ring", "#666", T.test]);
  if (st.added.y.length) items.push(["diamond", "#666", T.added]);
  items.push(["ring red", "#C00", T.wrong]);
  if (d.spec.model === "ovr") items.push(["dash", "#555", T.ovr_lines], ["square", d.ambiguous_colour, T.ambiguous]);
  else {
    items.push(["line", "#222", T.boundary]);
    if (d.lines && st.net.units && st.net.units <= d.max_lines) items.push(["dash", "#555", T.units]);
  }
  st.legend.replaceChildren(...items.map(([shape, colour, name]) => {
    const item = el("span", "rg-item");
    const mark = el("i", `rg-mark ${shape}`, item);
    mark.style.setProperty("--c", colour);
    el("span", "", item).textContent = name;
    return item;
  }));
}

function scoreText(st) {
  const T = st.T, last = st.curve.last || {};
  const show = (k, f) => (k in last ? f(last[k]) : T.none);
  const parts = [[T.epoch, String(st.epoch)], [T.loss, show("loss", (v) => v.toFixed(3))],
                 [T.acc, show("accuracy", percent)], [T.test_acc, show("val_accuracy", percent)]];
  if (st.data.spec.model === "ovr" && st.areas) parts.push([T.ambiguous_area, percent(st.areas[st.data.classes])]);
  if (!st.values || st.values.length !== parts.length || st.scoreLang !== T.epoch) {
    st.scoreLang = T.epoch;
    st.values = parts.map(() => el("b"));
    st.score.replaceChildren(...parts.map(([name], i) => {
      const item = el("span", "rg-metric");
      el("span", "rg-label", item).textContent = name;
      if (name === T.ambiguous_area) item.title = T.ambiguous_help;
      item.append(st.values[i]);
      return item;
    }));
    st.needLayout = true;  // the bar may wrap differently
  }
  parts.forEach(([, value], i) => setText(st.values[i], value));
}

function describe(st) {  // the canvas's text alternative: the class areas and the accuracy in words
  const T = st.T, last = st.curve.last || {};
  const areas = (st.areas || []).slice(0, st.data.classes)
    .map((a, k) => text(T.alt_area, {name: `${T.class} ${k + 1}`, share: percent(a)})).join(", ");
  const alt = text(T.alt, {epoch: st.epoch, areas, acc: "accuracy" in last ? percent(last.accuracy) : T.none,
                           test_acc: "val_accuracy" in last ? percent(last.val_accuracy) : T.none});
  st.canvas.setAttribute("aria-label", alt);
  st.alt.textContent = alt;
}

function render(st, root) {
  layout(st);
  evaluate(st);
  drawPlane(st);
  root.dataset.epoch = String(st.epoch);
  setText(st.play, st.playing ? st.T.pause : st.T.play);
  const off = stopped(st);
  if (st.play.disabled !== off) st.play.disabled = st.step.disabled = off;
  setText(st.note, st.epoch >= st.data.cap ? text(st.T.capped, {n: st.data.cap.toLocaleString()}) : "");
  scoreText(st);
  const now = performance.now();
  if (!st.playing || !st.slowAt || now - st.slowAt > 1000) {  // while playing, the curves and words once a second
    st.slowAt = now;
    drawCurves(st);
    describe(st);
  }
  st.dirty = false;
}

function frame(st, root) {
  if (!root.isConnected) return;
  if (st.playing) {
    if (st.epoch >= st.data.cap) {
      st.playing = false;
      report(st, "cap");
    } else {
      train(st);
      if (st.playing && performance.now() - st.lastReport > st.data.report_s * 1000) report(st, "tick");
    }
  }
  if (st.dirty || st.playing) render(st, root);
  st.raf = requestAnimationFrame(() => frame(st, root));
}

// ---------------------------------------------------------------------------------------- input

function where(st, event) {  // the plane's (x₁, x₂) under the pointer, or null off the plot
  const r = st.canvas.getBoundingClientRect(), p = st.plot, [lo, hi] = st.data.lim;
  const u = (event.clientX - r.left - p.x) / p.w, v = (event.clientY - r.top - p.y) / p.h;
  if (!p || u < 0 || u > 1 || v < 0 || v > 1) return null;
  return [lo + u * (hi - lo), hi - v * (hi - lo)];
}

function rounded(at, lim) {  // a location as the link stores it: 3 decimals (a hover reads what a click shows)
  return at.map((v) => Math.round(Math.min(Math.max(v, -lim), lim) * 1000) / 1000);
}

function hover(st, event) {
  let at = where(st, event);
  if (!at || event.pointerType === "touch") { st.tip.hidden = true; return; }
  at = rounded(at, st.data.limit);
  const p = netPredict(st.net, Float64Array.from(at), 1, new Float64Array(st.data.classes));
  const rows = [`(${st.T.x1} ${at[0].toFixed(2)}, ${st.T.x2} ${at[1].toFixed(2)})`,
                ...Array.from(p, (v, k) => `${st.T.class} ${k + 1}: ${v.toFixed(3)}`)];
  st.tip.replaceChildren(...rows.map((r) => { const line = el("div"); line.textContent = r; return line; }));
  st.tip.hidden = false;
  const box = st.canvas.getBoundingClientRect();
  const x = event.clientX - box.left, y = event.clientY - box.top;
  st.tip.style.left = `${Math.min(x + 12, st.side - 150)}px`;
  st.tip.style.top = `${Math.max(y - 12 - 18 * rows.length, 0)}px`;
}

function clicked(st, event) {
  const at = where(st, event);
  if (!at) return;
  const pt = rounded(at, st.data.limit);
  const mode = st.data.click;
  if (mode !== "look" && st.room > 0) {
    const k = Number(mode);
    st.added.x.push(pt[0], pt[1]);  // trains from the next epoch on; Python writes it to the link
    st.added.y.push(k);
    st.room -= 1;
    trainingSet(st);
    const g = st.groups[2];
    g.x = Float64Array.from(st.added.x);
    g.p = new Float64Array(st.added.y.length * st.data.classes);
    st.layer = null;
    legend(st);
    st.dirty = true;
    report(st, "click", {click: pt, add: k});
  } else {
    report(st, "click", {click: pt});
  }
}

function keys(st, event) {
  if (event.target !== st.root) return;  // the buttons answer Space and Enter themselves
  if (event.key === " ") { event.preventDefault(); toggle(st); }
  else if (event.key === "ArrowRight") { event.preventDefault(); stepOnce(st); }
}

// Called on mounting and whenever Python sends new data. The state lives on with the element: new data with the
// same token changes only the settings, and training goes on.
export default function ({ data, parentElement, setTriggerValue }) {
  let st = STATE.get(parentElement);
  if (!st) {
    st = {playing: false};
    STATE.set(parentElement, st);
    const root = el("div", "rg", parentElement);
    root.tabIndex = 0;
    st.root = root;
    build(root, st);
    st.canvas.addEventListener("pointermove", (e) => hover(st, e));
    st.canvas.addEventListener("pointerleave", () => { st.tip.hidden = true; });
    st.canvas.addEventListener("click", (e) => clicked(st, e));
    root.addEventListener("keydown", (e) => keys(st, e));
    st.onVisible = () => {  // a hidden tab pauses (and reports); coming back resumes what Play was doing
      if (document.hidden && st.playing) { st.playing = false; st.hiddenPause = true; report(st, "hidden"); }
      else if (!document.hidden && st.hiddenPause) { st.hiddenPause = false; st.playing = true; st.lastReport = performance.now(); }
    };
    st.onResize = () => { st.needLayout = st.dirty = true; };
    new ResizeObserver(st.onResize).observe(st.wrap);  // the column narrows: a sidebar opened, a phone turned
    st.tip.hidden = true;
  }
  setup(st.root, st, data, setTriggerValue);
  st.root.setAttribute("aria-label", st.T.keys);
  if (!st.raf) {
    document.addEventListener("visibilitychange", st.onVisible);
    window.addEventListener("resize", st.onResize);
    st.raf = requestAnimationFrame(() => frame(st, st.root));
  }
  return () => {  // unmounted: stop drawing (the state stays with the element, should it come back)
    cancelAnimationFrame(st.raf);
    st.raf = null;
    document.removeEventListener("visibilitychange", st.onVisible);
    window.removeEventListener("resize", st.onResize);
  };
}
