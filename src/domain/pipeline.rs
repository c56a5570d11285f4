//! The forecast from the open pipeline (funnel-theory.md, "Forecast from the
//! open pipeline" and its "Precisely" list): weighted forecast, gap,
//! coverage, new leads still needed, per-stage pipeline, balance against the
//! ideal funnel, observed conversion and the bottleneck, stalled and overdue
//! deals, sales velocity, health, and the observed win rates of a deal list.
//!
//! Everything is exact (`Ratio`, integers); only the Wilson interval is
//! `f64`. Every function is total: a figure that cannot be computed carries a
//! typed [`Unavailable`] reason, and a figure too large to hold exactly
//! makes the whole call return [`ForecastError::TooLarge`].
//!
//! Days are whole calendar days (`later − earlier`, as chrono counts them);
//! a span "from a to b, both included" is `b − a + 1` days, as in
//! `time.rs`, and weeks are those days ÷ 7, exactly.

use super::deal::{Deal, StageFacts, StageRef, Status};
use super::funnel::Role;
use super::ratio::Ratio;
use super::time::{IdealStage, ResolvedPeriod};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

/// Why the forecast cannot be given at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ForecastError {
    /// A figure does not fit exactly (sums or fractions beyond 128 bits).
    TooLarge,
}

/// Why one figure is not available; the screen words it at the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unavailable {
    /// The period fields are invalid, so no period figure exists.
    NoPeriod,
    /// No (valid) revenue target.
    NoTarget,
    /// No (valid, non-zero) average deal size.
    NoAverageDeal,
    /// The stages have no won stage, so there is no valid funnel and no p_1.
    NoWonStage,
    /// The stages have no open stage, so there is no p_1.
    NoOpenStage,
    /// The close ratio p_1 (the top open stage's win rate) is 0 %.
    TopRateZero,
    /// No valid sales cycle (a dwell time missing or invalid), or it is 0 days.
    NoCycle,
    /// Realised revenue already meets the target: the remaining target is
    /// ≤ 0, so coverage has no meaning.
    TargetReached,
    /// No time is left: today is after the last date a new lead can enter
    /// and still close in the period (period end − sales cycle), so the gap
    /// can no longer be closed with new leads.
    NoTimeLeft,
    /// No ideal funnel was given (time plan unavailable), or its standing
    /// count for this stage is 0.
    NoIdeal,
    /// The count the figure divides by is 0 (no deals in the stage, no
    /// closed deals in the period, no won deal with both dates…).
    NoDeals,
    /// The planned rate this figure divides by is 0 %.
    ZeroPlannedRate,
    /// The won deals' average days from created to close is 0.
    ZeroDays,
}

/// A figure, or why it is not available.
pub type Figure<T> = Result<T, Unavailable>;

/// The distance of a forecast (or of realised revenue) from the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gap {
    /// Below the target by this amount (> 0).
    Short(Ratio),
    /// At or above the target by this amount (≥ 0; `Met(0)` is exactly on it).
    Met(Ratio),
}

impl Gap {
    /// `target − value` as a signed gap.
    pub fn of(target: Ratio, value: Ratio) -> Result<Gap, ForecastError> {
        if value >= target {
            value.checked_sub(target).map(Gap::Met)
        } else {
            target.checked_sub(value).map(Gap::Short)
        }
        .ok_or(ForecastError::TooLarge)
    }

    /// The amount still missing: 0 once met.
    pub fn short_by(self) -> Ratio {
        match self {
            Gap::Short(x) => x,
            Gap::Met(_) => Ratio::ZERO,
        }
    }
}

/// What [`forecast`] needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForecastInput<'a> {
    /// All plan stages, top first, won and lost included, with their roles.
    pub stages: &'a [StageFacts],
    /// The deal list; a deal names its stage by id. A deal whose stage id is
    /// not among `stages` is counted in `unknown_stage` and nothing else.
    pub deals: &'a [Deal],
    /// The resolved period; `None` when the period fields are invalid (the
    /// period figures are then [`Unavailable::NoPeriod`], the rest is given).
    pub period: Option<ResolvedPeriod>,
    pub today: NaiveDate,
    /// Revenue target: the plan's revenue, or deals × average deal size.
    pub target: Option<Ratio>,
    /// Average deal size, for new leads still needed.
    pub avg_deal: Option<Ratio>,
    /// Sales cycle in days: the sum of the open stages' dwell days.
    pub cycle_days: Option<u32>,
    /// The ideal funnel's standing count, one per open stage, top first.
    pub ideal: Option<&'a [IdealStage]>,
}

