//! What the user has entered, as a plain type with methods, and everything
//! derived from it. No web dependencies: the reactive layer (`state`) wraps
//! this in signals, and it is tested natively.
//!
//! Fields hold the text as typed, so a bad value stays on screen (and in
//! the save) with its message until the user fixes it.

use crate::domain::limits::{
    MAX_DEALS, MAX_DWELL_DAYS, MAX_LEADS_PER_REP, MAX_NAME_CHARS, MAX_STAGES, MAX_WEEKS,
};
use crate::domain::number::{
    parse_date, read_amount, read_confidence, read_count, read_percent, read_positive, DecimalMark,
    Reading,
};
use crate::domain::plan::{self, ConfidenceLeads, Plan, PlanError, Target};
use crate::domain::time::{
    self as time, OpenStage, Period, PeriodKind, ResolvedPeriod, TimeError, TimeInput, TimePlan,
};
use crate::domain::{Funnel, InputError, PresetId, RateMode, Ratio, Role, StageIssue, StageKey};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// With the `test-hooks` feature, a stage of this name makes evaluation panic.
#[cfg(feature = "test-hooks")]
pub const TEST_PANIC_NAME: &str = "test-hooks: panic";

/// A stage's stable id: list keys and saved data use it, never the index.
pub type StageId = u32;

/// One stage as entered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageInput {
    pub id: StageId,
    /// A preset's stage name, worded in the current language until the user renames it.
    pub key: Option<StageKey>,
    /// The user's own name; used when `key` is `None`.
    pub name: String,
    /// The rate as typed, in percent, in the funnel's current rate mode.
    pub rate: String,
    /// The exact value behind `rate` when it was filled in by the app (a
    /// mode switch, a preset): `2/7` shows as "28.6" but stays 2/7.
    pub exact: Option<Ratio>,
    /// Standard days in the stage, as typed.
    pub dwell: String,
    /// The stage's own notes; `None` shows the notes of its preset stage
    /// (`key`), worded in the current language, until one is edited.
    /// Saves before the four notes held one free text: it becomes the purpose.
    #[serde(deserialize_with = "notes_compat")]
    pub notes: Option<StageNotes>,
}

/// Longest note kept, in characters: a paragraph, not a document.
pub const MAX_NOTE_CHARS: usize = 500;

/// What a stage is for and how a rep knows it is done (funnel-theory.md,
/// "Vocabulary": each stage can carry a purpose, a milestone — the
/// verifiable exit event —, the evidence that proves it, and the rep's
/// actions in it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageNotes {
    pub purpose: String,
    pub milestone: String,
    pub evidence: String,
    pub actions: String,
}

/// One of a stage's four notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Purpose,
    Milestone,
    Evidence,
    Actions,
}

impl NoteKind {
    pub const ALL: [NoteKind; 4] = [
        NoteKind::Purpose,
        NoteKind::Milestone,
        NoteKind::Evidence,
        NoteKind::Actions,
    ];
}

impl StageNotes {
    /// Notes from four texts in [`NoteKind::ALL`]'s order.
    pub fn from_texts(texts: [&str; 4]) -> StageNotes {
        let [purpose, milestone, evidence, actions] = texts.map(String::from);
        StageNotes {
            purpose,
            milestone,
            evidence,
            actions,
        }
    }

    pub fn get(&self, kind: NoteKind) -> &str {
        match kind {
            NoteKind::Purpose => &self.purpose,
            NoteKind::Milestone => &self.milestone,
            NoteKind::Evidence => &self.evidence,
            NoteKind::Actions => &self.actions,
        }
    }

    /// Sets one note, cut to [`MAX_NOTE_CHARS`].
    pub fn set(&mut self, kind: NoteKind, text: &str) {
        let text: String = text.chars().take(MAX_NOTE_CHARS).collect();
        match kind {
            NoteKind::Purpose => self.purpose = text,
            NoteKind::Milestone => self.milestone = text,
            NoteKind::Evidence => self.evidence = text,
            NoteKind::Actions => self.actions = text,
        }
    }

    pub fn is_empty(&self) -> bool {
        NoteKind::ALL.iter().all(|k| self.get(*k).trim().is_empty())
    }

    /// Every note held to [`MAX_NOTE_CHARS`] (a save or file from outside).
    pub fn clamp(&mut self) {
        for k in NoteKind::ALL {
            let t = self.get(k).to_string();
            self.set(k, &t);
        }
    }
}

/// Reads `notes` as saved now (four notes, or none) or before (one text,
/// which becomes the purpose).
fn notes_compat<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<StageNotes>, D::Error> {
    use serde::de::{self, MapAccess, Visitor};
    struct Compat;
    impl<'de> Visitor<'de> for Compat {
        type Value = Option<StageNotes>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("stage notes")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok((!v.trim().is_empty()).then(|| {
                let mut n = StageNotes::default();
                n.set(NoteKind::Purpose, v);
                n
            }))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            self.visit_str(&v)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let mut n = StageNotes::deserialize(de::value::MapAccessDeserializer::new(map))?;
            n.clamp();
            Ok(Some(n))
        }
    }
    d.deserialize_any(Compat)
}

