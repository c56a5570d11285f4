//! The distribution of the period's won revenue (funnel-theory.md, "Forecast
//! from the open pipeline", "Precisely": chance to hit target, P10 / P50 /
//! P90).
//!
//! The sum is `realised + Σ amount_i × B_i`, each open deal closing in the
//! period independently with its probability `p_i` (`B_i` is Bernoulli).
//! Its mean is the weighted forecast; the spread is what tells a manager how
//! far the forecast can be trusted.
//!
//! # Method, and why
//!
//! **Exact** wherever the work fits the [`Caps`]: CRM amounts are round
//! numbers, so every amount is put on one integer lattice (the amounts'
//! common denominator, then divided by the gcd of all amounts: 5,000,
//! 12,500 and 30,000 become 2, 5 and 12 steps of 2,500). The sum is then an
//! integer number of steps and its distribution a finite list of
//! probabilities, built by convolving one deal (or group) at a time. Steps
//! are counted in `u128`: at the app's caps (amounts up to 10¹⁵ with 4
//! decimals, 50,000 deals) an amount is up to 10¹⁹ steps of 0.0001 and the
//! total up to 5 × 10²³, beyond `u64`; a few such deals are still exact.
//!
//! - deals with p = 0 add nothing and are skipped; deals with p = 1 only
//!   shift the sum (they join `realised`);
//! - identical (amount, probability) deals form one group whose count of
//!   wins is binomial, convolved in one step (a real pipeline has a handful
//!   of stage probabilities and many repeated amounts); binomial terms below
//!   10⁻³⁰ of the most likely count are left out (a mass far below the
//!   float rounding of the rest);
//! - a dense array over the lattice when the span of sums is small
//!   (≤ [`Caps::dense_cells`]), else a sorted list of the sums that occur
//!   (few deals with unrelated amounts), whichever needs less work;
//! - groups go in ascending amount so that the array grows as late as
//!   possible.
//!
//! Probabilities are `f64`, so "exact" means the exact law up to float
//! rounding (relative error of order n × 10⁻¹⁶).
//!
//! **Approximate** when the exact work would exceed [`Caps::work`] (e.g.
//! thousands of deals with amounts on a fine lattice): the normal law with
//! the exact mean and variance, `σ² = Σ a² p (1 − p)`. By the Berry–Esseen
//! theorem for independent, non-identical terms, every value of its
//! cumulative distribution is within
//! `0.56 × Σ E|X_i − μ_i|³ ÷ σ³` of the true one (constant 0.56 from
//! Shevtsova, 2010), with `E|X_i − μ_i|³ = a³ p q (p² + q²)`. That bound is
//! returned as [`Method::Approximate::max_cdf_error`] so the screen can say
//! "approximate (normal), probabilities within ±x points". Its percentiles
//! are `mean + z σ` (z = ∓1.2816 for P10 / P90), rounded to whole currency
//! units and kept within the possible range.
//!
//! # Percentiles and ties
//!
//! Px is the smallest amount v with P(sum ≤ v) ≥ x % (funnel-theory.md).
//! Float sums of exact probabilities can land a hair under a boundary that
//! is exactly reached (one deal at 90 %: P(sum ≤ realised) is exactly 10 %),
//! so a level counts as reached within [`TIE_TOLERANCE`].

use super::Ratio;

/// How the figures were computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// The exact distribution of the sum (probabilities in `f64`, so off by
    /// float rounding only).
    Exact,
    /// The normal approximation with the exact mean and variance. Every
    /// cumulative probability it gives (the chance, the levels of the
    /// percentiles) is within `max_cdf_error` of the true one, a fraction of
    /// one in (0, 1]: the Berry–Esseen bound; a histogram bin (a difference
    /// of two) is within twice that.
    Approximate { max_cdf_error: f64 },
}

/// One bar of the histogram: the probability that the sum lies in
/// [`from`, `to`) (amounts). The first bin also holds the thin tail below
/// it and the last bin the tail above it (at most 0.1 % each), so the
/// probabilities add up to 1. `from == to` only for a certain sum, a single
/// bin holding all of the probability.
#[derive(Clone, Debug, PartialEq)]
pub struct Bin {
    pub from: Ratio,
    pub to: Ratio,
    /// A fraction of one.
    pub probability: f64,
}

