//! The three levers a manager has (funnel-theory.md, "Forecast from the
//! open pipeline"): more opportunities, higher win rates, shorter cycles,
//! and what each does to the plan's figures, alone and together.
//!
//! Precisely (funnel-theory.md): "more opportunities" scales the weekly
//! intake of new leads by (1 + x); "win rate change" scales every open
//! stage's conversion `c_k` by (1 + x), each capped at 100 %, so the close
//! ratio grows by up to (1 + x) per stage (+10 % on three stages is
//! ×1.331); "cycle change" scales every dwell time by (1 + x).
//!
//! Everything is exact (`Ratio`), and every function is total: a value or a
//! [`LeverError`], never a panic.

use super::funnel::Funnel;
use super::plan::{required, PlanError};
use super::ratio::Ratio;
use serde::{Deserialize, Serialize};

/// Smallest change a lever takes, in percent. −100 % would stop the intake
/// (or every conversion, or make a cycle of 0 days) and leave nothing to
/// compare; halving is as far as a workshop goes.
pub const MIN_PERCENT: i32 = -50;

/// Largest change a lever takes, in percent: doubling.
pub const MAX_PERCENT: i32 = 100;

/// Why a lever comparison, or one of its figures, cannot be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LeverError {
    /// A lever set outside [`MIN_PERCENT`] … [`MAX_PERCENT`].
    OutOfRange { percent: i32 },
    /// The funnel has no open stage (its top stage is the won stage). A
    /// funnel without a won stage cannot be built at all ([`Funnel::new`]
    /// refuses it), so it never reaches here.
    NoOpenStages,
    /// Open stage `stage` (0-based, top first) converts more than 100 %.
    AboveHundred { stage: usize },
    /// Open stage `stage` has 0 dwell days: there is no sales cycle.
    ZeroDwell { stage: usize },
    /// The period is 0 weeks long.
    WeeksNotPositive,
    /// Open stage `stage` converts 0 %: no intake reaches the target.
    Unreachable { stage: usize },
    /// A figure does not fit the exact arithmetic, or is beyond
    /// [`super::plan::MAX_RESULT`].
    TooLarge,
    /// Sales velocity needs the average deal size, which is not known.
    NoDealSize,
}

/// One lever.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lever {
    /// Scales the weekly intake of new leads.
    Opportunities,
    /// Scales every open stage's conversion, each capped at 100 %.
    WinRates,
    /// Scales every open stage's dwell days.
    Cycle,
}

impl Lever {
    /// The three levers, in the order the screen shows them.
    pub const ALL: [Lever; 3] = [Lever::Opportunities, Lever::WinRates, Lever::Cycle];
}

/// A relative change `x` in whole percent, within [`MIN_PERCENT`] …
/// [`MAX_PERCENT`]; its factor is `1 + x`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Change(i32);

impl Change {
    /// No change: factor 1.
    pub const ZERO: Change = Change(0);

    /// `percent` %; `OutOfRange` outside [`MIN_PERCENT`] … [`MAX_PERCENT`].
    pub fn new(percent: i32) -> Result<Change, LeverError> {
        if (MIN_PERCENT..=MAX_PERCENT).contains(&percent) {
            Ok(Change(percent))
        } else {
            Err(LeverError::OutOfRange { percent })
        }
    }

    /// The change in percent, e.g. −20.
    pub fn percent(self) -> i32 {
        self.0
    }

    /// `1 + x` exactly, e.g. 11/10 for +10 %; between 1/2 and 2.
    pub fn factor(self) -> Ratio {
        // 50 ≤ 100 + x ≤ 200 by construction, so the conversion holds.
        let hundreds = u128::try_from(100 + self.0).unwrap_or(100);
        Ratio::new(hundreds, 100).unwrap_or(Ratio::ONE)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

/// The setting of all three levers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Levers {
    pub opportunities: Change,
    pub win_rates: Change,
    pub cycle: Change,
}

impl Levers {
    /// Every lever at 0: the baseline.
    pub const ZERO: Levers = Levers {
        opportunities: Change::ZERO,
        win_rates: Change::ZERO,
        cycle: Change::ZERO,
    };

    /// `lever` set to `change`, the others at 0.
    pub fn only(lever: Lever, change: Change) -> Levers {
        Levers::ZERO.with(lever, change)
    }

    /// These levers with `lever` set to `change`.
    pub fn with(mut self, lever: Lever, change: Change) -> Levers {
        match lever {
            Lever::Opportunities => self.opportunities = change,
            Lever::WinRates => self.win_rates = change,
            Lever::Cycle => self.cycle = change,
        }
        self
    }

