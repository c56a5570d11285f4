//! The plan presets: the funnels of funnel-theory.md's worked examples and
//! its common B2B funnel. Stage names are keys; `i18n` words them.

use serde::{Deserialize, Serialize};

/// A preset funnel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PresetId {
    /// Identify 10 %, presentation 35 %, needs & proposal 65 %, quote 75 %, won, lost.
    B2b,
    /// Worked example 3: A 20 %, B 40 %, C 50 %, D 80 %, E 100 %.
    Quota,
    /// Worked example 4: intent 20 %, solution 35 %, negotiation 70 %, won.
    SmallProjects,
    /// Worked example 2: 10 % of cold visits become opportunities, 10 % of those orders.
    TwoStep,
}

/// The name of a preset's stage, worded by `i18n` in the current language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StageKey {
    Identify,
    Presentation,
    NeedsProposal,
    QuoteContract,
    Won,
    Lost,
    A,
    B,
    C,
    D,
    E,
    Intent,
    Solution,
    Negotiation,
    Closed,
    ColdVisit,
    Opportunity,
    Order,
}

/// One stage of a preset: name, rate in percent, dwell days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PresetStage {
    pub key: StageKey,
    /// Win rate in percent; in the two-step funnel, cumulative (1 % then 10 %).
    pub win_rate_percent: u32,
    /// Standard days in the stage; 0 for the won and lost stages.
    pub dwell_days: u32,
}

const fn st(key: StageKey, win_rate_percent: u32, dwell_days: u32) -> PresetStage {
    PresetStage {
        key,
        win_rate_percent,
        dwell_days,
    }
}

impl PresetId {
    pub const ALL: [PresetId; 4] = [
        PresetId::Quota,
        PresetId::B2b,
        PresetId::SmallProjects,
        PresetId::TwoStep,
    ];

    /// Stable text id for saving and for `<option value>`.
    pub fn as_str(self) -> &'static str {
        match self {
            PresetId::B2b => "b2b",
            PresetId::Quota => "quota",
            PresetId::SmallProjects => "small-projects",
            PresetId::TwoStep => "two-step",
        }
    }

    pub fn parse(s: &str) -> Option<PresetId> {
        PresetId::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Dwell days are the reference's where it gives them (example 4: one
    /// week a stage) and typical B2B ones elsewhere (a 63-day cycle).
    pub fn stages(self) -> &'static [PresetStage] {
        match self {
            PresetId::B2b => &B2B,
            PresetId::Quota => &QUOTA,
            PresetId::SmallProjects => &SMALL_PROJECTS,
            PresetId::TwoStep => &TWO_STEP,
        }
    }
}

use StageKey::*;

const B2B: [PresetStage; 6] = [
    st(Identify, 10, 14),
    st(Presentation, 35, 14),
    st(NeedsProposal, 65, 21),
    st(QuoteContract, 75, 14),
    st(Won, 100, 0),
    st(Lost, 0, 0),
];
const QUOTA: [PresetStage; 5] = [
    st(A, 20, 14),
    st(B, 40, 14),
    st(C, 50, 21),
    st(D, 80, 14),
    st(E, 100, 0),
];
const SMALL_PROJECTS: [PresetStage; 4] = [
    st(Intent, 20, 7),
    st(Solution, 35, 7),
    st(Negotiation, 70, 7),
    st(Closed, 100, 0),
];
const TWO_STEP: [PresetStage; 3] = [
    st(ColdVisit, 1, 7),
    st(Opportunity, 10, 14),
    st(Order, 100, 0),
];