/// The period's pipeline in one open stage: its open deals closing in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StagePipeline {
    pub stage: StageRef,
    /// Open deals in the stage closing in the period.
    pub deals: u64,
    /// Of those, deals without amount (they add to `expected_wins` only).
    pub without_amount: u64,
    /// Σ amount.
    pub amount: Ratio,
    /// Σ probability: the wins these deals are expected to give.
    pub expected_wins: Ratio,
    /// Σ amount × probability. The stages' `weighted` sum to `weighted_open`.
    pub weighted: Ratio,
}

/// Balance analysis of one open stage: ideal beside actual.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageBalance {
    pub stage: StageRef,
    /// The ideal funnel's standing count (exact and rounded up), if given.
    pub ideal: Option<IdealStage>,
    /// Every open deal now in the stage, whatever its close date.
    pub actual: u64,
    /// Stage ratio (health): `actual ÷ ideal.standing_rounded`, the
    /// standing count the Plan shows (opportunities are whole, so the
    /// Plan rounds the ideal up; the ratio is against that figure).
    pub ratio: Figure<Ratio>,
}

/// Observed against planned conversion of one open stage into the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageConversion {
    pub stage: StageRef,
    /// `n_{k+1} ÷ n_k` from the actual open counts; for the last open stage
    /// `n_{k+1}` is the won deals closing in the period. `NoDeals` when `n_k = 0`.
    pub observed: Figure<Ratio>,
    /// `c_k = p_k ÷ p_{k+1}` (p of the won stage = 1).
    pub planned: Figure<Ratio>,
    /// `observed ÷ planned`: below 1, the stage converts worse than planned.
    pub vs_plan: Figure<Ratio>,
}

/// Per-deal flags, indexed like the input's `deals`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DealFlags {
    /// Its stage id is not a stage of the plan: it counts in nothing.
    pub unknown_stage: bool,
    /// Status open but its stage is the won or lost stage: counted in
    /// `open_in_closed_stage` and nothing else.
    pub open_in_closed_stage: bool,
    /// Its close date lies in the period (start ≤ close ≤ end), whatever its status.
    pub in_period: bool,
    /// Open and its close date is before today.
    pub overdue: bool,
    /// Open and today − in stage since > its stage's dwell days.
    pub stalled_in_stage: bool,
    /// Open and today − created > the sales cycle.
    pub stalled_age: bool,
    /// Open without a close date: it counts in no period.
    pub no_close_date: bool,
}

/// Overdue open deals, whether or not their close date is in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overdue {
    pub count: u64,
    /// Σ amount.
    pub amount: Ratio,
    /// Σ amount × probability.
    pub weighted: Ratio,
}

/// The forecast from the open pipeline (funnel-theory.md, "Forecast from
/// the open pipeline", "Precisely"). Amounts are in the plan's currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forecast {
    /// The close ratio p_1 the figures use (the top open stage's win rate).
    pub p1: Figure<Ratio>,
    /// Σ amount of the won deals closing in the period.
    pub realised: Figure<Ratio>,
    /// Won deals closing in the period without amount (they add nothing to `realised`).
    pub won_without_amount: Figure<u64>,
    /// Σ amount of the open deals closing in the period (the pipeline).
    pub open_in_period: Figure<Ratio>,
    /// Σ amount × probability over the same deals.
    pub weighted_open: Figure<Ratio>,
    /// Weighted forecast = realised + weighted_open.
    pub weighted: Figure<Ratio>,
    /// Target − weighted forecast.
    pub gap: Figure<Gap>,
    /// Remaining target = target − realised.
    pub remaining: Figure<Gap>,
    /// Coverage ratio = open_in_period ÷ remaining target
    /// (`TargetReached` when the remaining target is ≤ 0).
    pub coverage: Figure<Ratio>,
    /// Required coverage = 1 ÷ p_1.
    pub required_coverage: Figure<Ratio>,
    /// New leads still needed = ⌈(target − weighted) ÷ (average deal × p_1)⌉,
    /// 0 once the forecast meets the target.
    pub new_leads: Figure<u64>,
    /// `new_leads` ÷ the weeks left to add them, exact (the screen rounds
    /// up). The weeks left run from today (or from the first-leads date,
    /// period start − sales cycle, when today is before it: a lead entering
    /// earlier would close before the period) to the last entry date,
    /// period end − sales cycle, both days included, ÷ 7. 0 when no new lead
    /// is needed; `NoTimeLeft` when today is after the last entry date.
    pub leads_per_week: Figure<Ratio>,
    /// The days `leads_per_week` spreads over (both ends included).
    pub days_left: Figure<u32>,
    /// One per open stage, top first.
    pub per_stage: Figure<Vec<StagePipeline>>,
    /// One per open stage, top first.
    pub balance: Vec<StageBalance>,
    /// One per open stage, top first.
    pub conversion: Vec<StageConversion>,
    /// The open stage whose `vs_plan` is lowest and below 1 (it converts
    /// worse than planned); ties go to the stage nearest the top; stages
    /// without `vs_plan` are skipped. `None` when no stage converts below
    /// plan.
    pub bottleneck: Option<StageRef>,
    /// Indexed like the input's deals.
    pub flags: Vec<DealFlags>,
    /// Open deals stalled by either rule.
    pub stalled: u64,
    pub overdue: Overdue,
    /// Open deals without close date (they count in no period).
    pub open_without_close: u64,
    /// Open deals without amount.
    pub open_without_amount: u64,
    /// Deals whose stage id is not a plan stage.
    pub unknown_stage: u64,
    /// Open deals sitting in the won or lost stage (inconsistent; ignored).
    pub open_in_closed_stage: u64,
    /// Open deals (known open stage), whatever their close date.
    pub open_deals: u64,
    /// Σ amount of every open deal, whatever its close date.
    pub open_amount: Ratio,
    /// Sales velocity per day = open_amount × p_1 ÷ sales cycle days.
    pub velocity: Figure<Ratio>,
    /// Win-rate achievement = (won ÷ (won + lost), deals closed in the
    /// period, by count) ÷ p_1.
    pub win_rate_achievement: Figure<Ratio>,
    /// Cycle achievement = sales cycle ÷ average days from created to close
    /// of the won deals closing in the period that have both dates (a deal
    /// closing before it was created is left out).
    pub cycle_achievement: Figure<Ratio>,
}

