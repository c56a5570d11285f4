//! Two scenarios side by side: each one's key figures and chart data, and
//! the difference between them, as plain values for the Compare screen.
//!
//! No web dependencies: every figure is read from the model's
//! [`Evaluation`] and [`PipelineEval`] (never recomputed here), and this
//! module only lines them up and takes differences, so it is tested
//! natively (tests/compare.rs).

use crate::domain::pipeline::Unavailable;
use crate::domain::{Ratio, Role};
use crate::i18n::{self, Lang};
use crate::model::{Blocked, Evaluation, PlanInput, StageId, TimeBlocked};
use crate::pipeline::{PipelineBlocked, PipelineEval, PipelineInput};
use crate::scenario::ScenarioId;
use std::cmp::Ordering;

/// Why a figure of one scenario shows a dash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The plan cannot be computed (a rate, the target…).
    Plan(Blocked),
    /// The time-phased plan cannot be computed.
    Time(TimeBlocked),
    /// The pipeline forecast cannot be computed at all.
    Pipeline(PipelineBlocked),
    /// The forecast's figure is not available.
    Forecast(Unavailable),
}

/// One bar of a scenario's chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartStage {
    /// The stage's id in its own scenario (a list key).
    pub id: StageId,
    /// The name as shown in the current language.
    pub name: String,
    /// The count the stage needs; `None` where a 0 % stage makes it
    /// unreachable.
    pub count: Option<u64>,
    /// The won stage (drawn in the won colour).
    pub won: bool,
}

/// A scenario's figures as the Compare screen shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// The chart's stages (open and won, top first), or why there is none.
    pub chart: Result<Vec<ChartStage>, Why>,
    /// Deals needed to meet the target.
    pub deals: Result<u64, Why>,
    /// Leads needed at the top.
    pub leads: Result<u64, Why>,
    /// Overall close ratio, top to won.
    pub close_ratio: Result<Ratio, Why>,
    /// Sales cycle: the open stages' dwell days summed, in days.
    pub cycle_days: Result<u32, Why>,
    /// Opportunities the steady funnel holds at any moment: the open
    /// stages' standing counts (each rounded up) summed.
    pub steady_total: Result<u64, Why>,
    /// New leads a week the steady plan adds, exact.
    pub leads_per_week: Result<Ratio, Why>,
    /// The weighted forecast for the period, in `currency`; `None` when the
    /// scenario has no deals (nor quick-forecast figures).
    pub weighted: Option<Result<Ratio, Why>>,
    /// ISO 4217 code of the scenario's money.
    pub currency: String,
}

impl Side {
    /// The figures of one scenario, from its inputs, its evaluation and,
    /// when it has deals, its pipeline evaluation (`None` without deals,
    /// so the costly deal math is only run for a scenario that has some).
    pub fn of(
        lang: Lang,
        plan: &PlanInput,
        eval: &Evaluation,
        pipeline: Option<&PipelineEval>,
    ) -> Side {
        let plan_why = |b: Blocked| Why::Plan(b);
        let chart = match &eval.plan {
            Ok(p) => Ok(p
                .stages
                .iter()
                .filter_map(|s| {
                    let stage = plan.stages.get(s.index)?;
                    Some(ChartStage {
                        id: stage.id,
                        name: i18n::stage_display_name(lang, stage, s.index),
                        count: s.required,
                        won: s.role == Role::Won,
                    })
                })
                .collect()),
            Err(b) => Err(plan_why(*b)),
        };
        let cycle_days = match eval.time.cycle_days {
            Some(d) => Ok(d),
            None if eval.funnel.is_none() => Err(Why::Plan(Blocked::Funnel)),
            None if eval.time.dwell_problems.iter().any(Option::is_some) => {
                Err(Why::Time(TimeBlocked::Dwell))
            }
            None => Err(Why::Plan(Blocked::TooLarge)),
        };
        let time = eval.time.plan.as_ref().map_err(|b| Why::Time(*b));
        let steady_total = time.and_then(|t| {
            t.ideal
                .iter()
                .try_fold(0u64, |acc, s| acc.checked_add(s.standing_rounded))
                .ok_or(Why::Plan(Blocked::TooLarge))
        });
        let weighted = pipeline.map(|p| match &p.forecast {
            Ok(f) => f.weighted.map_err(Why::Forecast),
            Err(b) => Err(Why::Pipeline(*b)),
        });
        Side {
            chart,
            deals: eval.deals.map_err(plan_why),
            leads: eval.leads().map_err(plan_why),
            close_ratio: eval.close_ratio().map_err(plan_why),
            cycle_days,
            steady_total,
            leads_per_week: time.map(|t| t.leads_per_week),
            weighted,
            currency: plan.currency.clone(),
        }
    }

