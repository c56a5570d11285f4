//! The reverse funnel: what a target requires at every stage.

use super::binomial::prob_at_least;
use super::funnel::{Funnel, Role};
use super::ratio::Ratio;

/// Largest count shown: beyond 2^53 a browser can no longer print every
/// digit, and no sales plan needs more.
pub const MAX_RESULT: u128 = 9_007_199_254_740_991;

/// Largest number of leads the confidence search looks at.
pub const CONFIDENCE_CAP: u64 = 100_000_000;

/// What the user aims for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A revenue target and the average deal size.
    Revenue { revenue: Ratio, deal_size: Ratio },
    /// A number of deals entered directly.
    Deals(u64),
}

/// A plan that cannot be given as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanError {
    /// A figure would be larger than [`MAX_RESULT`].
    TooLarge,
    /// The average deal size is zero.
    ZeroDealSize,
}

/// `D = ⌈revenue ÷ deal size⌉`, or the deal count itself.
pub fn deals_needed(target: Target) -> Result<u64, PlanError> {
    match target {
        Target::Deals(d) => Ok(d),
        Target::Revenue { revenue, deal_size } => {
            let q = revenue
                .checked_div(deal_size)
                .ok_or(PlanError::ZeroDealSize)?;
            to_count(q.ceil())
        }
    }
}

fn to_count(n: u128) -> Result<u64, PlanError> {
    if n > MAX_RESULT {
        Err(PlanError::TooLarge)
    } else {
        u64::try_from(n).map_err(|_| PlanError::TooLarge)
    }
}

/// `⌈D ÷ p⌉` exactly; `Ok(None)` when `p` is 0 (no number of entries is
/// enough).
pub fn required(deals: u64, p: Ratio) -> Result<Option<u64>, PlanError> {
    if p.is_zero() {
        return Ok(None);
    }
    let q = Ratio::from_int(u128::from(deals))
        .checked_div(p)
        .ok_or(PlanError::TooLarge)?;
    to_count(q.ceil()).map(Some)
}

/// Expected wins from `count` opportunities at win rate `p` (worked
/// example 5: 50 in a 30 % stage are 15 deals).
pub fn expected_wins(count: u64, p: Ratio) -> Option<Ratio> {
    Ratio::from_int(u128::from(count)).checked_mul(p)
}

/// Close ratio from counts: `won ÷ contacted`; `None` when none contacted.
pub fn close_ratio_of(won: u64, contacted: u64) -> Option<Ratio> {
    Ratio::new(u128::from(won), u128::from(contacted))
}

/// One planned stage: an open stage or the won stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StagePlan {
    /// Position of the stage in the funnel as entered.
    pub index: usize,
    pub role: Role,
    pub win_rate: Ratio,
    /// Conversion to the next stage; `None` for the won stage.
    pub conversion: Option<Ratio>,
    /// `⌈D ÷ p_k⌉`; `None` where a 0 % rate makes it unreachable.
    pub required: Option<u64>,
}

/// What a target requires of a funnel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub deals: u64,
    /// Open stages and the won stage, top first; the lost stage is not planned.
    pub stages: Vec<StagePlan>,
    pub close_ratio: Ratio,
    /// Leads needed at the top, `N_1`; `None` when unreachable.
    pub leads: Option<u64>,
}

impl Plan {
    /// True when a 0 % stage makes the target unreachable.
    pub fn is_unreachable(&self) -> bool {
        self.leads.is_none()
    }

    /// The largest required count, which sets the scale of a chart.
    pub fn widest(&self) -> u64 {
        self.stages
            .iter()
            .filter_map(|s| s.required)
            .max()
            .unwrap_or(0)
    }
}

/// Required count in every stage, each from D directly (not chained from the
/// stage below: chaining compounds the rounding).
pub fn plan(funnel: &Funnel, deals: u64) -> Result<Plan, PlanError> {
    let stages = (0..=funnel.won_index())
        .map(|k| {
            let win_rate = funnel.win_rate(k);
            Ok(StagePlan {
                index: k,
                role: funnel.role(k),
                win_rate,
                conversion: funnel.conversion(k),
                required: required(deals, win_rate)?,
            })
        })
        .collect::<Result<Vec<_>, PlanError>>()?;
    let leads = stages.first().and_then(|s| s.required);
    Ok(Plan {
        deals,
        stages,
        close_ratio: funnel.close_ratio(),
        leads,
    })
}

/// Leads needed so that the target is likely, not just met on average.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConfidenceLeads {
    /// The smallest N with P(Binomial(N, p) ≥ D) ≥ confidence.
    Leads(u64),
    /// More than [`CONFIDENCE_CAP`] leads.
    AboveCap,
    /// The close ratio is 0 %: no number of leads is enough.
    Unreachable,
}

/// Chance, in [0, 1], that `n` leads at close ratio `p` give at least `deals` wins.
pub fn chance_of_target(n: u64, deals: u64, p: Ratio) -> f64 {
    let q = Ratio::ONE.checked_sub(p).unwrap_or(Ratio::ZERO);
    prob_at_least(n, deals, p.to_f64(), q.to_f64())
}

/// The smallest N with P(Binomial(N, p) ≥ D) ≥ confidence.
///
/// The probability grows with N, so an exponential then a binary search
/// finds N in about 2·log2(N) evaluations. Probabilities are doubles; a
/// value within 1e-12 of the confidence counts as reaching it, so that exact
/// ties (p = 50 %, D = 1, 75 %: N = 2) come out as on paper.
pub fn leads_for_confidence(deals: u64, p: Ratio, confidence: Ratio) -> ConfidenceLeads {
    if deals == 0 {
        return ConfidenceLeads::Leads(0);
    }
    if p.is_zero() {
        return ConfidenceLeads::Unreachable;
    }
    if p >= Ratio::ONE {
        return ConfidenceLeads::Leads(deals);
    }
    if deals > CONFIDENCE_CAP {
        return ConfidenceLeads::AboveCap;
    }
    let target = confidence.to_f64() - 1e-12;
    let meets = |n: u64| chance_of_target(n, deals, p) >= target;
    if meets(deals) {
        return ConfidenceLeads::Leads(deals);
    }
    // N > D from here on; at the cap itself there is no room left to search
    // (a `clamp(D + 1, cap)` here once panicked for D = cap).
    if deals >= CONFIDENCE_CAP {
        return ConfidenceLeads::AboveCap;
    }
    let mut lo = deals; // fails
    let mut hi = match required(deals, p) {
        Ok(Some(n)) => n.max(deals + 1).min(CONFIDENCE_CAP),
        _ => CONFIDENCE_CAP,
    };
    while !meets(hi) {
        if hi >= CONFIDENCE_CAP {
            return ConfidenceLeads::AboveCap;
        }
        lo = hi;
        hi = hi.saturating_mul(2).min(CONFIDENCE_CAP);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if meets(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    ConfidenceLeads::Leads(hi)
}