fn big<T>(x: Option<T>) -> Result<T, ForecastError> {
    x.ok_or(ForecastError::TooLarge)
}

fn add(a: Ratio, b: Ratio) -> Result<Ratio, ForecastError> {
    big(a.checked_add(b))
}

fn mul(a: Ratio, b: Ratio) -> Result<Ratio, ForecastError> {
    big(a.checked_mul(b))
}

fn int(n: u64) -> Ratio {
    Ratio::from_int(u128::from(n))
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// The stages as the pipeline math reads them.
struct Stages<'a> {
    all: &'a [StageFacts],
    /// Stage id → index in `all` (the first stage with that id).
    index: HashMap<StageRef, usize>,
    /// Indices in `all` of the open stages, top first.
    open: Vec<usize>,
    has_won: bool,
}

impl<'a> Stages<'a> {
    fn new(all: &'a [StageFacts]) -> Stages<'a> {
        let mut index = HashMap::with_capacity(all.len());
        for (i, s) in all.iter().enumerate() {
            index.entry(s.id).or_insert(i);
        }
        let open = all
            .iter()
            .enumerate()
            .filter(|(_, s)| s.role == Role::Open)
            .map(|(i, _)| i)
            .collect();
        Stages {
            all,
            index,
            open,
            has_won: all.iter().any(|s| s.role == Role::Won),
        }
    }

    fn get(&self, id: StageRef) -> Option<&'a StageFacts> {
        self.index.get(&id).and_then(|&i| self.all.get(i))
    }

    /// Position among the open stages (0 = top) of an open stage id.
    fn open_pos(&self, id: StageRef) -> Option<usize> {
        let i = *self.index.get(&id)?;
        self.open.iter().position(|&o| o == i)
    }

    fn open_facts(&self) -> impl Iterator<Item = &'a StageFacts> + '_ {
        self.open.iter().filter_map(|&i| self.all.get(i))
    }

    /// The close ratio p_1.
    fn p1(&self) -> Figure<Ratio> {
        if !self.has_won {
            return Err(Unavailable::NoWonStage);
        }
        let top = self.open_facts().next().ok_or(Unavailable::NoOpenStage)?;
        Ok(top.win_rate)
    }
}

/// How a deal takes part, once its stage and status are read together.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Unknown,
    /// Status open in the won or lost stage.
    Inconsistent,
    /// Open in open stage `pos` (0 = top).
    Open {
        pos: usize,
    },
    Won,
    Lost,
}

fn part(stages: &Stages, deal: &Deal) -> Part {
    let Some(facts) = stages.get(deal.stage) else {
        return Part::Unknown;
    };
    match deal.status {
        Status::Won => Part::Won,
        Status::Lost => Part::Lost,
        Status::Open => match (facts.role, stages.open_pos(deal.stage)) {
            (Role::Open, Some(pos)) => Part::Open { pos },
            _ => Part::Inconsistent,
        },
    }
}

/// A deal's probability (funnel-theory.md "Precisely"): its override if it
/// has one, else its stage's win rate; a won deal 1 and a lost deal 0
/// whatever its override. `None` when its stage id is unknown.
pub fn probability(stages: &[StageFacts], deal: &Deal) -> Option<Ratio> {
    let facts = stages.iter().find(|s| s.id == deal.stage)?;
    Some(match deal.status {
        Status::Won => Ratio::ONE,
        Status::Lost => Ratio::ZERO,
        Status::Open => deal.probability.unwrap_or(facts.win_rate),
    })
}

