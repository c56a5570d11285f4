//! The distribution of the period's won revenue (funnel-theory.md, "Forecast
//! from the open pipeline": chance to hit target, P10 / P50 / P90).
#![cfg(not(target_arch = "wasm32"))]

use funnel_calculator::domain::distribution::{
    distribution, distribution_within, normal_approximation, Caps, DistError, Distribution, Method,
};
use funnel_calculator::domain::Ratio;
use proptest::prelude::*;

fn int(n: u128) -> Ratio {
    Ratio::from_int(n)
}

fn pct(n: u128) -> Ratio {
    Ratio::percent(n)
}

#[track_caller]
fn dist(realised: u128, open: &[(u128, u128)], target: Option<u128>) -> Distribution {
    let open: Vec<(Ratio, Ratio)> = open.iter().map(|&(a, p)| (int(a), pct(p))).collect();
    distribution(int(realised), &open, target.map(int)).unwrap()
}

#[track_caller]
fn chance(realised: u128, open: &[(u128, u128)], target: u128) -> f64 {
    dist(realised, open, Some(target)).chance.unwrap()
}

#[track_caller]
fn close(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "{got} ≠ {want}");
}

#[track_caller]
fn percentiles(d: &Distribution, p10: u128, p50: u128, p90: u128) {
    assert_eq!(
        (d.p10, d.p50, d.p90),
        (int(p10), int(p50), int(p90)),
        "P10, P50, P90"
    );
}

/// Probabilities add up to 1 and the bins are contiguous, low to high.
#[track_caller]
fn histogram_is_sound(d: &Distribution) {
    assert!(!d.histogram.is_empty() && d.histogram.len() <= 40);
    let sum: f64 = d.histogram.iter().map(|b| b.probability).sum();
    assert!((sum - 1.0).abs() < 1e-9, "bins sum to {sum}");
    for b in &d.histogram {
        assert!(b.from <= b.to && b.probability >= 0.0);
    }
    for w in d.histogram.windows(2) {
        assert_eq!(w[0].to, w[1].from);
    }
}

#[test]
fn two_deals_by_hand() {
    // Realised 1,000; 500 at 50 %, 300 at 50 %. Outcomes (each 1/4):
    // none 1,000; 300 only 1,300; 500 only 1,500; both 1,800.
    // CDF 1/4, 1/2, 3/4, 1: P10 1,000; P50 1,300 (exactly 50 %); P90 1,800.
    let open = [(500, 50), (300, 50)];
    let d = dist(1_000, &open, Some(1_500));
    assert_eq!(d.method, Method::Exact);
    assert_eq!(d.mean, int(1_400));
    percentiles(&d, 1_000, 1_300, 1_800);
    close(d.chance.unwrap(), 0.5);
    close(chance(1_000, &open, 1_501), 0.25);
    close(chance(1_000, &open, 1_300), 0.75);
    assert_eq!(chance(1_000, &open, 1_000), 1.0);
    assert_eq!(chance(1_000, &open, 0), 1.0, "target 0");
    assert_eq!(chance(1_000, &open, 1_800), 0.25);
    assert_eq!(chance(1_000, &open, 1_801), 0.0);
    // Lattice step gcd(500, 300) = 100: nine bins of 100 from 1,000, with
    // a quarter at 1,000, 1,300, 1,500 and 1,800.
    histogram_is_sound(&d);
    assert_eq!(d.histogram.len(), 9);
    assert_eq!(
        (d.histogram[0].from, d.histogram[0].to),
        (int(1_000), int(1_100))
    );
    let masses: Vec<f64> = d.histogram.iter().map(|b| b.probability).collect();
    for (j, m) in masses.iter().enumerate() {
        let want = if [0, 3, 5, 8].contains(&j) { 0.25 } else { 0.0 };
        close(*m, want);
    }
}

