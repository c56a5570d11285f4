//! Tail probabilities of the binomial law, accurate to double precision for
//! any `n` this app meets.
//!
//! The probability mass at one point uses Loader's saddle-point form
//! ("Fast and accurate computation of binomial probabilities", 2000; the
//! algorithm behind R's `dbinom`), which avoids the cancellation of
//! `ln n! − ln k! − ln (n−k)!` for large `n`. Tails are summed outward from
//! that point with the exact term ratio until the terms no longer matter, so
//! one tail costs a few multiples of √(npq) steps, not `n`.

use std::f64::consts::PI;

const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// `ln n! − ln(√(2πn) (n/e)^n)`: the error of Stirling's formula.
fn stirlerr(n: f64) -> f64 {
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    if n <= 15.0 {
        // Small n: ln n! summed directly is exact enough (its size is < 28).
        let mut ln_fact = 0.0;
        let mut i = 2.0;
        while i <= n {
            ln_fact += f64::ln(i);
            i += 1.0;
        }
        return ln_fact - (n + 0.5) * n.ln() + n - LN_SQRT_2PI;
    }
    let nn = n * n;
    if n > 500.0 {
        (S0 - S1 / nn) / n
    } else if n > 80.0 {
        (S0 - (S1 - S2 / nn) / nn) / n
    } else if n > 35.0 {
        (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n
    } else {
        (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n
    }
}

/// `x ln(x / np) + np − x`, computed without cancellation when x ≈ np.
fn bd0(x: f64, np: f64) -> f64 {
    if (x - np).abs() < 0.1 * (x + np) {
        let mut v = (x - np) / (x + np);
        let mut s = (x - np) * v;
        let mut ej = 2.0 * x * v;
        v *= v;
        for j in 1..1000 {
            ej *= v;
            let s1 = s + ej / f64::from(2 * j + 1);
            if s1 == s {
                return s1;
            }
            s = s1;
        }
        s
    } else {
        x * (x / np).ln() + np - x
    }
}

/// P(X = x) for X ~ Binomial(n, p), with q = 1 − p given separately so that
/// it stays exact; requires 0 < p < 1 and x ≤ n.
fn dbinom(x: f64, n: f64, p: f64, q: f64) -> f64 {
    if x == 0.0 {
        let lc = if p < 0.1 {
            -bd0(n, n * q) - n * p
        } else {
            n * q.ln()
        };
        return lc.exp();
    }
    if x == n {
        let lc = if q < 0.1 {
            -bd0(n, n * p) - n * q
        } else {
            n * p.ln()
        };
        return lc.exp();
    }
    let lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
    let lf = (2.0 * PI).ln() + x.ln() + (-x / n).ln_1p();
    (lc - 0.5 * lf).exp()
}

/// P(X ≥ d) for X ~ Binomial(n, p), where p = 1 − q.
pub fn prob_at_least(n: u64, d: u64, p: f64, q: f64) -> f64 {
    if d == 0 {
        return 1.0;
    }
    if d > n || p <= 0.0 {
        return 0.0;
    }
    if q <= 0.0 {
        return 1.0;
    }
    let (nf, pq, qp) = (n as f64, p / q, q / p);
    let mean = nf * p;
    if ((d - 1) as f64) < mean {
        // Lower tail P(X ≤ d−1) is the smaller one; its terms shrink going down.
        let mut k = d - 1;
        let mut term = dbinom(k as f64, nf, p, q);
        let mut sum = term;
        while k > 0 {
            term *= k as f64 / (nf - k as f64 + 1.0) * qp;
            k -= 1;
            sum += term;
            if term <= sum * 1e-17 {
                break;
            }
        }
        (1.0 - sum).max(0.0)
    } else {
        // Upper tail P(X ≥ d) directly; its terms shrink going up.
        let mut k = d;
        let mut term = dbinom(k as f64, nf, p, q);
        let mut sum = term;
        while k < n {
            term *= (nf - k as f64) / (k as f64 + 1.0) * pq;
            k += 1;
            sum += term;
            if term <= sum * 1e-17 {
                break;
            }
        }
        sum.min(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Direct summation with exact binomial coefficients, for small n.
    fn naive(n: u64, d: u64, p: f64) -> f64 {
        let mut total = 0.0;
        for k in d..=n {
            let mut c = 1.0;
            for i in 0..k {
                c = c * (n - i) as f64 / (i + 1) as f64;
            }
            total += c * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32);
        }
        total
    }

    #[test]
    fn matches_direct_summation() {
        for n in [1u64, 2, 5, 10, 22, 50, 120] {
            for d in 0..=n.min(40) {
                for p in [0.01, 0.1, 0.35, 0.5, 0.8, 0.99] {
                    let a = prob_at_least(n, d, p, 1.0 - p);
                    let b = naive(n, d, p);
                    assert!((a - b).abs() < 1e-12, "n={n} d={d} p={p}: {a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn one_win_from_twenty_two_leads_at_ten_percent() {
        let p = prob_at_least(22, 1, 0.1, 0.9);
        assert!((p - (1.0 - 0.9f64.powi(22))).abs() < 1e-15);
    }

    #[test]
    fn large_n_is_sane() {
        // Mean 100,000 of a million: at least the mean is a little over half.
        let p = prob_at_least(1_000_000, 100_000, 0.1, 0.9);
        assert!(p > 0.5 && p < 0.51, "{p}");
        assert_eq!(prob_at_least(1_000_000, 1_000_001, 0.1, 0.9), 0.0);
    }
}