impl StageInput {
    /// The rate this field stands for, in its mode, and how it was read.
    pub fn read_rate(&self) -> Result<Reading<Ratio>, InputError> {
        match self.exact {
            Some(r) if rate_text(r) == self.rate.trim() => Ok(Reading {
                value: r,
                noted: false,
            }),
            _ => read_percent(&self.rate, DecimalMark::Auto),
        }
    }

    /// The rate this field stands for, in its mode.
    pub fn parsed_rate(&self) -> Result<Ratio, InputError> {
        self.read_rate().map(|r| r.value)
    }
}

/// How the target is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetBy {
    #[default]
    Revenue,
    Deals,
}

/// Everything the Plan screen's inputs hold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanInput {
    pub stages: Vec<StageInput>,
    pub next_id: StageId,
    pub mode: RateMode,
    /// The preset the stages came from; `None` once they no longer match one.
    pub preset: Option<PresetId>,
    pub target_by: TargetBy,
    pub revenue: String,
    pub deal_size: String,
    pub deals: String,
    pub confidence: String,
    /// ISO 4217 code for money display.
    pub currency: String,
    /// The period the target is due in.
    pub period: PeriodKind,
    /// Start of a custom or weeks-model period, ISO date as typed.
    pub period_start: String,
    /// End of a custom period, ISO date as typed.
    pub period_end: String,
    /// Length of the simple (weeks) model, as typed.
    pub weeks: String,
    /// "Today" as typed; empty follows the browser's clock.
    pub today: String,
    /// New leads one rep can open in a week, as typed.
    pub leads_per_rep: String,
}

impl Default for PlanInput {
    /// Worked example 3: a 3,000,000 quota at 100,000 a deal on the A–E funnel.
    fn default() -> PlanInput {
        let mut p = PlanInput {
            stages: Vec::new(),
            next_id: 1,
            mode: RateMode::WinRate,
            preset: None,
            target_by: TargetBy::Revenue,
            revenue: "3000000".into(),
            deal_size: "100000".into(),
            deals: "30".into(),
            confidence: "90".into(),
            currency: "USD".into(),
            // Planning ahead is the common case: next quarter's leads are due now.
            period: PeriodKind::NextQuarter,
            period_start: String::new(),
            period_end: String::new(),
            weeks: "12".into(),
            today: String::new(),
            leads_per_rep: "5".into(),
        };
        p.apply_preset(PresetId::Quota);
        p
    }
}

/// The text a rate field shows for an exact rate, by the one rule every
/// rate on the screen follows: as many decimals as it has up to four (what
/// a field keeps), else one, rounded half up ("28.6" for 2/7); the exact
/// value stays behind it. Integer arithmetic only, so no float tail can
/// appear.
pub fn rate_text(r: Ratio) -> String {
    let decimals = r.percent_places();
    let scale = 10u128.pow(decimals);
    let scaled = r
        .checked_mul(Ratio::from_int(100 * scale))
        .map(|x| x.numer().saturating_add(x.denom() / 2) / x.denom())
        .unwrap_or(0);
    let (whole, frac) = (scaled / scale, scaled % scale);
    if decimals == 0 || frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:0width$}", width = decimals as usize);
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

/// A name held to [`MAX_NAME_CHARS`] characters, never ending inside an
/// emoji sequence (a trailing joiner or variation selector is dropped).
pub fn cut_name(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_string();
    }
    let cut: String = name.chars().take(MAX_NAME_CHARS).collect();
    cut.trim_end_matches(['\u{200d}', '\u{fe0f}']).to_string()
}

/// Why the mode could not be switched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwitchError {
    /// Some rates are invalid; only a valid funnel converts.
    InvalidFunnel,
}

impl PlanInput {
    /// A fresh stage id. Ids are renumbered from 1 when they run out, so
    /// "Add stage" keeps working even after a save with a huge next id.
    fn take_id(&mut self) -> StageId {
        if self.next_id == StageId::MAX {
            for (s, id) in self.stages.iter_mut().zip(1..) {
                s.id = id;
            }
            self.next_id = StageId::try_from(self.stages.len() + 1).unwrap_or(StageId::MAX);
        }
        let id = self.next_id.max(1);
        self.next_id = id.saturating_add(1);
        id
    }

    /// Replaces the stages with a preset's, in the current rate mode.
    pub fn apply_preset(&mut self, preset: PresetId) {
        let spec = preset.stages();
        let rates: Vec<Ratio> = spec
            .iter()
            .map(|s| Ratio::percent(u128::from(s.win_rate_percent)))
            .collect();
        let rates = match Funnel::new(RateMode::WinRate, &rates) {
            Ok(f) => f.rates_in(self.mode),
            Err(_) => rates,
        };
        self.stages = spec
            .iter()
            .zip(rates)
            .map(|(s, r)| StageInput {
                id: 0,
                key: Some(s.key),
                name: String::new(),
                rate: rate_text(r),
                exact: Some(r),
                dwell: if s.dwell_days > 0 {
                    s.dwell_days.to_string()
                } else {
                    String::new()
                },
                notes: None,
            })
            .collect();
        for i in 0..self.stages.len() {
            self.stages[i].id = self.take_id();
        }
        self.preset = Some(preset);
    }

