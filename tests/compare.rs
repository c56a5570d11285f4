//! The Compare screen's model: two scenarios' figures lined up from their
//! evaluations, the differences right − left, the common chart scale and
//! which two scenarios are shown. Expected values are worked by hand from
//! the presets (src/domain/presets.rs) and funnel-theory.md.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use funnel_calculator::compare::{
    bar_width, common_max, diff, pick_pair, rows, Amount, Change, CompareRow, Diff, Metric, NoDiff,
    Side, Value, Why,
};
use funnel_calculator::domain::time::PeriodKind;
use funnel_calculator::domain::{PresetId, Ratio};
use funnel_calculator::i18n::Lang;
use funnel_calculator::model::{Blocked, PlanInput, TimeBlocked};
use funnel_calculator::pipeline::{PipelineEval, PipelineInput};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// The default target (3,000,000 at 100,000 a deal: 30 deals) on a preset,
/// over 12 weeks from today.
fn plan(preset: PresetId) -> PlanInput {
    let mut p = PlanInput::default();
    p.apply_preset(preset);
    p.period = PeriodKind::Weeks;
    p.weeks = "12".into();
    p
}

#[track_caller]
fn side(plan: &PlanInput, pipeline: &PipelineInput) -> Side {
    let eval = plan.evaluate(today());
    let pe = (!pipeline.is_empty()).then(|| PipelineEval::of(plan, &eval, pipeline));
    Side::of(Lang::En, plan, &eval, pe.as_ref())
}

#[track_caller]
fn row(rows: &[CompareRow], m: Metric) -> &CompareRow {
    rows.iter().find(|r| r.metric == m).expect("row listed")
}

fn pct(n: u128, d: u128) -> Ratio {
    Ratio::new(n, d).unwrap()
}

#[track_caller]
fn assert_diff(r: &CompareRow, change: Change, amount: Amount, relative: Option<Ratio>) {
    assert_eq!(
        r.diff,
        Ok(Diff {
            change,
            amount,
            relative
        }),
        "{:?}",
        r.metric
    );
}

#[test]
fn quota_against_niche() {
    let none = PipelineInput::default();
    let quota = side(&plan(PresetId::Quota), &none);
    let niche = side(&plan(PresetId::Niche), &none);
    // Quota: A–E at 20/40/50/80 %, dwell 14+14+21+14. 30 ÷ 20 % = 150.
    assert_eq!(quota.deals, Ok(30));
    assert_eq!(quota.leads, Ok(150));
    assert_eq!(quota.close_ratio, Ok(Ratio::percent(20)));
    assert_eq!(quota.cycle_days, Ok(63));
    // 30 deals in 12 weeks: 2.5 a week; ÷ 20 % = 12.5 new leads a week.
    assert_eq!(quota.leads_per_week, Ok(pct(25, 2)));
    // Standing: 2.5 ÷ p × dwell ÷ 7 = 25, 12.5 → 13, 15, 6.25 → 7.
    assert_eq!(quota.steady_total, Ok(25 + 13 + 15 + 7));
    assert_eq!(quota.weighted, None, "no deals, no forecast");
    // Niche: 40/60/80 %, dwell 14+14+7. 30 ÷ 40 % = 75.
    assert_eq!(niche.leads, Ok(75));
    assert_eq!(niche.cycle_days, Ok(35));
    assert_eq!(niche.leads_per_week, Ok(pct(25, 4)));
    // 2.5 ÷ 40 % × 2 = 12.5 → 13; ÷ 60 % × 2 = 8.33 → 9; ÷ 80 % × 1 = 3.125 → 4.
    assert_eq!(niche.steady_total, Ok(13 + 9 + 4));

    let r = rows(&quota, &niche);
    let metrics: Vec<Metric> = r.iter().map(|x| x.metric).collect();
    assert_eq!(
        metrics,
        [
            Metric::Deals,
            Metric::Leads,
            Metric::CloseRatio,
            Metric::CycleDays,
            Metric::SteadyTotal,
            Metric::LeadsPerWeek
        ],
        "no weighted forecast without deals"
    );
    assert_diff(
        row(&r, Metric::Deals),
        Change::Same,
        Amount::Count(0),
        Some(Ratio::ZERO),
    );
    assert_diff(
        row(&r, Metric::Leads),
        Change::Lower,
        Amount::Count(75),
        Some(pct(1, 2)),
    );
    // Rates differ in points, with no share of a share.
    assert_diff(
        row(&r, Metric::CloseRatio),
        Change::Higher,
        Amount::Points(Ratio::from_int(20)),
        None,
    );
    // 28 ÷ 63 = 44.44…% → 44.4 %.
    assert_diff(
        row(&r, Metric::CycleDays),
        Change::Lower,
        Amount::Days(28),
        Some(pct(444, 1000)),
    );
    // 34 ÷ 60 = 56.67 % → 56.7 %.
    assert_diff(
        row(&r, Metric::SteadyTotal),
        Change::Lower,
        Amount::Count(34),
        Some(pct(567, 1000)),
    );
    assert_diff(
        row(&r, Metric::LeadsPerWeek),
        Change::Lower,
        Amount::Flow(pct(25, 4)),
        Some(pct(1, 2)),
    );
}

