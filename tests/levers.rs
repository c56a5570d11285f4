#![cfg(not(target_arch = "wasm32"))]
//! The three levers of funnel-theory.md on worked examples 3 and 4, the
//! compounding demo, the slider limits, and properties of every figure.

use funnel_calculator::domain::levers::*;
use funnel_calculator::domain::{Funnel, RateMode, Ratio};
use proptest::prelude::*;

#[track_caller]
fn r(n: u128, d: u128) -> Ratio {
    Ratio::new(n, d).expect("valid test ratio")
}

#[track_caller]
fn ch(percent: i32) -> Change {
    Change::new(percent).expect("change in range")
}

fn int(n: u128) -> Ratio {
    Ratio::from_int(n)
}

/// Open stages from cumulative win rates in percent (won stage implied),
/// each with `dwell` days.
#[track_caller]
fn stages(win_rates: &[u128], dwell: u32) -> Vec<LeverStage> {
    let mut rates: Vec<Ratio> = win_rates.iter().map(|&p| Ratio::percent(p)).collect();
    rates.push(Ratio::ONE);
    let funnel = Funnel::new(RateMode::WinRate, &rates).expect("valid funnel");
    let dwell = vec![Some(dwell); rates.len()];
    open_stages(&funnel, &dwell).expect("open stages")
}

/// Worked example 4: 20 %, 35 %, 70 %, a week each; 120 deals in 12 weeks
/// at 20,000 a deal.
fn example4() -> Vec<LeverStage> {
    stages(&[20, 35, 70], 7)
}

fn base4(stages: &[LeverStage]) -> Baseline<'_> {
    Baseline {
        stages,
        deals: 120,
        weeks: int(12),
        deal_size: Some(int(20_000)),
    }
}

#[track_caller]
fn figs(b: &Baseline, o: i32, w: i32, c: i32) -> LeverFigures {
    let levers = Levers {
        opportunities: ch(o),
        win_rates: ch(w),
        cycle: ch(c),
    };
    figures(b, levers).expect("figures")
}

#[track_caller]
fn assert_figures(
    f: &LeverFigures,
    wins: Ratio,
    leads: u64,
    close: Ratio,
    cycle: Ratio,
    standing: Ratio,
    velocity: Ratio,
) {
    assert_eq!(f.wins, Ok(wins), "wins");
    assert_eq!(f.leads_needed, Ok(leads), "leads needed");
    assert_eq!(f.close_ratio, Ok(close), "close ratio");
    assert_eq!(f.cycle_days, Ok(cycle), "cycle");
    assert_eq!(f.standing_total, Ok(standing), "standing total");
    assert_eq!(f.velocity, Ok(velocity), "velocity");
}

#[test]
fn example4_conversions() {
    let s = example4();
    let c: Vec<Ratio> = s.iter().map(|s| s.conversion).collect();
    assert_eq!(c, vec![r(4, 7), r(1, 2), r(7, 10)]);
}

#[test]
fn example4_baseline() {
    let s = example4();
    // Intake 50 a week; standing 10 ÷ 20 % + 10 ÷ 35 % + 10 ÷ 70 % (a week
    // each) = 650/7; velocity 650/7 × 20,000 × 1/5 ÷ 21.
    assert_figures(
        &figs(&base4(&s), 0, 0, 0),
        int(120),
        600,
        r(1, 5),
        int(21),
        r(650, 7),
        r(2_600_000, 147),
    );
}

#[test]
fn example4_more_opportunities_alone() {
    let s = example4();
    // Intake 60 a week: 60 × 12 × 20 % = 144 wins; leads for the target stay 600.
    assert_figures(
        &figs(&base4(&s), 20, 0, 0),
        int(144),
        600,
        r(1, 5),
        int(21),
        r(780, 7),
        r(3_120_000, 147),
    );
}

