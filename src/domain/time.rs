//! Time: the steady (ideal) funnel.
//!
//! Turns "D wins in this period" into weekly flows, the standing count each
//! open stage must hold (Little's law), the reps the intake needs and an
//! intake calendar that starts one sales cycle before the period. Everything
//! is exact (`Ratio` and integers) and every function is total: bad or huge
//! input gives a `TimeError`, never a panic.

use super::limits::MAX_PERIOD_DAYS;
use super::ratio::Ratio;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest intake calendar `time_plan` builds, in ISO weeks (about 190 years).
///
/// Dates go on for hundreds of thousands of years; a calendar that long would
/// take gigabytes to build and could never be read, so it is `TooLarge`.
pub const MAX_CALENDAR_WEEKS: u64 = 10_000;

/// Why a period cannot be resolved or a time plan cannot be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeError {
    /// The funnel has no stage above the won stage.
    NoOpenStages,
    /// Open stage `stage` (0-based, top first) has 0 dwell days.
    ZeroDwell { stage: usize },
    /// A custom period ends before it starts.
    EndBeforeStart,
    /// The period is 0 weeks long (or the weeks entered are 0).
    WeeksNotPositive,
    /// Open stage `stage` (0-based, top first) has a 0 % win rate, so no
    /// number of leads reaches the target.
    Unreachable { stage: usize },
    /// The new leads a rep opens per week is 0.
    RepCapacityNotPositive,
    /// A figure does not fit (counts beyond 64 bits, a period beyond
    /// `u32` days, a calendar beyond `MAX_CALENDAR_WEEKS`).
    TooLarge,
    /// A date falls outside the calendar that can be represented.
    DateOutOfRange,
    /// A custom period longer than [`MAX_PERIOD_DAYS`].
    PeriodTooLong,
}

/// Which period the target belongs to.
///
/// Order of options in the UI: This month, This quarter, This year, Next
/// quarter, Custom dates, Weeks (see [`PeriodKind::ALL`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum PeriodKind {
    ThisMonth,
    #[default]
    ThisQuarter,
    ThisYear,
    NextQuarter,
    Custom,
    Weeks,
}

impl PeriodKind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [PeriodKind; 6] = [
        PeriodKind::ThisMonth,
        PeriodKind::ThisQuarter,
        PeriodKind::ThisYear,
        PeriodKind::NextQuarter,
        PeriodKind::Custom,
        PeriodKind::Weeks,
    ];
}

/// A period as entered: its kind plus the fields that kind uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    /// 1st to last day of today's month.
    ThisMonth,
    /// The calendar quarter holding today.
    ThisQuarter,
    /// 1 January to 31 December of today's year.
    ThisYear,
    /// The calendar quarter after today's (Q4 is followed by Q1 of next year).
    NextQuarter,
    /// From `start` to `end`, both included.
    Custom { start: NaiveDate, end: NaiveDate },
    /// The simple model: `weeks` weeks (possibly fractional) from `start`.
    Weeks { start: NaiveDate, weeks: Ratio },
}

/// A period resolved against "today".
///
/// `start` and `end` are both included and `days` counts them. `weeks` is
/// `days ÷ 7` exactly, except in the Weeks model where it is the weeks
/// entered and `end = start + ceil(weeks × 7) − 1 day`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub days: u32,
    pub weeks: Ratio,
}

