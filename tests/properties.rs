//! Invariants of the funnel math, over random funnels and targets.
#![cfg(not(target_arch = "wasm32"))]

use funnel_calculator::domain::number::parse_percent;
use funnel_calculator::domain::plan::{chance_of_target, leads_for_confidence, plan, required};
use funnel_calculator::domain::{ConfidenceLeads, Funnel, RateMode, Ratio};
use proptest::prelude::*;

/// A rate in (0, 100] % with up to two decimals, as a user would type it.
fn rate() -> impl Strategy<Value = Ratio> {
    (1u128..=10_000).prop_map(|bp| Ratio::new(bp, 10_000).unwrap())
}

/// Win rates of a valid funnel: non-decreasing, ending at 100 %.
fn win_rates() -> impl Strategy<Value = Vec<Ratio>> {
    prop::collection::vec(rate(), 0..7).prop_map(|mut v| {
        v.sort();
        v.push(Ratio::ONE);
        v
    })
}

proptest! {
    #[test]
    fn required_counts_round_up(deals in 0u64..1_000_000, p in rate()) {
        let n = required(deals, p).unwrap().unwrap();
        let d = Ratio::from_int(u128::from(deals));
        // n × p ≥ D, and one fewer would not be enough.
        prop_assert!(Ratio::from_int(u128::from(n)).checked_mul(p).unwrap() >= d);
        if n > 0 {
            prop_assert!(Ratio::from_int(u128::from(n - 1)).checked_mul(p).unwrap() < d);
        }
    }

    #[test]
    fn both_rate_modes_agree(rates in win_rates(), deals in 1u64..10_000) {
        let by_win = Funnel::new(RateMode::WinRate, &rates).unwrap();
        let conversions = by_win.rates_in(RateMode::Conversion);
        for c in &conversions {
            prop_assert!(*c > Ratio::ZERO && *c <= Ratio::ONE);
        }
        let by_conv = Funnel::new(RateMode::Conversion, &conversions).unwrap();
        prop_assert_eq!(&by_conv, &by_win);
        prop_assert_eq!(by_conv.rates_in(RateMode::WinRate), rates);
        prop_assert_eq!(plan(&by_conv, deals).unwrap(), plan(&by_win, deals).unwrap());
    }

    #[test]
    fn required_never_grows_down_the_funnel(rates in win_rates(), deals in 1u64..100_000) {
        let p = plan(&Funnel::new(RateMode::WinRate, &rates).unwrap(), deals).unwrap();
        let counts: Vec<u64> = p.stages.iter().map(|s| s.required.unwrap()).collect();
        prop_assert!(counts.windows(2).all(|w| w[0] >= w[1]));
        prop_assert_eq!(*counts.last().unwrap(), deals);
        prop_assert_eq!(p.leads, counts.first().copied());
    }

    #[test]
    fn confidence_leads_are_the_smallest_that_reach_it(
        deals in 1u64..40, bp in 100u128..=9_900, conf in 50u128..=99,
    ) {
        let p = Ratio::new(bp, 10_000).unwrap();
        let c = Ratio::percent(conf);
        match leads_for_confidence(deals, p, c) {
            ConfidenceLeads::Leads(n) => {
                let target = c.to_f64() - 1e-12;
                prop_assert!(chance_of_target(n, deals, p) >= target);
                prop_assert!(n == deals || chance_of_target(n - 1, deals, p) < target);
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn any_percent_text_parses_or_errs_without_panic(text in "\\PC{0,12}") {
        if let Ok(r) = parse_percent(&text) {
            prop_assert!(r <= Ratio::ONE);
        }
    }

    #[test]
    fn any_rates_give_a_funnel_or_located_errors(raw in prop::collection::vec(0u128..=12_000, 0..8), conv in any::<bool>()) {
        let rates: Vec<Ratio> = raw.iter().map(|&bp| Ratio::new(bp, 10_000).unwrap()).collect();
        let mode = if conv { RateMode::Conversion } else { RateMode::WinRate };
        match Funnel::new(mode, &rates) {
            Ok(f) => {
                let p = plan(&f, 100).unwrap();
                prop_assert!(p.stages.len() <= rates.len());
            }
            Err(issues) => {
                prop_assert!(!issues.is_empty());
                for i in issues { prop_assert!(i.index < rates.len().max(1)); }
            }
        }
    }
}