    /// The largest count of the chart (0 without a chart).
    pub fn widest(&self) -> u64 {
        self.chart
            .as_ref()
            .map(|c| c.iter().filter_map(|s| s.count).max().unwrap_or(0))
            .unwrap_or(0)
    }
}

/// Whether a scenario's forecast is worth computing: it has deals, or
/// quick-forecast figures standing for them.
pub fn has_deals(pipeline: &PipelineInput) -> bool {
    !pipeline.is_empty()
}

/// The one maximum both charts are drawn to: the larger widest count, at
/// least 1 so a scale always exists.
pub fn common_max(left: &Side, right: &Side) -> u64 {
    left.widest().max(right.widest()).max(1)
}

/// Width of a bar for `count` on a scale where `max` is `full` wide:
/// proportional, rounded down, never below `min` (a bar stays visible)
/// nor above `full`.
pub fn bar_width(count: u64, max: u64, full: u64, min: u64) -> u64 {
    let w = u128::from(full) * u128::from(count) / u128::from(max.max(1));
    u64::try_from(w).unwrap_or(full).clamp(min.min(full), full)
}

/// A key figure of the comparison, in the order the table lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    Deals,
    Leads,
    CloseRatio,
    CycleDays,
    SteadyTotal,
    LeadsPerWeek,
    Weighted,
}

/// One figure's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A whole count (deals, leads, opportunities).
    Count(u64),
    /// A rate, as a fraction of one.
    Percent(Ratio),
    /// Days.
    Days(u32),
    /// A flow per week, exact.
    Flow(Ratio),
    /// Money in a currency (ISO 4217).
    Money(Ratio, String),
}

/// Which way the right scenario's figure differs from the left's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Higher,
    Lower,
    Same,
}

/// How far apart the sides are in the figure's own unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Amount {
    Count(u64),
    /// Percentage points: the difference of two rates × 100.
    Points(Ratio),
    Days(u32),
    Flow(Ratio),
    Money(Ratio, String),
}

/// Right − left: the direction, the size, and the size relative to the
/// left figure where that means something.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    pub change: Change,
    /// |right − left|; the sign is `change`.
    pub amount: Amount,
    /// |right − left| ÷ left, rounded half up to a tenth of a percent;
    /// `None` for rates (their difference is in points) and when the left
    /// figure is 0.
    pub relative: Option<Ratio>,
}

/// Why there is no difference to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoDiff {
    /// A side has no figure (its cell says why).
    Missing,
    /// The scenarios count money in different currencies.
    Currencies,
}

/// One scenario's cell of a row: its value, or why there is none;
/// `None` when the scenario has no deals (only for [`Metric::Weighted`]).
pub type Entry = Option<Result<Value, Why>>;

/// One row of the comparison table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareRow {
    pub metric: Metric,
    pub left: Entry,
    pub right: Entry,
    pub diff: Result<Diff, NoDiff>,
}

/// `|a − b|` of two exact values.
fn distance(a: Ratio, b: Ratio) -> Option<Ratio> {
    if a >= b {
        a.checked_sub(b)
    } else {
        b.checked_sub(a)
    }
}

/// `part ÷ whole` as a fraction rounded half up to 0.001 (a tenth of a
/// percent); `None` when `whole` is 0 or the sum does not fit.
fn relative(part: Ratio, whole: Ratio) -> Option<Ratio> {
    if whole.is_zero() {
        return None;
    }
    let r = part.checked_div(whole)?;
    let thousandths = r.numer().checked_mul(1000)?.checked_add(r.denom() / 2)? / r.denom();
    Ratio::new(thousandths, 1000)
}