impl Period {
    /// The kind of this period, for the UI's selector.
    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::ThisMonth => PeriodKind::ThisMonth,
            Period::ThisQuarter => PeriodKind::ThisQuarter,
            Period::ThisYear => PeriodKind::ThisYear,
            Period::NextQuarter => PeriodKind::NextQuarter,
            Period::Custom { .. } => PeriodKind::Custom,
            Period::Weeks { .. } => PeriodKind::Weeks,
        }
    }

    /// Start, end, length in days and in weeks of this period, given today.
    ///
    /// Errors: `EndBeforeStart` and `PeriodTooLong` (custom),
    /// `WeeksNotPositive` (weeks model), `TooLarge` (more days than `u32`
    /// holds) and `DateOutOfRange` (a
    /// boundary beyond chrono's calendar, e.g. next quarter of its last year).
    pub fn resolve(&self, today: NaiveDate) -> Result<ResolvedPeriod, TimeError> {
        match *self {
            Period::ThisMonth => {
                let start = ymd(today.year(), today.month())?;
                from_dates(start, last_of_month(today.year(), today.month())?)
            }
            Period::ThisQuarter => {
                let (year, q) = quarter_of(today);
                quarter(year, q)
            }
            Period::NextQuarter => {
                let (year, q) = quarter_of(today);
                if q == 3 {
                    quarter(next_year(year)?, 0)
                } else {
                    quarter(year, q + 1)
                }
            }
            Period::ThisYear => {
                let start = ymd(today.year(), 1)?;
                from_dates(start, last_of_month(today.year(), 12)?)
            }
            Period::Custom { start, end } => from_dates(start, end),
            Period::Weeks { start, weeks } => {
                if weeks.is_zero() {
                    return Err(TimeError::WeeksNotPositive);
                }
                let days = weeks
                    .checked_mul(Ratio::from_int(7))
                    .ok_or(TimeError::TooLarge)?
                    .ceil();
                let days = u32::try_from(days).map_err(|_| TimeError::TooLarge)?;
                // days ≥ 1 because weeks > 0 and the ceiling of a positive value is ≥ 1.
                let end = start
                    .checked_add_days(Days::new(u64::from(days) - 1))
                    .ok_or(TimeError::DateOutOfRange)?;
                Ok(ResolvedPeriod {
                    start,
                    end,
                    days,
                    weeks,
                })
            }
        }
    }
}

fn ymd(year: i32, month: u32) -> Result<NaiveDate, TimeError> {
    NaiveDate::from_ymd_opt(year, month, 1).ok_or(TimeError::DateOutOfRange)
}

fn next_year(year: i32) -> Result<i32, TimeError> {
    year.checked_add(1).ok_or(TimeError::DateOutOfRange)
}

/// Found without stepping into the next month, which does not exist after
/// chrono's last representable month.
fn last_of_month(year: i32, month: u32) -> Result<NaiveDate, TimeError> {
    (28..=31)
        .rev()
        .find_map(|day| NaiveDate::from_ymd_opt(year, month, day))
        .ok_or(TimeError::DateOutOfRange)
}

/// Year and 0-based quarter holding `date`.
fn quarter_of(date: NaiveDate) -> (i32, u32) {
    (date.year(), date.month0() / 3)
}

fn quarter(year: i32, q: u32) -> Result<ResolvedPeriod, TimeError> {
    let start = ymd(year, q * 3 + 1)?;
    from_dates(start, last_of_month(year, q * 3 + 3)?)
}

fn from_dates(start: NaiveDate, end: NaiveDate) -> Result<ResolvedPeriod, TimeError> {
    if end < start {
        return Err(TimeError::EndBeforeStart);
    }
    let days = days_between(start, end)? + 1;
    let days = u32::try_from(days).map_err(|_| TimeError::TooLarge)?;
    if days > MAX_PERIOD_DAYS {
        return Err(TimeError::PeriodTooLong);
    }
    let weeks = Ratio::new(u128::from(days), 7).ok_or(TimeError::TooLarge)?;
    Ok(ResolvedPeriod {
        start,
        end,
        days,
        weeks,
    })
}

/// Whole days from `from` to `to` (`to ≥ from`).
fn days_between(from: NaiveDate, to: NaiveDate) -> Result<u64, TimeError> {
    u64::try_from(to.signed_duration_since(from).num_days()).map_err(|_| TimeError::EndBeforeStart)
}

/// One open stage (above the won stage), top of the funnel first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenStage {
    /// Cumulative win rate `p_k`, in (0, 1].
    pub win_rate: Ratio,
    /// Standard days an opportunity stays in this stage, ≥ 1.
    pub dwell_days: u32,
}

