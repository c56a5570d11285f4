//! The Pipeline screen's inputs, as a plain type beside the Plan's
//! ([`crate::model`]): the deal list and the quick forecast's per-stage
//! totals. Its evaluation reads the Plan's funnel, target, period and
//! "today" and calls the pure pipeline math in [`crate::domain`].

use crate::domain::number::{read_amount, read_count, DecimalMark};
use crate::domain::pipeline::{
    forecast, observed_funnel, observed_win_rates, probability, quick_forecast, quick_rows,
    Forecast, ForecastInput, ObservedFunnelError, ObservedRate, QuickForecast, QuickRow,
};
use crate::domain::{Deal, DealId, InputError, Ratio, Role, StageFacts, Status, Target};
use crate::model::{Evaluation, PlanInput, StageId};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The quick forecast's inputs for one plan stage, as typed: for reps who
/// know only their totals (worked examples 5 and 6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuickInput {
    pub stage: StageId,
    /// Open opportunities in the stage, as typed.
    pub open_deals: String,
    /// Their total amount, as typed.
    pub open_amount: String,
}

/// Everything the Pipeline screen's inputs hold.
///
/// The deal list is shared (`Arc`): an undo step that did not touch the
/// deals costs a pointer, not a copy of 10,000 deals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineInput {
    pub deals: Arc<Vec<Deal>>,
    /// The id the next new deal gets.
    pub next_id: DealId,
    /// Per plan stage; a stage without an entry has empty fields.
    pub quick: Vec<QuickInput>,
    /// Revenue already won in the period, as typed (quick forecast only;
    /// with a deal list it comes from the won deals).
    pub quick_won: String,
}

impl Default for PipelineInput {
    fn default() -> PipelineInput {
        PipelineInput {
            deals: Arc::new(Vec::new()),
            next_id: 1,
            quick: Vec::new(),
            quick_won: String::new(),
        }
    }
}

/// What the deal list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// The list's own order (new deals first).
    #[default]
    List,
    Name,
    Account,
    Amount,
    Stage,
    Status,
    Close,
    InStageSince,
    Probability,
    Created,
}

impl PipelineInput {
    /// No deals and no quick-forecast figures: nothing worth a save of its own.
    pub fn is_empty(&self) -> bool {
        *self == PipelineInput::default()
    }

    /// Position of a deal in the list.
    pub fn index_of(&self, id: DealId) -> Option<usize> {
        self.deals.iter().position(|d| d.id == id)
    }

    /// The deal with this id.
    pub fn deal(&self, id: DealId) -> Option<&Deal> {
        self.deals.iter().find(|d| d.id == id)
    }

    /// Adds `deal` at the top of the list with a fresh id, and returns it;
    /// `None` when the list is full ([`MAX_DEALS`]).
    pub fn add_deal(&mut self, mut deal: Deal) -> Option<DealId> {
        if self.deals.len() >= MAX_DEALS {
            return None;
        }
        let id = self.fresh_id()?;
        deal.id = id;
        Arc::make_mut(&mut self.deals).insert(0, deal);
        Some(id)
    }

    /// The next unused id; `None` only after `u32::MAX` ids were handed out
    /// and every one is still in use.
    fn fresh_id(&mut self) -> Option<DealId> {
        let mut id = self.next_id.max(1);
        if self.deal(id).is_some() || id == DealId::MAX {
            // Wrapped around or collided (a hand-edited save): the first gap.
            let mut used: Vec<DealId> = self.deals.iter().map(|d| d.id).collect();
            used.sort_unstable();
            id = 1;
            for u in used {
                if u == id {
                    id = id.checked_add(1)?;
                } else if u > id {
                    break;
                }
            }
        }
        self.next_id = id.checked_add(1).unwrap_or(DealId::MAX);
        Some(id)
    }

    /// Removes a deal; nothing when there is none with this id.
    pub fn delete_deal(&mut self, id: DealId) {
        if let Some(i) = self.index_of(id) {
            Arc::make_mut(&mut self.deals).remove(i);
        }
    }

    /// Changes one deal in place.
    pub fn update_deal(&mut self, id: DealId, f: impl FnOnce(&mut Deal)) {
        if let Some(i) = self.index_of(id) {
            if let Some(d) = Arc::make_mut(&mut self.deals).get_mut(i) {
                f(d);
                d.id = id;
            }
        }
    }

