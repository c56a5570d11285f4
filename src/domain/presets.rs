//! The plan presets: the funnels of funnel-theory.md's worked examples, its
//! common B2B funnel, and the three shapes the seed articles contrast (a
//! long, wide funnel; a short, narrow niche one; a "straight tube" of one
//! big deal a year). Stage names are keys; `i18n` words them, and
//! `i18n::notes` gives each stage its purpose, milestone, evidence and actions.

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
    /// The seed articles' "A" funnel of a mass (SMB) market: many stages, a
    /// 2 % top win rate, many leads, a 63-day cycle.
    Wide,
    /// The seed articles' "B" funnel of a niche supplier: three open stages
    /// at 40 %, 60 %, 80 %, few leads, a 35-day cycle.
    Niche,
    /// The seed articles' "straight tube" (直桶型): one big deal a year, every
    /// qualified opportunity pursued to the end; win rates 60–90 %, close
    /// together, and a 330-day cycle.
    Tube,
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
    // The wide funnel (seed: 销售漏斗的层次).
    Sourced,
    Graded,
    Contacted,
    Interested,
    Signed,
    Dropped,
    // The niche funnel (seed: 初步接洽、确定需求、方案和报价、商务谈判、成交).
    NeedsConfirmed,
    ProposalQuote,
    Sold,
    // The straight tube (seed: 导引、潜在机会、机会、谈判、合同).
    Lead,
    Prospect,
    Contract,
    // Worked examples 1, 6 and 7 (seed: 产量分析).
    TargetCustomer,
    Potential,
    ProjectApproved,
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

impl PresetStage {
    /// A stage: its name, win rate in percent, dwell days.
    pub const fn new(key: StageKey, win_rate_percent: u32, dwell_days: u32) -> PresetStage {
        PresetStage {
            key,
            win_rate_percent,
            dwell_days,
        }
    }
}

const fn st(key: StageKey, win_rate_percent: u32, dwell_days: u32) -> PresetStage {
    PresetStage::new(key, win_rate_percent, dwell_days)
}

impl PresetId {
    /// Every preset, in the order the preset select lists them.
    pub const ALL: [PresetId; 7] = [
        PresetId::Quota,
        PresetId::B2b,
        PresetId::SmallProjects,
        PresetId::TwoStep,
        PresetId::Wide,
        PresetId::Niche,
        PresetId::Tube,
    ];

    /// Stable text id for saving and for `<option value>`.
    pub fn as_str(self) -> &'static str {
        match self {
            PresetId::B2b => "b2b",
            PresetId::Quota => "quota",
            PresetId::SmallProjects => "small-projects",
            PresetId::TwoStep => "two-step",
            PresetId::Wide => "wide",
            PresetId::Niche => "niche",
            PresetId::Tube => "tube",
        }
    }

    pub fn parse(s: &str) -> Option<PresetId> {
        PresetId::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Dwell days are the reference's where it gives them (example 4: one
    /// week a stage) and typical B2B ones elsewhere (a 63-day cycle). The
    /// three contrast presets are chosen so that, for the same target, the
    /// wide funnel needs by far the most leads, the niche one few, the tube
    /// the fewest, and the tube has much the longest cycle.
    pub fn stages(self) -> &'static [PresetStage] {
        match self {
            PresetId::B2b => &B2B,
            PresetId::Quota => &QUOTA,
            PresetId::SmallProjects => &SMALL_PROJECTS,
            PresetId::TwoStep => &TWO_STEP,
            PresetId::Wide => &WIDE,
            PresetId::Niche => &NICHE,
            PresetId::Tube => &TUBE,
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
/// Long and wide: a mass-market list worked down stage by stage; the
/// seed's stages of a web-marketing sales team, 放弃客户 as the lost stage.
/// Conversions 50 %, 50 %, 53 %, 50 %, 30 %.
const WIDE: [PresetStage; 7] = [
    st(Sourced, 2, 7),
    st(Graded, 4, 7),
    st(Contacted, 8, 14),
    st(Interested, 15, 14),
    st(Intent, 30, 21),
    st(Signed, 100, 0),
    st(Dropped, 0, 0),
];
/// Short and narrow: a niche supplier's few, well-qualified opportunities.
const NICHE: [PresetStage; 4] = [
    st(NeedsConfirmed, 40, 14),
    st(ProposalQuote, 60, 14),
    st(Negotiation, 80, 7),
    st(Sold, 100, 0),
];
/// The straight tube: a lead the rep helps create, carried through the
/// customer's budget and financing, then a fierce contest; almost a year.
const TUBE: [PresetStage; 5] = [
    st(Lead, 60, 60),
    st(Prospect, 70, 90),
    st(Opportunity, 80, 120),
    st(Negotiation, 90, 60),
    st(Contract, 100, 0),
];