#[test]
fn charts_share_one_scale() {
    let none = PipelineInput::default();
    let quota = side(&plan(PresetId::Quota), &none);
    let wide = side(&plan(PresetId::Wide), &none);
    // Wide: 30 ÷ 2 % = 1,500 at the top.
    assert_eq!(wide.leads, Ok(1500));
    let counts = |s: &Side| -> Vec<Option<u64>> {
        s.chart.as_ref().unwrap().iter().map(|x| x.count).collect()
    };
    assert_eq!(
        counts(&quota),
        [Some(150), Some(75), Some(60), Some(38), Some(30)]
    );
    assert_eq!(counts(&wide).len(), 6, "the lost stage is not drawn");
    assert!(wide.chart.as_ref().unwrap().last().unwrap().won);
    let max = common_max(&quota, &wide);
    assert_eq!(max, 1500);
    assert_eq!(common_max(&wide, &quota), 1500);
    assert_eq!(bar_width(1500, max, 380, 4), 380);
    assert_eq!(bar_width(150, max, 380, 4), 38);
    assert_eq!(bar_width(30, max, 380, 4), 7);
    // A tiny count stays visible; nothing overflows or divides by zero.
    assert_eq!(bar_width(1, 1_000_000, 380, 4), 4);
    assert_eq!(bar_width(5, 0, 380, 4), 380);
    assert_eq!(bar_width(u64::MAX, u64::MAX, 380, 4), 380);
}

#[test]
fn a_figure_that_cannot_be_computed_says_why() {
    let none = PipelineInput::default();
    let mut bad = plan(PresetId::Quota);
    bad.revenue = "abc".into();
    let id = bad.stages[1].id;
    bad.set_dwell(id, "0".into());
    let s = side(&bad, &none);
    assert_eq!(s.deals, Err(Why::Plan(Blocked::Target)));
    assert_eq!(s.leads, Err(Why::Plan(Blocked::Target)));
    assert_eq!(s.chart, Err(Why::Plan(Blocked::Target)));
    assert_eq!(s.close_ratio, Ok(Ratio::percent(20)), "the funnel is fine");
    assert_eq!(s.cycle_days, Err(Why::Time(TimeBlocked::Dwell)));
    assert_eq!(
        s.steady_total,
        Err(Why::Time(TimeBlocked::Plan(Blocked::Target)))
    );
    let good = side(&plan(PresetId::Quota), &none);
    let r = rows(&good, &s);
    assert_eq!(row(&r, Metric::Leads).diff, Err(NoDiff::Missing));
    assert_eq!(
        row(&r, Metric::CloseRatio).diff.as_ref().map(|d| d.change),
        Ok(Change::Same)
    );

    let mut broken = plan(PresetId::Quota);
    let id = broken.stages[0].id;
    broken.set_rate(id, "x".into());
    let s = side(&broken, &none);
    assert_eq!(s.close_ratio, Err(Why::Plan(Blocked::Funnel)));
    assert_eq!(s.cycle_days, Err(Why::Plan(Blocked::Funnel)));
    assert_eq!(s.widest(), 0);
}

