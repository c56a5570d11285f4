//! The distribution of the period's won revenue (funnel-theory.md, "Forecast
//! from the open pipeline", "Precisely": chance to hit target, P10 / P50 /
//! P90). Stub: the public API; the computation is being written.

use super::Ratio;

/// How the figures were computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    /// The exact distribution of the sum (probabilities in `f64`, so off by
    /// float rounding only, far below 10⁻⁹).
    Exact,
    /// The normal approximation with the exact mean and variance. Every
    /// probability it gives (each bin, the chance, the levels of the
    /// percentiles) is within `max_cdf_error` (a fraction of one, in
    /// (0, 1]) of the true one: the Berry–Esseen bound.
    Approximate { max_cdf_error: f64 },
}

/// One bar of the histogram: the probability that the sum lies in
/// [`from`, `to`) (amounts); `from == to` only for a certain sum (a single
/// bin holding the whole probability).
#[derive(Clone, Debug, PartialEq)]
pub struct Bin {
    pub from: Ratio,
    pub to: Ratio,
    /// A fraction of one.
    pub probability: f64,
}

/// The distribution of realised + the won part of the open deals.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub method: Method,
    /// Expected sum (the weighted forecast): realised + Σ amount × p, exact.
    pub mean: Ratio,
    /// Percentiles (amounts): Px is the smallest v with P(sum ≤ v) ≥ x %.
    pub p10: Ratio,
    pub p50: Ratio,
    pub p90: Ratio,
    /// P(sum ≥ target) as a fraction of one; `None` without a target.
    pub chance: Option<f64>,
    /// 1 to 40 contiguous bins, low to high; probabilities sum to 1.
    pub histogram: Vec<Bin>,
}

/// Why no distribution could be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistError {
    /// The open deal at this index has a probability above 1.
    ProbabilityAboveOne { index: usize },
    /// The sums or the mean do not fit the exact number type.
    TooLarge,
}

/// The distribution of `realised` + Σ over `open` of amount × Bernoulli(p),
/// deals closing independently. `open` holds (amount, probability) of the
/// open deals closing in the period; amounts of 0 add nothing.
pub fn distribution(
    realised: Ratio,
    open: &[(Ratio, Ratio)],
    target: Option<Ratio>,
) -> Result<Distribution, DistError> {
    let mut mean = realised;
    for (index, &(amount, p)) in open.iter().enumerate() {
        if p > Ratio::ONE {
            return Err(DistError::ProbabilityAboveOne { index });
        }
        mean = amount
            .checked_mul(p)
            .and_then(|x| mean.checked_add(x))
            .ok_or(DistError::TooLarge)?;
    }
    Ok(Distribution {
        method: Method::Exact,
        mean,
        p10: mean,
        p50: mean,
        p90: mean,
        chance: target.map(|t| if mean >= t { 1.0 } else { 0.0 }),
        histogram: vec![Bin {
            from: mean,
            to: mean,
            probability: 1.0,
        }],
    })
}
