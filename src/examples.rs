//! The worked examples of funnel-theory.md as whole scenarios: each one's
//! funnel, target, deal size and period (and, for the forecast examples,
//! its open deals), ready to open in one step from the list "Worked
//! examples". `tests/examples.rs` checks that each reproduces its figures.

use crate::domain::presets::PresetStage;
use crate::domain::time::PeriodKind;
use crate::domain::{PresetId, RateMode, Ratio, StageKey};
use crate::model::{rate_text, PlanInput, StageInput, TargetBy};
use crate::pipeline::PipelineInput;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One worked example of funnel-theory.md ("Worked examples", 1 to 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorkedExample {
    /// 1: a close ratio of 10 %: six deals need 60 prospects.
    CloseRatio,
    /// 2: 10 % of cold visits become opportunities, 10 % of those orders:
    /// one order needs 100 visits.
    TwoStep,
    /// 3: a 3,000,000 quota at 100,000 a deal on stages A–E: 30 deals,
    /// A 150, B 75, C 60, D 38, E 30.
    IdealFunnel,
    /// 4: small projects, 2,400,000 at 20,000 a deal over 12 weeks: 120
    /// deals, 10 wins and 50 new leads a week, 10 reps.
    SmallProjects,
    /// 5: 50 open deals in the intent stage at 30 %: 15 deals expected.
    IntentStage,
    /// 6: the weighted forecast over seven stages (0 % … 100 %).
    WeightedForecast,
    /// 7: typical close rates of 5–15 %, taken at 10 %: 100 prospects give
    /// 10 buyers.
    TypicalCloseRates,
}

use StageKey::*;

/// Example 1 and 7's funnel: one open stage at 10 %.
const ONE_STAGE: [PresetStage; 2] = [
    PresetStage::new(Potential, 10, 14),
    PresetStage::new(Won, 100, 0),
];
/// Example 5's funnel: the intent stage at 30 %.
const INTENT: [PresetStage; 2] = [
    PresetStage::new(Intent, 30, 7),
    PresetStage::new(Closed, 100, 0),
];
/// Example 6's funnel (seed: 产量分析). Its 0 % top stage makes every plan
/// unreachable; the forecast is the point of it.
const WEIGHTED: [PresetStage; 7] = [
    PresetStage::new(TargetCustomer, 0, 14),
    PresetStage::new(Potential, 10, 14),
    PresetStage::new(Intent, 20, 14),
    PresetStage::new(ProjectApproved, 30, 14),
    PresetStage::new(Solution, 50, 14),
    PresetStage::new(Negotiation, 70, 14),
    PresetStage::new(Closed, 100, 0),
];
/// Example 6's open deals per open stage, top first: (count, total amount).
/// Every deal averages 100,000; the weighted open pipeline is 0 + 80,000 +
/// 120,000 + 150,000 + 200,000 + 210,000 = 760,000.
const WEIGHTED_DEALS: [(&str, &str); 6] = [
    ("10", "1000000"),
    ("8", "800000"),
    ("6", "600000"),
    ("5", "500000"),
    ("4", "400000"),
    ("3", "300000"),
];

impl WorkedExample {
    /// Every example, in the order of funnel-theory.md.
    pub fn all() -> [WorkedExample; 7] {
        [
            WorkedExample::CloseRatio,
            WorkedExample::TwoStep,
            WorkedExample::IdealFunnel,
            WorkedExample::SmallProjects,
            WorkedExample::IntentStage,
            WorkedExample::WeightedForecast,
            WorkedExample::TypicalCloseRates,
        ]
    }

    /// Its number in funnel-theory.md, 1 to 7.
    pub fn number(self) -> u8 {
        match self {
            WorkedExample::CloseRatio => 1,
            WorkedExample::TwoStep => 2,
            WorkedExample::IdealFunnel => 3,
            WorkedExample::SmallProjects => 4,
            WorkedExample::IntentStage => 5,
            WorkedExample::WeightedForecast => 6,
            WorkedExample::TypicalCloseRates => 7,
        }
    }

    /// Stable text id for saving and for `<option value>`: "example-1" …
    pub fn as_str(self) -> &'static str {
        match self {
            WorkedExample::CloseRatio => "example-1",
            WorkedExample::TwoStep => "example-2",
            WorkedExample::IdealFunnel => "example-3",
            WorkedExample::SmallProjects => "example-4",
            WorkedExample::IntentStage => "example-5",
            WorkedExample::WeightedForecast => "example-6",
            WorkedExample::TypicalCloseRates => "example-7",
        }
    }

    /// The example whose [`Self::as_str`] this is.
    pub fn parse(s: &str) -> Option<WorkedExample> {
        WorkedExample::all().into_iter().find(|e| e.as_str() == s)
    }

    /// The example's scenario: the Plan's inputs and the Pipeline's.
    /// `browser_today` places a weeks-model period (example 4) where the
    /// planner's default period starts, as [`PlanInput::set_period`] does.
    /// Every other field keeps the planner's default (currency, confidence,
    /// "today" following the clock).
    pub fn build(self, browser_today: NaiveDate) -> (PlanInput, PipelineInput) {
        let mut plan = PlanInput::default();
        let mut pipeline = PipelineInput::default();
        match self {
            WorkedExample::CloseRatio => {
                set_stages(&mut plan, &ONE_STAGE);
                by_deals(&mut plan, "6");
            }
            WorkedExample::TwoStep => {
                plan.apply_preset(PresetId::TwoStep);
                by_deals(&mut plan, "1");
                // The example states conversions: 10 % and 10 %. A preset
                // is always a valid funnel, so the switch cannot fail.
                let _ = plan.switch_mode(RateMode::Conversion);
            }
            WorkedExample::IdealFunnel => {
                plan.apply_preset(PresetId::Quota);
                by_revenue(&mut plan, "3000000", "100000");
            }
            WorkedExample::SmallProjects => {
                plan.apply_preset(PresetId::SmallProjects);
                by_revenue(&mut plan, "2400000", "20000");
                plan.set_period(PeriodKind::Weeks, browser_today);
                plan.weeks = "12".into();
                plan.leads_per_rep = "5".into();
            }
            WorkedExample::IntentStage => {
                set_stages(&mut plan, &INTENT);
                // 15 deals of 20,000 need 50 customers in intent; the
                // Pipeline shows the same the other way round.
                by_revenue(&mut plan, "300000", "20000");
                quick(&mut pipeline, &plan, 0, "50", "1000000");
            }
            WorkedExample::WeightedForecast => {
                set_stages(&mut plan, &WEIGHTED);
                by_revenue(&mut plan, "1500000", "100000");
                for (i, (deals, amount)) in WEIGHTED_DEALS.into_iter().enumerate() {
                    quick(&mut pipeline, &plan, i, deals, amount);
                }
                pipeline.quick_won = "250000".into();
            }
            WorkedExample::TypicalCloseRates => {
                set_stages(&mut plan, &ONE_STAGE);
                by_deals(&mut plan, "10");
                // 100 prospects at 100,000 each: 10 expected buyers.
                quick(&mut pipeline, &plan, 0, "100", "10000000");
            }
        }
        (plan, pipeline)
    }
}