/// Indices (0-based, top first) of the open stages with 0 dwell days, so the
/// UI can mark every offending field at once.
pub fn check_dwell(stages: &[OpenStage]) -> Vec<usize> {
    stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.dwell_days == 0)
        .map(|(i, _)| i)
        .collect()
}

/// What `time_plan` needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeInput<'a> {
    /// D: wins to deliver in the period.
    pub deals: u64,
    /// Open stages only, top first. Win rates are expected in (0, 1] and
    /// non-decreasing; a 0 % rate gives `Unreachable`, and a rate above
    /// 100 % or a falling one is computed as given (the caller validates).
    pub stages: &'a [OpenStage],
    /// The period; `start`, `end` and `weeks` are used, `days` is not
    /// (the intake window is measured from the dates).
    pub period: ResolvedPeriod,
    pub today: NaiveDate,
    /// m: new leads one rep opens per week; `None` when not entered.
    pub leads_per_rep_week: Option<Ratio>,
}

/// The standing count one open stage must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdealStage {
    /// `(D ÷ T) ÷ p_k × dwell_k ÷ 7`, exact.
    pub standing: Ratio,
    /// `ceil(standing)`: opportunities are whole, and too few misses the target.
    pub standing_rounded: u64,
}

/// One ISO week (Monday to Sunday) of the intake calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeWeek {
    /// The Monday of the week (may precede the intake window's first day).
    pub week_start: NaiveDate,
    pub iso_year: i32,
    pub iso_week: u32,
    /// New leads to add this week under the steady plan.
    pub new_leads: u64,
    /// When late: new leads to add this week so that every lead still enters
    /// from today on; `None` for weeks wholly before today, and for every
    /// week when not late.
    pub catch_up: Option<u64>,
    /// The week's Sunday is before today.
    pub past: bool,
}

/// Where today stands against the intake window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lateness {
    /// Today is on or before "first leads by".
    OnTime,
    /// Today is after "first leads by" but leads entering now can still
    /// close in the period. No lead is assumed to have entered yet.
    Late {
        /// Today − first leads by.
        days_late: u32,
        /// `days_late ÷ 7`, exact.
        weeks_late: Ratio,
        /// Days from today to the last entry date, both included.
        remaining_days: u32,
        /// `total_leads ÷ (remaining_days ÷ 7)`, exact.
        catch_up_per_week: Ratio,
    },
    /// Today is after the last entry date: a lead entering now closes after
    /// the period ends.
    TooLate { days_past_last_entry: u32 },
}

/// The steady funnel for a target over a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimePlan {
    /// Sum of the open stages' dwell days.
    pub sales_cycle_days: u32,
    /// D ÷ T for the whole period.
    pub wins_per_week: Ratio,
    /// (D ÷ T) ÷ p_1 for the whole period.
    pub leads_per_week: Ratio,
    /// `ceil(leads_per_week ÷ m)`; `None` when m was not entered.
    pub reps_needed: Option<u64>,
    /// One entry per open stage, top first.
    pub ideal: Vec<IdealStage>,
    /// `ceil(D ÷ p_1)`.
    pub total_leads: u64,
    /// Period start − sales cycle.
    pub first_leads_by: NaiveDate,
    /// Period end − sales cycle: the last day a lead can enter and still
    /// close in the period.
    pub last_entry: NaiveDate,
    /// One row per ISO week from the week holding `first_leads_by` to the
    /// week holding `last_entry`. The rows' `new_leads` sum to `total_leads`
    /// (all zero when D = 0, but the rows are still there to show the window).
    pub calendar: Vec<IntakeWeek>,
    pub late: Lateness,
    /// The period is no longer than the sales cycle (`last_entry` is before
    /// the period start): every lead must enter before the period begins.
    /// A warning; the figures are still computed.
    pub period_shorter_than_cycle: bool,
}