    /// The change `lever` is set to.
    pub fn get(self, lever: Lever) -> Change {
        match lever {
            Lever::Opportunities => self.opportunities,
            Lever::WinRates => self.win_rates,
            Lever::Cycle => self.cycle,
        }
    }
}

/// One open stage as the levers see it, top of the funnel first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeverStage {
    /// Conversion `c_k` to the next stage, in [0, 1].
    pub conversion: Ratio,
    /// Standard days in the stage, ≥ 1.
    pub dwell_days: u32,
}

/// The open stages of `funnel` with their dwell days (`dwell_days[k]` for
/// stage k as entered; `None` where the field is not a good number).
///
/// Errors: `NoOpenStages`, `ZeroDwell` for a missing or 0 dwell.
pub fn open_stages(
    funnel: &Funnel,
    dwell_days: &[Option<u32>],
) -> Result<Vec<LeverStage>, LeverError> {
    if funnel.won_index() == 0 {
        return Err(LeverError::NoOpenStages);
    }
    (0..funnel.won_index())
        .map(|k| {
            let dwell = dwell_days.get(k).copied().flatten().unwrap_or(0);
            if dwell == 0 {
                return Err(LeverError::ZeroDwell { stage: k });
            }
            Ok(LeverStage {
                conversion: funnel.conversion(k).unwrap_or(Ratio::ZERO),
                dwell_days: dwell,
            })
        })
        .collect()
}

/// What the levers act on: the plan as it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Baseline<'a> {
    /// The open stages, top first (at least one).
    pub stages: &'a [LeverStage],
    /// D: wins the target asks for in the period.
    pub deals: u64,
    /// T: the period's length in weeks (> 0).
    pub weeks: Ratio,
    /// Average deal size, for sales velocity; `None` when not known.
    pub deal_size: Option<Ratio>,
}

/// A figure, or why it cannot be given.
pub type Figure<T> = Result<T, LeverError>;

/// The six figures the levers are compared on, for one lever setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeverFigures {
    /// Wins in the period from the baseline intake: baseline intake per
    /// week × (1 + x_opportunities) × T × close ratio, the close ratio after
    /// the win-rate lever. At 0 it is D. May be fractional (expected wins).
    pub wins: Figure<Ratio>,
    /// Leads needed for the target, `⌈D ÷ close ratio⌉` (worked example 3:
    /// D = 30 at 20 % is 150). Only the win-rate lever moves it.
    pub leads_needed: Figure<u64>,
    /// Close ratio `p_1 = Π c'_k`, with `c'_k = min(1, c_k × (1 + x_win))`.
    pub close_ratio: Figure<Ratio>,
    /// Sales cycle in days: Σ dwell_k × (1 + x_cycle); may be fractional.
    pub cycle_days: Figure<Ratio>,
    /// The standing funnel's total (Little's law, funnel-theory.md "Time"):
    /// Σ over open stages of the weekly arrivals into stage k × its dwell in
    /// weeks, the arrivals being the (changed) intake × the share of it
    /// reaching stage k, `Π_{j<k} c'_j`. At 0 this is the plan's ideal
    /// funnel, `Σ (D ÷ T) ÷ p_k × dwell_k ÷ 7`, unrounded.
    pub standing_total: Figure<Ratio>,
    /// Sales velocity, money per day (funnel-theory.md: open opportunities
    /// × average deal size × p_1 ÷ cycle days). For a plan the open
    /// opportunities are the standing funnel the team holds now — the
    /// baseline standing total — with the opportunities lever applied to
    /// it; the win-rate lever acts through p_1 and the cycle lever through
    /// the cycle. So each lever moves velocity by its own factor (cycle
    /// −20 % gives ×1.25), as the velocity formula teaches. (The standing
    /// total above is instead what the changed flow holds at steady state,
    /// where a shorter cycle needs fewer open deals for the same wins.)
    pub velocity: Figure<Ratio>,
}

/// Baseline beside each lever alone and all three together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeverComparison {
    pub levers: Levers,
    pub baseline: LeverFigures,
    pub opportunities: LeverFigures,
    pub win_rates: LeverFigures,
    pub cycle: LeverFigures,
    pub together: LeverFigures,
}

impl LeverComparison {
    /// The figures with only `lever` moved.
    pub fn alone(&self, lever: Lever) -> &LeverFigures {
        match lever {
            Lever::Opportunities => &self.opportunities,
            Lever::WinRates => &self.win_rates,
            Lever::Cycle => &self.cycle,
        }
    }
}

fn mul(a: Ratio, b: Ratio) -> Figure<Ratio> {
    a.checked_mul(b).ok_or(LeverError::TooLarge)
}

fn div(a: Ratio, b: Ratio) -> Figure<Ratio> {
    a.checked_div(b).ok_or(LeverError::TooLarge)
}

fn add(a: Ratio, b: Ratio) -> Figure<Ratio> {
    a.checked_add(b).ok_or(LeverError::TooLarge)
}