    /// Adds imported deals after the existing ones (or instead of them when
    /// `replace`), each with a fresh id; returns how many were added (the
    /// list holds at most [`MAX_DEALS`]).
    pub fn import(&mut self, deals: Vec<Deal>, replace: bool) -> usize {
        let mut list: Vec<Deal> = if replace {
            Vec::new()
        } else {
            self.deals.as_ref().clone()
        };
        if replace {
            self.next_id = 1;
        }
        let room = MAX_DEALS.saturating_sub(list.len());
        let mut added = 0;
        let mut next = self.next_id.max(1);
        let mut used: std::collections::HashSet<DealId> = list.iter().map(|d| d.id).collect();
        for mut d in deals.into_iter().take(room) {
            while used.contains(&next) {
                next = next.wrapping_add(1).max(1);
            }
            d.id = next;
            used.insert(next);
            next = next.wrapping_add(1).max(1);
            list.push(d);
            added += 1;
        }
        self.next_id = next;
        self.deals = Arc::new(list);
        added
    }

    /// The quick forecast's inputs for a stage.
    pub fn quick_for(&self, stage: StageId) -> QuickInput {
        self.quick
            .iter()
            .find(|q| q.stage == stage)
            .cloned()
            .unwrap_or(QuickInput {
                stage,
                ..QuickInput::default()
            })
    }

    /// Changes the quick forecast's inputs for a stage.
    pub fn set_quick(&mut self, stage: StageId, f: impl FnOnce(&mut QuickInput)) {
        match self.quick.iter_mut().find(|q| q.stage == stage) {
            Some(q) => f(q),
            None => {
                let mut q = QuickInput {
                    stage,
                    ..QuickInput::default()
                };
                f(&mut q);
                self.quick.push(q);
            }
        }
    }
}

/// Most deals a list holds: five times the 10,000 a large team has open,
/// and what the screen still handles quickly. The browser's storage (about
/// 5 MB an origin) keeps roughly 20,000–27,000 deals, fewer with long names;
/// a larger list stays in memory and the screen says it is not saved.
pub const MAX_DEALS: usize = 50_000;

/// Most quick-forecast entries kept from outside: one per plan stage, and
/// those of stages since deleted, which a long-used save gathers.
pub const MAX_QUICK_ENTRIES: usize = 1_000;

impl PipelineInput {
    /// Makes a deal list from outside (a save, a file, a link) one the
    /// screen could have made: at most [`MAX_DEALS`] deals, ids unique and
    /// non-zero with the next id above them all (renumbered from 1 when one
    /// is above [`crate::model::MAX_LOADED_ID`]), names and accounts cut to
    /// `MAX_NAME_CHARS`, an amount only within what the amount field takes
    /// (above 0, at most `MAX_AMOUNT`), a probability only within 0–100 %,
    /// dates only within 1900–2199, one quick-forecast entry per stage
    /// (at most [`MAX_QUICK_ENTRIES`]) with its fields cut to
    /// `MAX_FIELD_CHARS`. The one normalising function every load path
    /// calls; idempotent.
    pub fn sanitise(&mut self) {
        use crate::domain::limits::{MAX_DATE, MAX_NAME_CHARS, MIN_DATE};
        use crate::domain::number::MAX_AMOUNT;
        use crate::model::{cut_field, cut_name, unique_ids};
        let lo = chrono::NaiveDate::parse_from_str(MIN_DATE, "%Y-%m-%d").ok();
        let hi = chrono::NaiveDate::parse_from_str(MAX_DATE, "%Y-%m-%d").ok();
        let date_ok = |d: &chrono::NaiveDate| Some(*d) >= lo && Some(*d) <= hi;
        let amount_ok = |a: &Ratio| !a.is_zero() && *a <= Ratio::from_int(MAX_AMOUNT);
        let deal_ok = |d: &Deal| {
            d.name.chars().count() <= MAX_NAME_CHARS
                && d.account.chars().count() <= MAX_NAME_CHARS
                && d.amount.as_ref().is_none_or(amount_ok)
                && d.probability.is_none_or(|p| p <= Ratio::ONE)
                && [d.close, d.in_stage_since, d.created]
                    .iter()
                    .flatten()
                    .all(date_ok)
        };
        let ids: Vec<DealId> = self.deals.iter().take(MAX_DEALS).map(|d| d.id).collect();
        let (ids, next) = unique_ids(&ids, self.next_id);
        let clean = self.deals.len() <= MAX_DEALS
            && self
                .deals
                .iter()
                .zip(&ids)
                .all(|(d, id)| d.id == *id && deal_ok(d));
        if !clean {
            // Only a list that needs it is copied: 50,000 deals load often.
            let deals = self
                .deals
                .iter()
                .zip(&ids)
                .map(|(d, id)| {
                    let mut d = d.clone();
                    d.id = *id;
                    d.name = cut_name(&d.name);
                    d.account = cut_name(&d.account);
                    d.amount = d.amount.filter(amount_ok);
                    d.probability = d.probability.filter(|p| *p <= Ratio::ONE);
                    for date in [&mut d.close, &mut d.in_stage_since, &mut d.created] {
                        *date = date.filter(date_ok);
                    }
                    d
                })
                .collect();
            self.deals = Arc::new(deals);
        }
        self.next_id = next;
        let mut seen = std::collections::HashSet::new();
        self.quick.retain(|q| seen.insert(q.stage));
        self.quick.truncate(MAX_QUICK_ENTRIES);
        for q in &mut self.quick {
            cut_field(&mut q.open_deals);
            cut_field(&mut q.open_amount);
        }
        cut_field(&mut self.quick_won);
    }

