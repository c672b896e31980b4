// The decision-regions network in the browser: a twin of core/engines/network.py's MultiClassNetwork (softmax
// output, 0–32 hidden units) and core/engines/one_vs_rest.py's OneVsRestSigmoid, in float64 for 2-D inputs.
// Same maths in the same order as the Python engines (per batch: forward, the output error lr/m·(A2 − Y), the
// output bias, the hidden error with W2 before its update, the penalty then the gradient step), so given the
// same weights, data and batch order its weights after 100 epochs equal Python's to 1e-9 (a browser test holds
// it so). Plain functions, no imports: the component's module and that test load this file as it is.

const NET_CLIP = 1e-10;  // probabilities are clipped to [1e-10, 1 − 1e-10] before the log, as in Python

function netActivate(kind, v) {
  if (kind === "sigmoid") return 1 / (1 + Math.exp(-v));
  if (kind === "relu") return v > 0 ? v : v * 0;
  return Math.tanh(v);
}

function netSlope(kind, a) {  // f'(z) through the activation a = f(z)
  if (kind === "sigmoid") return a * (1 - a);
  if (kind === "relu") return a > 0 ? 1 : 0;
  return 1 - a * a;
}

function netClip(p) {
  return Math.min(Math.max(p, NET_CLIP), 1 - NET_CLIP);
}

function netNegLog(p) {  // −log p of a clipped probability
  return -Math.log(netClip(p));
}

// A network from the page's weights (row-major arrays as Python sends them: w1 (2, units), b1, w2 (h, C), b2;
// w1/b1 null without a hidden layer, in which case w2 is (2, C)); ``model`` "softmax" or "ovr".
function netCreate(spec) {
  const units = spec.w1 ? spec.b1.length : 0;
  const classes = spec.b2.length;
  const net = {
    model: spec.model, kind: spec.activation, units, classes,
    w1: units ? Float64Array.from(spec.w1) : null, b1: units ? Float64Array.from(spec.b1) : null,
    w2: Float64Array.from(spec.w2), b2: Float64Array.from(spec.b2),
    lr: spec.lr, batch: spec.batch, l2: spec.l2,
  };
  const m = 4096;  // scratch for a batch or a chunk of evaluated rows
  net.h = new Float64Array(m * Math.max(units, 1));
  net.z = new Float64Array(m * classes);
  net.eh = new Float64Array(m * Math.max(units, 1));
  return net;
}

// The weights as Python's engines hold them (plain arrays, row-major).
function netWeights(net) {
  return {w1: net.w1 ? Array.from(net.w1) : null, b1: net.b1 ? Array.from(net.b1) : null,
          w2: Array.from(net.w2), b2: Array.from(net.b2)};
}

function netFinite(net) {
  for (const a of [net.w1, net.b1, net.w2, net.b2]) {
    if (a) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  }
  return true;
}

// Rows rows[0..m) of x (n×2, flat) forward: the hidden activations into net.h, the output scores (before the
// softmax or sigmoids) into net.z.
function netForwardRows(net, x, rows, m) {
  const {units, classes, h, z, w1, b1, w2, b2} = net;
  for (let i = 0; i < m; i++) {
    const r = rows ? rows[i] : i;
    const x1 = x[2 * r], x2 = x[2 * r + 1];
    if (units) {
      for (let j = 0; j < units; j++) h[i * units + j] = netActivate(net.kind, x1 * w1[j] + x2 * w1[units + j] + b1[j]);
      for (let c = 0; c < classes; c++) {
        let s = 0;
        for (let j = 0; j < units; j++) s += h[i * units + j] * w2[j * classes + c];
        z[i * classes + c] = s + b2[c];
      }
    } else {
      for (let c = 0; c < classes; c++) z[i * classes + c] = x1 * w2[c] + x2 * w2[classes + c] + b2[c];
    }
  }
}

// Outputs for the rows of z in place: one softmax distribution per row (shifted by the row's largest score),
// or C separate sigmoids.
function netOutputs(net, m) {
  const {classes, z} = net;
  for (let i = 0; i < m; i++) {
    const o = i * classes;
    if (net.model === "ovr") {
      for (let c = 0; c < classes; c++) z[o + c] = 1 / (1 + Math.exp(-z[o + c]));
      continue;
    }
    let top = z[o];
    for (let c = 1; c < classes; c++) if (z[o + c] > top) top = z[o + c];
    let total = 0;
    for (let c = 0; c < classes; c++) { z[o + c] = Math.exp(z[o + c] - top); total += z[o + c]; }
    const inv = 1 / total;
    for (let c = 0; c < classes; c++) z[o + c] *= inv;
  }
}

function netArgmax(z, o, classes) {
  let best = 0;
  for (let c = 1; c < classes; c++) if (z[o + c] > z[o + best]) best = c;
  return best;
}

// The probabilities of the n rows of x (flat n×2) into out (n×C), in chunks of the scratch size.
function netPredict(net, x, n, out) {
  const chunk = net.z.length / net.classes;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    netForwardRows(net, x.subarray(2 * start, 2 * (start + m)), null, m);
    netOutputs(net, m);
    out.set(net.z.subarray(0, m * net.classes), start * net.classes);
  }
  return out;
}

function netPenalty(net) {  // l2/2·ΣW² over the weight matrices (biases are free)
  let s = 0;
  for (const w of [net.w1, net.w2]) if (w) for (let i = 0; i < w.length; i++) s += w[i] * w[i];
  return net.l2 / 2 * s;
}

