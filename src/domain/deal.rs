//! A deal of the open pipeline, as the domain sees it: validated values only.
//! Parsing what a user typed or a CSV held into these happens at the edge
//! (the deal editor, [`super::deals_csv`]).

use super::Ratio;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A deal's stable id: list keys, undo and saved data use it, never the index.
pub type DealId = u32;

/// A plan stage's stable id (the same numbers as the Plan's `StageId`).
pub type StageRef = u32;

/// Where a deal stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Open,
    Won,
    Lost,
}

/// One deal. Amounts are in the plan's currency; dates are calendar dates
/// as written (no time zone).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deal {
    pub id: DealId,
    pub name: String,
    pub account: String,
    /// `None` when the deal has no amount (it then counts in win rates, not revenue).
    pub amount: Option<Ratio>,
    /// The plan stage it is in (for a lost deal: the stage where it was lost).
    pub stage: StageRef,
    pub status: Status,
    /// Expected (open) or actual (won, lost) close date.
    pub close: Option<NaiveDate>,
    /// The date it entered its current stage.
    pub in_stage_since: Option<NaiveDate>,
    /// The date it was created.
    pub created: Option<NaiveDate>,
    /// A probability that overrides the stage's win rate, as a fraction of
    /// one in [0, 1]; `None` uses the stage's win rate.
    pub probability: Option<Ratio>,
}

/// One stage of the plan as the pipeline math needs it, top of the funnel first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageFacts {
    pub id: StageRef,
    /// Cumulative win rate `p_k` (the won stage 1, the lost stage 0).
    pub win_rate: Ratio,
    pub role: super::Role,
    /// Standard days in the stage (open stages), when entered and valid.
    pub dwell_days: Option<u32>,
}