    pub fn index_of(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    pub fn stage(&self, id: StageId) -> Option<&StageInput> {
        self.stages.iter().find(|s| s.id == id)
    }

    fn stage_mut(&mut self, id: StageId) -> Option<&mut StageInput> {
        self.stages.iter_mut().find(|s| s.id == id)
    }

    pub fn set_name(&mut self, id: StageId, name: String) {
        if let Some(s) = self.stage_mut(id) {
            s.name = cut_name(&name);
            s.key = None;
        }
        self.preset = None;
    }

    /// Sets a rate as typed. The exact value the app filled in stays
    /// behind the field and counts whenever the field shows its text again
    /// (retyped key by key, or after an edit and back): what is on screen
    /// means the same thing.
    pub fn set_rate(&mut self, id: StageId, text: String) {
        if let Some(s) = self.stage_mut(id) {
            s.rate = text;
        }
        self.preset = None;
    }

    pub fn set_dwell(&mut self, id: StageId, text: String) {
        if let Some(s) = self.stage_mut(id) {
            s.dwell = text;
        }
        self.preset = None;
    }

    /// Adds an open stage called `name` just above the won stage (or at the
    /// end when there is none), with a rate that keeps the funnel valid:
    /// halfway between the last open stage and 100 % as a win rate, 100 % as
    /// a conversion. `None` once the funnel has [`MAX_STAGES`].
    pub fn add_stage(&mut self, name: String) -> Option<StageId> {
        if self.stages.len() >= MAX_STAGES {
            return None;
        }
        let rates: Vec<Ratio> = self
            .stages
            .iter()
            .map(|s| s.parsed_rate().unwrap_or(Ratio::ZERO))
            .collect();
        let won = won_position(&rates);
        let at = won.unwrap_or(self.stages.len());
        let rate = match self.mode {
            RateMode::Conversion => Ratio::ONE,
            RateMode::WinRate => {
                let below = at
                    .checked_sub(1)
                    .and_then(|i| rates.get(i).copied())
                    .unwrap_or(Ratio::ZERO);
                below
                    .checked_add(Ratio::ONE)
                    .and_then(|s| s.checked_div(Ratio::from_int(2)))
                    .filter(|r| r.percent_decimals(4).is_some())
                    .unwrap_or(below)
            }
        };
        let id = self.take_id();
        self.stages.insert(
            at,
            StageInput {
                id,
                name,
                rate: rate_text(rate),
                exact: Some(rate),
                dwell: "7".into(),
                ..StageInput::default()
            },
        );
        self.preset = None;
        Some(id)
    }

    /// Removes a stage; the last one stays (a funnel needs a stage).
    pub fn remove_stage(&mut self, id: StageId) {
        if self.stages.len() > 1 {
            self.stages.retain(|s| s.id != id);
            self.preset = None;
        }
    }

    /// Moves a stage one place up (`-1`) or down (`+1`).
    pub fn move_stage(&mut self, id: StageId, up: bool) {
        let Some(i) = self.index_of(id) else { return };
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        if let Some(j) = j.filter(|&j| j < self.stages.len()) {
            self.stages.swap(i, j);
            self.preset = None;
        }
    }

    /// Shows the same funnel in the other rate mode, converting exactly.
    pub fn switch_mode(&mut self, mode: RateMode) -> Result<(), SwitchError> {
        if mode == self.mode {
            return Ok(());
        }
        let rates = self
            .stages
            .iter()
            .map(StageInput::parsed_rate)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| SwitchError::InvalidFunnel)?;
        let funnel = Funnel::new(self.mode, &rates).map_err(|_| SwitchError::InvalidFunnel)?;
        for (stage, r) in self.stages.iter_mut().zip(funnel.rates_in(mode)) {
            stage.rate = rate_text(r);
            stage.exact = Some(r);
        }
        self.mode = mode;
        Ok(())
    }

    /// Repairs what a hand-edited or old save could break: duplicate or zero
    /// ids, a `next_id` that would reuse one, an empty funnel.
    pub fn sanitise(&mut self) {
        if self.stages.is_empty() {
            *self = PlanInput::default();
            return;
        }
        self.stages.truncate(MAX_STAGES);
        for s in &mut self.stages {
            s.name = cut_name(&s.name);
        }
        let mut seen = std::collections::HashSet::new();
        let max = self.stages.iter().map(|s| s.id).max().unwrap_or(0);
        self.next_id = self.next_id.max(max.saturating_add(1)).max(1);
        for i in 0..self.stages.len() {
            if self.stages[i].id == 0 || !seen.insert(self.stages[i].id) {
                let id = self.take_id();
                self.stages[i].id = id;
                seen.insert(id);
            }
        }
    }

    /// Chooses the period kind; a custom or weeks period starts from the
    /// dates of the period shown until now, so the switch changes nothing
    /// else at first.
    pub fn set_period(&mut self, kind: PeriodKind, browser_today: NaiveDate) {
        if kind == self.period {
            return;
        }
        let shown = self.evaluate(browser_today).time.period;
        if let Some(p) = shown {
            if matches!(kind, PeriodKind::Custom | PeriodKind::Weeks)
                && self.period_start.trim().is_empty()
            {
                self.period_start = p.start.to_string();
            }
            if kind == PeriodKind::Custom && self.period_end.trim().is_empty() {
                self.period_end = p.end.to_string();
            }
        }
        self.period = kind;
    }

    /// Everything the screen shows, computed from the inputs; `browser_today`
    /// is the clock's date, used unless the user typed another "today".
    pub fn evaluate(&self, browser_today: NaiveDate) -> Evaluation {
        Evaluation::of(self, browser_today)
    }
}