/// The distribution of realised + the won part of the open deals closing in
/// the period.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub method: Method,
    /// Expected sum, exact: realised + Σ amount × p (the weighted forecast).
    pub mean: Ratio,
    /// Percentiles (amounts): Px is the smallest v with P(sum ≤ v) ≥ x %,
    /// so P10 is the low case. `p10 ≤ p50 ≤ p90`, all within
    /// [realised, realised + Σ amounts].
    pub p10: Ratio,
    pub p50: Ratio,
    pub p90: Ratio,
    /// P(sum ≥ target), a fraction of one in [0, 1]; `None` without a
    /// target. Exactly 1 when the target is at most what is certain, exactly
    /// 0 when it is above every possible sum.
    pub chance: Option<f64>,
    /// Contiguous bins, low to high, about 30 (1 to 40) over the range worth
    /// showing (0.1 % to 99.9 %); probabilities sum to 1 up to rounding.
    pub histogram: Vec<Bin>,
}

/// Why no distribution could be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistError {
    /// The open deal at this index has a probability above 1.
    ProbabilityAboveOne { index: usize },
    /// The sum of the amounts or the mean does not fit the exact number type.
    TooLarge,
}

/// Limits of the exact computation; beyond them the normal approximation
/// runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// Most cell updates the exact convolution may take: Σ over groups of
    /// (cells before the group × binomial terms of the group) for the dense
    /// array, [`SPARSE_COST`] × Σ (points before × terms) for the sorted list.
    pub work: u64,
    /// Most cells (lattice steps from the lowest to the highest sum, plus one)
    /// of the dense array.
    pub dense_cells: u64,
    /// Most points the sorted list may hold while a group is merged in.
    pub sparse_points: u64,
}

impl Caps {
    /// 5 × 10⁷ cell updates take about 50 ms natively; with the dense array
    /// at 2²¹ cells (two 16 MB buffers) and the list at 2²⁰ points (16 MB;
    /// twice that when the sums go beyond 2⁶⁴ steps and need `u128` keys).
    pub const DEFAULT: Caps = Caps {
        work: 50_000_000,
        dense_cells: 1 << 21,
        sparse_points: 1 << 20,
    };
}

/// A point of the sorted list costs this many cell updates of the dense
/// array (it is copied, sorted and merged, not just multiplied and added).
pub const SPARSE_COST: u64 = 4;

/// A cumulative probability within this of a percentile level counts as
/// reaching it (see the module docs, "Percentiles and ties").
pub const TIE_TOLERANCE: f64 = 1e-12;

/// The standard normal quantile at 90 % (P10 is `−Z90`).
const Z90: f64 = 1.281_551_565_544_600_4;
/// Shevtsova's (2010) Berry–Esseen constant for non-identical terms.
const BERRY_ESSEEN: f64 = 0.56;
/// Binomial terms below this fraction of the most likely one are left out.
const KERNEL_CUT: f64 = 1e-30;
/// After each group the exact law drops its outermost sums while together
/// they hold less than this (both ends).
const TRIM: f64 = 1e-30;
/// The histogram shows the range from this cumulative level to 1 minus it.
const SHOWN_TAIL: f64 = 0.001;
const BINS: u64 = 30;
const MAX_BINS: u64 = 40;

/// The distribution of `realised` + Σ over `open` of amount × Bernoulli(p),
/// the deals closing independently, with [`Caps::DEFAULT`].
///
/// `open` holds (amount, probability as a fraction of one) of the open deals
/// closing in the period; amounts or probabilities of 0 add nothing. `target`
/// (an amount) gives [`Distribution::chance`].
///
/// Errors: a probability above 1 ([`DistError::ProbabilityAboveOne`]);
/// realised + Σ amounts or the mean too large for [`Ratio`]
/// ([`DistError::TooLarge`]).
pub fn distribution(
    realised: Ratio,
    open: &[(Ratio, Ratio)],
    target: Option<Ratio>,
) -> Result<Distribution, DistError> {
    distribution_within(realised, open, target, Caps::DEFAULT)
}

