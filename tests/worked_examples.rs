//! The worked examples of funnel-theory.md that the Plan screen covers
//! (1, 2, 3, 4's standard funnel, 5 and 7), figure for figure, in both rate
//! modes, plus exact rounding, 0 % and invalid funnels.
#![cfg(not(target_arch = "wasm32"))]

use funnel_calculator::domain::number::{parse_amount, parse_percent};
use funnel_calculator::domain::plan::{
    close_ratio_of, deals_needed, expected_wins, leads_for_confidence, plan, required,
};
use funnel_calculator::domain::{
    ConfidenceLeads, Funnel, Located, PresetId, RateMode, Ratio, StageIssue, Target,
};

#[track_caller]
fn pct(values: &[&str]) -> Vec<Ratio> {
    values.iter().map(|v| parse_percent(v).unwrap()).collect()
}

#[track_caller]
fn funnel(mode: RateMode, values: &[&str]) -> Funnel {
    Funnel::new(mode, &pct(values)).unwrap()
}

#[track_caller]
fn required_counts(f: &Funnel, deals: u64) -> Vec<u64> {
    plan(f, deals)
        .unwrap()
        .stages
        .iter()
        .map(|s| s.required.unwrap())
        .collect()
}

#[track_caller]
fn percent_of(r: Ratio) -> Ratio {
    r.checked_mul(Ratio::from_int(100)).unwrap()
}

#[test]
fn example_1_close_ratio() {
    let ratio = close_ratio_of(2, 20).unwrap();
    assert_eq!(percent_of(ratio), Ratio::from_int(10));
    assert_eq!(required(1, ratio).unwrap(), Some(10));
    assert_eq!(required(6, ratio).unwrap(), Some(60));
    let calls = close_ratio_of(2, 50).unwrap();
    assert_eq!(percent_of(calls), Ratio::from_int(4));
    assert_eq!(required(1, calls).unwrap(), Some(25));
    // The same through a funnel: a 10 % first stage, six deals, 60 leads.
    let f = funnel(RateMode::WinRate, &["10", "100"]);
    assert_eq!(plan(&f, 6).unwrap().leads, Some(60));
}

#[test]
fn example_2_two_step_funnel() {
    let by_conversion = funnel(RateMode::Conversion, &["10", "10", "100"]);
    assert_eq!(by_conversion.close_ratio(), Ratio::new(1, 100).unwrap());
    assert_eq!(plan(&by_conversion, 1).unwrap().leads, Some(100));
    let by_win_rate = funnel(RateMode::WinRate, &["1", "10", "100"]);
    assert_eq!(by_win_rate, by_conversion);
    assert_eq!(by_win_rate.conversion(0), Some(Ratio::percent(10)));
    assert_eq!(by_win_rate.conversion(1), Some(Ratio::percent(10)));
}

#[test]
fn example_3_ideal_funnel_from_a_quota() {
    let deals = deals_needed(Target::Revenue {
        revenue: parse_amount("3,000,000").unwrap(),
        deal_size: parse_amount("100,000").unwrap(),
    })
    .unwrap();
    assert_eq!(deals, 30);
    let f = funnel(RateMode::WinRate, &["20", "40", "50", "80", "100"]);
    assert_eq!(required_counts(&f, deals), [150, 75, 60, 38, 30]);
    // The same funnel stated as conversions: 50 %, 80 %, 62.5 %, 80 %.
    let c = funnel(RateMode::Conversion, &["50", "80", "62.5", "80", "100"]);
    assert_eq!(c, f);
    assert_eq!(required_counts(&c, deals), [150, 75, 60, 38, 30]);
    let p = plan(&f, deals).unwrap();
    assert_eq!(p.leads, Some(150));
    assert_eq!(p.close_ratio, Ratio::percent(20));
}

#[test]
fn example_4_standard_funnel_for_two_wins() {
    let f = funnel(RateMode::WinRate, &["20", "35", "70", "100"]);
    assert_eq!(required_counts(&f, 2), [10, 6, 3, 2]);
    let c = Funnel::new(RateMode::Conversion, &f.rates_in(RateMode::Conversion)).unwrap();
    assert_eq!(required_counts(&c, 2), [10, 6, 3, 2]);
    // The quarter's quota: 2,400,000 at 20,000 a deal.
    let deals = deals_needed(Target::Revenue {
        revenue: parse_amount("2400000").unwrap(),
        deal_size: parse_amount("20000").unwrap(),
    })
    .unwrap();
    assert_eq!(deals, 120);
}

#[test]
fn example_5_intent_stage() {
    let wins = expected_wins(50, Ratio::percent(30)).unwrap();
    assert_eq!(wins, Ratio::from_int(15));
    let revenue = wins.checked_mul(Ratio::from_int(20_000)).unwrap();
    assert_eq!(revenue, Ratio::from_int(300_000));
}

#[test]
fn example_7_typical_close_rates() {
    assert_eq!(
        expected_wins(100, Ratio::percent(5)),
        Some(Ratio::from_int(5))
    );
    assert_eq!(
        expected_wins(100, Ratio::percent(15)),
        Some(Ratio::from_int(15))
    );
}

#[test]
fn beyond_the_average_one_deal_at_ten_percent() {
    let p = Ratio::percent(10);
    let ninety = Ratio::percent(90);
    assert_eq!(
        leads_for_confidence(1, p, ninety),
        ConfidenceLeads::Leads(22)
    );
    let at_ten = funnel_calculator::domain::plan::chance_of_target(10, 1, p);
    assert!((at_ten - 0.6513).abs() < 1e-4, "{at_ten}");
}