/// Replaces the plan's stages with these (win rates, in the plan's win-rate
/// mode), ids from 1; the plan then matches no preset.
fn set_stages(plan: &mut PlanInput, spec: &[PresetStage]) {
    plan.mode = RateMode::WinRate;
    plan.stages = spec
        .iter()
        .zip(1..)
        .map(|(s, id)| {
            let rate = Ratio::percent(u128::from(s.win_rate_percent));
            StageInput {
                id,
                key: Some(s.key),
                rate: rate_text(rate),
                exact: Some(rate),
                dwell: if s.dwell_days > 0 {
                    s.dwell_days.to_string()
                } else {
                    String::new()
                },
                ..StageInput::default()
            }
        })
        .collect();
    plan.next_id = plan
        .stages
        .len()
        .try_into()
        .unwrap_or(u32::MAX)
        .saturating_add(1);
    plan.preset = None;
}

fn by_deals(plan: &mut PlanInput, deals: &str) {
    plan.target_by = TargetBy::Deals;
    plan.deals = deals.into();
}

fn by_revenue(plan: &mut PlanInput, revenue: &str, deal_size: &str) {
    plan.target_by = TargetBy::Revenue;
    plan.revenue = revenue.into();
    plan.deal_size = deal_size.into();
}

/// Fills the quick forecast's fields of the plan's stage at `index`.
fn quick(pipeline: &mut PipelineInput, plan: &PlanInput, index: usize, deals: &str, amount: &str) {
    if let Some(stage) = plan.stages.get(index) {
        pipeline.set_quick(stage.id, |q| {
            q.open_deals = deals.into();
            q.open_amount = amount.into();
        });
    }
}