fn int(n: impl Into<u128>) -> Ratio {
    Ratio::from_int(n.into())
}

/// The structural checks every figure rests on.
fn check(baseline: &Baseline) -> Result<(), LeverError> {
    if baseline.stages.is_empty() {
        return Err(LeverError::NoOpenStages);
    }
    if let Some(stage) = baseline
        .stages
        .iter()
        .position(|s| s.conversion > Ratio::ONE)
    {
        return Err(LeverError::AboveHundred { stage });
    }
    if let Some(stage) = baseline.stages.iter().position(|s| s.dwell_days == 0) {
        return Err(LeverError::ZeroDwell { stage });
    }
    if baseline.weeks.is_zero() {
        return Err(LeverError::WeeksNotPositive);
    }
    Ok(())
}

/// `min(1, c × factor)`: a conversion after the win-rate lever.
pub fn raised_conversion(conversion: Ratio, change: Change) -> Figure<Ratio> {
    Ok(mul(conversion, change.factor())?.min(Ratio::ONE))
}

/// Close ratio `Π c_k` of conversions, top to won.
fn product(conversions: &[Ratio]) -> Figure<Ratio> {
    conversions.iter().try_fold(Ratio::ONE, |p, &c| mul(p, c))
}

/// `Unreachable` at the first 0 % conversion.
fn reachable(conversions: &[Ratio]) -> Result<(), LeverError> {
    match conversions.iter().position(|c| c.is_zero()) {
        Some(stage) => Err(LeverError::Unreachable { stage }),
        None => Ok(()),
    }
}

/// The weekly intake the baseline plan needs: `(D ÷ T) ÷ p_1`.
fn baseline_intake(baseline: &Baseline, planned: &[Ratio]) -> Figure<Ratio> {
    reachable(planned)?;
    let p1 = product(planned)?;
    div(div(int(baseline.deals), baseline.weeks)?, p1)
}

/// Σ_k intake × reach_k × dwell_k × cycle factor ÷ 7, with
/// reach_k = Π_{j<k} c_j.
fn standing(
    intake: Ratio,
    conversions: &[Ratio],
    stages: &[LeverStage],
    cycle: Change,
) -> Figure<Ratio> {
    let dwell_factor = div(cycle.factor(), int(7u8))?;
    let mut reach = Ratio::ONE;
    let mut total = Ratio::ZERO;
    for (stage, &c) in stages.iter().zip(conversions) {
        let arrivals = mul(intake, reach)?;
        let dwell_weeks = mul(int(stage.dwell_days), dwell_factor)?;
        total = add(total, mul(arrivals, dwell_weeks)?)?;
        reach = mul(reach, c)?;
    }
    Ok(total)
}

/// The six figures for one lever setting (see [`LeverFigures`] for each
/// definition).
///
/// Errors for the whole setting: `NoOpenStages`, `AboveHundred`,
/// `ZeroDwell`, `WeeksNotPositive`. Each figure may be blocked on its own:
/// `Unreachable` (a 0 % stage; the close ratio is then 0 and shown),
/// `TooLarge`, and `NoDealSize` (velocity only).
pub fn figures(baseline: &Baseline, levers: Levers) -> Result<LeverFigures, LeverError> {
    check(baseline)?;
    let stages = baseline.stages;
    let planned: Vec<Ratio> = stages.iter().map(|s| s.conversion).collect();
    let raised: Figure<Vec<Ratio>> = stages
        .iter()
        .map(|s| raised_conversion(s.conversion, levers.win_rates))
        .collect();
    let close_ratio = raised.as_ref().map_err(|e| *e).and_then(|c| product(c));
    let base_intake = baseline_intake(baseline, &planned);
    let intake = base_intake.and_then(|i| mul(i, levers.opportunities.factor()));

    let wins = (|| {
        let p1 = close_ratio?;
        mul(mul(intake?, baseline.weeks)?, p1)
    })();

    let leads_needed = close_ratio.and_then(|p1| match required(baseline.deals, p1) {
        Ok(Some(n)) => Ok(n),
        // p_1 is 0 only when a conversion is, and the cap never makes one 0.
        Ok(None) => Err(reachable(&planned)
            .err()
            .unwrap_or(LeverError::Unreachable { stage: 0 })),
        Err(PlanError::TooLarge | PlanError::ZeroDealSize) => Err(LeverError::TooLarge),
    });

    let base_cycle = stages
        .iter()
        .try_fold(Ratio::ZERO, |sum, s| add(sum, int(s.dwell_days)));
    let cycle_days = base_cycle.and_then(|c| mul(c, levers.cycle.factor()));

    let standing_total = (|| {
        let conversions = raised.clone()?;
        standing(intake?, &conversions, stages, levers.cycle)
    })();

    let velocity = (|| {
        let size = baseline.deal_size.ok_or(LeverError::NoDealSize)?;
        let held = standing(base_intake?, &planned, stages, Change::ZERO)?;
        let open = mul(held, levers.opportunities.factor())?;
        div(mul(mul(open, size)?, close_ratio?)?, cycle_days?)
    })();

    Ok(LeverFigures {
        wins,
        leads_needed,
        close_ratio,
        cycle_days,
        standing_total,
        velocity,
    })
}