/// The difference right − left of two values of the same kind.
pub fn diff(left: &Value, right: &Value) -> Result<Diff, NoDiff> {
    let (l, r) = match (left, right) {
        (Value::Count(l), Value::Count(r)) => (
            Ratio::from_int(u128::from(*l)),
            Ratio::from_int(u128::from(*r)),
        ),
        (Value::Days(l), Value::Days(r)) => (
            Ratio::from_int(u128::from(*l)),
            Ratio::from_int(u128::from(*r)),
        ),
        (Value::Percent(l), Value::Percent(r)) | (Value::Flow(l), Value::Flow(r)) => (*l, *r),
        (Value::Money(l, a), Value::Money(r, b)) => {
            if a != b {
                return Err(NoDiff::Currencies);
            }
            (*l, *r)
        }
        _ => return Err(NoDiff::Missing),
    };
    let change = match r.cmp(&l) {
        Ordering::Greater => Change::Higher,
        Ordering::Less => Change::Lower,
        Ordering::Equal => Change::Same,
    };
    let d = distance(l, r).ok_or(NoDiff::Missing)?;
    let whole = |x: Ratio| x.floor();
    let amount = match left {
        Value::Count(_) => Amount::Count(u64::try_from(whole(d)).map_err(|_| NoDiff::Missing)?),
        Value::Days(_) => Amount::Days(u32::try_from(whole(d)).map_err(|_| NoDiff::Missing)?),
        Value::Percent(_) => {
            Amount::Points(d.checked_mul(Ratio::from_int(100)).ok_or(NoDiff::Missing)?)
        }
        Value::Flow(_) => Amount::Flow(d),
        Value::Money(_, c) => Amount::Money(d, c.clone()),
    };
    let relative = match left {
        Value::Percent(_) => None,
        _ => relative(d, l),
    };
    Ok(Diff {
        change,
        amount,
        relative,
    })
}

fn row(metric: Metric, left: Entry, right: Entry) -> CompareRow {
    let diff = match (&left, &right) {
        (Some(Ok(l)), Some(Ok(r))) => diff(l, r),
        _ => Err(NoDiff::Missing),
    };
    CompareRow {
        metric,
        left,
        right,
        diff,
    }
}

/// The table's rows, in [`Metric`] order. The weighted forecast is listed
/// only when at least one scenario has deals.
pub fn rows(left: &Side, right: &Side) -> Vec<CompareRow> {
    fn both<T: Clone>(
        l: &Side,
        r: &Side,
        get: impl Fn(&Side) -> &Result<T, Why>,
        make: impl Fn(T) -> Value,
    ) -> (Entry, Entry) {
        (
            Some(get(l).clone().map(&make)),
            Some(get(r).clone().map(&make)),
        )
    }
    let mut out = Vec::with_capacity(7);
    let (l, r) = both(left, right, |s| &s.deals, Value::Count);
    out.push(row(Metric::Deals, l, r));
    let (l, r) = both(left, right, |s| &s.leads, Value::Count);
    out.push(row(Metric::Leads, l, r));
    let (l, r) = both(left, right, |s| &s.close_ratio, Value::Percent);
    out.push(row(Metric::CloseRatio, l, r));
    let (l, r) = both(left, right, |s| &s.cycle_days, Value::Days);
    out.push(row(Metric::CycleDays, l, r));
    let (l, r) = both(left, right, |s| &s.steady_total, Value::Count);
    out.push(row(Metric::SteadyTotal, l, r));
    let (l, r) = both(left, right, |s| &s.leads_per_week, Value::Flow);
    out.push(row(Metric::LeadsPerWeek, l, r));
    if left.weighted.is_some() || right.weighted.is_some() {
        let money = |s: &Side| {
            s.weighted
                .map(|w| w.map(|x| Value::Money(x, s.currency.clone())))
        };
        out.push(row(Metric::Weighted, money(left), money(right)));
    }
    out
}

/// The two scenarios to compare, from the list (in order), the open one,
/// and what the user chose on each side (kept by id, so a rename changes
/// nothing). `None` with fewer than two scenarios.
///
/// A side not chosen, or whose choice was deleted, falls back: the left to
/// the open scenario (or, when that is the right one, the one after it),
/// the right to the scenario after the left one in the list (wrapping to
/// the first). Both sides may show the same scenario only when the user
/// chose so.
pub fn pick_pair(
    ids: &[ScenarioId],
    active: ScenarioId,
    left: Option<ScenarioId>,
    right: Option<ScenarioId>,
) -> Option<(ScenarioId, ScenarioId)> {
    if ids.len() < 2 {
        return None;
    }
    let valid = |c: Option<ScenarioId>| c.filter(|c| ids.contains(c));
    let after = |id: ScenarioId| {
        let i = ids.iter().position(|x| *x == id).unwrap_or(0);
        ids.get(i + 1).or_else(|| ids.first()).copied()
    };
    let open = valid(Some(active)).or_else(|| ids.first().copied())?;
    match (valid(left), valid(right)) {
        (Some(l), Some(r)) => Some((l, r)),
        (Some(l), None) => Some((l, after(l)?)),
        (None, Some(r)) if open != r => Some((open, r)),
        (None, Some(r)) => Some((after(r)?, r)),
        (None, None) => Some((open, after(open)?)),
    }
}