/// [`distribution`] with other limits of the exact computation.
pub fn distribution_within(
    realised: Ratio,
    open: &[(Ratio, Ratio)],
    target: Option<Ratio>,
    caps: Caps,
) -> Result<Distribution, DistError> {
    let pipe = Pipeline::new(realised, open)?;
    if pipe.uncertain.is_empty() {
        return Ok(pipe.certain(target));
    }
    match exact(&pipe, caps) {
        Some((unit, pmf)) => pipe.summarise(unit, &pmf, target),
        None => pipe.normal(target),
    }
}

/// Always the normal approximation (for comparison with the exact law); a
/// certain sum (no deal with 0 < p < 1) is still given exactly.
pub fn normal_approximation(
    realised: Ratio,
    open: &[(Ratio, Ratio)],
    target: Option<Ratio>,
) -> Result<Distribution, DistError> {
    let pipe = Pipeline::new(realised, open)?;
    if pipe.uncertain.is_empty() {
        return Ok(pipe.certain(target));
    }
    pipe.normal(target)
}

/// The inputs, checked and split into what is certain and what is not.
struct Pipeline {
    /// realised + the deals with p = 1: the lowest possible sum.
    base: Ratio,
    /// realised + every amount with p > 0: the highest possible sum.
    max: Ratio,
    mean: Ratio,
    /// (amount, p) with amount > 0 and 0 < p < 1.
    uncertain: Vec<(Ratio, Ratio)>,
}

impl Pipeline {
    fn new(realised: Ratio, open: &[(Ratio, Ratio)]) -> Result<Pipeline, DistError> {
        if let Some(index) = open.iter().position(|&(_, p)| p > Ratio::ONE) {
            return Err(DistError::ProbabilityAboveOne { index });
        }
        let (mut base, mut max, mut mean) = (realised, realised, realised);
        let mut uncertain = Vec::new();
        for &(amount, p) in open {
            if amount.is_zero() || p.is_zero() {
                continue;
            }
            max = max.checked_add(amount).ok_or(DistError::TooLarge)?;
            if p.is_one() {
                base = base.checked_add(amount).ok_or(DistError::TooLarge)?;
                mean = mean.checked_add(amount).ok_or(DistError::TooLarge)?;
            } else {
                let weighted = amount.checked_mul(p).ok_or(DistError::TooLarge)?;
                mean = mean.checked_add(weighted).ok_or(DistError::TooLarge)?;
                uncertain.push((amount, p));
            }
        }
        Ok(Pipeline {
            base,
            max,
            mean,
            uncertain,
        })
    }

    /// Nothing uncertain: all of the probability at `base`.
    fn certain(&self, target: Option<Ratio>) -> Distribution {
        let v = self.base;
        Distribution {
            method: Method::Exact,
            mean: v,
            p10: v,
            p50: v,
            p90: v,
            chance: target.map(|t| if v >= t { 1.0 } else { 0.0 }),
            histogram: vec![Bin {
                from: v,
                to: v,
                probability: 1.0,
            }],
        }
    }

    /// `base + steps × unit`.
    fn amount(&self, unit: Ratio, steps: u128) -> Result<Ratio, DistError> {
        Ratio::from_int(steps)
            .checked_mul(unit)
            .and_then(|x| x.checked_add(self.base))
            .ok_or(DistError::TooLarge)
    }