#[test]
fn example4_win_rates_alone() {
    let s = example4();
    // c' = 22/35, 11/20, 77/100: close ratio 20 % × 1.331 = 26.62 %.
    // Wins 50 × 12 × 0.2662 = 159.72; leads ⌈120 ÷ 0.2662⌉ = ⌈450.79⌉ = 451;
    // standing 50 × (1 + 22/35 + 22/35 × 11/20) = 691/7.
    assert_figures(
        &figs(&base4(&s), 0, 10, 0),
        r(3_993, 25),
        451,
        r(9_317, 35_000),
        int(21),
        r(691, 7),
        r(3_460_600, 147),
    );
}

#[test]
fn example4_cycle_alone() {
    let s = example4();
    // 21 days × 0.8 = 16.8; standing × 0.8; velocity ÷ 0.8.
    assert_figures(
        &figs(&base4(&s), 0, 0, -20),
        int(120),
        600,
        r(1, 5),
        r(84, 5),
        r(520, 7),
        r(3_250_000, 147),
    );
}

#[test]
fn example4_all_together() {
    let s = example4();
    // Wins 60 × 12 × 0.2662 = 191.664; standing 691/7 × 1.2 × 0.8;
    // velocity × 1.2 × 1.331 ÷ 0.8.
    assert_figures(
        &figs(&base4(&s), 20, 10, -20),
        r(23_958, 125),
        451,
        r(9_317, 35_000),
        r(84, 5),
        r(16_584, 175),
        r(5_190_900, 147),
    );
}

#[test]
fn compare_gives_each_lever_alone_and_together() {
    let s = example4();
    let b = base4(&s);
    let levers = Levers {
        opportunities: ch(20),
        win_rates: ch(10),
        cycle: ch(-20),
    };
    let c = compare(&b, levers).expect("comparison");
    assert_eq!(c.baseline, figs(&b, 0, 0, 0));
    assert_eq!(c.opportunities, figs(&b, 20, 0, 0));
    assert_eq!(*c.alone(Lever::WinRates), figs(&b, 0, 10, 0));
    assert_eq!(c.cycle, figs(&b, 0, 0, -20));
    assert_eq!(c.together, figs(&b, 20, 10, -20));
}

#[test]
fn example3_quota() {
    // A 20 %, B 40 %, C 50 %, D 80 %: 30 deals need 150 leads; over 13
    // weeks with a week per stage the standing funnel is
    // 30/13 × (5 + 2.5 + 2 + 1.25) = 645/26.
    let s = stages(&[20, 40, 50, 80], 7);
    let b = Baseline {
        stages: &s,
        deals: 30,
        weeks: int(13),
        deal_size: Some(int(100_000)),
    };
    let f = figs(&b, 0, 0, 0);
    assert_eq!(f.leads_needed, Ok(150));
    assert_eq!(f.wins, Ok(int(30)));
    assert_eq!(f.standing_total, Ok(r(645, 26)));
    assert_eq!(f.cycle_days, Ok(int(28)));
    // +10 % on four stages: ×1.4641, close ratio 29.282 %, ⌈30 ÷ 0.29282⌉ = 103.
    let f = figs(&b, 0, 10, 0);
    assert_eq!(f.close_ratio, Ok(r(29_282, 100_000)));
    assert_eq!(f.leads_needed, Ok(103));
}

#[test]
fn compounding_three_stages_is_1_331() {
    let d = compounding(&example4(), ch(10)).expect("demo");
    let chains: Vec<Ratio> = d.steps.iter().map(|s| s.chain).collect();
    assert_eq!(chains, vec![r(11, 10), r(121, 100), r(1_331, 1_000)]);
    assert_eq!(d.chain, r(1_331, 1_000));
    assert_eq!(d.growth, r(1_331, 1_000));
    assert_eq!(d.close_ratio, r(1, 5));
    assert_eq!(d.raised_close_ratio, r(1_331, 5_000));
    assert!(d.steps.iter().all(|s| !s.capped));
}

