//! Every cap on what a user can enter, in one place, with the reason for
//! each. A value beyond its cap is refused at its field with a message;
//! the tests sweep each cap and its neighbours.

pub use super::number::{MAX_AMOUNT, MAX_COUNT};

/// Most stages in a funnel: real funnels have 3 to 8; 20 leaves room
/// for teaching and still fits a chart on a projector.
pub const MAX_STAGES: usize = 20;

/// Longest stage name, in characters: long enough for "Needs analysis &
/// proposal (technical review)", short enough for a chart label.
pub const MAX_NAME_CHARS: usize = 80;

/// Most standard days in one stage (two years).
pub const MAX_DWELL_DAYS: u64 = 730;

/// Longest simple-model period, in weeks (ten years).
pub const MAX_WEEKS: u64 = 520;

/// Longest custom period, in days (ten years and leap days).
pub const MAX_PERIOD_DAYS: u32 = 3_653;

/// Most new leads one rep opens in a week.
pub const MAX_LEADS_PER_REP: u64 = 10_000;

/// Most deals a target may ask for.
pub const MAX_DEALS: u64 = MAX_COUNT as u64;

/// Earliest and latest dates the date fields take (`YYYY-MM-DD`); the
/// parser holds years to the same range.
pub const MIN_DATE: &str = "1900-01-01";
pub const MAX_DATE: &str = "2199-12-31";