    /// The figures of an exact law on the lattice `base + s × unit`.
    fn summarise(
        &self,
        unit: Ratio,
        pmf: &Pmf,
        target: Option<Ratio>,
    ) -> Result<Distribution, DistError> {
        // Plain summation, from the top for `total` and the chance: partial
        // sums of non-negative terms never decrease, so the chance is
        // monotone in the target and exactly 1 when every point counts.
        let total: f64 = pmf.points().rev().map(|(_, p)| p).sum();
        let levels = [SHOWN_TAIL, 0.1, 0.5, 0.9, 1.0 - SHOWN_TAIL];
        let mut found = [None; 5];
        let (mut cum, mut last) = (0.0, 0u128);
        for (s, p) in pmf.points() {
            cum += p;
            last = s;
            for (slot, level) in found.iter_mut().zip(levels) {
                if slot.is_none() && cum / total >= level - TIE_TOLERANCE {
                    *slot = Some(s);
                }
            }
        }
        let [show_lo, q10, q50, q90, show_hi] = found.map(|s| s.unwrap_or(last));

        let chance = match target {
            None => None,
            Some(t) if t <= self.base => Some(1.0),
            Some(t) => {
                // The sum reaches t from the smallest whole number of steps
                // ≥ (t − base) ÷ unit; one beyond every sum gives 0.
                let steps = t
                    .checked_sub(self.base)
                    .and_then(|d| d.checked_div(unit))
                    .map(Ratio::ceil);
                let upper: f64 = match steps {
                    None => 0.0,
                    Some(k) => pmf
                        .points()
                        .rev()
                        .take_while(|&(s, _)| s >= k)
                        .map(|(_, p)| p)
                        .sum(),
                };
                Some((upper / total).clamp(0.0, 1.0))
            }
        };

        // Bins of a whole number of lattice steps: every edge is a point of
        // the lattice, base + steps × unit, computed exactly (no float).
        let span = show_hi.saturating_sub(show_lo).saturating_add(1);
        let width = span.div_ceil(u128::from(BINS)).max(1);
        let count = span.div_ceil(width).clamp(1, u128::from(MAX_BINS));
        let mut mass = vec![0.0; usize::try_from(count).unwrap_or(1)];
        for (s, p) in pmf.points() {
            let j = (s.saturating_sub(show_lo) / width).min(count - 1);
            if let Some(m) = usize::try_from(j).ok().and_then(|j| mass.get_mut(j)) {
                *m += p;
            }
        }
        let mut histogram = Vec::with_capacity(mass.len());
        for (j, m) in (0u128..).zip(mass) {
            let from = show_lo.saturating_add(j.saturating_mul(width));
            histogram.push(Bin {
                from: self.amount(unit, from)?,
                to: self.amount(unit, from.saturating_add(width))?,
                probability: m / total,
            });
        }

        Ok(Distribution {
            method: Method::Exact,
            mean: self.mean,
            p10: self.amount(unit, q10)?,
            p50: self.amount(unit, q50)?,
            p90: self.amount(unit, q90)?,
            chance,
            histogram,
        })
    }

