//! Every cap of the funnel math, and its neighbours, gives a value or a
//! typed error — never a panic. The worst crash so far sat exactly on one:
//! `leads_for_confidence` with D = `CONFIDENCE_CAP`.
#![cfg(not(target_arch = "wasm32"))]

use funnel_calculator::domain::number::{MAX_AMOUNT, MAX_COUNT};
use funnel_calculator::domain::plan::{
    deals_needed, leads_for_confidence, plan, required, CONFIDENCE_CAP, MAX_RESULT,
};
use funnel_calculator::domain::{ConfidenceLeads, Funnel, RateMode, Ratio, Target};

/// A value, its neighbours, and the ends of the type.
fn around(cap: u64) -> Vec<u64> {
    let mut v = vec![0, 1, 2, cap.saturating_sub(1), cap, cap.saturating_add(1)];
    v.dedup();
    v
}

fn deals_values() -> Vec<u64> {
    let mut v = Vec::new();
    for cap in [
        CONFIDENCE_CAP,
        MAX_COUNT as u64,
        MAX_RESULT as u64,
        u64::MAX,
    ] {
        v.extend(around(cap));
    }
    v
}

/// The smallest rate a field keeps (0.0001 %), common ones, and the ends.
fn rates() -> Vec<Ratio> {
    let r = |n, d| Ratio::new(n, d).unwrap();
    vec![
        Ratio::ZERO,
        r(1, 1_000_000),
        r(2, 1_000_000),
        r(1, 10),
        r(1, 2),
        r(999_999, 1_000_000),
        Ratio::ONE,
    ]
}

fn confidences() -> Vec<Ratio> {
    let r = |n, d| Ratio::new(n, d).unwrap();
    vec![r(1, 1_000_000), r(1, 2), r(9, 10), r(999_999, 1_000_000)]
}

#[test]
fn confidence_search_is_total_at_every_cap() {
    for deals in deals_values() {
        for p in rates() {
            for c in confidences() {
                let got = leads_for_confidence(deals, p, c);
                match got {
                    ConfidenceLeads::Leads(n) => {
                        assert!(n >= deals, "D={deals} p={p} c={c}: {n}");
                        assert!(n <= CONFIDENCE_CAP.max(deals), "D={deals} p={p} c={c}: {n}");
                    }
                    ConfidenceLeads::AboveCap => assert!(deals > 0),
                    ConfidenceLeads::Unreachable => assert!(p.is_zero()),
                }
            }
        }
    }
}

#[test]
fn the_deal_count_that_once_crashed_the_page() {
    let p = Ratio::percent(20);
    let c = Ratio::percent(90);
    for deals in [99_999_999, 100_000_000, 100_000_001] {
        assert_eq!(
            leads_for_confidence(deals, p, c),
            ConfidenceLeads::AboveCap,
            "{deals}"
        );
    }
    // At a 100 % close ratio the deals themselves are the answer, even at the cap.
    assert_eq!(
        leads_for_confidence(100_000_000, Ratio::ONE, c),
        ConfidenceLeads::Leads(100_000_000)
    );
}

#[test]
fn required_counts_are_total_at_every_cap() {
    for deals in deals_values() {
        for p in rates() {
            // A value or a typed error, and a value always covers the deals.
            if let Ok(Some(n)) = required(deals, p) {
                assert!(u128::from(n) <= MAX_RESULT);
                assert!(
                    Ratio::from_int(u128::from(n)).checked_mul(p).unwrap()
                        >= Ratio::from_int(u128::from(deals))
                );
            }
        }
    }
}

#[test]
fn whole_plans_are_total_at_every_cap() {
    let funnels = [
        vec![Ratio::new(1, 1_000_000).unwrap(), Ratio::ONE],
        vec![Ratio::percent(20), Ratio::percent(40), Ratio::ONE],
        vec![Ratio::ONE],
        vec![Ratio::ZERO, Ratio::ONE],
    ];
    for rates in &funnels {
        let f = Funnel::new(RateMode::WinRate, rates).unwrap();
        for deals in deals_values() {
            if let Ok(p) = plan(&f, deals) {
                assert_eq!(p.deals, deals);
                assert!(p.widest() as u128 <= MAX_RESULT);
            }
        }
    }
}