fn in_period(period: Option<&ResolvedPeriod>, close: Option<NaiveDate>) -> bool {
    match (period, close) {
        (Some(p), Some(c)) => p.start <= c && c <= p.end,
        _ => false,
    }
}

/// The forecast from the open pipeline for `input` (funnel-theory.md,
/// "Forecast from the open pipeline", "Precisely").
///
/// Figures that cannot be computed carry their [`Unavailable`] reason;
/// period-free figures (balance, stalled, overdue, velocity…) are given even
/// without a period. Error: `TooLarge` when a sum or fraction does not fit.
pub fn forecast(input: &ForecastInput) -> Result<Forecast, ForecastError> {
    let stages = Stages::new(input.stages);
    let period = input.period.as_ref();
    let today = input.today;
    let p1 = stages.p1();
    let n_open = stages.open.len();

    let mut flags = Vec::with_capacity(input.deals.len());
    let mut per_stage: Vec<StagePipeline> = stages
        .open_facts()
        .map(|s| StagePipeline {
            stage: s.id,
            deals: 0,
            without_amount: 0,
            amount: Ratio::ZERO,
            expected_wins: Ratio::ZERO,
            weighted: Ratio::ZERO,
        })
        .collect();
    let mut actual = vec![0u64; n_open];
    let mut realised = Ratio::ZERO;
    let (mut won_without_amount, mut won_in_period, mut lost_in_period) = (0u64, 0u64, 0u64);
    let (mut won_days, mut won_dated) = (0u128, 0u64);
    let mut overdue = Overdue {
        count: 0,
        amount: Ratio::ZERO,
        weighted: Ratio::ZERO,
    };
    let (mut stalled, mut open_without_close, mut open_without_amount) = (0u64, 0u64, 0u64);
    let (mut unknown_stage, mut inconsistent, mut open_deals) = (0u64, 0u64, 0u64);
    let mut open_amount = Ratio::ZERO;

    for deal in input.deals {
        let mut f = DealFlags::default();
        let part = part(&stages, deal);
        if part != Part::Unknown {
            f.in_period = in_period(period, deal.close);
        }
        match part {
            Part::Unknown => {
                f.unknown_stage = true;
                unknown_stage += 1;
            }
            Part::Inconsistent => {
                f.open_in_closed_stage = true;
                inconsistent += 1;
            }
            Part::Lost => {
                if f.in_period {
                    lost_in_period += 1;
                }
            }
            Part::Won => {
                if f.in_period {
                    won_in_period += 1;
                    match deal.amount {
                        Some(a) => realised = add(realised, a)?,
                        None => won_without_amount += 1,
                    }
                    if let (Some(created), Some(close)) = (deal.created, deal.close) {
                        // A close before creation is a typing error, not a negative cycle.
                        if let Ok(d) = u128::try_from(days(created, close)) {
                            won_days = big(won_days.checked_add(d))?;
                            won_dated += 1;
                        }
                    }
                }
            }
            Part::Open { pos } => {
                let facts = stages.open_facts().nth(pos);
                let p = deal
                    .probability
                    .or(facts.map(|s| s.win_rate))
                    .unwrap_or(Ratio::ZERO);
                let amount = deal.amount.unwrap_or(Ratio::ZERO);
                let weighted = mul(amount, p)?;
                open_deals += 1;
                open_amount = add(open_amount, amount)?;
                if deal.amount.is_none() {
                    open_without_amount += 1;
                }
                if let Some(n) = actual.get_mut(pos) {
                    *n += 1;
                }
                if f.in_period {
                    if let Some(row) = per_stage.get_mut(pos) {
                        row.deals += 1;
                        row.without_amount += u64::from(deal.amount.is_none());
                        row.amount = add(row.amount, amount)?;
                        row.expected_wins = add(row.expected_wins, p)?;
                        row.weighted = add(row.weighted, weighted)?;
                    }
                }
                match deal.close {
                    None => {
                        f.no_close_date = true;
                        open_without_close += 1;
                    }
                    Some(close) if close < today => {
                        f.overdue = true;
                        overdue.count += 1;
                        overdue.amount = add(overdue.amount, amount)?;
                        overdue.weighted = add(overdue.weighted, weighted)?;
                    }
                    Some(_) => {}
                }
                if let (Some(since), Some(dwell)) =
                    (deal.in_stage_since, facts.and_then(|s| s.dwell_days))
                {
                    f.stalled_in_stage = days(since, today) > i64::from(dwell);
                }
                if let (Some(created), Some(cycle)) = (deal.created, input.cycle_days) {
                    f.stalled_age = days(created, today) > i64::from(cycle);
                }
                if f.stalled_in_stage || f.stalled_age {
                    stalled += 1;
                }
            }
        }
        flags.push(f);
    }

    // Period figures.
    let have_period = period.ok_or(Unavailable::NoPeriod);
    let mut open_in_period = Ratio::ZERO;
    let mut weighted_open = Ratio::ZERO;
    for row in &per_stage {
        open_in_period = add(open_in_period, row.amount)?;
        weighted_open = add(weighted_open, row.weighted)?;
    }
    let weighted = add(realised, weighted_open)?;
    let target = have_period.and(input.target.ok_or(Unavailable::NoTarget));
    let gap = match target {
        Ok(t) => Ok(Gap::of(t, weighted)?),
        Err(e) => Err(e),
    };
    let remaining = match target {
        Ok(t) => Ok(Gap::of(t, realised)?),
        Err(e) => Err(e),
    };
    let coverage = match remaining {
        Ok(Gap::Short(rest)) => Ok(big(open_in_period.checked_div(rest))?),
        Ok(Gap::Met(_)) => Err(Unavailable::TargetReached),
        Err(e) => Err(e),
    };
    let p1_pos = p1.and_then(|p| {
        if p.is_zero() {
            Err(Unavailable::TopRateZero)
        } else {
            Ok(p)
        }
    });
    let required_coverage = match p1_pos {
        Ok(p) => Ok(big(Ratio::ONE.checked_div(p))?),
        Err(e) => Err(e),
    };
    let new_leads = new_leads_needed(gap, input.avg_deal, p1_pos)?;
    let days_left = match (period, input.cycle_days) {
        (None, _) => Err(Unavailable::NoPeriod),
        (Some(_), None | Some(0)) => Err(Unavailable::NoCycle),
        (Some(p), Some(cycle)) => days_left(p, cycle, today),
    };
    let leads_per_week = match new_leads {
        Ok(0) => Ok(Ratio::ZERO),
        Ok(n) => match days_left {
            Ok(d) => Ok(big(Ratio::new(u128::from(n) * 7, u128::from(d)))?),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };

    // Balance, conversion, bottleneck.
    let balance = stages
        .open_facts()
        .enumerate()
        .map(|(pos, s)| {
            let ideal = input.ideal.and_then(|ideal| ideal.get(pos)).copied();
            let actual = actual.get(pos).copied().unwrap_or(0);
            let ratio = match ideal {
                Some(i) if i.standing_rounded > 0 => {
                    Ok(big(int(actual).checked_div(int(i.standing_rounded)))?)
                }
                _ => Err(Unavailable::NoIdeal),
            };
            Ok(StageBalance {
                stage: s.id,
                ideal,
                actual,
                ratio,
            })
        })
        .collect::<Result<Vec<_>, ForecastError>>()?;
    let conversion = conversions(&stages, &actual, period.map(|_| won_in_period))?;
    let mut bottleneck: Option<(StageRef, Ratio)> = None;
    for c in &conversion {
        if let Ok(v) = c.vs_plan {
            // A stage at or above plan is no bottleneck, however it ranks.
            if v < Ratio::ONE && bottleneck.is_none_or(|(_, low)| v < low) {
                bottleneck = Some((c.stage, v));
            }
        }
    }

    let velocity = match (p1, input.cycle_days) {
        (Err(e), _) => Err(e),
        (Ok(_), None | Some(0)) => Err(Unavailable::NoCycle),
        (Ok(p), Some(c)) => Ok(big(mul(open_amount, p)?.checked_div(int(u64::from(c))))?),
    };
    let win_rate_achievement = match (period, p1_pos) {
        (None, _) => Err(Unavailable::NoPeriod),
        (Some(_), Err(e)) => Err(e),
        (Some(_), Ok(p)) => match Ratio::new(
            u128::from(won_in_period),
            u128::from(won_in_period) + u128::from(lost_in_period),
        ) {
            Some(rate) => Ok(big(rate.checked_div(p))?),
            None => Err(Unavailable::NoDeals),
        },
    };
    let cycle_achievement = match (period, input.cycle_days) {
        (None, _) => Err(Unavailable::NoPeriod),
        (Some(_), None | Some(0)) => Err(Unavailable::NoCycle),
        (Some(_), Some(c)) => match Ratio::new(won_days, u128::from(won_dated)) {
            None => Err(Unavailable::NoDeals),
            Some(avg) if avg.is_zero() => Err(Unavailable::ZeroDays),
            Some(avg) => Ok(big(int(u64::from(c)).checked_div(avg))?),
        },
    };

    let period_only = |x: Ratio| have_period.map(|_| x);
    Ok(Forecast {
        p1,
        realised: period_only(realised),
        won_without_amount: have_period.map(|_| won_without_amount),
        open_in_period: period_only(open_in_period),
        weighted_open: period_only(weighted_open),
        weighted: period_only(weighted),
        gap,
        remaining,
        coverage,
        required_coverage,
        new_leads,
        leads_per_week,
        days_left,
        per_stage: have_period.map(|_| per_stage),
        balance,
        conversion,
        bottleneck: bottleneck.map(|(s, _)| s),
        flags,
        stalled,
        overdue,
        open_without_close,
        open_without_amount,
        unknown_stage,
        open_in_closed_stage: inconsistent,
        open_deals,
        open_amount,
        velocity,
        win_rate_achievement,
        cycle_achievement,
    })
}

/// ⌈(target − weighted) ÷ (average deal × p_1)⌉, 0 once met.
fn new_leads_needed(
    gap: Figure<Gap>,
    avg_deal: Option<Ratio>,
    p1: Figure<Ratio>,
) -> Result<Figure<u64>, ForecastError> {
    let gap = match gap {
        Ok(g) => g,
        Err(e) => return Ok(Err(e)),
    };
    if let Gap::Met(_) = gap {
        return Ok(Ok(0));
    }
    let avg = match avg_deal {
        Some(a) if !a.is_zero() => a,
        _ => return Ok(Err(Unavailable::NoAverageDeal)),
    };
    let p = match p1 {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let per_lead = mul(avg, p)?;
    let n = big(gap.short_by().checked_div(per_lead))?.ceil();
    Ok(Ok(big(u64::try_from(n).ok())?))
}

/// Days from max(today, period start − cycle) to period end − cycle, both included.
fn days_left(period: &ResolvedPeriod, cycle: u32, today: NaiveDate) -> Figure<u32> {
    let cycle = Days::new(u64::from(cycle));
    // A date before chrono's calendar is long past: no time left.
    let last = period
        .end
        .checked_sub_days(cycle)
        .ok_or(Unavailable::NoTimeLeft)?;
    let first = period.start.checked_sub_days(cycle).unwrap_or(today);
    let from = today.max(first);
    if from > last {
        return Err(Unavailable::NoTimeLeft);
    }
    u32::try_from(days(from, last) + 1).map_err(|_| Unavailable::NoTimeLeft)
}

fn conversions(
    stages: &Stages,
    actual: &[u64],
    won_in_period: Option<u64>,
) -> Result<Vec<StageConversion>, ForecastError> {
    let open: Vec<&StageFacts> = stages.open_facts().collect();
    let mut out = Vec::with_capacity(open.len());
    for (pos, s) in open.iter().enumerate() {
        let n_k = actual.get(pos).copied().unwrap_or(0);
        let next = if pos + 1 < open.len() {
            Ok(actual.get(pos + 1).copied().unwrap_or(0))
        } else {
            won_in_period.ok_or(Unavailable::NoPeriod)
        };
        let observed = match next {
            _ if n_k == 0 => Err(Unavailable::NoDeals),
            Ok(n) => Ok(big(Ratio::new(u128::from(n), u128::from(n_k)))?),
            Err(e) => Err(e),
        };
        let p_next = open.get(pos + 1).map_or(Ratio::ONE, |n| n.win_rate);
        let planned = if !stages.has_won {
            Err(Unavailable::NoWonStage)
        } else if p_next.is_zero() {
            Err(Unavailable::ZeroPlannedRate)
        } else {
            Ok(big(s.win_rate.checked_div(p_next))?)
        };
        let vs_plan = match (observed, planned) {
            (Err(e), _) | (_, Err(e)) => Err(e),
            (Ok(_), Ok(p)) if p.is_zero() => Err(Unavailable::ZeroPlannedRate),
            (Ok(o), Ok(p)) => Ok(big(o.checked_div(p))?),
        };
        out.push(StageConversion {
            stage: s.id,
            observed,
            planned,
            vs_plan,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Quick forecast without a deal list.

/// One open stage's pipeline entered as totals (worked examples 5 and 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuickRow {
    pub stage: StageRef,
    /// Open deals in the stage.
    pub open_deals: u64,
    /// Σ of their amounts.
    pub open_amount: Ratio,
}

/// One open stage of the quick forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuickStage {
    pub stage: StageRef,
    /// The stage's win rate p_k.
    pub win_rate: Ratio,
    pub open_deals: u64,
    pub open_amount: Ratio,
    /// open_deals × p_k.
    pub expected_wins: Ratio,
    /// open_amount × p_k.
    pub weighted: Ratio,
}

/// The quick forecast: per open stage, totals, and the weighted forecast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuickForecast {
    /// One per open stage, top first (a stage without a row has zeros).
    pub stages: Vec<QuickStage>,
    pub open_deals: u64,
    pub open_amount: Ratio,
    pub expected_wins: Ratio,
    /// Σ weighted over the open stages.
    pub weighted_open: Ratio,
    pub realised: Ratio,
    /// Weighted forecast = realised + weighted_open.
    pub weighted: Ratio,
    /// Rows that name no open stage; they count in nothing.
    pub ignored_rows: u64,
}

/// The weighted forecast from stage totals (funnel-theory.md, "Forecast
/// from the open pipeline"; worked examples 5 and 6): per open stage,
/// expected wins = count × p_k and weighted = amount × p_k; the forecast is
/// `realised` + Σ weighted. Rows of the same stage add up.
///
/// Error: `TooLarge` when a figure does not fit.
pub fn quick_forecast(
    stages: &[StageFacts],
    rows: &[QuickRow],
    realised: Ratio,
) -> Result<QuickForecast, ForecastError> {
    let st = Stages::new(stages);
    let mut out: Vec<QuickStage> = st
        .open_facts()
        .map(|s| QuickStage {
            stage: s.id,
            win_rate: s.win_rate,
            open_deals: 0,
            open_amount: Ratio::ZERO,
            expected_wins: Ratio::ZERO,
            weighted: Ratio::ZERO,
        })
        .collect();
    let mut ignored_rows = 0u64;
    for row in rows {
        match st.open_pos(row.stage).and_then(|pos| out.get_mut(pos)) {
            Some(q) => {
                q.open_deals = big(q.open_deals.checked_add(row.open_deals))?;
                q.open_amount = add(q.open_amount, row.open_amount)?;
            }
            None => ignored_rows += 1,
        }
    }
    let mut total = QuickForecast {
        stages: Vec::new(),
        open_deals: 0,
        open_amount: Ratio::ZERO,
        expected_wins: Ratio::ZERO,
        weighted_open: Ratio::ZERO,
        realised,
        weighted: Ratio::ZERO,
        ignored_rows,
    };
    for q in &mut out {
        q.expected_wins = mul(int(q.open_deals), q.win_rate)?;
        q.weighted = mul(q.open_amount, q.win_rate)?;
        total.open_deals = big(total.open_deals.checked_add(q.open_deals))?;
        total.open_amount = add(total.open_amount, q.open_amount)?;
        total.expected_wins = add(total.expected_wins, q.expected_wins)?;
        total.weighted_open = add(total.weighted_open, q.weighted)?;
    }
    total.weighted = add(realised, total.weighted_open)?;
    total.stages = out;
    Ok(total)
}

/// The quick forecast's rows from a deal list: per open stage, the open
/// deals closing in `period` (count, Σ amount), exactly as
/// [`Forecast::per_stage`] counts them, so the screen can show them
/// read-only once deals exist. (The quick forecast then weights by the
/// stage's rate, not by each deal's override.)
pub fn quick_rows(
    stages: &[StageFacts],
    deals: &[Deal],
    period: &ResolvedPeriod,
) -> Result<Vec<QuickRow>, ForecastError> {
    let st = Stages::new(stages);
    let mut rows: Vec<QuickRow> = st
        .open_facts()
        .map(|s| QuickRow {
            stage: s.id,
            open_deals: 0,
            open_amount: Ratio::ZERO,
        })
        .collect();
    for deal in deals {
        if let Part::Open { pos } = part(&st, deal) {
            if in_period(Some(period), deal.close) {
                if let Some(row) = rows.get_mut(pos) {
                    row.open_deals += 1;
                    row.open_amount = add(row.open_amount, deal.amount.unwrap_or(Ratio::ZERO))?;
                }
            }
        }
    }
    Ok(rows)
}

// ---------------------------------------------------------------------------
// Observed win rates.

/// Below this many closed deals an observed win rate is `too_few` to
/// replace a planned one: even at 10 closed deals and a 50 % rate its 90 %
/// Wilson interval runs from 27 % to 73 %.
pub const MIN_CLOSED_DEALS: u64 = 10;

/// z of the two-sided 90 % normal interval (the 95th percentile).
pub const Z_90: f64 = 1.644_853_626_951_472_2;

/// The observed win rate of one open stage (funnel-theory.md, "Observed win rate").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ObservedRate {
    pub stage: StageRef,
    /// Won deals (every won deal passed every open stage).
    pub won: u64,
    /// Lost deals lost at this stage or later.
    pub lost: u64,
    /// won + lost: the count the rate rests on.
    pub closed: u64,
    /// won ÷ closed, exact; `None` when closed = 0.
    pub rate: Option<Ratio>,
    /// The 90 % Wilson score interval, each end in [0, 1]; `None` when closed = 0.
    pub interval: Option<(f64, f64)>,
    /// closed < [`MIN_CLOSED_DEALS`].
    pub too_few: bool,
}

/// The observed win rate of every open stage, top first, from the closed
/// deals of the list (funnel-theory.md "Precisely", "Observed win rate"):
/// won ÷ (won + lost at stage k or later).
///
/// Precisely: a won deal counts as won for every open stage. A lost deal's
/// `stage` is the stage where it was lost; lost at open stage j it counts as
/// lost for every open stage k ≤ j (it reached those and did not win). A
/// lost deal whose stage is the won or lost stage says nothing about where
/// it was lost: it is taken as lost at the top stage, the one stage every
/// deal surely passed, so it lowers the close ratio p_1 and nothing else.
/// Open deals and deals whose stage id is unknown are not counted.
/// Because the lost counts only shrink down the funnel, these rates never
/// decrease down the funnel.
pub fn observed_win_rates(stages: &[StageFacts], deals: &[Deal]) -> Vec<ObservedRate> {
    let st = Stages::new(stages);
    let n_open = st.open.len();
    let mut won = 0u64;
    // lost_at[j]: lost deals lost at open stage j.
    let mut lost_at = vec![0u64; n_open];
    for deal in deals {
        let Some(facts) = st.get(deal.stage) else {
            continue;
        };
        match deal.status {
            Status::Won => won = won.saturating_add(1),
            Status::Lost => {
                let j = match facts.role {
                    Role::Open => st.open_pos(deal.stage).unwrap_or(0),
                    Role::Won | Role::Lost => 0,
                };
                if let Some(n) = lost_at.get_mut(j) {
                    *n = n.saturating_add(1);
                }
            }
            Status::Open => {}
        }
    }
    // Lost at k or later: a running sum from the bottom.
    let mut later = vec![0u64; n_open];
    let mut sum = 0u64;
    for j in (0..n_open).rev() {
        sum = sum.saturating_add(lost_at.get(j).copied().unwrap_or(0));
        if let Some(x) = later.get_mut(j) {
            *x = sum;
        }
    }
    st.open_facts()
        .zip(later)
        .map(|(s, lost)| {
            let closed = won.saturating_add(lost);
            ObservedRate {
                stage: s.id,
                won,
                lost,
                closed,
                rate: Ratio::new(u128::from(won), u128::from(closed)),
                interval: wilson(won, closed, Z_90),
                too_few: closed < MIN_CLOSED_DEALS,
            }
        })
        .collect()
}

/// The Wilson score interval of `k` successes in `n` trials at normal
/// quantile `z`, clamped to [0, 1]; `None` when n = 0.
pub fn wilson(k: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 || k > n || !z.is_finite() {
        return None;
    }
    let nf = n as f64;
    let p = k as f64 / nf;
    let z2 = z * z;
    let denom = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denom;
    let half = z / denom * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).max(0.0).sqrt();
    let clamp = |x: f64| {
        if x.is_finite() {
            x.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    // At the extremes the exact bound is 0 or 1; rounding must not move it.
    let lo = if k == 0 { 0.0 } else { clamp(centre - half) };
    let hi = if k == n { 1.0 } else { clamp(centre + half) };
    Some((lo, hi))
}

/// Why the observed rates cannot replace the plan's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObservedFunnelError {
    /// The stages have no won stage or no open stage.
    NoFunnel,
    /// Open stage `stage` has no closed deal to rest on.
    NoData { stage: StageRef },
    /// Open stage `stage` observed 0 %: the funnel would be unreachable.
    ZeroRate { stage: StageRef },
    /// Open stage `stage` observed a lower rate than the stage above it.
    /// (Cannot happen with the definition of [`observed_win_rates`]; kept
    /// so that a funnel is never built from falling rates.)
    Decreasing { stage: StageRef },
}

/// The observed rates as a win-rate vector that can replace the plan's:
/// one per stage of `stages`, in order, the open stages' observed rates,
/// the won stage 100 % and the lost stage 0 %. Refused with a typed reason
/// when a rate is missing, 0 % or falls down the funnel, so an invalid
/// funnel is never produced. Rates resting on fewer than
/// [`MIN_CLOSED_DEALS`] deals are still given: the caller shows `too_few`.
pub fn observed_funnel(
    stages: &[StageFacts],
    deals: &[Deal],
) -> Result<Vec<Ratio>, ObservedFunnelError> {
    let st = Stages::new(stages);
    if !st.has_won || st.open.is_empty() {
        return Err(ObservedFunnelError::NoFunnel);
    }
    let observed = observed_win_rates(stages, deals);
    let mut above = Ratio::ZERO;
    for o in &observed {
        let rate = o
            .rate
            .ok_or(ObservedFunnelError::NoData { stage: o.stage })?;
        if rate.is_zero() {
            return Err(ObservedFunnelError::ZeroRate { stage: o.stage });
        }
        if rate < above {
            return Err(ObservedFunnelError::Decreasing { stage: o.stage });
        }
        above = rate;
    }
    let mut open = observed.iter();
    Ok(stages
        .iter()
        .map(|s| match s.role {
            Role::Won => Ratio::ONE,
            Role::Lost => Ratio::ZERO,
            Role::Open => open.next().and_then(|o| o.rate).unwrap_or(s.win_rate),
        })
        .collect())
}