#[test]
fn compounding_caps_a_stage_at_100() {
    // Conversions 95 % and 50 %: +10 % takes the first to 104.5 %, capped at 100 %.
    let s = [
        LeverStage {
            conversion: Ratio::percent(95),
            dwell_days: 7,
        },
        LeverStage {
            conversion: Ratio::percent(50),
            dwell_days: 7,
        },
    ];
    let d = compounding(&s, ch(10)).expect("demo");
    assert!(d.steps[0].capped);
    assert_eq!(d.steps[0].raised, Ratio::ONE);
    assert_eq!(d.steps[0].growth, r(20, 19));
    assert!(!d.steps[1].capped);
    assert_eq!(d.steps[1].raised, r(11, 20));
    assert_eq!(d.chain, r(121, 100), "uncapped 1.1²");
    assert_eq!(d.raised_close_ratio, r(11, 20));
    assert_eq!(d.growth, r(22, 19), "less than 1.21: the cap");
    // The same in the figures.
    let b = Baseline {
        stages: &s,
        deals: 19,
        weeks: int(1),
        deal_size: None,
    };
    let f = figs(&b, 0, 10, 0);
    assert_eq!(f.close_ratio, Ok(r(11, 20)));
    assert_eq!(f.velocity, Err(LeverError::NoDealSize));
    // A stage at 100 % stays at 100 %.
    let full = [LeverStage {
        conversion: Ratio::ONE,
        dwell_days: 1,
    }];
    let d = compounding(&full, ch(100)).expect("demo");
    assert_eq!(d.raised_close_ratio, Ratio::ONE);
    assert_eq!(d.growth, Ratio::ONE);
    assert!(d.steps[0].capped);
}

#[test]
fn compounding_errors() {
    assert_eq!(compounding(&[], ch(10)), Err(LeverError::NoOpenStages));
    let zero = stages(&[0, 50], 7);
    assert_eq!(
        compounding(&zero, ch(10)),
        Err(LeverError::Unreachable { stage: 0 })
    );
}

#[test]
fn limits_sweep() {
    for p in [-50, -49, 0, 99, 100] {
        assert_eq!(Change::new(p).map(Change::percent), Ok(p));
    }
    for p in [-100, -51, 101, i32::MIN, i32::MAX] {
        assert_eq!(Change::new(p), Err(LeverError::OutOfRange { percent: p }));
    }
    assert_eq!(ch(-50).factor(), r(1, 2));
    assert_eq!(ch(-49).factor(), r(51, 100));
    assert_eq!(ch(0).factor(), Ratio::ONE);
    assert_eq!(ch(99).factor(), r(199, 100));
    assert_eq!(ch(100).factor(), int(2));
    // The extremes give figures on example 4.
    let s = example4();
    let b = base4(&s);
    let f = figs(&b, -50, -50, -50);
    assert_eq!(
        f.wins,
        Ok(r(15, 2)),
        "120 × ½ (intake) × ⅛ (½ on each of three stages)"
    );
    assert_eq!(f.cycle_days, Ok(r(21, 2)));
    let f = figs(&b, 100, 100, 100);
    // c' = min(1, 8/7) = 1, 1, min(1, 1.4) = 1: every deal that enters wins.
    assert_eq!(f.close_ratio, Ok(Ratio::ONE));
    assert_eq!(f.leads_needed, Ok(120));
    assert_eq!(f.wins, Ok(int(1_200)));
}