/// Position of the won stage by the rule of funnel-theory.md, for showing
/// roles even while other rates are wrong.
fn won_position(rates: &[Ratio]) -> Option<usize> {
    match rates {
        [.., last] if last.is_one() => Some(rates.len() - 1),
        [.., before, last] if last.is_zero() && before.is_one() => Some(rates.len() - 2),
        _ => None,
    }
}

/// Why a field is marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    /// The text is not a usable number.
    Input(InputError),
    /// The number does not fit the funnel.
    Stage(StageIssue),
    /// A 0 % here makes every target unreachable (a warning: the funnel is valid).
    MakesUnreachable,
}

/// Why a result cannot be shown as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// A stage's rate needs fixing.
    Funnel,
    /// The target needs fixing.
    Target,
    /// The target is still being typed (a group of digits not yet whole).
    Typing,
    /// A 0 % stage: no number of leads is enough.
    Unreachable,
    /// A figure would be beyond what can be shown.
    TooLarge,
    /// The confidence field needs fixing.
    Confidence,
    /// More leads than the confidence search looks at.
    AboveCap,
}

/// How a field's value was read, for the quiet "= 3,000,000" under it;
/// only present when that is not just the digits typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    /// An amount of money.
    Amount(Ratio),
    /// A rate, as a fraction of one.
    Percent(Ratio),
    /// An exact rate the app filled in, whose text is rounded.
    Rounded(Ratio),
    /// A whole count.
    Count(u64),
    /// A number with decimals.
    Number(Ratio),
}

fn noted<T>(r: &Result<Reading<T>, InputError>, f: impl FnOnce(&T) -> Read) -> Option<Read> {
    match r {
        Ok(x) if x.noted => Some(f(&x.value)),
        _ => None,
    }
}

/// Every field's reading, where it says more than the digits typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Readings {
    pub revenue: Option<Read>,
    pub deal_size: Option<Read>,
    pub deals: Option<Read>,
    pub confidence: Option<Read>,
    pub weeks: Option<Read>,
    pub leads_per_rep: Option<Read>,
    /// Per stage, by index.
    pub rates: Vec<Option<Read>>,
    /// Per stage, by index.
    pub dwell: Vec<Option<Read>>,
}

/// Everything derived from a [`PlanInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// Per stage, by index: its role when the structure is clear.
    pub roles: Vec<Option<Role>>,
    /// Per stage, by index: the name is empty (results call it "Stage N").
    pub unnamed: Vec<bool>,
    /// How each field was read.
    pub readings: Readings,
    /// Per stage, by index: what is wrong with its rate field.
    pub rate_problems: Vec<Option<FieldProblem>>,
    pub revenue_problem: Option<InputError>,
    pub deal_size_problem: Option<InputError>,
    pub deals_problem: Option<InputError>,
    pub confidence_problem: Option<InputError>,
    pub funnel: Option<Funnel>,
    /// The validated target, when its fields are good.
    pub target: Option<Target>,
    pub deals: Result<u64, Blocked>,
    pub plan: Result<Plan, Blocked>,
    pub confidence: Option<Ratio>,
    pub confidence_leads: Result<u64, Blocked>,
    /// Chance that the average answer (the leads needed) reaches the target.
    pub average_chance: Option<f64>,
    /// The time-phased plan.
    pub time: TimeEval,
}

/// Why the time-phased plan shows dashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeBlocked {
    /// The plan itself is blocked.
    Plan(Blocked),
    /// A dwell-days field needs fixing.
    Dwell,
    /// A period or "today" field needs fixing.
    Period,
    /// The period or the figures cannot be computed.
    Error(TimeError),
}

/// The time-phased plan and the problems of its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeEval {
    /// Per stage, by index: what is wrong with its dwell days (open stages only).
    pub dwell_problems: Vec<Option<InputError>>,
    /// Per stage, by index: its dwell days when good (open stages only).
    pub dwell_days: Vec<Option<u32>>,
    pub start_problem: Option<InputError>,
    pub end_problem: Option<InputError>,
    pub weeks_problem: Option<InputError>,
    pub today_problem: Option<InputError>,
    pub per_rep_problem: Option<InputError>,
    /// New leads one rep opens a week, when entered and good.
    pub per_rep: Option<Ratio>,
    /// The date the plan is made on.
    pub today: NaiveDate,
    /// The period, resolved against `today`.
    pub period: Option<ResolvedPeriod>,
    /// Why the period could not be resolved (e.g. it ends before it starts).
    pub period_error: Option<TimeError>,
    /// Sum of the open stages' dwell days, when they are all good.
    pub cycle_days: Option<u32>,
    pub plan: Result<TimePlan, TimeBlocked>,
}