#[test]
fn confidence_exact_ties_and_limits() {
    // 1 − 0.5² = 75 % exactly.
    assert_eq!(
        leads_for_confidence(1, Ratio::percent(50), Ratio::percent(75)),
        ConfidenceLeads::Leads(2)
    );
    assert_eq!(
        leads_for_confidence(3, Ratio::ONE, Ratio::percent(99)),
        ConfidenceLeads::Leads(3)
    );
    assert_eq!(
        leads_for_confidence(3, Ratio::ZERO, Ratio::percent(90)),
        ConfidenceLeads::Unreachable
    );
    assert_eq!(
        leads_for_confidence(0, Ratio::percent(10), Ratio::percent(90)),
        ConfidenceLeads::Leads(0)
    );
    // Large: 30,000 deals at 3 % needs about a million leads, still exact and fast.
    match leads_for_confidence(30_000, Ratio::percent(3), Ratio::percent(90)) {
        ConfidenceLeads::Leads(n) => assert!((1_000_000..1_010_000).contains(&n), "{n}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        leads_for_confidence(1_000, Ratio::new(1, 1_000_000).unwrap(), Ratio::percent(90)),
        ConfidenceLeads::AboveCap
    );
}

#[test]
fn exact_rounding() {
    // 42 ÷ 0.35 is 120.00000000000001 in floating point; the answer is 120.
    assert_eq!(required(42, Ratio::percent(35)).unwrap(), Some(120));
    assert_eq!(required(7, pct(&["7"])[0]).unwrap(), Some(100));
    assert_eq!(required(3, pct(&["0.3"])[0]).unwrap(), Some(1000));
    assert_eq!(required(1, pct(&["33.3333"])[0]).unwrap(), Some(4));
    assert_eq!(required(1, Ratio::new(1, 3).unwrap()).unwrap(), Some(3));
    assert_eq!(
        deals_needed(Target::Revenue {
            revenue: parse_amount("0.3").unwrap(),
            deal_size: parse_amount("0.1").unwrap()
        }),
        Ok(3)
    );
    assert_eq!(
        deals_needed(Target::Revenue {
            revenue: parse_amount("1000001").unwrap(),
            deal_size: parse_amount("100000").unwrap()
        }),
        Ok(11)
    );
}

#[test]
fn zero_rates_are_unreachable_not_infinite() {
    let f = funnel(RateMode::WinRate, &["0", "40", "100"]);
    let p = plan(&f, 5).unwrap();
    assert!(p.is_unreachable());
    assert_eq!(p.stages[0].required, None);
    assert_eq!(p.stages[1].required, Some(13));
    assert_eq!(f.zero_causes(RateMode::WinRate), [0]);
    // In conversion mode the cause is the 0 % conversion; all above it are 0.
    let c = funnel(RateMode::Conversion, &["50", "0", "50", "100"]);
    assert_eq!(c.zero_causes(RateMode::Conversion), [1]);
    let p = plan(&c, 5).unwrap();
    assert_eq!(
        p.stages.iter().map(|s| s.required).collect::<Vec<_>>(),
        [None, None, Some(10), Some(5)]
    );
    // A trailing lost stage at 0 % is not part of the plan.
    let b2b = funnel(RateMode::WinRate, &["10", "35", "65", "75", "100", "0"]);
    let p = plan(&b2b, 6).unwrap();
    assert!(!p.is_unreachable());
    assert_eq!(p.stages.len(), 5);
    assert_eq!(p.leads, Some(60));
}

#[test]
fn invalid_funnels_are_typed_errors_at_the_stage() {
    let e = Funnel::new(RateMode::WinRate, &pct(&["20", "10", "100"])).unwrap_err();
    assert_eq!(
        e,
        [Located {
            index: 1,
            issue: StageIssue::Decreasing {
                above: Ratio::percent(20)
            }
        }]
    );
    let e = Funnel::new(RateMode::WinRate, &pct(&["20", "50"])).unwrap_err();
    assert_eq!(e[0].issue, StageIssue::NoWonStage);
    let e = Funnel::new(RateMode::Conversion, &pct(&["20", "50", "0"])).unwrap_err();
    assert_eq!(e[0].index, 2);
}

#[test]
fn huge_targets_do_not_overflow() {
    let d = deals_needed(Target::Revenue {
        revenue: parse_amount("1000000000000000").unwrap(),
        deal_size: parse_amount("0.0001").unwrap(),
    });
    assert!(d.is_err());
    let f = funnel(RateMode::Conversion, &["0.0001", "0.0001", "0.0001", "100"]);
    assert!(plan(&f, 1_000_000_000_000).is_err());
}

#[test]
fn every_preset_is_a_valid_funnel() {
    for preset in PresetId::ALL {
        let rates: Vec<Ratio> = preset
            .stages()
            .iter()
            .map(|s| Ratio::percent(u128::from(s.win_rate_percent)))
            .collect();
        let f = Funnel::new(RateMode::WinRate, &rates).unwrap();
        assert!(!plan(&f, 10).unwrap().is_unreachable(), "{preset:?}");
        assert_eq!(PresetId::parse(preset.as_str()), Some(preset));
    }
}