#[test]
fn structural_errors() {
    let s = example4();
    let empty = Baseline {
        stages: &[],
        ..base4(&s)
    };
    assert_eq!(figures(&empty, Levers::ZERO), Err(LeverError::NoOpenStages));
    let no_weeks = Baseline {
        weeks: Ratio::ZERO,
        ..base4(&s)
    };
    assert_eq!(
        compare(&no_weeks, Levers::ZERO),
        Err(LeverError::WeeksNotPositive)
    );
    let mut bad = s.clone();
    bad[1].dwell_days = 0;
    assert_eq!(
        figures(&base4(&bad), Levers::ZERO),
        Err(LeverError::ZeroDwell { stage: 1 })
    );
    let mut above = s.clone();
    above[2].conversion = r(11, 10);
    assert_eq!(
        figures(&base4(&above), Levers::ZERO),
        Err(LeverError::AboveHundred { stage: 2 })
    );
    // A funnel whose top stage is the won stage has nothing open.
    let top_won = Funnel::new(RateMode::WinRate, &[Ratio::ONE]).expect("valid");
    assert_eq!(open_stages(&top_won, &[]), Err(LeverError::NoOpenStages));
    let f = Funnel::new(RateMode::WinRate, &[Ratio::percent(50), Ratio::ONE]).expect("valid");
    assert_eq!(
        open_stages(&f, &[None]),
        Err(LeverError::ZeroDwell { stage: 0 })
    );
}

#[test]
fn zero_stage_blocks_figures_but_shows_the_close_ratio() {
    let s = stages(&[0, 40], 7);
    let f = figs(&base4(&s), 10, 10, 10);
    assert_eq!(f.close_ratio, Ok(Ratio::ZERO));
    let blocked = Err(LeverError::Unreachable { stage: 0 });
    assert_eq!(f.leads_needed, blocked);
    assert_eq!(f.wins, blocked.map(|_: u64| Ratio::ZERO));
    assert_eq!(f.standing_total, blocked.map(|_: u64| Ratio::ZERO));
    assert_eq!(f.velocity, blocked.map(|_: u64| Ratio::ZERO));
    assert_eq!(f.cycle_days, Ok(r(77, 5)));
}

#[test]
fn overflow_is_too_large_not_a_panic() {
    // Twenty conversions with large coprime denominators: their product
    // does not fit 128 bits.
    let primes = [
        999_983u128,
        999_979,
        999_961,
        999_959,
        999_953,
        999_931,
        999_917,
        999_907,
        999_883,
        999_863,
        999_853,
        999_809,
        999_773,
        999_769,
        999_763,
        999_749,
        999_727,
        999_721,
        999_683,
        999_671,
    ];
    let s: Vec<LeverStage> = primes
        .iter()
        .map(|&p| LeverStage {
            conversion: r(p - 1, p),
            dwell_days: 730,
        })
        .collect();
    let b = Baseline {
        stages: &s,
        deals: 9_007_199_254_740_991,
        weeks: r(1, 7),
        deal_size: Some(int(1_000_000_000_000)),
    };
    let f = figures(&b, Levers::ZERO).expect("structure is fine");
    assert_eq!(f.close_ratio, Err(LeverError::TooLarge));
    assert_eq!(f.leads_needed, Err(LeverError::TooLarge));
    assert_eq!(f.velocity, Err(LeverError::TooLarge));
    assert_eq!(f.cycle_days, Ok(int(14_600)));
    assert!(compounding(&s, ch(10)).is_err());
}

fn arb_stages() -> impl Strategy<Value = Vec<LeverStage>> {
    prop::collection::vec(
        (1u128..=100, 1u32..=60).prop_map(|(c, d)| LeverStage {
            conversion: Ratio::percent(c),
            dwell_days: d,
        }),
        1..=6,
    )
}

fn arb_change() -> impl Strategy<Value = Change> {
    (MIN_PERCENT..=MAX_PERCENT).prop_map(|p| Change::new(p).unwrap_or_default())
}

fn arb_levers() -> impl Strategy<Value = Levers> {
    (arb_change(), arb_change(), arb_change()).prop_map(|(o, w, c)| Levers {
        opportunities: o,
        win_rates: w,
        cycle: c,
    })
}