impl TimeEval {
    fn of(
        input: &PlanInput,
        roles: &[Option<Role>],
        plan: &Result<Plan, Blocked>,
        browser_today: NaiveDate,
        readings: &mut Readings,
    ) -> TimeEval {
        // An empty "today" follows the browser; a typed one must be a date.
        let (today, today_problem) = if input.today.trim().is_empty() {
            (browser_today, None)
        } else {
            match parse_date(&input.today) {
                Ok(d) => (d, None),
                Err(e) => (browser_today, Some(e)),
            }
        };

        let mut dwell_problems = vec![None; input.stages.len()];
        let mut dwell_days = vec![None; input.stages.len()];
        readings.dwell = vec![None; input.stages.len()];
        let mut open = Vec::new();
        let mut dwell_bad = false;
        // While the structure is unclear every stage that is not known to be
        // won or lost has its dwell days checked, and there is no cycle.
        let known = roles.iter().all(Option::is_some);
        for (i, stage) in input.stages.iter().enumerate() {
            if matches!(
                roles.get(i).copied().flatten(),
                Some(Role::Won | Role::Lost)
            ) {
                continue;
            }
            let read = read_count(&stage.dwell, false, MAX_DWELL_DAYS);
            readings.dwell[i] = noted(&read, |d| Read::Count(*d));
            match read.and_then(|d| u32::try_from(d.value).map_err(|_| InputError::TooLarge)) {
                Ok(days) => {
                    open.push((i, days));
                    dwell_days[i] = Some(days);
                }
                Err(e) => {
                    dwell_problems[i] = Some(e);
                    dwell_bad = true;
                }
            }
        }
        let funnel_bad = matches!(plan, Err(Blocked::Funnel));
        let cycle_days = if dwell_bad || open.is_empty() || !known || funnel_bad {
            None
        } else {
            open.iter()
                .try_fold(0u32, |acc, (_, d)| acc.checked_add(*d))
        };

        let (mut start_problem, mut end_problem, mut weeks_problem) = (None, None, None);
        let period = match input.period {
            PeriodKind::ThisMonth => Some(Period::ThisMonth),
            PeriodKind::ThisQuarter => Some(Period::ThisQuarter),
            PeriodKind::ThisYear => Some(Period::ThisYear),
            PeriodKind::NextQuarter => Some(Period::NextQuarter),
            PeriodKind::Custom => {
                let start = parse_date(&input.period_start).map_err(|e| start_problem = Some(e));
                let end = parse_date(&input.period_end).map_err(|e| end_problem = Some(e));
                match (start, end) {
                    (Ok(start), Ok(end)) => Some(Period::Custom { start, end }),
                    _ => None,
                }
            }
            PeriodKind::Weeks => {
                let start = if input.period_start.trim().is_empty() {
                    Ok(today)
                } else {
                    parse_date(&input.period_start).map_err(|e| start_problem = Some(e))
                };
                // Whole weeks: a fraction of a week would make a period whose
                // days and weeks disagree.
                let read = read_count(&input.weeks, false, MAX_WEEKS);
                readings.weeks = noted(&read, |w| Read::Count(*w));
                let weeks = read
                    .map(|r| Ratio::from_int(u128::from(r.value)))
                    .map_err(|e| weeks_problem = Some(e));
                match (start, weeks) {
                    (Ok(start), Ok(weeks)) => Some(Period::Weeks { start, weeks }),
                    _ => None,
                }
            }
        };
        let (resolved, period_error) = match period.map(|p| p.resolve(today)) {
            Some(Ok(r)) => (Some(r), None),
            Some(Err(e)) => (None, Some(e)),
            None => (None, None),
        };
        // Empty is an error shown at the field: the reps figure needs it.
        let read = read_positive(&input.leads_per_rep, MAX_LEADS_PER_REP, 2);
        readings.leads_per_rep = noted(&read, |m| Read::Number(*m));
        let per_rep: Result<Option<Ratio>, InputError> = read.map(|r| Some(r.value));
        let per_rep_problem = per_rep.clone().err();

        let plan_result = (|| {
            let plan = plan.as_ref().map_err(|b| TimeBlocked::Plan(*b))?;
            if dwell_bad {
                return Err(TimeBlocked::Dwell);
            }
            if let Some(e) = period_error {
                return Err(TimeBlocked::Error(e));
            }
            let resolved = resolved.ok_or(TimeBlocked::Period)?;
            if today_problem.is_some() {
                return Err(TimeBlocked::Period);
            }
            let stages: Vec<OpenStage> = open
                .iter()
                .map(|&(i, dwell_days)| OpenStage {
                    win_rate: plan
                        .stages
                        .get(i)
                        .map(|s| s.win_rate)
                        .unwrap_or(Ratio::ZERO),
                    dwell_days,
                })
                .collect();
            time::time_plan(&TimeInput {
                deals: plan.deals,
                stages: &stages,
                period: resolved,
                today,
                leads_per_rep_week: per_rep.clone().ok().flatten(),
            })
            .map_err(TimeBlocked::Error)
        })();
        TimeEval {
            dwell_problems,
            dwell_days,
            start_problem,
            end_problem,
            weeks_problem,
            today_problem,
            per_rep_problem,
            per_rep: per_rep.clone().ok().flatten(),
            today,
            period: resolved,
            period_error,
            cycle_days,
            plan: plan_result,
        }
    }
}