    /// The normal approximation (module docs, "Approximate").
    fn normal(&self, target: Option<Ratio>) -> Result<Distribution, DistError> {
        let (mut var, mut third) = (0.0, 0.0);
        for &(amount, p) in &self.uncertain {
            let a = amount.to_f64();
            let pf = p.to_f64();
            let qf = Ratio::ONE.checked_sub(p).unwrap_or(Ratio::ZERO).to_f64();
            var += a * a * pf * qf;
            third += a * a * a * pf * qf * (pf * pf + qf * qf);
        }
        let sd = var.sqrt();
        // A spread too small or too large for f64 (only with absurd inputs):
        // nothing can be said about the error, so the bound is 1.
        let degenerate = !(sd > 0.0 && sd.is_finite());
        let bound = BERRY_ESSEEN * third / (sd * sd * sd);
        let max_cdf_error = if degenerate || !bound.is_finite() {
            1.0
        } else {
            bound.min(1.0)
        };
        let mu = self.mean.to_f64();

        // Whole currency units, kept within the possible sums.
        let clamp = |x: Ratio| x.max(self.base).min(self.max);
        let whole = |v: f64| {
            clamp(if v.is_finite() && v > 0.0 {
                Ratio::from_int(v.round() as u128)
            } else {
                Ratio::ZERO
            })
        };
        let spread = if degenerate { 0.0 } else { sd };
        let (p10, p50, p90) = (
            whole(mu - Z90 * spread),
            whole(mu),
            whole(mu + Z90 * spread),
        );

        let chance = target.map(|t| {
            if t <= self.base {
                1.0
            } else if t > self.max {
                0.0
            } else if degenerate {
                if self.mean >= t {
                    1.0
                } else {
                    0.0
                }
            } else {
                normal_cdf(-signed_diff(t, self.mean) / sd)
            }
        });

        let histogram = if degenerate {
            vec![Bin {
                from: p50,
                to: p50,
                probability: 1.0,
            }]
        } else {
            let lo = (mu - 4.0 * sd).max(self.base.to_f64());
            let hi = (mu + 4.0 * sd).min(self.max.to_f64());
            let start = lo.floor().max(0.0);
            let width = ((hi - start) / BINS as f64).ceil().max(1.0);
            let count = ((hi - start) / width).ceil().clamp(1.0, MAX_BINS as f64) as u64;
            let (start_int, width_int) = (start as u128, width as u128);
            let edge = |j: u64| {
                width_int
                    .checked_mul(u128::from(j))
                    .and_then(|x| x.checked_add(start_int))
                    .map(Ratio::from_int)
                    .ok_or(DistError::TooLarge)
            };
            let cdf = |j: u64| {
                if j == 0 {
                    0.0
                } else if j >= count {
                    1.0
                } else {
                    normal_cdf((start + j as f64 * width - mu) / sd)
                }
            };
            let mut bins = Vec::new();
            for j in 0..count {
                bins.push(Bin {
                    from: edge(j)?,
                    to: edge(j + 1)?,
                    probability: (cdf(j + 1) - cdf(j)).max(0.0),
                });
            }
            bins
        };

        Ok(Distribution {
            method: Method::Approximate { max_cdf_error },
            mean: self.mean,
            p10,
            p50,
            p90,
            chance,
            histogram,
        })
    }
}

/// `a − b` as f64, computed exactly first.
fn signed_diff(a: Ratio, b: Ratio) -> f64 {
    match a.checked_sub(b) {
        Some(d) => d.to_f64(),
        None => b.checked_sub(a).map_or(0.0, |d| -d.to_f64()),
    }
}

/// The standard normal CDF Φ(x), to about 10⁻¹⁵ (relative 10⁻⁸ in the
/// far tail beyond 7σ): Hart's (1968) rational
/// approximation in the form of West, "Better approximations to cumulative
/// normal functions" (Wilmott, 2005).
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return 0.5;
    }
    let a = x.abs();
    let tail = if a > 37.0 {
        0.0
    } else {
        let e = (-a * a / 2.0).exp();
        if a < 7.071_067_811_865_47 {
            const NUM: [f64; 7] = [
                3.526_249_659_989_11e-2,
                0.700_383_064_443_688,
                6.373_962_203_531_65,
                33.912_866_078_383,
                112.079_291_497_871,
                221.213_596_169_931,
                220.206_867_912_376,
            ];
            const DEN: [f64; 8] = [
                8.838_834_764_831_84e-2,
                1.755_667_163_182_64,
                16.064_177_579_207,
                86.780_732_202_946_1,
                296.564_248_779_674,
                637.333_633_378_831,
                793.826_512_519_948,
                440.413_735_824_752,
            ];
            let horner = |c: &[f64]| c.iter().fold(0.0, |acc, &k| acc * a + k);
            e * horner(&NUM) / horner(&DEN)
        } else {
            let f = a + 1.0 / (a + 2.0 / (a + 3.0 / (a + 4.0 / (a + 0.65))));
            e / f / 2.506_628_274_631
        }
    };
    if x > 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// One group of identical deals: its count of wins is binomial; `weights[k]`
/// is the probability of `low + k` wins, each win `unit` steps.
struct Group {
    unit: u128,
    low: u64,
    weights: Vec<f64>,
    /// Of the group's sum, in steps²: n p q × unit².
    variance: f64,
}

/// The exact law of the uncertain part: the probabilities of `s` steps of
/// the lattice. Steps are `u128`: amounts up to 10¹⁵ with 4 decimals are up
/// to 10¹⁹ steps each, and their total overflows `u64` from two such deals
/// on. The sorted list keeps `u64` keys while the total fits (the usual
/// case; half the memory of `u128` keys, and faster to sort).
enum Pmf {
    Dense { offset: u128, cells: Vec<f64> },
    Sparse(Vec<(u64, f64)>),
    Wide(Vec<(u128, f64)>),
}

