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