#[test]
fn deals_from_amounts_are_total_at_every_cap() {
    let amounts = [
        Ratio::new(1, 10_000).unwrap(),
        Ratio::ONE,
        Ratio::from_int(100_000_000),
        Ratio::from_int(MAX_AMOUNT - 1),
        Ratio::from_int(MAX_AMOUNT),
        Ratio::from_int(MAX_AMOUNT + 1),
    ];
    for revenue in amounts {
        for deal_size in amounts {
            let _ = deals_needed(Target::Revenue { revenue, deal_size });
        }
        let _ = deals_needed(Target::Revenue {
            revenue,
            deal_size: Ratio::ZERO,
        });
    }
    // 1亿 ÷ 1 is exactly the deal count that crashed the page.
    let d = deals_needed(Target::Revenue {
        revenue: Ratio::from_int(100_000_000),
        deal_size: Ratio::ONE,
    })
    .unwrap();
    assert_eq!(d, CONFIDENCE_CAP);
}

// ---------- the whole screen: every field at its cap ----------

use chrono::NaiveDate;
use funnel_calculator::domain::limits::{
    MAX_DEALS, MAX_DWELL_DAYS, MAX_LEADS_PER_REP, MAX_PERIOD_DAYS, MAX_STAGES, MAX_WEEKS,
};
use funnel_calculator::domain::time::PeriodKind;
use funnel_calculator::domain::InputError;
use funnel_calculator::model::{PlanInput, TargetBy};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

/// A count, its neighbours and the ends, as typed.
fn texts_around(cap: u64) -> Vec<String> {
    let mut v: Vec<String> = around(cap).into_iter().map(|n| n.to_string()).collect();
    v.extend(["99999999999999999999999".into(), "-1".into(), "".into()]);
    v
}

/// Which field a text goes into.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Deals,
    Revenue,
    DealSize,
    Rate(usize),
    Confidence,
    Dwell(usize),
    Weeks,
    PerRep,
    Start,
    End,
    Today,
}

fn put(p: &mut PlanInput, slot: Slot, text: &str) {
    let t = text.to_string();
    match slot {
        Slot::Deals => {
            p.target_by = TargetBy::Deals;
            p.deals = t;
        }
        Slot::Revenue => p.revenue = t,
        Slot::DealSize => p.deal_size = t,
        Slot::Rate(i) => {
            let id = p.stages[i].id;
            p.set_rate(id, t);
        }
        Slot::Confidence => p.confidence = t,
        Slot::Dwell(i) => {
            let id = p.stages[i].id;
            p.set_dwell(id, t);
        }
        Slot::Weeks => {
            p.period = PeriodKind::Weeks;
            p.weeks = t;
        }
        Slot::PerRep => p.leads_per_rep = t,
        Slot::Start => {
            p.period = PeriodKind::Custom;
            p.period_start = t;
        }
        Slot::End => {
            p.period = PeriodKind::Custom;
            p.period_end = t;
        }
        Slot::Today => p.today = t,
    }
}

/// Every field's texts at and around its cap.
fn cases() -> Vec<(Slot, String)> {
    let mut c = Vec::new();
    for t in texts_around(MAX_DEALS)
        .into_iter()
        .chain(texts_around(CONFIDENCE_CAP))
    {
        c.push((Slot::Deals, t));
    }
    for t in ["0.0001", "1", "100000000", "1亿"]
        .iter()
        .map(|s| s.to_string())
        .chain(texts_around(MAX_AMOUNT as u64))
    {
        c.push((Slot::Revenue, t.clone()));
        c.push((Slot::DealSize, t));
    }
    for t in [
        "0", "0.0001", "50", "99.9999", "100", "100.0001", "1e9", "8%%",
    ] {
        for i in [0, 3, 4] {
            c.push((Slot::Rate(i), t.into()));
        }
        c.push((Slot::Confidence, t.into()));
    }
    for t in texts_around(MAX_DWELL_DAYS) {
        c.push((Slot::Dwell(0), t));
    }
    for t in texts_around(MAX_WEEKS)
        .into_iter()
        .chain(["0.0001".into(), "520.0001".into()])
    {
        c.push((Slot::Weeks, t));
    }
    for t in texts_around(MAX_LEADS_PER_REP)
        .into_iter()
        .chain(["0.01".into()])
    {
        c.push((Slot::PerRep, t));
    }
    for t in [
        "1900-01-01",
        "1899-12-31",
        "2199-12-31",
        "2200-01-01",
        "2027-02-30",
        "",
    ] {
        c.push((Slot::Start, t.into()));
        c.push((Slot::End, t.into()));
        c.push((Slot::Today, t.into()));
    }
    c
}