impl Evaluation {
    fn of(input: &PlanInput, browser_today: NaiveDate) -> Evaluation {
        // The end-to-end tests of the panic page and the start-up guard need
        // a real panic; only a build with the `test-hooks` feature has one.
        #[cfg(feature = "test-hooks")]
        if input.stages.iter().any(|s| s.name == TEST_PANIC_NAME) {
            panic!("test-hooks: a stage named {TEST_PANIC_NAME:?}");
        }
        let mut readings = Readings::default();
        let reads: Vec<Result<Reading<Ratio>, InputError>> =
            input.stages.iter().map(StageInput::read_rate).collect();
        readings.rates = reads
            .iter()
            .zip(&input.stages)
            .map(|(r, s)| match (r, s.exact) {
                (Ok(x), Some(e)) if !x.noted && e.percent_decimals(4).is_none() => {
                    Some(Read::Rounded(e))
                }
                _ => noted(r, |p| Read::Percent(*p)),
            })
            .collect();
        let parsed: Vec<Result<Ratio, InputError>> =
            reads.into_iter().map(|r| r.map(|x| x.value)).collect();
        let unnamed = input
            .stages
            .iter()
            .map(|s| s.key.is_none() && s.name.trim().is_empty())
            .collect();
        let mut rate_problems: Vec<Option<FieldProblem>> = parsed
            .iter()
            .map(|r| r.as_ref().err().cloned().map(FieldProblem::Input))
            .collect();
        let all_parsed: Option<Vec<Ratio>> =
            parsed.iter().map(|r| r.as_ref().ok().copied()).collect();
        let roles_from = |rates: &[Ratio]| -> Vec<Option<Role>> {
            let won = won_position(rates);
            (0..rates.len())
                .map(|i| {
                    won.map(|w| match i.cmp(&w) {
                        std::cmp::Ordering::Less => Role::Open,
                        std::cmp::Ordering::Equal => Role::Won,
                        std::cmp::Ordering::Greater => Role::Lost,
                    })
                })
                .collect()
        };
        let (roles, funnel) = match &all_parsed {
            Some(rates) => {
                let roles = roles_from(rates);
                match Funnel::new(input.mode, rates) {
                    Ok(f) => {
                        for i in f.zero_causes(input.mode) {
                            rate_problems[i] = Some(FieldProblem::MakesUnreachable);
                        }
                        (roles, Some(f))
                    }
                    Err(issues) => {
                        for located in issues {
                            if let Some(slot) = rate_problems.get_mut(located.index) {
                                *slot = Some(FieldProblem::Stage(located.issue));
                            }
                        }
                        (roles, None)
                    }
                }
            }
            None => {
                let partial: Vec<Ratio> = parsed
                    .iter()
                    .map(|r| r.clone().unwrap_or(Ratio::ZERO))
                    .collect();
                let mut roles = roles_from(&partial);
                // A broken field's role is unknown, not guessed.
                for (role, p) in roles.iter_mut().zip(&parsed) {
                    if p.is_err() {
                        *role = None;
                    }
                }
                (roles, None)
            }
        };

        let (mut revenue_problem, mut deal_size_problem, mut deals_problem) = (None, None, None);
        let target = match input.target_by {
            TargetBy::Revenue => {
                let amount = |text: &str| read_amount(text, &input.currency, DecimalMark::Auto);
                let revenue = amount(&input.revenue);
                let deal_size = amount(&input.deal_size);
                readings.revenue = noted(&revenue, |a| Read::Amount(*a));
                readings.deal_size = noted(&deal_size, |a| Read::Amount(*a));
                let revenue = revenue
                    .map(|r| r.value)
                    .map_err(|e| revenue_problem = Some(e));
                let deal_size = deal_size
                    .map(|r| r.value)
                    .map_err(|e| deal_size_problem = Some(e));
                match (revenue, deal_size) {
                    (Ok(revenue), Ok(deal_size)) => Some(Target::Revenue { revenue, deal_size }),
                    _ => None,
                }
            }
            TargetBy::Deals => {
                let read = read_count(&input.deals, false, MAX_DEALS);
                readings.deals = noted(&read, |d| Read::Count(*d));
                match read {
                    Ok(d) => Some(Target::Deals(d.value)),
                    Err(e) => {
                        deals_problem = Some(e);
                        None
                    }
                }
            }
        };
        let typing = [&revenue_problem, &deal_size_problem, &deals_problem]
            .into_iter()
            .flatten()
            .any(InputError::is_advice);
        let deals = match target {
            None if typing => Err(Blocked::Typing),
            None => Err(Blocked::Target),
            Some(t) => plan::deals_needed(t).map_err(|e| match e {
                PlanError::TooLarge => Blocked::TooLarge,
                PlanError::ZeroDealSize => Blocked::Target,
            }),
        };
        let plan = match (&funnel, deals) {
            (None, _) => Err(Blocked::Funnel),
            (_, Err(b)) => Err(b),
            (Some(f), Ok(d)) => plan::plan(f, d).map_err(|_| Blocked::TooLarge),
        };
        let read = read_confidence(&input.confidence, DecimalMark::Auto);
        readings.confidence = noted(&read, |c| Read::Percent(*c));
        let (confidence, confidence_problem) = match read {
            Ok(c) => (Some(c.value), None),
            Err(e) => (None, Some(e)),
        };
        let confidence_leads = match (&plan, confidence) {
            (Err(b), _) => Err(*b),
            (_, None) => Err(Blocked::Confidence),
            (Ok(p), Some(c)) => match plan::leads_for_confidence(p.deals, p.close_ratio, c) {
                ConfidenceLeads::Leads(n) => Ok(n),
                ConfidenceLeads::AboveCap => Err(Blocked::AboveCap),
                ConfidenceLeads::Unreachable => Err(Blocked::Unreachable),
            },
        };
        let average_chance = match &plan {
            Ok(p) => p
                .leads
                .map(|n| plan::chance_of_target(n, p.deals, p.close_ratio)),
            Err(_) => None,
        };
        let time = TimeEval::of(input, &roles, &plan, browser_today, &mut readings);
        Evaluation {
            time,
            unnamed,
            readings,
            average_chance,
            roles,
            rate_problems,
            revenue_problem,
            deal_size_problem,
            deals_problem,
            confidence_problem,
            funnel,
            target,
            deals,
            plan,
            confidence,
            confidence_leads,
        }
    }