#[test]
fn three_deals_by_hand() {
    // 100 at 20 %, 200 at 50 %, 400 at 80 %, nothing realised.
    // Outcomes: 0: .8·.5·.2 = .08; 100: .2·.5·.2 = .02; 200: .8·.5·.2 = .08;
    // 300: .02; 400: .8·.5·.8 = .32; 500: .08; 600: .32; 700: .08.
    // CDF .08 .10 .18 .20 .52 .60 .92 1: P10 100 (exactly 10 %), P50 400,
    // P90 600.
    let open = [(100, 20), (200, 50), (400, 80)];
    let d = dist(0, &open, Some(500));
    percentiles(&d, 100, 400, 600);
    assert_eq!(d.mean, int(20 + 100 + 320));
    close(d.chance.unwrap(), 0.08 + 0.32 + 0.08);
    close(chance(0, &open, 301), 0.32 + 0.08 + 0.32 + 0.08);
    histogram_is_sound(&d);
}

#[test]
fn four_deals_grouped_as_binomial() {
    // Four deals of 250 at 30 %: wins ~ Binomial(4, 0.3):
    // P(0) = .2401, P(1) = .4116, P(2) = .2646, P(3) = .0756, P(4) = .0081.
    // CDF .2401 .6517 .9163 .9919 1: P10 0, P50 250, P90 500.
    let open = [(250, 30); 4];
    let d = dist(50, &open, Some(800));
    percentiles(&d, 50, 300, 550);
    close(d.chance.unwrap(), 0.0756 + 0.0081);
    assert_eq!(d.mean, int(50 + 300));
}

#[test]
fn ties_at_exact_percentile_levels() {
    // One deal at 90 %: P(0) is exactly 10 %, so P10 is 0, not the amount,
    // although 1 − 0.9 is 0.09999999999999998 in floats.
    let d = dist(0, &[(1_000, 90)], Some(1_000));
    percentiles(&d, 0, 1_000, 1_000);
    close(d.chance.unwrap(), 0.9);
    // One deal at 10 %: P(0) is exactly 90 %, so even P90 is 0.
    percentiles(&dist(0, &[(1_000, 10)], None), 0, 0, 0);
    // At 11 % P(0) is 89 %: P90 is the amount.
    percentiles(&dist(0, &[(1_000, 11)], None), 0, 0, 1_000);
    // One deal at 50 %: P(0) is exactly 50 %, so P50 is 0.
    percentiles(&dist(7, &[(1_000, 50)], None), 7, 7, 1_007);
    // Two at 50 %: CDF 1/4, 3/4, 1 at 0, 100, 200 (on the grid of 100).
    percentiles(&dist(0, &[(100, 50), (100, 50)], None), 0, 100, 200);
}

#[test]
fn nothing_uncertain() {
    // No open deals: everything is realised.
    let d = dist(1_234, &[], Some(1_234));
    assert_eq!(d.method, Method::Exact);
    percentiles(&d, 1_234, 1_234, 1_234);
    assert_eq!(d.mean, int(1_234));
    assert_eq!(d.chance, Some(1.0));
    assert_eq!(chance(1_234, &[], 1_235), 0.0);
    assert_eq!(d.histogram.len(), 1);
    assert_eq!(
        (d.histogram[0].from, d.histogram[0].to),
        (int(1_234), int(1_234))
    );
    assert_eq!(d.histogram[0].probability, 1.0);
    assert_eq!(dist(0, &[], None).chance, None);

    // All p = 0: nothing adds; all p = 1: everything adds.
    let d = dist(10, &[(500, 0), (700, 0)], Some(11));
    percentiles(&d, 10, 10, 10);
    assert_eq!((d.mean, d.chance), (int(10), Some(0.0)));
    let d = dist(10, &[(500, 100), (700, 100)], Some(1_210));
    percentiles(&d, 1_210, 1_210, 1_210);
    assert_eq!((d.mean, d.chance), (int(1_210), Some(1.0)));
    histogram_is_sound(&d);
    // Certain deals shift the uncertain ones; zero amounts add nothing.
    let d = dist(0, &[(500, 100), (100, 50), (0, 50)], None);
    percentiles(&d, 500, 500, 600);
}