/// The steady funnel for `input`: flows, standing counts, reps, the intake
/// calendar and how late today is.
///
/// Errors are checked in this order: `NoOpenStages`, `ZeroDwell` (first
/// offender; see [`check_dwell`] for all), `Unreachable` (first 0 % stage),
/// `EndBeforeStart`, `WeeksNotPositive`, `RepCapacityNotPositive`, then
/// `TooLarge` / `DateOutOfRange` while computing.
pub fn time_plan(input: &TimeInput) -> Result<TimePlan, TimeError> {
    let stages = input.stages;
    let top = stages.first().ok_or(TimeError::NoOpenStages)?;
    if let Some(&stage) = check_dwell(stages).first() {
        return Err(TimeError::ZeroDwell { stage });
    }
    if let Some(stage) = stages.iter().position(|s| s.win_rate.is_zero()) {
        return Err(TimeError::Unreachable { stage });
    }
    let period = input.period;
    if period.end < period.start {
        return Err(TimeError::EndBeforeStart);
    }
    if period.weeks.is_zero() {
        return Err(TimeError::WeeksNotPositive);
    }
    if input.leads_per_rep_week.is_some_and(Ratio::is_zero) {
        return Err(TimeError::RepCapacityNotPositive);
    }

    let sales_cycle_days = stages
        .iter()
        .try_fold(0u32, |sum, s| sum.checked_add(s.dwell_days))
        .ok_or(TimeError::TooLarge)?;

    let deals = Ratio::from_int(u128::from(input.deals));
    let wins_per_week = div(deals, period.weeks)?;
    let leads_per_week = div(wins_per_week, top.win_rate)?;
    let reps_needed = match input.leads_per_rep_week {
        Some(m) => Some(to_u64(div(leads_per_week, m)?.ceil())?),
        None => None,
    };
    let ideal = stages
        .iter()
        .map(|s| {
            let dwell_weeks = Ratio::new(u128::from(s.dwell_days), 7).ok_or(TimeError::TooLarge)?;
            let standing = mul(div(wins_per_week, s.win_rate)?, dwell_weeks)?;
            Ok(IdealStage {
                standing,
                standing_rounded: to_u64(standing.ceil())?,
            })
        })
        .collect::<Result<Vec<_>, TimeError>>()?;
    let total_leads = to_u64(div(deals, top.win_rate)?.ceil())?;

    let cycle = Days::new(u64::from(sales_cycle_days));
    let first_leads_by = period
        .start
        .checked_sub_days(cycle)
        .ok_or(TimeError::DateOutOfRange)?;
    let last_entry = period
        .end
        .checked_sub_days(cycle)
        .ok_or(TimeError::DateOutOfRange)?;

    let window_days = days_between(first_leads_by, last_entry)? + 1;
    let today = input.today;
    let late = if today <= first_leads_by {
        Lateness::OnTime
    } else if today <= last_entry {
        let days_late = to_u32(days_between(first_leads_by, today)?)?;
        let remaining_days = to_u32(days_between(today, last_entry)? + 1)?;
        let remaining_weeks =
            Ratio::new(u128::from(remaining_days), 7).ok_or(TimeError::TooLarge)?;
        Lateness::Late {
            days_late,
            weeks_late: Ratio::new(u128::from(days_late), 7).ok_or(TimeError::TooLarge)?,
            remaining_days,
            catch_up_per_week: div(Ratio::from_int(u128::from(total_leads)), remaining_weeks)?,
        }
    } else {
        Lateness::TooLate {
            days_past_last_entry: to_u32(days_between(last_entry, today)?)?,
        }
    };

    let calendar = intake_calendar(
        first_leads_by,
        window_days,
        leads_per_week,
        total_leads,
        today,
        matches!(late, Lateness::Late { .. }),
    )?;

    Ok(TimePlan {
        sales_cycle_days,
        wins_per_week,
        leads_per_week,
        reps_needed,
        ideal,
        total_leads,
        first_leads_by,
        last_entry,
        calendar,
        late,
        period_shorter_than_cycle: last_entry < period.start,
    })
}