/// Baseline, each lever alone and all together, for `levers`.
///
/// Errors: as [`figures`] for the whole comparison.
pub fn compare(baseline: &Baseline, levers: Levers) -> Result<LeverComparison, LeverError> {
    let alone = |lever: Lever| figures(baseline, Levers::only(lever, levers.get(lever)));
    Ok(LeverComparison {
        levers,
        baseline: figures(baseline, Levers::ZERO)?,
        opportunities: alone(Lever::Opportunities)?,
        win_rates: alone(Lever::WinRates)?,
        cycle: alone(Lever::Cycle)?,
        together: figures(baseline, levers)?,
    })
}

/// One open stage in the compounding demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompoundStep {
    /// Conversion as planned.
    pub conversion: Ratio,
    /// `min(1, conversion × (1 + x))`.
    pub raised: Ratio,
    /// The cap at 100 % cut the raise short.
    pub capped: bool,
    /// `(1 + x)^(k+1)`: what top-to-won would grow by after this stage
    /// without the cap.
    pub chain: Ratio,
    /// What top-to-won has actually grown by after this stage,
    /// `Π_{j≤k} raised_j ÷ conversion_j`.
    pub growth: Ratio,
}

/// The compounding the articles teach: raising every stage conversion by
/// `x` multiplies the close ratio by up to `(1 + x)` per open stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compounding {
    pub change: Change,
    /// One per open stage, top first.
    pub steps: Vec<CompoundStep>,
    /// Close ratio as planned.
    pub close_ratio: Ratio,
    /// Close ratio with every conversion raised (each capped at 100 %).
    pub raised_close_ratio: Ratio,
    /// `(1 + x)^n` for n open stages: the growth without the cap.
    pub chain: Ratio,
    /// `raised_close_ratio ÷ close_ratio`: the growth with the cap.
    pub growth: Ratio,
}

/// The compounding demo for `stages` raised by `change` (the screen uses
/// +10 %: three open stages give ×1.331).
///
/// Errors: `NoOpenStages`, `AboveHundred`, `Unreachable` (a 0 % stage has
/// nothing to multiply), `TooLarge`.
pub fn compounding(stages: &[LeverStage], change: Change) -> Result<Compounding, LeverError> {
    if stages.is_empty() {
        return Err(LeverError::NoOpenStages);
    }
    if let Some(stage) = stages.iter().position(|s| s.conversion > Ratio::ONE) {
        return Err(LeverError::AboveHundred { stage });
    }
    let conversions: Vec<Ratio> = stages.iter().map(|s| s.conversion).collect();
    reachable(&conversions)?;
    let factor = change.factor();
    let mut steps = Vec::with_capacity(stages.len());
    let (mut chain, mut growth) = (Ratio::ONE, Ratio::ONE);
    let (mut before, mut after) = (Ratio::ONE, Ratio::ONE);
    for &conversion in &conversions {
        let raised = raised_conversion(conversion, change)?;
        chain = mul(chain, factor)?;
        growth = mul(growth, div(raised, conversion)?)?;
        before = mul(before, conversion)?;
        after = mul(after, raised)?;
        steps.push(CompoundStep {
            conversion,
            raised,
            capped: raised < mul(conversion, factor)?,
            chain,
            growth,
        });
    }
    Ok(Compounding {
        change,
        steps,
        close_ratio: before,
        raised_close_ratio: after,
        chain,
        growth,
    })
}

/// How a changed figure compares with its baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delta {
    /// The same value.
    Same,
    /// Higher by `by` of the baseline (e.g. 331/1000 for +33.1 %).
    Up { by: Ratio },
    /// Lower by `by` of the baseline.
    Down { by: Ratio },
    /// The baseline is 0 and the changed value is not: no relative change.
    FromZero,
}

/// `changed ÷ base − 1` as a direction and a size, exactly.
pub fn delta(base: Ratio, changed: Ratio) -> Delta {
    if base == changed {
        return Delta::Same;
    }
    let Some(q) = changed.checked_div(base) else {
        return Delta::FromZero;
    };
    match (q.checked_sub(Ratio::ONE), Ratio::ONE.checked_sub(q)) {
        (Some(by), _) => Delta::Up { by },
        (None, Some(by)) => Delta::Down { by },
        // Unreachable for a quotient that fits; say "from zero" rather than guess.
        (None, None) => Delta::FromZero,
    }
}
