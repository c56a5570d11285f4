//! Native benchmark of the funnel math: `cargo run --release --example bench`.
//! Prints figures; asserts nothing (timings vary by machine).

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