/// The intake calendar over `window_days` days from `first`.
///
/// A row is whole leads: the running total at the end of its week, rounded
/// up, minus the same at the end of the week before, where the running
/// total is the exact intake so far (`leads_per_week` × days so far ÷ 7,
/// funnel-theory.md "Calendar rows"), never more than `total`. So rows
/// never fall behind the exact flow, a week of 0 appears only when the flow
/// is below one lead a week, and the rows add up to `total`. The catch-up
/// column spreads `total` the same way over the days from `today` to the
/// window's end.
fn intake_calendar(
    first: NaiveDate,
    window_days: u64,
    leads_per_week: Ratio,
    total: u64,
    today: NaiveDate,
    late: bool,
) -> Result<Vec<IntakeWeek>, TimeError> {
    let lead_in = u64::from(first.weekday().num_days_from_monday());
    let rows = (lead_in + window_days).div_ceil(7);
    if rows > MAX_CALENDAR_WEEKS {
        return Err(TimeError::TooLarge);
    }
    let first_monday = first
        .checked_sub_days(Days::new(lead_in))
        .ok_or(TimeError::DateOutOfRange)?;
    // Only used when late, where first < today ≤ last entry keeps it inside the window.
    let today_offset = if late {
        days_between(first, today)?
    } else {
        window_days
    };
    let remaining = window_days - today_offset.min(window_days);

    let mut calendar = Vec::with_capacity(usize::try_from(rows).map_err(|_| TimeError::TooLarge)?);
    let (mut done, mut done_catch_up) = (0u64, 0u64);
    for row in 0..rows {
        let week_start = first_monday
            .checked_add_days(Days::new(row * 7))
            .ok_or(TimeError::DateOutOfRange)?;
        // Window days covered by this row and all before it.
        let through = ((row + 1) * 7 - lead_in).min(window_days);
        let cum = if through == window_days {
            total
        } else {
            flow_total(leads_per_week, through)?.min(total)
        };
        let new_leads = cum.saturating_sub(done);
        done = done.max(cum);

        let catch_up = if late && through > today_offset {
            let cum = share(total, through - today_offset, remaining)?;
            let n = cum.saturating_sub(done_catch_up);
            done_catch_up = done_catch_up.max(cum);
            Some(n)
        } else {
            None
        };

        let iso = week_start.iso_week();
        calendar.push(IntakeWeek {
            week_start,
            iso_year: iso.year(),
            iso_week: iso.week(),
            new_leads,
            catch_up,
            past: today.signed_duration_since(week_start).num_days() > 6,
        });
    }
    Ok(calendar)
}

/// `ceil(per_week × days ÷ 7)`: whole leads due after `days` days of a flow.
fn flow_total(per_week: Ratio, days: u64) -> Result<u64, TimeError> {
    let so_far = mul(
        per_week,
        Ratio::new(u128::from(days), 7).ok_or(TimeError::TooLarge)?,
    )?;
    to_u64(so_far.ceil())
}

/// `ceil(total × part ÷ whole)`, the leads due by the end of `part` days.
fn share(total: u64, part: u64, whole: u64) -> Result<u64, TimeError> {
    if whole == 0 {
        return Ok(0);
    }
    let scaled = u128::from(total)
        .checked_mul(u128::from(part))
        .ok_or(TimeError::TooLarge)?;
    to_u64(scaled.div_ceil(u128::from(whole)))
}

fn div(a: Ratio, b: Ratio) -> Result<Ratio, TimeError> {
    a.checked_div(b).ok_or(TimeError::TooLarge)
}

fn mul(a: Ratio, b: Ratio) -> Result<Ratio, TimeError> {
    a.checked_mul(b).ok_or(TimeError::TooLarge)
}

fn to_u64(n: u128) -> Result<u64, TimeError> {
    u64::try_from(n).map_err(|_| TimeError::TooLarge)
}

fn to_u32(n: u64) -> Result<u32, TimeError> {
    u32::try_from(n).map_err(|_| TimeError::TooLarge)
}