    /// Follows the plan's renumbered stages (`(old, new)` pairs from
    /// [`PlanInput::sanitise`]): deals and quick-forecast entries keep
    /// their stage. An entry whose stage no longer exists is dropped.
    pub fn rename_stages(&mut self, renames: &[(StageId, StageId)]) {
        if renames.is_empty() {
            return;
        }
        let new_of = |id: StageId| {
            renames
                .iter()
                .find(|(old, _)| *old == id)
                .map(|(_, new)| *new)
        };
        if self.deals.iter().any(|d| new_of(d.stage).is_some()) {
            for d in Arc::make_mut(&mut self.deals) {
                if let Some(new) = new_of(d.stage) {
                    d.stage = new;
                }
            }
        }
        for q in &mut self.quick {
            if let Some(new) = new_of(q.stage) {
                q.stage = new;
            }
        }
    }
}

/// What the deal list flags on a deal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// In its stage longer than the stage's dwell days, or older than one
    /// sales cycle.
    pub stalled: bool,
    /// Open, with its close date before today.
    pub overdue: bool,
    /// Open, without a close date: it counts in no period.
    pub no_close: bool,
}

/// An amount as a plain number for a field or a CSV cell: exact decimals
/// when it has at most four (every amount the parser accepts), without
/// grouping ("1355.9").
pub fn amount_text(r: Ratio) -> String {
    decimal_text(r, 4)
}

/// A probability (a fraction of one) in percent for a field: "35", "12.5".
pub fn probability_text(r: Ratio) -> String {
    r.checked_mul(Ratio::from_int(100))
        .map(|pct| decimal_text(pct, 4))
        .unwrap_or_default()
}

/// `r` with at most `places` decimals, rounded half up, trailing zeros cut.
fn decimal_text(r: Ratio, places: u32) -> String {
    let scale = 10u128.pow(places);
    let num = r.numer();
    let den = r.denom();
    let whole = num / den;
    let rest = num % den;
    // rest * scale cannot overflow for the amounts and rates accepted, but
    // a hand-edited save might hold anything: fall back to the whole part.
    let Some(frac) = rest
        .checked_mul(scale)
        .and_then(|x| x.checked_add(den / 2))
        .map(|x| x / den)
    else {
        return whole.to_string();
    };
    let (whole, frac) = if frac >= scale {
        (whole.saturating_add(1), frac - scale)
    } else {
        (whole, frac)
    };
    if frac == 0 {
        return whole.to_string();
    }
    let digits = format!("{frac:0width$}", width = places as usize);
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ratio;

    #[test]
    fn plain_numbers() {
        assert_eq!(amount_text(Ratio::new(13559, 10).unwrap()), "1355.9");
        assert_eq!(amount_text(Ratio::from_int(21000)), "21000");
        assert_eq!(amount_text(Ratio::new(1, 3).unwrap()), "0.3333");
        assert_eq!(amount_text(Ratio::new(99999, 100000).unwrap()), "1");
        assert_eq!(probability_text(Ratio::new(7, 20).unwrap()), "35");
        assert_eq!(probability_text(Ratio::new(1, 8).unwrap()), "12.5");
        assert_eq!(probability_text(Ratio::ZERO), "0");
    }

    #[test]
    fn ids_stay_unique() {
        let mut p = PipelineInput::default();
        let a = p.add_deal(Deal::default()).unwrap();
        let b = p.add_deal(Deal::default()).unwrap();
        assert_ne!(a, b);
        p.import(vec![Deal::default(), Deal::default()], false);
        let mut ids: Vec<_> = p.deals.iter().map(|d| d.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 4);
        p.next_id = DealId::MAX;
        assert!(p.add_deal(Deal::default()).is_some());
    }
}