#[test]
fn fractional_amounts_and_probabilities() {
    // 0.50 and 0.75 at 1/3 each: lattice step 0.25. Outcomes:
    // 0: 4/9, 0.50: 2/9, 0.75: 2/9, 1.25: 1/9. CDF 4/9 6/9 8/9 1:
    // P10 0, P50 0.50, P90 1.25 (8/9 < 90 %).
    let third = Ratio::new(1, 3).unwrap();
    let open = [
        (Ratio::new(1, 2).unwrap(), third),
        (Ratio::new(3, 4).unwrap(), third),
    ];
    let d = distribution(Ratio::ZERO, &open, Some(Ratio::new(3, 4).unwrap())).unwrap();
    assert_eq!(d.p10, Ratio::ZERO);
    assert_eq!(d.p50, Ratio::new(1, 2).unwrap());
    assert_eq!(d.p90, Ratio::new(5, 4).unwrap());
    assert_eq!(d.mean, Ratio::new(5, 12).unwrap());
    close(d.chance.unwrap(), 3.0 / 9.0);
}

#[test]
fn errors() {
    let open = [(int(1), pct(50)), (int(1), Ratio::new(101, 100).unwrap())];
    assert_eq!(
        distribution(Ratio::ZERO, &open, None),
        Err(DistError::ProbabilityAboveOne { index: 1 })
    );
    let huge = [(int(u128::MAX), pct(50)), (int(2), pct(50))];
    assert_eq!(
        distribution(Ratio::ZERO, &huge, None),
        Err(DistError::TooLarge)
    );
    assert_eq!(
        distribution(int(u128::MAX), &[(int(1), pct(50))], None),
        Err(DistError::TooLarge)
    );
}

/// Three deals of 100 at 50 %: one binomial group of 4 terms on a lattice
/// of 4 cells. Dense work 1 × 4 = 4 cells; the sorted list 4 points,
/// work 4 × 4 = 16.
#[test]
fn caps_and_their_neighbours() {
    let open = [(int(100), pct(50)); 3];
    let run = |work, dense_cells, sparse_points| {
        let caps = Caps {
            work,
            dense_cells,
            sparse_points,
        };
        distribution_within(Ratio::ZERO, &open, Some(int(200)), caps)
            .unwrap()
            .method
    };
    let exact = |m: Method| m == Method::Exact;
    assert!(exact(run(4, 4, 0)), "dense at its caps");
    assert!(!exact(run(3, 4, 0)), "work one below");
    assert!(
        !exact(run(4, 3, 4)),
        "dense cells one below, list too costly"
    );
    assert!(exact(run(16, 3, 4)), "the sorted list at its caps");
    assert!(!exact(run(15, 3, 4)), "list work one below");
    assert!(!exact(run(16, 3, 3)), "list points one below");
    // Both ways give the same figures: CDF 1/8, 1/2, 7/8, 1.
    for caps in [(4, 4, 0), (16, 3, 4)] {
        let c = Caps {
            work: caps.0,
            dense_cells: caps.1,
            sparse_points: caps.2,
        };
        let d = distribution_within(Ratio::ZERO, &open, Some(int(200)), c).unwrap();
        percentiles(&d, 0, 100, 300);
        close(d.chance.unwrap(), 0.5);
    }
}