#[test]
fn weighted_forecast_only_where_deals_exist() {
    // 100,000 already won in the quick forecast, no open deals: the
    // weighted forecast is that 100,000.
    let won = PipelineInput {
        quick_won: "100000".into(),
        ..PipelineInput::default()
    };
    let p = plan(PresetId::Quota);
    let with = side(&p, &won);
    let without = side(&p, &PipelineInput::default());
    assert_eq!(with.weighted, Some(Ok(Ratio::from_int(100_000))));
    let r = rows(&without, &with);
    let w = row(&r, Metric::Weighted);
    assert_eq!(w.left, None, "no deals in the left scenario");
    assert_eq!(
        w.right,
        Some(Ok(Value::Money(Ratio::from_int(100_000), "USD".into())))
    );
    assert_eq!(w.diff, Err(NoDiff::Missing));

    let more = PipelineInput {
        quick_won: "150000".into(),
        ..PipelineInput::default()
    };
    let r = rows(&with, &side(&p, &more));
    assert_diff(
        row(&r, Metric::Weighted),
        Change::Higher,
        Amount::Money(Ratio::from_int(50_000), "USD".into()),
        Some(pct(1, 2)),
    );

    let mut yuan = plan(PresetId::Quota);
    yuan.currency = "CNY".into();
    let r = rows(&with, &side(&yuan, &won));
    assert_eq!(row(&r, Metric::Weighted).diff, Err(NoDiff::Currencies));
}

#[test]
fn differences_of_values() {
    // A third more: 33.3 %, rounded to a tenth of a percent.
    let d = diff(&Value::Count(3), &Value::Count(4)).unwrap();
    assert_eq!(d.relative, Some(pct(333, 1000)));
    // From zero there is no share.
    let d = diff(&Value::Count(0), &Value::Count(5)).unwrap();
    assert_eq!((d.change, d.relative), (Change::Higher, None));
    // 2/3 % to 1/3 %: a third of a point lower.
    let d = diff(&Value::Percent(pct(2, 300)), &Value::Percent(pct(1, 300))).unwrap();
    assert_eq!(d.amount, Amount::Points(pct(1, 3)));
    assert_eq!(d.change, Change::Lower);
    assert_eq!(
        diff(&Value::Count(1), &Value::Days(1)),
        Err(NoDiff::Missing),
        "unlike kinds never subtract"
    );
    let d = diff(&Value::Count(u64::MAX), &Value::Count(0)).unwrap();
    assert_eq!(d.amount, Amount::Count(u64::MAX));
}

#[test]
fn which_two_are_shown() {
    let ids = [1, 2, 3];
    // The open one on the left, the next one on the right, wrapping.
    assert_eq!(pick_pair(&ids, 1, None, None), Some((1, 2)));
    assert_eq!(pick_pair(&ids, 3, None, None), Some((3, 1)));
    // A choice is kept (by id, so renaming changes nothing).
    assert_eq!(pick_pair(&ids, 1, Some(3), Some(2)), Some((3, 2)));
    assert_eq!(pick_pair(&ids, 1, Some(2), Some(2)), Some((2, 2)));
    // A deleted choice falls back: left to the open one, right to the next.
    assert_eq!(pick_pair(&[1, 3], 1, Some(2), Some(3)), Some((1, 3)));
    assert_eq!(pick_pair(&[1, 2], 1, Some(1), Some(3)), Some((1, 2)));
    // … and the left avoids the right's scenario when that is the open one.
    assert_eq!(pick_pair(&ids, 2, Some(9), Some(2)), Some((3, 2)));
    assert_eq!(pick_pair(&ids, 3, None, Some(3)), Some((1, 3)));
    // An open id not in the list (mid-update) still gives a pair.
    assert_eq!(pick_pair(&ids, 7, None, None), Some((1, 2)));
    // One scenario: nothing to compare.
    assert_eq!(pick_pair(&[1], 1, Some(1), None), None);
    assert_eq!(pick_pair(&[], 1, None, None), None);
}