/// Why the pipeline's figures cannot be shown at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PipelineBlocked {
    /// The Plan's funnel has an error: there are no stage rates to use.
    Funnel,
    /// A sum does not fit exactly.
    TooLarge,
    /// A field of the quick forecast needs fixing (no deal list).
    QuickField,
}

/// The quick forecast's fields and result.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuickEval {
    /// The totals come from the deal list (the inputs show them read-only).
    pub from_deals: bool,
    /// Per open stage: what is wrong with its "Open deals" and "Open
    /// amount" fields.
    pub problems: Vec<(StageId, Option<InputError>, Option<InputError>)>,
    pub won_problem: Option<InputError>,
    pub result: Option<QuickForecast>,
}

/// Everything the Pipeline screen shows, derived from its inputs and the
/// Plan's evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct PipelineEval {
    /// Per deal, in list order.
    pub marks: Arc<Vec<Marks>>,
    /// The plan's stages as the pipeline math needs them; empty while the
    /// funnel has an error.
    pub stages: Vec<StageFacts>,
    /// The revenue target: the plan's revenue, or its deals × average deal size.
    pub target: Option<Ratio>,
    /// The average deal size (new leads still needed divide by it).
    pub avg_deal: Option<Ratio>,
    pub forecast: Result<Forecast, PipelineBlocked>,
    pub quick: QuickEval,
    pub observed: Vec<ObservedRate>,
    /// The observed rates as a whole funnel, or why they cannot be one.
    pub observed_funnel: Result<Vec<Ratio>, ObservedFunnelError>,
    /// Amount and probability of every open deal closing in the period
    /// (with an amount), for the distribution.
    pub open_in_period: Arc<Vec<(Ratio, Ratio)>>,
}

impl Default for PipelineEval {
    fn default() -> PipelineEval {
        PipelineEval {
            marks: Arc::default(),
            stages: Vec::new(),
            target: None,
            avg_deal: None,
            forecast: Err(PipelineBlocked::Funnel),
            quick: QuickEval::default(),
            observed: Vec::new(),
            observed_funnel: Err(ObservedFunnelError::NoFunnel),
            open_in_period: Arc::default(),
        }
    }
}

/// The plan's stages as the pipeline math needs them; `None` while the
/// funnel has an error.
pub fn stage_facts(plan: &PlanInput, eval: &Evaluation) -> Option<Vec<StageFacts>> {
    let funnel = eval.funnel.as_ref()?;
    plan.stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (i < funnel.len()).then(|| StageFacts {
                id: s.id,
                win_rate: funnel.win_rate(i),
                role: funnel.role(i),
                dwell_days: eval.time.dwell_days.get(i).copied().flatten(),
            })
        })
        .collect()
}

/// The forecast's revenue target: the revenue entered, or the deals
/// entered × the average deal size; `None` while those fields are wrong.
pub fn revenue_target(plan: &PlanInput, eval: &Evaluation) -> (Option<Ratio>, Option<Ratio>) {
    let deal_size = read_amount(&plan.deal_size, &plan.currency, DecimalMark::Auto)
        .ok()
        .map(|r| r.value);
    match eval.target {
        Some(Target::Revenue { revenue, deal_size }) => (Some(revenue), Some(deal_size)),
        Some(Target::Deals(n)) => (
            deal_size.and_then(|s| s.checked_mul(Ratio::from_int(u128::from(n)))),
            deal_size,
        ),
        None => (None, deal_size),
    }
}

