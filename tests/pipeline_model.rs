//! The Pipeline screen's model: worked examples 5 and 6 typed into the
//! quick forecast, and the forecast above it agreeing with it.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use funnel_calculator::domain::pipeline::Gap;
use funnel_calculator::domain::time::PeriodKind;
use funnel_calculator::domain::InputError;
use funnel_calculator::domain::Ratio;
use funnel_calculator::model::{PlanInput, StageInput};
use funnel_calculator::pipeline::{PipelineBlocked, PipelineEval, PipelineInput};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A plan with these stages (name, win rate %), Q1 2027, today 2027-01-15.
fn plan(stages: &[(&str, &str)]) -> PlanInput {
    let mut p = PlanInput {
        stages: stages
            .iter()
            .zip(1..)
            .map(|(&(name, rate), id)| StageInput {
                id,
                name: name.into(),
                rate: rate.into(),
                dwell: "7".into(),
                ..StageInput::default()
            })
            .collect(),
        next_id: 100,
        ..PlanInput::default()
    };
    p.period = PeriodKind::Custom;
    p.period_start = "2027-01-01".into();
    p.period_end = "2027-03-31".into();
    p.today = "2027-01-15".into();
    p
}

#[track_caller]
fn eval(plan: &PlanInput, input: &PipelineInput) -> PipelineEval {
    let e = plan.evaluate(day(2026, 11, 30));
    PipelineEval::of(plan, &e, input)
}

#[track_caller]
fn int(n: u128) -> Ratio {
    Ratio::from_int(n)
}

#[test]
fn worked_example_5_fifty_in_intent_at_30_percent() {
    let plan = plan(&[("intent", "30"), ("won", "100")]);
    let mut input = PipelineInput::default();
    // 50 customers, an average order of 20,000.
    input.set_quick(1, |q| {
        q.open_deals = "50".into();
        q.open_amount = "1,000,000".into();
    });
    let e = eval(&plan, &input);
    let q = e.quick.result.as_ref().unwrap();
    assert_eq!(q.stages[0].expected_wins, int(15));
    assert_eq!(q.weighted, int(300_000));
    let f = e.forecast.as_ref().unwrap();
    assert_eq!(f.weighted, Ok(int(300_000)));
    assert_eq!(f.open_in_period, Ok(int(1_000_000)));
    assert_eq!(f.balance[0].actual, 50);
    assert_eq!(e.open_in_period.len(), 50);
}

#[test]
fn worked_example_6_weighted_forecast_by_stage() {
    let plan = plan(&[
        ("target customers", "0"),
        ("potential", "10"),
        ("intent", "20"),
        ("project approved", "30"),
        ("solution", "50"),
        ("negotiation", "70"),
        ("realised", "100"),
    ]);
    let mut input = PipelineInput::default();
    // 1,000,000 × 0 + 100,000 × 10 % + 200,000 × 20 % + 300,000 × 30 %
    // + 400,000 × 50 % + 500,000 × 70 % = 0 + 10,000 + 40,000 + 90,000
    // + 200,000 + 350,000 = 690,000; plus 100,000 realised = 790,000.
    for (id, amount) in [
        (1, "1000000"),
        (2, "100000"),
        (3, "200000"),
        (4, "300000"),
        (5, "400000"),
        (6, "500000"),
    ] {
        input.set_quick(id, |q| {
            q.open_deals = "1".into();
            q.open_amount = amount.into();
        });
    }
    input.quick_won = "100000".into();
    let e = eval(&plan, &input);
    let q = e.quick.result.as_ref().unwrap();
    let weighted: Vec<Ratio> = q.stages.iter().map(|s| s.weighted).collect();
    assert_eq!(
        weighted,
        [0, 10_000, 40_000, 90_000, 200_000, 350_000].map(int)
    );
    assert_eq!(q.weighted_open, int(690_000));
    assert_eq!(q.weighted, int(790_000));
    let f = e.forecast.as_ref().unwrap();
    assert_eq!(f.realised, Ok(int(100_000)));
    assert_eq!(f.weighted, Ok(int(790_000)));
    // The 0 % top stage makes new leads unreachable, said as a reason.
    assert!(f.new_leads.is_err());
}

#[test]
fn the_quick_forecast_drives_the_figures_above_it() {
    let plan = plan(&[
        ("A", "20"),
        ("B", "40"),
        ("C", "50"),
        ("D", "80"),
        ("E", "100"),
    ]);
    let mut input = PipelineInput::default();
    input.set_quick(3, |q| {
        q.open_deals = "4".into();
        q.open_amount = "1,000,000".into();
    });
    input.quick_won = "500000".into();
    let e = eval(&plan, &input);
    let f = e.forecast.as_ref().unwrap();
    // 500,000 won + 1,000,000 × 50 % = 1,000,000 of the 3,000,000 target.
    assert_eq!(f.weighted, Ok(int(1_000_000)));
    assert_eq!(f.gap, Ok(Gap::Short(int(2_000_000))));
    assert_eq!(f.coverage, Ok(Ratio::new(2, 5).unwrap()));
    // ⌈2,000,000 ÷ (100,000 × 20 %)⌉ = 100.
    assert_eq!(f.new_leads, Ok(100));
    assert!(f.win_rate_achievement.is_err(), "needs closed deals");
    assert!(e.marks.is_empty());
    // A bad field: no figures from it, and the field says why.
    input.set_quick(3, |q| q.open_amount = "abc".into());
    let e = eval(&plan, &input);
    assert!(e
        .quick
        .problems
        .iter()
        .any(|(s, _, a)| *s == 3 && a.is_some()));
    assert!(e.quick.result.is_none());
    // The forecast above shows dashes, not an empty pipeline's figures.
    assert_eq!(e.forecast, Err(PipelineBlocked::QuickField));
    // An amount needs deals to spread over: 0 deals is marked at its field.
    input.set_quick(3, |q| {
        q.open_deals = "0".into();
        q.open_amount = "200000".into();
    });
    let e = eval(&plan, &input);
    assert!(e
        .quick
        .problems
        .iter()
        .any(|(s, d, _)| *s == 3 && d == &Some(InputError::Zero)));
    assert_eq!(e.forecast, Err(PipelineBlocked::QuickField));
}

#[test]
fn quick_counts_stop_at_their_cap() {
    let plan = plan(&[("A", "20"), ("E", "100")]);
    let mut input = PipelineInput::default();
    for (typed, ok) in [("9999", true), ("10000", true), ("10001", false)] {
        input.set_quick(1, |q| {
            q.open_deals = typed.into();
            q.open_amount = "1".into();
        });
        let e = eval(&plan, &input);
        assert_eq!(e.quick.result.is_some(), ok, "{typed}");
    }
}
