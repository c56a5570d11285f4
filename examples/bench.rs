//! Native benchmark of the funnel math: `cargo run --release --example bench`.
//! Prints figures; asserts nothing (timings vary by machine).

use funnel_calculator::domain::distribution::{distribution, Method};
use funnel_calculator::domain::pipeline::{forecast, observed_win_rates, ForecastInput};
use funnel_calculator::domain::plan::{leads_for_confidence, plan};
use funnel_calculator::domain::time::ResolvedPeriod;
use funnel_calculator::domain::{Deal, Role, StageFacts, Status};
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
    pipeline();
}

/// 10,000 deals from a fixed linear congruential sequence (no rand crate),
/// on the default funnel A 20 %, B 40 %, C 50 %, D 80 %, E won, lost.
fn pipeline() {
    let stages: Vec<StageFacts> = [
        (1, 20, Role::Open, Some(7)),
        (2, 40, Role::Open, Some(7)),
        (3, 50, Role::Open, Some(7)),
        (4, 80, Role::Open, Some(7)),
        (5, 100, Role::Won, None),
        (6, 0, Role::Lost, None),
    ]
    .iter()
    .map(|&(id, p, role, dwell_days)| StageFacts {
        id,
        win_rate: Ratio::percent(p),
        role,
        dwell_days,
    })
    .collect();
    let base = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |m: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % m
    };
    let deals: Vec<Deal> = (0..10_000u32)
        .map(|id| {
            let status = [Status::Open, Status::Open, Status::Won, Status::Lost][next(4) as usize];
            let stage = match status {
                Status::Won => 5,
                _ => 1 + next(4) as u32,
            };
            let day = |n: u64| base.checked_add_days(chrono::Days::new(n));
            Deal {
                id,
                // Whole cents, so the sums carry fractions as real lists do.
                amount: Ratio::new(u128::from(100_000 + next(100_000_000)), 100),
                stage,
                status,
                close: day(next(240)),
                in_stage_since: day(next(120)),
                created: day(next(90)),
                probability: (next(5) == 0).then(|| Ratio::percent(u128::from(next(101)))),
                ..Deal::default()
            }
        })
        .collect();
    let period = ResolvedPeriod {
        start: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        end: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
        days: 90,
        weeks: Ratio::new(90, 7).unwrap(),
    };
    let input = ForecastInput {
        stages: &stages,
        deals: &deals,
        period: Some(period),
        today: chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(),
        target: Some(Ratio::from_int(3_000_000)),
        avg_deal: Some(Ratio::from_int(100_000)),
        cycle_days: Some(28),
        ideal: None,
    };
    if let Err(e) = forecast(&input) {
        println!("forecast of 10,000 deals fails: {e:?}");
    }
    time("forecast of 10,000 deals", 100, || forecast(&input));
    time("observed win rates of 10,000 deals", 100, || {
        observed_win_rates(&stages, &deals)
    });
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
    csv_import_bench();
    together();
}

/// The CSV import alone.
fn csv_import_bench() {
    // CSV import of tests/fixtures/deals-10000.csv (the same file as the
    // in-browser benchmark): read_sheet + guess_mapping + import_rows.
    use funnel_calculator::domain::deals_csv::{
        guess_mapping, import_rows, read_sheet, DateOrder, PlanStage,
    };
    use funnel_calculator::domain::Role;
    let csv_text = include_str!("../tests/fixtures/deals-10000.csv");
    let stages: Vec<PlanStage> = ["A", "B", "C", "D", "E"]
        .iter()
        .zip(1..)
        .map(|(n, id)| {
            let role = if *n == "E" { Role::Won } else { Role::Open };
            (id, n.to_string(), role)
        })
        .collect();
    time(
        "CSV import of 10,000 deals (read, guess, import)",
        10,
        || {
            let Ok(sheet) = read_sheet(csv_text) else {
                return 0;
            };
            let mapping = guess_mapping(&sheet, &stages, DateOrder::Mdy);
            import_rows(&sheet, &mapping, &stages, "USD", 0..sheet.rows.len())
                .deals
                .len()
        },
    );
}

/// Import, forecast and distribution of tests/fixtures/deals-10000.csv
/// together: the same code (`funnel_calculator::bench`) that the browser
/// runs in `node e2e/bench.mjs`, for the ratio of the two.
fn together() {
    let bytes = include_bytes!("../tests/fixtures/deals-10000.csv");
    let once = funnel_calculator::bench::import_forecast_distribution(bytes);
    println!("  ({once})");
    time(
        "import + forecast + distribution of deals-10000.csv",
        10,
        || funnel_calculator::bench::import_forecast_distribution(bytes),
    );
}