impl PipelineEval {
    /// The Pipeline screen's figures for these inputs.
    pub fn of(plan: &PlanInput, eval: &Evaluation, input: &PipelineInput) -> PipelineEval {
        // The end-to-end tests of the panic page on the Pipeline screen need
        // a real panic in its evaluation; only a `test-hooks` build has one.
        #[cfg(feature = "test-hooks")]
        if input
            .deals
            .iter()
            .any(|d| d.name == crate::model::TEST_PANIC_NAME)
        {
            panic!(
                "test-hooks: a deal named {:?}",
                crate::model::TEST_PANIC_NAME
            );
        }
        let today = eval.time.today;
        let (target, avg_deal) = revenue_target(plan, eval);
        let Some(stages) = stage_facts(plan, eval) else {
            let marks = input
                .deals
                .iter()
                .map(|d| {
                    let open = d.status == Status::Open;
                    Marks {
                        stalled: false,
                        overdue: open && d.close.is_some_and(|c| c < today),
                        no_close: open && d.close.is_none(),
                    }
                })
                .collect();
            return PipelineEval {
                marks: Arc::new(marks),
                target,
                avg_deal,
                quick: quick_eval(plan, input, &[], None),
                ..PipelineEval::default()
            };
        };
        let ideal = eval.time.plan.as_ref().ok().map(|t| t.ideal.as_slice());
        // Without a deal list, the quick forecast's totals stand for the
        // deals (see `quick_deals`), so every figure above it agrees with it.
        let quick_fields = quick_eval(plan, input, &stages, eval.time.period.as_ref());
        let quick_bad = !quick_fields.from_deals
            && (quick_fields.won_problem.is_some()
                || quick_fields
                    .problems
                    .iter()
                    .any(|(_, d, a)| d.is_some() || a.is_some()));
        let quick = quick_deals(&quick_fields, input, &stages, eval.time.period.as_ref());
        let deals: &[Deal] = quick.as_deref().unwrap_or(&input.deals);
        let forecast = forecast(&ForecastInput {
            stages: &stages,
            deals,
            period: eval.time.period,
            today,
            target,
            avg_deal,
            cycle_days: eval.time.cycle_days,
            ideal,
        })
        .map_err(|_| PipelineBlocked::TooLarge)
        .and_then(|f| {
            if quick_bad {
                Err(PipelineBlocked::QuickField)
            } else {
                Ok(f)
            }
        });
        let marks = match &forecast {
            Ok(f) => f
                .flags
                .iter()
                .map(|fl| Marks {
                    stalled: fl.stalled_in_stage || fl.stalled_age,
                    overdue: fl.overdue,
                    no_close: fl.no_close_date,
                })
                .collect(),
            Err(_) => vec![Marks::default(); input.deals.len()],
        };
        // Figures that need real deals (closed ones, their dates) say so.
        let forecast = forecast.map(|mut f| {
            if quick.is_some() {
                use crate::domain::pipeline::Unavailable::NoDeals;
                f.win_rate_achievement = Err(NoDeals);
                f.cycle_achievement = Err(NoDeals);
                f.bottleneck = None;
                f.won_without_amount = Ok(0);
                f.open_without_close = 0;
                f.open_without_amount = 0;
            }
            f
        });
        let marks = if quick.is_some() { Vec::new() } else { marks };
        let open_in_period = match &forecast {
            Ok(f) => deals
                .iter()
                .zip(&f.flags)
                .filter(|(d, fl)| d.status == Status::Open && fl.in_period && !fl.unknown_stage)
                .filter_map(|(d, _)| Some((d.amount?, probability(&stages, d)?)))
                .collect(),
            Err(_) => Vec::new(),
        };
        let quick = quick_fields;
        PipelineEval {
            marks: Arc::new(marks),
            observed: observed_win_rates(&stages, &input.deals),
            observed_funnel: observed_funnel(&stages, &input.deals),
            stages,
            target,
            avg_deal,
            forecast,
            quick,
            open_in_period: Arc::new(open_in_period),
        }
    }
}