    /// Leads needed at the top, or why not.
    pub fn leads(&self) -> Result<u64, Blocked> {
        match &self.plan {
            Ok(p) => p.leads.ok_or(Blocked::Unreachable),
            Err(b) => Err(*b),
        }
    }

    /// The overall close ratio, or why not.
    pub fn close_ratio(&self) -> Result<Ratio, Blocked> {
        self.funnel
            .as_ref()
            .map(Funnel::close_ratio)
            .ok_or(Blocked::Funnel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn example_3() -> PlanInput {
        PlanInput::default()
    }

    fn required(input: &PlanInput) -> Vec<Option<u64>> {
        input
            .evaluate(day())
            .plan
            .unwrap()
            .stages
            .iter()
            .map(|s| s.required)
            .collect()
    }

    #[test]
    fn default_is_worked_example_3() {
        let p = example_3();
        assert_eq!(
            required(&p),
            [Some(150), Some(75), Some(60), Some(38), Some(30)]
        );
        let e = p.evaluate(day());
        assert_eq!(e.deals, Ok(30));
        assert_eq!(e.leads(), Ok(150));
    }

    #[test]
    fn mode_switch_round_trips_exactly() {
        let mut p = PlanInput::default();
        p.apply_preset(PresetId::SmallProjects);
        p.target_by = TargetBy::Deals;
        p.deals = "2".into();
        let before = p.clone();
        p.switch_mode(RateMode::Conversion).unwrap();
        // 20/35 = 57.142857…% shows as 57.1 (one decimal, like every rate
        // on the screen) but stays exact.
        assert_eq!(p.stages[0].rate, "57.1");
        assert_eq!(required(&p), [Some(10), Some(6), Some(3), Some(2)]);
        p.switch_mode(RateMode::WinRate).unwrap();
        assert_eq!(p.stages, before.stages);
    }

    #[test]
    fn a_typed_conversion_replaces_the_exact_value() {
        let mut p = example_3();
        p.switch_mode(RateMode::Conversion).unwrap();
        let texts: Vec<&str> = p.stages.iter().map(|s| s.rate.as_str()).collect();
        assert_eq!(texts, ["50", "80", "62.5", "80", "100"]);
        let id = p.stages[0].id;
        p.set_rate(id, "25".into());
        assert_eq!(required(&p)[0], Some(300));
    }

    #[test]
    fn bad_rates_are_reported_at_their_field_and_block_the_switch() {
        let mut p = example_3();
        let id = p.stages[1].id;
        p.set_rate(id, "abc".into());
        let e = p.evaluate(day());
        assert_eq!(
            e.rate_problems[1],
            Some(FieldProblem::Input(InputError::NotANumber("abc".into())))
        );
        assert_eq!(e.plan, Err(Blocked::Funnel));
        assert_eq!(e.deals, Ok(30), "the target stays live");
        assert_eq!(
            p.switch_mode(RateMode::Conversion),
            Err(SwitchError::InvalidFunnel)
        );
        p.set_rate(id, "10".into());
        let e = p.evaluate(day());
        assert!(matches!(
            e.rate_problems[1],
            Some(FieldProblem::Stage(StageIssue::Decreasing { .. }))
        ));
    }

    #[test]
    fn zero_rate_marks_its_field_and_leaves_the_rest() {
        let mut p = example_3();
        let id = p.stages[0].id;
        p.set_rate(id, "0".into());
        let e = p.evaluate(day());
        assert_eq!(e.rate_problems[0], Some(FieldProblem::MakesUnreachable));
        assert_eq!(e.leads(), Err(Blocked::Unreachable));
        assert_eq!(e.confidence_leads, Err(Blocked::Unreachable));
        assert_eq!(e.plan.as_ref().unwrap().stages[1].required, Some(75));
    }

    #[test]
    fn add_remove_move() {
        let mut p = example_3();
        let id = p.add_stage("Stage 6".into()).unwrap();
        assert_eq!(p.index_of(id), Some(4), "above the won stage");
        assert_eq!(p.stages[4].rate, "90");
        assert!(p.evaluate(day()).plan.is_ok());
        p.move_stage(id, true);
        assert_eq!(p.index_of(id), Some(3));
        p.remove_stage(id);
        assert_eq!(
            required(&p),
            [Some(150), Some(75), Some(60), Some(38), Some(30)]
        );
        for s in p.stages.clone() {
            p.remove_stage(s.id);
        }
        assert_eq!(p.stages.len(), 1);
        let ids: std::collections::HashSet<_> = p.stages.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), p.stages.len());
    }

