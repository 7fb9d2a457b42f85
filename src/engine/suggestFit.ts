/**
 * The logistic fit behind Suggest rules from outcomes (README "Tune the model from outcomes"): Newton's
 * method with an L2 penalty λ·Σβ² / 2 on the coefficients (not the intercept), on typed arrays.
 */

export interface LogisticFit {
  beta0: number;
  beta: number[];
  /** Fitted probabilities of the training leads. */
  p: Float64Array;
}

/** Solves A x = b (A symmetric positive definite, d × d, row-major) by Gaussian elimination. */
function solve(A: Float64Array, b: Float64Array, d: number): Float64Array {
  const a = Float64Array.from(A);
  const x = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    let piv = i;
    for (let r = i + 1; r < d; r++) if (Math.abs(a[r * d + i]) > Math.abs(a[piv * d + i])) piv = r;
    if (piv !== i) {
      for (let c = 0; c < d; c++) [a[i * d + c], a[piv * d + c]] = [a[piv * d + c], a[i * d + c]];
      [x[i], x[piv]] = [x[piv], x[i]];
    }
    const diag = a[i * d + i] || 1e-12;
    for (let r = i + 1; r < d; r++) {
      const f = a[r * d + i] / diag;
      if (f === 0) continue;
      for (let c = i; c < d; c++) a[r * d + c] -= f * a[i * d + c];
      x[r] -= f * x[i];
    }
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i];
    for (let c = i + 1; c < d; c++) s -= a[i * d + c] * x[c];
    x[i] = s / (a[i * d + i] || 1e-12);
  }
  return x;
}

/** Minimises −log-likelihood + λ/2 Σ β² over (β0, β) for features `cols` (each a column of n) and 0/1 `y`. */
export function fitLogistic(cols: Float64Array[], y: Float64Array, lambda: number, iterations = 50): LogisticFit {
  const n = y.length;
  const d = cols.length + 1;
  const w = new Float64Array(d);
  const p = new Float64Array(n);
  const x = (j: number, i: number) => (j === 0 ? 1 : cols[j - 1][i]);
  for (let it = 0; it < iterations; it++) {
    const g = new Float64Array(d);
    const H = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      let eta = w[0];
      for (let j = 1; j < d; j++) eta += w[j] * cols[j - 1][i];
      const pi = 1 / (1 + Math.exp(-eta));
      p[i] = pi;
      const r = y[i] - pi;
      const v = pi * (1 - pi);
      for (let j = 0; j < d; j++) {
        const xj = x(j, i);
        if (xj === 0) continue;
        g[j] += xj * r;
        for (let k = j; k < d; k++) {
          const xk = x(k, i);
          if (xk !== 0) H[j * d + k] += v * xj * xk;
        }
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) H[j * d + k] = H[k * d + j];
    for (let j = 1; j < d; j++) {
      g[j] -= lambda * w[j];
      H[j * d + j] += lambda;
    }
    const step = solve(H, g, d);
    let size = 0;
    for (let j = 0; j < d; j++) {
      w[j] += step[j];
      size = Math.max(size, Math.abs(step[j]));
    }
    if (size < 1e-9) break;
  }
  for (let i = 0; i < n; i++) {
    let eta = w[0];
    for (let j = 1; j < d; j++) eta += w[j] * cols[j - 1][i];
    p[i] = 1 / (1 + Math.exp(-eta));
  }
  return { beta0: w[0], beta: Array.from(w.subarray(1)), p };
}

/** The score test of adding feature `x` to a fit with probabilities `p`: (Σ x(y − p))² / Σ x² p(1 − p). */
export function scoreTest(x: Float64Array, y: Float64Array, p: Float64Array): number {
  let g = 0;
  let h = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    g += xi * (y[i] - p[i]);
    h += xi * xi * p[i] * (1 - p[i]);
  }
  return h > 1e-12 ? (g * g) / h : 0;
}
