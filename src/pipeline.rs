//! The Pipeline screen's inputs, as a plain type beside the Plan's
//! ([`crate::model`]): the deal list and the quick forecast's per-stage
//! totals. Its evaluation reads the Plan's funnel, target, period and
//! "today" and calls the pure pipeline math in [`crate::domain`].

use crate::domain::{Deal, DealId};
use crate::model::StageId;
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
}

impl PipelineInput {
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
/// and what the browser's storage can still keep.
pub const MAX_DEALS: usize = 50_000;

impl PipelineInput {
    /// Makes a loaded list usable: ids unique and non-zero, the next id
    /// above every one in use, at most [`MAX_DEALS`] deals, names cut to
    /// the limit. A hand-edited or older save never breaks the screen.
    pub fn sanitise(&mut self) {
        let mut seen = std::collections::HashSet::new();
        let clean = self.deals.iter().any(|d| {
            d.id == 0
                || !seen.insert(d.id)
                || d.name.chars().count() > crate::domain::limits::MAX_NAME_CHARS
                || d.account.chars().count() > crate::domain::limits::MAX_NAME_CHARS
        }) || self.deals.len() > MAX_DEALS;
        if clean {
            let deals: Vec<Deal> = self.deals.iter().take(MAX_DEALS).cloned().collect();
            let mut seen = std::collections::HashSet::new();
            let mut next = 1u32;
            let deals = deals
                .into_iter()
                .map(|mut d| {
                    if d.id == 0 || !seen.insert(d.id) {
                        while seen.contains(&next) {
                            next = next.saturating_add(1);
                        }
                        d.id = next;
                        seen.insert(next);
                    }
                    d.name = crate::model::cut_name(&d.name);
                    d.account = crate::model::cut_name(&d.account);
                    d
                })
                .collect();
            self.deals = Arc::new(deals);
        }
        let top = self.deals.iter().map(|d| d.id).max().unwrap_or(0);
        if self.next_id <= top {
            self.next_id = top.saturating_add(1);
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
pub fn amount_text(r: crate::domain::Ratio) -> String {
    decimal_text(r, 4)
}

/// A probability (a fraction of one) in percent for a field: "35", "12.5".
pub fn probability_text(r: crate::domain::Ratio) -> String {
    r.checked_mul(crate::domain::Ratio::from_int(100))
        .map(|pct| decimal_text(pct, 4))
        .unwrap_or_default()
}

/// `r` with at most `places` decimals, rounded half up, trailing zeros cut.
fn decimal_text(r: crate::domain::Ratio, places: u32) -> String {
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
    use crate::domain::Ratio;

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

/// Everything the Pipeline screen shows, derived from its inputs and the
/// Plan's evaluation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PipelineEval {
    /// Per deal, in list order.
    pub marks: Arc<Vec<Marks>>,
}

impl PipelineEval {
    /// The Pipeline screen's figures for these inputs.
    pub fn of(
        _plan: &crate::model::PlanInput,
        eval: &crate::model::Evaluation,
        input: &PipelineInput,
    ) -> PipelineEval {
        let today = eval.time.today;
        let marks = input
            .deals
            .iter()
            .map(|d| {
                let open = d.status == crate::domain::Status::Open;
                Marks {
                    stalled: false,
                    overdue: open && d.close.is_some_and(|c| c < today),
                    no_close: open && d.close.is_none(),
                }
            })
            .collect();
        PipelineEval {
            marks: Arc::new(marks),
        }
    }
}