/// The quick forecast: from the deal list when there is one (the fields
/// then show its totals), else from the per-stage fields.
fn quick_eval(
    plan: &PlanInput,
    input: &PipelineInput,
    stages: &[StageFacts],
    period: Option<&crate::domain::time::ResolvedPeriod>,
) -> QuickEval {
    if !input.deals.is_empty() {
        let result = period
            .and_then(|p| quick_rows(stages, &input.deals, p).ok())
            .and_then(|rows| {
                let won = realised_in(stages, &input.deals, period);
                quick_forecast(stages, &rows, won).ok()
            });
        return QuickEval {
            from_deals: true,
            result,
            ..QuickEval::default()
        };
    }
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut bad = false;
    for s in stages.iter().filter(|s| s.role == Role::Open) {
        let q = input.quick_for(s.id);
        let deals = if q.open_deals.trim().is_empty() {
            Ok(0)
        } else {
            read_count(&q.open_deals, true, MAX_QUICK_DEALS).map(|r| r.value)
        };
        let amount = if q.open_amount.trim().is_empty() {
            Ok(Ratio::ZERO)
        } else {
            read_amount(&q.open_amount, &plan.currency, DecimalMark::Auto).map(|r| r.value)
        };
        // An amount needs the deals it is spread over.
        let deals = match (&deals, &amount) {
            (Ok(0), Ok(a)) if !a.is_zero() => Err(InputError::Zero),
            _ => deals,
        };
        bad |= deals.is_err() || amount.is_err();
        problems.push((
            s.id,
            deals.as_ref().err().cloned(),
            amount.as_ref().err().cloned(),
        ));
        rows.push(QuickRow {
            stage: s.id,
            open_deals: deals.unwrap_or(0),
            open_amount: amount.unwrap_or(Ratio::ZERO),
        });
    }
    let won = if input.quick_won.trim().is_empty() {
        Ok(Ratio::ZERO)
    } else {
        read_amount(&input.quick_won, &plan.currency, DecimalMark::Auto).map(|r| r.value)
    };
    let won_problem = won.as_ref().err().cloned();
    let result = match (bad, won) {
        (false, Ok(won)) if !stages.is_empty() => quick_forecast(stages, &rows, won).ok(),
        _ => None,
    };
    QuickEval {
        from_deals: false,
        problems,
        won_problem,
        result,
    }
}

/// Deals standing for the quick forecast's totals when there is no deal
/// list: per open stage, its open deals (at most [`MAX_QUICK_DEALS`]),
/// each an equal share of the stage's amount, closing on the period's last
/// day at the stage's win rate; and one won deal for the revenue already
/// won. Their forecast is exactly the quick forecast (Σ n × (A ÷ n) × p =
/// A × p) and gives the gap, coverage, new leads, balance and spread the
/// same way a deal list does. `None` with a deal list, or while a field is
/// wrong or every field is empty.
fn quick_deals(
    quick: &QuickEval,
    input: &PipelineInput,
    stages: &[StageFacts],
    period: Option<&crate::domain::time::ResolvedPeriod>,
) -> Option<Vec<Deal>> {
    // The fields as `quick_eval` read them: nothing is parsed twice.
    let q = quick.result.as_ref().filter(|_| !quick.from_deals)?;
    let typed = !input.quick_won.trim().is_empty()
        || input
            .quick
            .iter()
            .any(|f| !f.open_deals.trim().is_empty() || !f.open_amount.trim().is_empty());
    if !typed {
        return None;
    }
    let close = period.map(|p| p.end);
    let mut deals = Vec::new();
    for s in &q.stages {
        // An amount without deals is refused at its field, so n > 0 here
        // whenever there is an amount.
        let share = if s.open_amount.is_zero() || s.open_deals == 0 {
            None
        } else {
            Some(
                s.open_amount
                    .checked_div(Ratio::from_int(u128::from(s.open_deals)))?,
            )
        };
        for _ in 0..s.open_deals {
            deals.push(Deal {
                amount: share,
                stage: s.stage,
                close,
                ..Deal::default()
            });
        }
    }
    if !q.realised.is_zero() {
        let won_stage = stages.iter().find(|s| s.role == Role::Won)?;
        deals.push(Deal {
            amount: Some(q.realised),
            stage: won_stage.id,
            status: Status::Won,
            close: period.map(|p| p.start),
            ..Deal::default()
        });
    }
    Some(deals)
}

/// Revenue of the won deals closing in the period.
fn realised_in(
    stages: &[StageFacts],
    deals: &[Deal],
    period: Option<&crate::domain::time::ResolvedPeriod>,
) -> Ratio {
    let Some(p) = period else {
        return Ratio::ZERO;
    };
    let known = |id| stages.iter().any(|s| s.id == id);
    deals
        .iter()
        .filter(|d| d.status == Status::Won && known(d.stage))
        .filter(|d| d.close.is_some_and(|c| p.start <= c && c <= p.end))
        .filter_map(|d| d.amount)
        .try_fold(Ratio::ZERO, |acc, a| acc.checked_add(a))
        .unwrap_or(Ratio::ZERO)
}

/// Most open deals a quick-forecast stage takes: a team with more keeps a
/// deal list.
pub const MAX_QUICK_DEALS: u64 = 10_000;