/// A number of lattice steps, the key of the sorted list.
trait Steps: Copy + Ord + TryFrom<u128> {
    const ZERO: Self;
    fn checked_add(self, other: Self) -> Option<Self>;
}

impl Steps for u64 {
    const ZERO: u64 = 0;
    fn checked_add(self, other: u64) -> Option<u64> {
        u64::checked_add(self, other)
    }
}

impl Steps for u128 {
    const ZERO: u128 = 0;
    fn checked_add(self, other: u128) -> Option<u128> {
        u128::checked_add(self, other)
    }
}

impl Pmf {
    /// (steps, probability) of the possible sums, ascending.
    fn points(&self) -> Box<dyn DoubleEndedIterator<Item = (u128, f64)> + '_> {
        match self {
            Pmf::Dense { offset, cells } => Box::new(
                cells
                    .iter()
                    .enumerate()
                    .filter(|(_, &p)| p > 0.0)
                    .map(move |(i, &p)| {
                        let i = u128::try_from(i).unwrap_or(u128::MAX);
                        (offset.saturating_add(i), p)
                    }),
            ),
            Pmf::Sparse(points) => Box::new(
                points
                    .iter()
                    .filter(|&&(_, p)| p > 0.0)
                    .map(|&(s, p)| (u128::from(s), p)),
            ),
            Pmf::Wide(points) => Box::new(points.iter().copied().filter(|&(_, p)| p > 0.0)),
        }
    }
}

/// The lattice: step (an amount) and each uncertain amount in steps;
/// `None` when the common denominator or the total steps do not fit `u128`
/// (never for amounts within the app's caps: 5 × 10⁴ deals of at most
/// 10¹⁹ steps of 0.0001 total 5 × 10²³).
fn lattice(uncertain: &[(Ratio, Ratio)]) -> Option<(Ratio, Vec<u128>)> {
    let mut den: u128 = 1;
    for (a, _) in uncertain {
        den = (den / gcd(den, a.denom())).checked_mul(a.denom())?;
    }
    let mut ints = Vec::with_capacity(uncertain.len());
    let mut g = 0;
    for (a, _) in uncertain {
        let x = a.numer().checked_mul(den / a.denom())?;
        g = gcd(g, x);
        ints.push(x);
    }
    let mut total: u128 = 0;
    let mut steps = Vec::with_capacity(ints.len());
    for x in ints {
        let s = x.checked_div(g)?;
        total = total.checked_add(s)?;
        steps.push(s);
    }
    Some((Ratio::new(g, den)?, steps))
}

/// The binomial(n, p) law of the wins of a group, from its most likely
/// count outward by the ratio of neighbouring terms, then normalised.
fn binomial_kernel(n: u64, p: Ratio) -> Option<(u64, Vec<f64>)> {
    let q = Ratio::ONE.checked_sub(p)?;
    let (pf, qf) = (p.to_f64(), q.to_f64());
    let (odds, inverse) = (pf / qf, qf / pf);
    let mode = (((n as f64 + 1.0) * pf).floor() as u64).min(n);
    let mut up = Vec::new();
    let (mut w, mut k) = (1.0, mode);
    while k < n {
        w *= (n - k) as f64 / (k + 1) as f64 * odds;
        if !(w >= KERNEL_CUT && w.is_finite()) {
            break;
        }
        up.push(w);
        k += 1;
    }
    let mut down = Vec::new();
    let (mut w, mut k) = (1.0, mode);
    while k > 0 {
        w *= k as f64 / (n - k + 1) as f64 * inverse;
        if !(w >= KERNEL_CUT && w.is_finite()) {
            break;
        }
        down.push(w);
        k -= 1;
    }
    let low = mode - down.len() as u64;
    let mut weights: Vec<f64> = down.into_iter().rev().collect();
    weights.push(1.0);
    weights.extend(up);
    let sum: f64 = weights.iter().sum();
    if !(sum.is_finite() && sum > 0.0) {
        return None;
    }
    weights.iter_mut().for_each(|w| *w /= sum);
    Some((low, weights))
}