#[test]
fn every_field_at_its_cap_gives_a_value_or_a_message() {
    for (slot, text) in cases() {
        let mut p = PlanInput::default();
        put(&mut p, slot, &text);
        // A value or a typed reason for every figure; never a panic.
        let e = p.evaluate(today());
        let _ = (e.leads(), e.confidence_leads, &e.time.plan);
    }
}

#[test]
fn caps_are_where_the_messages_say() {
    let eval = |slot, text: &str| {
        let mut p = PlanInput::default();
        put(&mut p, slot, text);
        p.evaluate(today())
    };
    let e = eval(Slot::Dwell(0), &MAX_DWELL_DAYS.to_string());
    assert_eq!(e.time.dwell_problems[0], None);
    let e = eval(Slot::Dwell(0), &(MAX_DWELL_DAYS + 1).to_string());
    assert_eq!(
        e.time.dwell_problems[0],
        Some(InputError::AtMost(MAX_DWELL_DAYS))
    );
    let e = eval(Slot::Deals, &MAX_DEALS.to_string());
    assert_eq!(e.deals_problem, None);
    let e = eval(Slot::Deals, &(MAX_DEALS + 1).to_string());
    assert_eq!(e.deals_problem, Some(InputError::AtMost(MAX_DEALS)));
    let e = eval(Slot::Weeks, &MAX_WEEKS.to_string());
    assert_eq!(e.time.weeks_problem, None);
    let e = eval(Slot::Weeks, "520.0001");
    assert_eq!(e.time.weeks_problem, Some(InputError::AtMost(MAX_WEEKS)));
    let e = eval(Slot::PerRep, &MAX_LEADS_PER_REP.to_string());
    assert_eq!(e.time.per_rep_problem, None);
    let e = eval(Slot::PerRep, &(MAX_LEADS_PER_REP + 1).to_string());
    assert_eq!(
        e.time.per_rep_problem,
        Some(InputError::AtMost(MAX_LEADS_PER_REP))
    );
    let e = eval(Slot::PerRep, "");
    assert_eq!(e.time.per_rep_problem, Some(InputError::Empty));
    let e = eval(Slot::End, "");
    assert_eq!(e.time.end_problem, Some(InputError::NoDate));
    // The deal count that crashed the page: a dash with a reason, not a panic.
    let e = eval(Slot::Deals, &CONFIDENCE_CAP.to_string());
    assert_eq!(e.deals, Ok(CONFIDENCE_CAP));
    assert!(e.confidence_leads.is_err());
    // The longest custom period, and a day more.
    let mut p = PlanInput::default();
    put(&mut p, Slot::Start, "2027-01-01");
    let last = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        + chrono::Days::new(u64::from(MAX_PERIOD_DAYS) - 1);
    put(&mut p, Slot::End, &last.to_string());
    assert!(p.evaluate(today()).time.plan.is_ok());
    put(
        &mut p,
        Slot::End,
        &(last + chrono::Days::new(1)).to_string(),
    );
    assert!(p.evaluate(today()).time.period_error.is_some());
}

#[test]
fn stages_stop_at_their_cap_and_ids_never_run_out() {
    let mut p = PlanInput::default();
    while p.stages.len() < MAX_STAGES {
        assert!(p.add_stage("Stage".into()).is_some());
    }
    assert_eq!(p.add_stage("One too many".into()), None);
    assert_eq!(p.stages.len(), MAX_STAGES);
    // A save whose next id is the last one: adding keeps working.
    let mut p = PlanInput {
        next_id: u32::MAX,
        ..PlanInput::default()
    };
    for _ in 0..3 {
        assert!(p.add_stage("More".into()).is_some());
    }
    let ids: std::collections::HashSet<_> = p.stages.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), p.stages.len(), "ids stay unique");
    let _ = p.evaluate(today());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Any mix of edge values across the fields still evaluates.
    #[test]
    fn any_mix_of_edge_values_evaluates(picks in prop::collection::vec(0usize..1000, 1..6)) {
        let all = cases();
        let mut p = PlanInput::default();
        for i in picks {
            let (slot, text) = &all[i % all.len()];
            put(&mut p, *slot, text);
        }
        let e = p.evaluate(today());
        if let Ok(plan) = &e.plan {
            prop_assert!(plan.stages.iter().all(|s| s.required.is_none_or(|n| u128::from(n) <= MAX_RESULT)));
        }
    }
}