    #[test]
    fn target_errors() {
        let mut p = example_3();
        p.revenue = "-5".into();
        p.deal_size = "0".into();
        let e = p.evaluate(day());
        assert_eq!(e.revenue_problem, Some(InputError::Negative));
        assert_eq!(e.deal_size_problem, Some(InputError::Zero));
        assert_eq!(e.deals, Err(Blocked::Target));
        assert!(e.funnel.is_some(), "the funnel stays live");
        p.target_by = TargetBy::Deals;
        p.deals = "".into();
        assert_eq!(p.evaluate(day()).deals_problem, Some(InputError::Empty));
        p.deals = "6".into();
        assert_eq!(p.evaluate(day()).leads(), Ok(30));
    }

    #[test]
    fn sanitise_repairs_ids() {
        let mut p = example_3();
        p.stages[1].id = p.stages[0].id;
        p.next_id = 0;
        p.sanitise();
        let ids: std::collections::HashSet<_> = p.stages.iter().map(|s| s.id).collect();
        assert_eq!(ids.len(), 5);
        assert!(p.next_id > *ids.iter().max().unwrap());
    }
}

#[cfg(test)]
mod time_tests {
    use super::*;
    use crate::domain::time::Lateness;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Worked example 4: 2,400,000 at 20,000 a deal, a 12-week quarter,
    /// one week a stage, 5 new leads a rep a week.
    fn example_4() -> PlanInput {
        let mut p = PlanInput::default();
        p.apply_preset(PresetId::SmallProjects);
        p.revenue = "2,400,000".into();
        p.deal_size = "20,000".into();
        p.period = PeriodKind::Weeks;
        p.weeks = "12".into();
        p.period_start = "2027-01-04".into();
        p.leads_per_rep = "5".into();
        p
    }

    #[test]
    fn worked_example_4() {
        let e = example_4().evaluate(d(2026, 11, 27));
        assert_eq!(e.deals, Ok(120));
        assert_eq!(e.time.cycle_days, Some(21));
        let t = e.time.plan.unwrap();
        assert_eq!(t.wins_per_week, Ratio::from_int(10));
        assert_eq!(t.leads_per_week, Ratio::from_int(50));
        assert_eq!(t.reps_needed, Some(10));
        let standing: Vec<u64> = t.ideal.iter().map(|s| s.standing_rounded).collect();
        assert_eq!(standing, [50, 29, 15]);
        assert_eq!(t.first_leads_by, d(2026, 12, 14));
        assert_eq!(t.late, Lateness::OnTime);
        // The standard funnel for 2 wins from the planner, same preset.
        let mut two = example_4();
        two.target_by = TargetBy::Deals;
        two.deals = "2".into();
        let req: Vec<Option<u64>> = two
            .evaluate(d(2026, 11, 27))
            .plan
            .unwrap()
            .stages
            .iter()
            .map(|s| s.required)
            .collect();
        assert_eq!(req, [Some(10), Some(6), Some(3), Some(2)]);
    }

    #[test]
    fn field_problems() {
        let mut p = example_4();
        let id = p.stages[1].id;
        p.set_dwell(id, "0".into());
        let e = p.evaluate(d(2026, 11, 27));
        assert_eq!(e.time.dwell_problems[1], Some(InputError::Zero));
        assert_eq!(e.time.plan, Err(TimeBlocked::Dwell));
        assert!(e.plan.is_ok(), "the planner stays live");
        p.set_dwell(id, "-3".into());
        assert_eq!(
            p.evaluate(d(2026, 11, 27)).time.dwell_problems[1],
            Some(InputError::Negative)
        );
        p.set_dwell(id, "7".into());
        p.period = PeriodKind::Custom;
        p.period_start = "2027-03-31".into();
        p.period_end = "2027-01-01".into();
        let e = p.evaluate(d(2026, 11, 27));
        assert_eq!(e.time.period_error, Some(TimeError::EndBeforeStart));
        assert_eq!(
            e.time.plan,
            Err(TimeBlocked::Error(TimeError::EndBeforeStart))
        );
        p.period_end = "soon".into();
        assert_eq!(
            p.evaluate(d(2026, 11, 27)).time.end_problem,
            Some(InputError::NotADate("soon".into()))
        );
        p.period_end = "2027-03-31".into();
        p.period_start = "2027-01-01".into();
        p.today = "2027-02-30".into();
        let e = p.evaluate(d(2026, 11, 27));
        assert_eq!(
            e.time.today_problem,
            Some(InputError::NotADate("2027-02-30".into()))
        );
        assert_eq!(e.time.plan, Err(TimeBlocked::Period));
        p.today = "2027-01-01".into();
        let e = p.evaluate(d(2026, 11, 27));
        assert!(matches!(e.time.plan.unwrap().late, Lateness::Late { .. }));
    }

    #[test]
    fn switching_to_custom_keeps_the_shown_period() {
        let mut p = PlanInput::default();
        p.set_period(PeriodKind::Custom, d(2026, 11, 27));
        assert_eq!(p.period_start, "2027-01-01");
        assert_eq!(p.period_end, "2027-03-31");
    }

    #[test]
    fn won_and_lost_stages_have_no_dwell() {
        let mut p = PlanInput::default();
        p.apply_preset(PresetId::B2b);
        let e = p.evaluate(d(2026, 11, 27));
        assert_eq!(e.time.cycle_days, Some(14 + 14 + 21 + 14));
        assert!(e.time.dwell_problems.iter().all(Option::is_none));
    }
}