/// The exact law of the uncertain deals, or `None` beyond the caps.
fn exact(pipe: &Pipeline, caps: Caps) -> Option<(Ratio, Pmf)> {
    let (unit, steps) = lattice(&pipe.uncertain)?;
    // No sum exceeds the total of the steps (it fits: `lattice` checked).
    let total = steps.iter().try_fold(0u128, |t, &s| t.checked_add(s))?;
    let mut keyed: Vec<(u128, Ratio)> = steps
        .into_iter()
        .zip(pipe.uncertain.iter().map(|&(_, p)| p))
        .collect();
    keyed.sort_unstable();
    let mut groups = Vec::new();
    for chunk in keyed.chunk_by(|a, b| a == b) {
        let &(unit, p) = chunk.first()?;
        let n = u64::try_from(chunk.len()).ok()?;
        let (low, weights) = binomial_kernel(n, p)?;
        let q = Ratio::ONE.checked_sub(p)?;
        // Integer to float `as` rounds to the nearest, never wraps.
        let u = unit as f64;
        let variance = n as f64 * p.to_f64() * q.to_f64() * u * u;
        groups.push(Group {
            unit,
            low,
            weights,
            variance,
        });
    }

    // Work without trimming (exact for small cases), and with the live
    // window of the dense array trimmed to about ±12σ of the part so far.
    // Cells, points and work in u128, saturating: a total of steps up to
    // 5 × 10²³ fits, and anything near u128::MAX is far beyond the caps.
    let (mut cells, mut dense_work, mut trimmed_work, mut var) = (1u128, 0u128, 0u128, 0.0);
    let (mut points, mut peak, mut sparse_work) = (1u128, 1u128, 0u128);
    for g in &groups {
        let m = u128::try_from(g.weights.len()).ok()?;
        dense_work = dense_work.saturating_add(cells.saturating_mul(m));
        // A float to integer `as` saturates (NaN gives 0): never wraps.
        let window = ((24.0 * f64::sqrt(var)).ceil() as u128).saturating_add(1);
        trimmed_work = trimmed_work.saturating_add(cells.min(window).saturating_mul(m));
        var += g.variance;
        let merged = points.saturating_mul(m);
        sparse_work = sparse_work.saturating_add(merged.saturating_mul(u128::from(SPARSE_COST)));
        peak = peak.max(merged);
        cells = cells.saturating_add(m.saturating_sub(1).saturating_mul(g.unit));
        points = merged.min(cells);
    }
    let dense_estimate = dense_work.min(trimmed_work);
    let work = u128::from(caps.work);
    let dense_ok = cells <= u128::from(caps.dense_cells) && dense_estimate <= work;
    let sparse_ok = peak <= u128::from(caps.sparse_points) && sparse_work <= work;
    if dense_ok && !(sparse_ok && sparse_work < dense_estimate) {
        // The estimate of the trimmed window is a guess: the budget decides.
        if let Some(pmf) = dense(&groups, cells, caps.work) {
            return Some((unit, pmf));
        }
    }
    if sparse_ok {
        let pmf = if u64::try_from(total).is_ok() {
            Pmf::Sparse(sparse(&groups, caps)?)
        } else {
            Pmf::Wide(sparse(&groups, caps)?)
        };
        return Some((unit, pmf));
    }
    None
}

/// How many leading cells hold together less than [`TRIM`].
fn negligible<'a>(cells: impl Iterator<Item = &'a f64>) -> usize {
    let (mut mass, mut count) = (0.0, 0);
    for &c in cells {
        mass += c;
        if mass >= TRIM {
            break;
        }
        count += 1;
    }
    count
}