proptest! {
    #[test]
    fn levers_at_zero_equal_the_baseline(
        s in arb_stages(), deals in 0u64..=10_000, weeks in 1u128..=52,
    ) {
        let b = Baseline { stages: &s, deals, weeks: int(weeks), deal_size: Some(int(1_000)) };
        let c = compare(&b, Levers::ZERO).expect("comparison");
        prop_assert_eq!(&c.opportunities, &c.baseline);
        prop_assert_eq!(&c.win_rates, &c.baseline);
        prop_assert_eq!(&c.cycle, &c.baseline);
        prop_assert_eq!(&c.together, &c.baseline);
        // Wins from the baseline intake are the target itself.
        prop_assert_eq!(c.baseline.wins, Ok(int(u128::from(deals))));
    }

    #[test]
    fn more_opportunities_never_lowers_wins(
        s in arb_stages(), deals in 0u64..=10_000, weeks in 1u128..=52,
        levers in arb_levers(), a in arb_change(), b2 in arb_change(),
    ) {
        let b = Baseline { stages: &s, deals, weeks: int(weeks), deal_size: None };
        let (lo, hi) = if a.percent() <= b2.percent() { (a, b2) } else { (b2, a) };
        let low = figures(&b, levers.with(Lever::Opportunities, lo)).expect("figures");
        let high = figures(&b, levers.with(Lever::Opportunities, hi)).expect("figures");
        prop_assert!(low.wins.expect("wins") <= high.wins.expect("wins"));
    }

    #[test]
    fn higher_win_rates_never_raise_leads_needed(
        s in arb_stages(), deals in 0u64..=10_000, weeks in 1u128..=52,
        levers in arb_levers(), a in arb_change(), b2 in arb_change(),
    ) {
        let b = Baseline { stages: &s, deals, weeks: int(weeks), deal_size: None };
        let (lo, hi) = if a.percent() <= b2.percent() { (a, b2) } else { (b2, a) };
        let low = figures(&b, levers.with(Lever::WinRates, lo)).expect("figures");
        let high = figures(&b, levers.with(Lever::WinRates, hi)).expect("figures");
        prop_assert!(high.leads_needed.expect("leads") <= low.leads_needed.expect("leads"));
        prop_assert!(high.close_ratio.expect("p1") >= low.close_ratio.expect("p1"));
        prop_assert!(high.close_ratio.expect("p1") <= Ratio::ONE);
    }

    #[test]
    fn cycle_never_changes_leads_or_wins(
        s in arb_stages(), deals in 0u64..=10_000, weeks in 1u128..=52,
        levers in arb_levers(), c in arb_change(),
    ) {
        let b = Baseline { stages: &s, deals, weeks: int(weeks), deal_size: None };
        let before = figures(&b, levers.with(Lever::Cycle, Change::ZERO)).expect("figures");
        let after = figures(&b, levers.with(Lever::Cycle, c)).expect("figures");
        prop_assert_eq!(before.leads_needed, after.leads_needed);
        prop_assert_eq!(before.wins, after.wins);
        prop_assert_eq!(
            after.cycle_days.expect("cycle"),
            before.cycle_days.expect("cycle").checked_mul(c.factor()).expect("fits")
        );
    }

    #[test]
    fn compounding_grows_by_at_most_the_chain(s in arb_stages(), x in arb_change()) {
        let d = compounding(&s, x).expect("demo");
        let n = u32::try_from(s.len()).expect("few stages");
        let mut chain = Ratio::ONE;
        for _ in 0..n {
            chain = chain.checked_mul(x.factor()).expect("fits");
        }
        prop_assert_eq!(d.chain, chain);
        if x.percent() >= 0 {
            prop_assert!(d.growth <= d.chain);
        }
        prop_assert_eq!(
            d.raised_close_ratio,
            d.close_ratio.checked_mul(d.growth).expect("fits")
        );
    }
}

#[test]
fn deltas() {
    assert_eq!(
        delta(r(1, 5), r(1_331, 5_000)),
        Delta::Up { by: r(331, 1_000) }
    );
    assert_eq!(delta(int(600), int(451)), Delta::Down { by: r(149, 600) });
    assert_eq!(delta(int(21), int(21)), Delta::Same);
    assert_eq!(delta(Ratio::ZERO, Ratio::ZERO), Delta::Same);
    assert_eq!(delta(Ratio::ZERO, int(3)), Delta::FromZero);
}