// Loss and accuracy on a labelled set with the current weights (Python's validation numbers): softmax's mean
// clipped cross-entropy plus the penalty / n; one-vs-rest's mean binary cross-entropy over points and classes.
function netEvaluate(net, x, y, n) {
  const chunk = net.z.length / net.classes, C = net.classes;
  let total = 0, right = 0;
  for (let start = 0; start < n; start += chunk) {
    const m = Math.min(chunk, n - start);
    netForwardRows(net, x.subarray(2 * start, 2 * (start + m)), null, m);
    netOutputs(net, m);
    for (let i = 0; i < m; i++) {
      const label = y[start + i], o = i * C;
      if (netArgmax(net.z, o, C) === label) right += 1;
      if (net.model === "ovr") {
        for (let c = 0; c < C; c++) total += c === label ? netNegLog(net.z[o + c]) : -Math.log1p(-netClip(net.z[o + c]));
      } else {
        total += netNegLog(net.z[o + label]);
      }
    }
  }
  if (net.model === "ovr") return {loss: total / (n * C) + netPenalty(net) / n, accuracy: right / n};
  return {loss: (total + netPenalty(net)) / n, accuracy: right / n};
}

// One epoch over x (flat n×2), labels y, in the batch order ``order`` (a permutation of 0..n−1; the softmax
// network sorts each batch's rows, as Python does). Returns {loss, accuracy} as the engines' history reports
// them; the weights change in place.
function netEpoch(net, x, y, n, order) {
  const size = Math.min(net.batch, n);
  const rows = Int32Array.from(order);
  if (net.model === "ovr") return netEpochOvr(net, x, y, n, rows, size);
  const full = n - (n % size);
  for (let s = 0; s < full; s += size) rows.subarray(s, s + size).sort();
  rows.subarray(full).sort();
  const {units, classes: C, h, z, eh, w1, b1, w2, b2} = net;
  let lossSum = 0, right = 0;
  for (let start = 0; start < n; start += size) {
    const m = Math.min(size, n - start);
    const batch = rows.subarray(start, start + m);
    const scale = net.lr / m, keep = 1 - scale * net.l2;
    netForwardRows(net, x, batch, m);
    // The output error scale·(A2 − Y) in z, the probability of each row's true class, the output bias step.
    const gb = new Float64Array(C);
    for (let i = 0; i < m; i++) {
      const o = i * C, label = y[batch[i]];
      if (netArgmax(z, o, C) === label) right += 1;
      let top = z[o];
      for (let c = 1; c < C; c++) if (z[o + c] > top) top = z[o + c];
      let total = 0;
      for (let c = 0; c < C; c++) { z[o + c] = Math.exp(z[o + c] - top); total += z[o + c]; }
      const inv = 1 / total;
      lossSum += netNegLog(z[o + label] * inv);
      for (let c = 0; c < C; c++) z[o + c] *= inv * scale;
      z[o + label] -= scale;
      for (let c = 0; c < C; c++) gb[c] += z[o + c];
    }
    for (let c = 0; c < C; c++) b2[c] -= gb[c];
    if (units) {
      for (let i = 0; i < m; i++) {  // eh = error · W2ᵀ, with W2 before its step
        for (let j = 0; j < units; j++) {
          let s = 0;
          for (let c = 0; c < C; c++) s += z[i * C + c] * w2[j * C + c];
          eh[i * units + j] = s;
        }
      }
      if (net.l2) for (let k = 0; k < w2.length; k++) w2[k] *= keep;
      for (let j = 0; j < units; j++) {
        for (let c = 0; c < C; c++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += h[i * units + j] * z[i * C + c];
          w2[j * C + c] -= s;
        }
      }
      const g1 = new Float64Array(units);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < units; j++) {
          const v = eh[i * units + j] * netSlope(net.kind, h[i * units + j]);
          eh[i * units + j] = v;
          g1[j] += v;
        }
      }
      for (let j = 0; j < units; j++) b1[j] -= g1[j];
      netInputStep(net, w1, x, batch, m, eh, units, keep);
    } else {
      netInputStep(net, w2, x, batch, m, z, C, keep);
    }
  }
  return {loss: (lossSum + netPenalty(net)) / n, accuracy: right / n};
}

// The step of the layer fed by the inputs (w: 2 × width): the penalty, then W ← W − Xᵀ·E over the batch's rows,
// E (m × width) the layer's error already scaled by lr/m.
function netInputStep(net, w, x, batch, m, e, width, keep) {
  if (net.l2) for (let k = 0; k < w.length; k++) w[k] *= keep;
  for (let d = 0; d < 2; d++) {
    for (let j = 0; j < width; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += x[2 * batch[i] + d] * e[i * width + j];
      w[d * width + j] -= s;
    }
  }
}

// One-vs-rest: each batch (in the order given, unsorted) steps every sigmoid by its own gradient a − y; the
// epoch's numbers are evaluated afterwards on the whole training set, as OneVsRestSigmoid does.
function netEpochOvr(net, x, y, n, rows, size) {
  const {classes: C, z, w2, b2} = net;
  for (let start = 0; start < n; start += size) {
    const m = Math.min(size, n - start);
    const batch = rows.subarray(start, start + m);
    netForwardRows(net, x, batch, m);
    netOutputs(net, m);
    for (let i = 0; i < m; i++) z[i * C + y[batch[i]]] -= 1;  // a − y
    for (let d = 0; d < 2; d++) {
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += x[2 * batch[i] + d] * z[i * C + c];
        w2[d * C + c] -= net.lr * (s + net.l2 * w2[d * C + c]) / m;
      }
    }
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += z[i * C + c];
      b2[c] -= net.lr * (s / m);
    }
  }
  return netEvaluate(net, x, y, n);
}

// A seeded generator of uniform numbers in [0, 1) (mulberry32): the browser's batch orders, reproducible
// from the page's seed and the epoch.
function netRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A random permutation of 0..n−1 (Fisher–Yates) from ``random``.
function netPermutation(random, n) {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}
