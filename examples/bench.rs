//! Native benchmark of the funnel math: `cargo run --release --example bench`.
//! Prints figures; asserts nothing (timings vary by machine).

use funnel_calculator::domain::distribution::{distribution, Method};
use funnel_calculator::domain::plan::{leads_for_confidence, plan};
use funnel_calculator::domain::{Funnel, RateMode, Ratio};
use funnel_calculator::model::PlanInput;
use std::hint::black_box;
use std::time::Instant;

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) {
    for _ in 0..runs.min(10) {
        black_box(f());
    }
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    let per = start.elapsed().as_secs_f64() / f64::from(runs);
    let (v, unit) = if per < 1e-3 {
        (per * 1e6, "µs")
    } else {
        (per * 1e3, "ms")
    };
    println!("{label:<58} {v:>9.2} {unit}");
}

fn main() {
    let rates: Vec<Ratio> = [20, 40, 50, 80, 100]
        .iter()
        .map(|&p| Ratio::percent(p))
        .collect();
    let funnel = Funnel::new(RateMode::WinRate, &rates).unwrap();
    let input = PlanInput::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    time("plan of worked example 3", 100_000, || plan(&funnel, 30));
    time(
        "whole evaluation of the Plan screen (default inputs)",
        10_000,
        || input.evaluate(today),
    );
    time("leads for 90 %: 30 deals at 20 %", 10_000, || {
        leads_for_confidence(30, Ratio::percent(20), Ratio::percent(90))
    });
    time(
        "leads for 90 %: 30,000 deals at 3 % (N ≈ 1,000,000)",
        100,
        || leads_for_confidence(30_000, Ratio::percent(3), Ratio::percent(90)),
    );
    time(
        "leads for 99 %: 100,000 deals at 1 % (N ≈ 10,000,000)",
        10,
        || leads_for_confidence(100_000, Ratio::percent(1), Ratio::percent(99)),
    );
    distribution_bench();
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
            (Ratio::from_int(amount), Ratio::percent(p))
        })
        .collect()
}

fn distribution_bench() {
    let realised = Ratio::from_int(1_000_000);
    for n in [100, 1_000, 10_000] {
        let deals = realistic_deals(n, 0x9e37_79b9_7f4a_7c15);
        let d = distribution(realised, &deals, Some(Ratio::from_int(500_000_000))).unwrap();
        let method = match d.method {
            Method::Exact => "exact".to_string(),
            Method::Approximate { max_cdf_error } => {
                format!("normal, ±{:.2} points", max_cdf_error * 100.0)
            }
        };
        time(
            &format!("distribution of {n} realistic deals ({method})"),
            if n > 1_000 { 20 } else { 200 },
            || distribution(realised, &deals, Some(Ratio::from_int(500_000_000))),
        );
    }
    // Round amounts on coarser lattices: the exact path on many deals, and
    // the cost of trying it near the work cap.
    for step in [50_000u128, 10_000, 5_000] {
        let coarse: Vec<(Ratio, Ratio)> = realistic_deals(10_000, 7)
            .into_iter()
            .map(|(a, p)| (Ratio::from_int(a.floor() / step * step + step), p))
            .collect();
        let d = distribution(realised, &coarse, None).unwrap();
        let method = if d.method == Method::Exact {
            "exact"
        } else {
            "normal"
        };
        time(
            &format!("distribution of 10,000 deals, multiples of {step} ({method})"),
            10,
            || distribution(realised, &coarse, None),
        );
    }
}