/// The convolution on a dense array over the lattice; `None` when the work
/// exceeds `budget` cell updates.
fn dense(groups: &[Group], cells: u128, budget: u64) -> Option<Pmf> {
    let cells = usize::try_from(cells).ok()?;
    let mut cur = vec![0.0; cells];
    let mut next = vec![0.0; cells];
    *cur.first_mut()? = 1.0;
    // The live window [start, end) of `cur`: index i is `offset + i` steps.
    let (mut start, mut end, mut offset, mut work) = (0usize, 1usize, 0u128, 0u64);
    for g in groups {
        let unit = usize::try_from(g.unit).ok()?;
        let len = end - start;
        work = work.saturating_add((len as u64).saturating_mul(g.weights.len() as u64));
        if work > budget {
            return None;
        }
        let grown = end.checked_add((g.weights.len() - 1).checked_mul(unit)?)?;
        next.get_mut(end..grown)?.fill(0.0);
        let src = cur.get(start..end)?;
        for (k, &w) in g.weights.iter().enumerate() {
            let at = start.checked_add(k.checked_mul(unit)?)?;
            let dst = next.get_mut(at..at.checked_add(len)?)?;
            if k == 0 {
                dst.iter_mut().zip(src).for_each(|(d, &s)| *d = w * s);
            } else {
                dst.iter_mut().zip(src).for_each(|(d, &s)| *d += w * s);
            }
        }
        std::mem::swap(&mut cur, &mut next);
        end = grown;
        offset = offset.checked_add(u128::from(g.low).checked_mul(g.unit)?)?;
        let window = cur.get(start..end)?;
        let lead = negligible(window.iter());
        let trail = negligible(window.iter().rev());
        if lead + trail < window.len() {
            start += lead;
            end -= trail;
        }
    }
    Some(Pmf::Dense {
        offset: offset.checked_add(u128::try_from(start).ok()?)?,
        cells: cur.get(start..end)?.to_vec(),
    })
}

/// The convolution on a sorted list of the sums that occur; `None` beyond
/// the caps.
fn sparse<K: Steps>(groups: &[Group], caps: Caps) -> Option<Vec<(K, f64)>> {
    let mut cur = vec![(K::ZERO, 1.0)];
    let mut work = 0u64;
    for g in groups {
        let merged = (cur.len() as u64).saturating_mul(g.weights.len() as u64);
        work = work.saturating_add(merged.saturating_mul(SPARSE_COST));
        if work > caps.work || merged > caps.sparse_points {
            return None;
        }
        let mut next = Vec::with_capacity(cur.len().saturating_mul(g.weights.len()));
        for (k, &w) in (0u64..).zip(&g.weights) {
            let shift = u128::from(g.low.checked_add(k)?).checked_mul(g.unit)?;
            let shift = K::try_from(shift).ok()?;
            for &(s, p) in &cur {
                next.push((s.checked_add(shift)?, p * w));
            }
        }
        // A stable sort finds the sorted runs (one per term) and merges them.
        next.sort_by_key(|&(s, _)| s);
        next.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
        let lead = negligible(next.iter().map(|(_, p)| p));
        let trail = negligible(next.iter().rev().map(|(_, p)| p));
        if lead + trail < next.len() {
            next.truncate(next.len() - trail);
            next.drain(..lead);
        }
        cur = next;
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-15);
        assert!((normal_cdf(1.0) - 0.841_344_746_068_542_9).abs() < 1e-14);
        assert!((normal_cdf(-Z90) - 0.1).abs() < 1e-14);
        // Relative error in the far tail (references: ½ erfc(−x/√2)).
        let rel = |x: f64, want: f64| ((normal_cdf(x) - want) / want).abs();
        assert!(rel(-3.0, 1.349_898_031_630_095_7e-3) < 1e-13);
        assert!(rel(-8.0, 6.220_960_574_271_819e-16) < 1e-7);
        assert!(rel(-20.0, 2.753_624_118_606_331_4e-89) < 1e-10);
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn binomial_kernel_sums_to_one_and_matches_small_n() {
        let (low, w) = binomial_kernel(3, Ratio::percent(50)).unwrap();
        assert_eq!(low, 0);
        let expected = [0.125, 0.375, 0.375, 0.125];
        for (a, b) in w.iter().zip(expected) {
            assert!((a - b).abs() < 1e-15);
        }
        let (_, w) = binomial_kernel(10_000, Ratio::percent(20)).unwrap();
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
}