/// `n` deterministic, realistic open deals: amounts multiples of 500 from
/// 5,000 to 500,000, probabilities 10/20/40/50/80 % (xorshift64*).
fn realistic_deals(n: usize, mut seed: u64) -> Vec<(Ratio, Ratio)> {
    let mut next = move || {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    (0..n)
        .map(|_| {
            let amount = 500 * (10 + u128::from(next() % 991));
            let p = [10, 20, 40, 50, 80][(next() % 5) as usize];
            (int(amount), pct(p))
        })
        .collect()
}

fn weighted(realised: Ratio, open: &[(Ratio, Ratio)]) -> Ratio {
    open.iter().fold(realised, |m, &(a, p)| {
        m.checked_add(a.checked_mul(p).unwrap()).unwrap()
    })
}

#[test]
fn exact_and_normal_agree_within_the_stated_bound() {
    let open = realistic_deals(60, 3);
    let realised = int(100_000);
    let exact = distribution(realised, &open, None).unwrap();
    assert_eq!(exact.method, Method::Exact);
    let normal = normal_approximation(realised, &open, None).unwrap();
    let Method::Approximate { max_cdf_error } = normal.method else {
        panic!("normal_approximation is approximate");
    };
    assert!(
        max_cdf_error > 0.0 && max_cdf_error < 0.2,
        "{max_cdf_error}"
    );
    assert_eq!(exact.mean, normal.mean);
    assert_eq!(exact.mean, weighted(realised, &open));
    let top = open.iter().map(|&(a, _)| a.floor()).sum::<u128>() + 100_000;
    for k in 0..=40 {
        let t = Some(int(100_000 + (top - 100_000) * k / 40));
        let e = distribution(realised, &open, t).unwrap().chance.unwrap();
        let n = normal_approximation(realised, &open, t)
            .unwrap()
            .chance
            .unwrap();
        assert!((e - n).abs() <= max_cdf_error, "target {t:?}: {e} vs {n}");
    }
    histogram_is_sound(&exact);
    histogram_is_sound(&normal);
}

#[test]
fn ten_thousand_realistic_deals() {
    let open = realistic_deals(10_000, 0x9e37_79b9_7f4a_7c15);
    let realised = int(1_000_000);
    let d = distribution(realised, &open, Some(int(600_000_000))).unwrap();
    // 5,000,000 steps of 500: beyond the exact caps.
    let Method::Approximate { max_cdf_error } = d.method else {
        panic!("expected the normal approximation");
    };
    assert!(max_cdf_error < 0.02, "{max_cdf_error}");
    assert_eq!(d.mean, weighted(realised, &open));
    assert!(d.p10 < d.p50 && d.p50 < d.p90);
    assert!(d.p10.is_integer() && d.p50.is_integer() && d.p90.is_integer());
    histogram_is_sound(&d);
    assert!(d.histogram.len() >= 20);

    // The same deals on a lattice of 50,000: exact.
    let coarse: Vec<(Ratio, Ratio)> = open
        .iter()
        .map(|&(a, p)| (int(a.floor() / 50_000 * 50_000 + 50_000), p))
        .collect();
    let d = distribution(realised, &coarse, Some(int(600_000_000))).unwrap();
    assert_eq!(d.method, Method::Exact);
    histogram_is_sound(&d);
}

#[test]
fn huge_amounts() {
    // 10,000 deals at 10^15 (sums to 10^19): grouped, exact.
    let e15 = 1_000_000_000_000_000u128;
    let open: Vec<(Ratio, Ratio)> = (0..10_000u128)
        .map(|i| {
            (
                int(e15 * (1 + i % 7)),
                pct([10, 20, 40, 50, 80][(i % 5) as usize]),
            )
        })
        .collect();
    let d = distribution(int(e15), &open, Some(int(20 * e15))).unwrap();
    assert_eq!(d.method, Method::Exact);
    assert_eq!(d.mean, weighted(int(e15), &open));
    assert!(d.p10 <= d.p50 && d.p50 <= d.p90);
    histogram_is_sound(&d);
    // Distinct amounts near 10^15: no useful lattice, the normal law.
    let open: Vec<(Ratio, Ratio)> = (0..10_000u128)
        .map(|i| (int(e15 + 7_919 * i), pct(50)))
        .collect();
    let d = distribution(Ratio::ZERO, &open, Some(int(5_000 * e15))).unwrap();
    assert!(matches!(d.method, Method::Approximate { .. }));
    assert_eq!(d.mean, weighted(Ratio::ZERO, &open));
    let c = d.chance.unwrap();
    assert!(c > 0.3 && c < 0.7, "{c}");
    histogram_is_sound(&d);
}

/// The exact law by enumerating all 2^n outcomes with exact ratios.
fn brute_force(realised: Ratio, open: &[(Ratio, Ratio)]) -> Vec<(Ratio, Ratio)> {
    let mut outcomes = Vec::new();
    for mask in 0u32..(1 << open.len()) {
        let (mut sum, mut prob) = (realised, Ratio::ONE);
        for (i, &(a, p)) in open.iter().enumerate() {
            if mask & (1 << i) != 0 {
                sum = sum.checked_add(a).unwrap();
                prob = prob.checked_mul(p).unwrap();
            } else {
                prob = prob
                    .checked_mul(Ratio::ONE.checked_sub(p).unwrap())
                    .unwrap();
            }
        }
        outcomes.push((sum, prob));
    }
    outcomes.sort();
    outcomes
}

fn brute_percentile(outcomes: &[(Ratio, Ratio)], x: Ratio) -> Ratio {
    let mut cum = Ratio::ZERO;
    for &(s, p) in outcomes {
        cum = cum.checked_add(p).unwrap();
        if cum >= x {
            return s;
        }
    }
    outcomes.last().unwrap().0
}

fn small_deal() -> impl Strategy<Value = (Ratio, Ratio)> {
    // Amounts in hundreds (so some repeat and group) and probabilities in
    // steps of 5 %: the exact CDF's values are then 20^-8 ≥ 4·10^-11 apart,
    // so the float tolerance of 10^-12 decides no tie wrongly.
    (1u128..8, 0u128..=20).prop_map(|(a, p)| (int(a * 100), Ratio::new(p, 20).unwrap()))
}

fn any_ratio(max_num: u128, max_den: u128) -> impl Strategy<Value = Ratio> {
    (0..=max_num, 1..=max_den).prop_map(|(n, d)| Ratio::new(n, d).unwrap())
}

fn any_deal() -> impl Strategy<Value = (Ratio, Ratio)> {
    let amount = prop_oneof![
        any_ratio(1_000_000, 1),
        any_ratio(1_000_000_000, 100),
        any_ratio(u128::from(u64::MAX), 1_000_000_007),
        (1u128..=1_000_000_000_000_000).prop_map(Ratio::from_int),
    ];
    let p = prop_oneof![
        (0u128..=100).prop_map(Ratio::percent),
        (0u128..=1_000_000).prop_map(|n| Ratio::new(n, 1_000_000).unwrap()),
        (1u128..=1_000, 1u128..=1_000).prop_map(|(a, b)| Ratio::new(a.min(b), a.max(b)).unwrap()),
    ];
    (amount, p)
}

fn check_invariants(realised: Ratio, open: &[(Ratio, Ratio)], d: &Distribution) {
    let top = open
        .iter()
        .try_fold(realised, |s, &(a, _)| s.checked_add(a))
        .unwrap();
    assert!(realised <= d.p10 && d.p10 <= d.p50 && d.p50 <= d.p90 && d.p90 <= top);
    assert!(realised <= d.mean && d.mean <= top);
    if let Some(c) = d.chance {
        assert!((0.0..=1.0).contains(&c));
    }
    if let Method::Approximate { max_cdf_error } = d.method {
        assert!(max_cdf_error > 0.0 && max_cdf_error <= 1.0);
    }
    histogram_is_sound(d);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn matches_enumeration(realised in 0u128..1_000, open in prop::collection::vec(small_deal(), 0..=8), t in 0u128..5_000) {
        let realised = int(realised);
        let d = distribution(realised, &open, Some(int(t))).unwrap();
        prop_assert_eq!(d.method, Method::Exact);
        let outcomes = brute_force(realised, &open);
        prop_assert_eq!(d.p10, brute_percentile(&outcomes, pct(10)));
        prop_assert_eq!(d.p50, brute_percentile(&outcomes, pct(50)));
        prop_assert_eq!(d.p90, brute_percentile(&outcomes, pct(90)));
        let want = outcomes
            .iter()
            .filter(|(s, _)| *s >= int(t))
            .fold(Ratio::ZERO, |c, &(_, p)| c.checked_add(p).unwrap());
        prop_assert!((d.chance.unwrap() - want.to_f64()).abs() < 1e-12);
    }

    #[test]
    fn never_panics_and_keeps_its_invariants(
        realised in any_ratio(1_000_000_000, 1_000),
        open in prop::collection::vec(any_deal(), 0..40),
        target in prop::option::of(any_ratio(u128::from(u64::MAX), 1_000)),
    ) {
        let results = [
            distribution(realised, &open, target),
            normal_approximation(realised, &open, target),
        ];
        for d in results.into_iter().flatten() {
            check_invariants(realised, &open, &d);
        }
    }

    #[test]
    fn chance_falls_as_the_target_rises(
        realised in 0u128..10_000,
        open in prop::collection::vec(any_deal(), 0..30),
        a in 0u128..2_000_000_000,
        b in 0u128..2_000_000_000,
    ) {
        let (lo, hi) = (int(a.min(b)), int(a.max(b)));
        let realised = int(realised);
        for f in [distribution, normal_approximation] {
            if let (Ok(x), Ok(y)) = (f(realised, &open, Some(lo)), f(realised, &open, Some(hi))) {
                prop_assert!(x.chance.unwrap() >= y.chance.unwrap());
            }
        }
    }

    #[test]
    fn many_random_deals_never_panic(
        open in prop::collection::vec(any_deal(), 200..600),
        target in any_ratio(u128::from(u64::MAX), 1),
    ) {
        if let Ok(d) = distribution(Ratio::ZERO, &open, Some(target)) {
            check_invariants(Ratio::ZERO, &open, &d);
        }
    }
}

/// `n` ten-thousandths (amounts have at most 4 decimals).
fn bp(n: u128) -> Ratio {
    Ratio::new(n, 10_000).unwrap()
}

const E15: u128 = 1_000_000_000_000_000;

/// Each bin edge is `base + k × 0.0001` for a whole `k` (a point of the
/// lattice, no float tail), and the bins hold all of the probability.
#[track_caller]
fn edges_on_the_lattice(d: &Distribution, base: Ratio) {
    histogram_is_sound(d);
    for b in &d.histogram {
        for edge in [b.from, b.to] {
            let k = edge.checked_sub(base).unwrap().checked_div(bp(1)).unwrap();
            assert!(k.is_integer(), "edge {edge:?}");
        }
    }
}

/// The tester's case: amounts at the app's caps (10¹⁵, 10¹⁵ − 0.0001,
/// 0.0001). On the lattice of 0.0001 the amounts are 10¹⁹ steps each and
/// their total overflows u64; with u128 steps the sorted list holds the 8
/// outcomes exactly (it used to fall back to the normal law, "±51.8
/// points", and showed P90 = 3,410,524,377,215,101, which no outcome gives).
#[test]
fn amounts_at_the_caps_are_exact() {
    // Certain: realised 10¹⁵ + one open 10¹⁵ at 100 %: base 2·10¹⁵.
    // Uncertain: A = 10¹⁵ at 50 %, B = 10¹⁵ − 0.0001 at 30 %, C = 0.0001
    // at 20 %. Outcomes above the base (probability):
    //   0                .5·.7·.8 = .28
    //   C = 0.0001       .5·.7·.2 = .07
    //   B = 10¹⁵ − 0.0001 .5·.3·.8 = .12
    //   B + C = A = 10¹⁵ .5·.3·.2 + .5·.7·.8 = .03 + .28 = .31
    //   A + C            .5·.7·.2 = .07
    //   A + B            .5·.3·.8 = .12
    //   A + B + C = 2·10¹⁵ .5·.3·.2 = .03
    // CDF .28 .35 .47 .78 .85 .97 1: P10 = base, P50 = base + 10¹⁵,
    // P90 = base + 2·10¹⁵ − 0.0001.
    let open = [
        (int(E15), pct(50)),
        (bp(E15 * 10_000 - 1), pct(30)),
        (bp(1), pct(20)),
        (int(E15), pct(100)),
    ];
    let realised = int(E15);
    let d = distribution(realised, &open, Some(int(3 * E15))).unwrap();
    assert_eq!(d.method, Method::Exact);
    assert_eq!(d.p10, int(2 * E15));
    assert_eq!(d.p50, int(3 * E15));
    assert_eq!(
        d.p90,
        bp(4 * E15 * 10_000 - 1),
        "3,999,999,999,999,999.9999"
    );
    // Mean: 2·10¹⁵ + 5·10¹⁴ + 0.3 × (10¹⁵ − 0.0001) + 0.2 × 0.0001
    // = 2,799,999,999,999,999.99999.
    assert_eq!(
        d.mean,
        Ratio::new(279_999_999_999_999_999_999, 100_000).unwrap()
    );
    assert_eq!(d.mean, weighted(realised, &open));
    // P(sum ≥ 3·10¹⁵) = .31 + .07 + .12 + .03.
    close(d.chance.unwrap(), 0.53);
    close(
        distribution(
            realised,
            &open,
            Some(int(3 * E15).checked_add(bp(1)).unwrap()),
        )
        .unwrap()
        .chance
        .unwrap(),
        0.22,
    );
    edges_on_the_lattice(&d, int(2 * E15));
    assert_eq!(d.histogram[0].from, int(2 * E15));
    let total: f64 = d.histogram.iter().map(|b| b.probability).sum();
    close(total, 1.0);
    // The first bin holds the two lowest outcomes, the last one the top.
    close(d.histogram[0].probability, 0.35);
    close(d.histogram.last().unwrap().probability, 0.15);
    // The same deals in another order give the same law.
    let mut reversed = open;
    reversed.reverse();
    assert_eq!(
        distribution(realised, &reversed, Some(int(3 * E15))).unwrap(),
        d
    );
}

/// Amounts 10¹⁵ and 0.0001 only: two deals of 10¹⁵ (2·10¹⁹ steps in all,
/// beyond u64) and, on its own, one of each.
#[test]
fn amounts_of_ten_to_the_fifteen_and_one_ten_thousandth() {
    // A = 10¹⁵ at 50 %, A' = 10¹⁵ at 30 %, C = 0.0001 at 20 %, base 2·10¹⁵.
    // Outcomes: 0 .28; C .07; 10¹⁵ .28 + .12 = .40; 10¹⁵ + C .07 + .03
    // = .10; 2·10¹⁵ .12; 2·10¹⁵ + C .03. CDF .28 .35 .75 .85 .97 1.
    let open = [
        (int(E15), pct(50)),
        (int(E15), pct(30)),
        (bp(1), pct(20)),
        (int(E15), pct(100)),
    ];
    let d = distribution(int(E15), &open, Some(int(3 * E15))).unwrap();
    assert_eq!(d.method, Method::Exact);
    percentiles(&d, 2 * E15, 3 * E15, 4 * E15);
    assert_eq!(
        d.mean,
        Ratio::new(280_000_000_000_000_000_002, 100_000).unwrap()
    );
    close(d.chance.unwrap(), 0.65);
    edges_on_the_lattice(&d, int(2 * E15));

    // A at 50 % and C at 20 % only: 0 .4; C .1; 10¹⁵ .4; 10¹⁵ + C .1.
    // CDF .4 .5 .9 1: P50 is C (exactly 50 %), P90 10¹⁵ (exactly 90 %).
    let open = [(int(E15), pct(50)), (bp(1), pct(20))];
    let d = distribution(int(E15), &open, Some(int(2 * E15))).unwrap();
    assert_eq!(d.method, Method::Exact);
    assert_eq!(
        (d.p10, d.p50, d.p90),
        (int(E15), int(E15).checked_add(bp(1)).unwrap(), int(2 * E15))
    );
    assert_eq!(d.mean, weighted(int(E15), &open));
    close(d.chance.unwrap(), 0.5);
    edges_on_the_lattice(&d, int(E15));
}

/// One uncertain deal at the largest amount (10¹⁵), just below it
/// (10¹⁵ − 0.0001) and at the smallest (0.0001), over a realised amount at
/// those same values: always exact, the percentiles are 0 or the amount
/// above the realised, and the chance steps at the amount.
#[test]
fn single_deal_at_and_around_the_limits() {
    let amounts = [bp(E15 * 10_000), bp(E15 * 10_000 - 1), bp(1)];
    for realised in [Ratio::ZERO, bp(1), bp(E15 * 10_000 - 1), int(E15)] {
        for a in amounts {
            let top = realised.checked_add(a).unwrap();
            for (p, below) in [
                (1, [0, 0, 0]),
                (50, [0, 0, 1]),
                (90, [0, 1, 1]),
                (99, [1, 1, 1]),
            ] {
                let open = [(a, pct(p))];
                let d = distribution(realised, &open, Some(top)).unwrap();
                assert_eq!(d.method, Method::Exact, "{a:?} at {p} %");
                let at = |up: u8| if up == 1 { top } else { realised };
                assert_eq!(
                    (d.p10, d.p50, d.p90),
                    (at(below[0]), at(below[1]), at(below[2])),
                    "{a:?} at {p} % over {realised:?}"
                );
                assert_eq!(d.mean, weighted(realised, &open));
                close(d.chance.unwrap(), p as f64 / 100.0);
                let above = top.checked_add(bp(1)).unwrap();
                let d_above = distribution(realised, &open, Some(above)).unwrap();
                assert_eq!(d_above.chance, Some(0.0));
                if a > bp(1) {
                    let under = top.checked_sub(bp(1)).unwrap();
                    let c = distribution(realised, &open, Some(under)).unwrap();
                    close(c.chance.unwrap(), p as f64 / 100.0);
                }
                edges_on_the_lattice(&d, realised);
                assert_eq!(d.histogram[0].from, realised);
                let last = d.histogram.last().unwrap();
                assert!(last.from <= top && top < last.to);
                close(d.histogram[0].probability, 1.0 - p as f64 / 100.0);
                close(last.probability, p as f64 / 100.0);
            }
        }
    }
}

/// The most deals (50,000) at the largest amount plus one at 0.0001: a
/// total of 5 × 10²³ steps of 0.0001, far beyond u64, still exact.
#[test]
fn most_deals_at_the_largest_amount() {
    let mut open = vec![(int(E15), pct(50)); 49_999];
    open.push((bp(1), pct(20)));
    let realised = int(E15);
    let d = distribution(realised, &open, Some(int(25_000 * E15))).unwrap();
    assert_eq!(d.method, Method::Exact);
    assert_eq!(d.mean, weighted(realised, &open));
    // Wins W ~ Binomial(49,999, 1/2): P(W ≤ 24,999) is exactly 1/2, so
    // P50 is realised + 24,999 × 10¹⁵ + 0.0001 (the small deal won or not),
    // and the law is symmetric about realised + 24,999.5 × 10¹⁵ + 0.00002
    // in W only: P10 and P90 are whole numbers of 10¹⁵ apart from it.
    let p50 = int(25_000 * E15).checked_add(bp(1)).unwrap();
    assert_eq!(d.p50, p50);
    assert!(d.p10 < d.p50 && d.p50 < d.p90);
    for q in [d.p10, d.p90] {
        let k = q.checked_sub(realised).unwrap().checked_div(bp(1)).unwrap();
        assert!(k.is_integer(), "{q:?} on the lattice");
    }
    // P(sum ≥ realised + 24,999 × 10¹⁵) = P(W ≥ 24,999): 1/2 + P(W = 24,999).
    let c = d.chance.unwrap();
    assert!(c > 0.5 && c < 0.51, "{c}");
    edges_on_the_lattice(&d, realised);
}
