//! The Pipeline's whole work on one file, for the benchmark: decode, read,
//! guess the mapping, import, forecast and distribution, on the hand
//! fixture's plan (A 20 %, B 40 %, C 50 %, D 80 % with 7 dwell days each,
//! E won; Q1 2027, today 2027-01-15, target 3,000,000 at 100,000 a deal).
//! The same code runs natively (`cargo run --release --example bench`) and
//! in the browser (`node e2e/bench.mjs`, through the test-hooks build), so
//! the two timings compare like with like.

use crate::domain::deals_csv::{decode, guess_mapping, import_rows, read_sheet, DateOrder};
use crate::domain::distribution::distribution;
use crate::domain::pipeline::{forecast, probability, ForecastInput};
use crate::domain::time::ResolvedPeriod;
use crate::domain::{Ratio, Role, StageFacts, Status};
use chrono::NaiveDate;

/// Runs the whole work once; returns a line saying what it found, so the
/// work cannot be optimised away and the two runs can be compared.
pub fn import_forecast_distribution(bytes: &[u8]) -> String {
    let rates = [
        (1, 20, Role::Open),
        (2, 40, Role::Open),
        (3, 50, Role::Open),
        (4, 80, Role::Open),
        (5, 100, Role::Won),
    ];
    let stages: Vec<StageFacts> = rates
        .iter()
        .map(|&(id, p, role)| StageFacts {
            id,
            win_rate: Ratio::percent(p),
            role,
            dwell_days: (role == Role::Open).then_some(7),
        })
        .collect();
    let names: Vec<(u32, String, Role)> = ["A", "B", "C", "D", "E"]
        .iter()
        .zip(&stages)
        .map(|(n, s)| (s.id, n.to_string(), s.role))
        .collect();
    let Ok((text, _)) = decode(bytes, |_| None) else {
        return "not UTF-8".into();
    };
    let Ok(sheet) = read_sheet(&text) else {
        return "no header".into();
    };
    let mapping = guess_mapping(&sheet, &names, DateOrder::Mdy);
    let imported = import_rows(&sheet, &mapping, &names, "USD", 0..sheet.rows.len());
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let period = ResolvedPeriod {
        start: day(2027, 1, 1),
        end: day(2027, 3, 31),
        days: 90,
        weeks: Ratio::new(90, 7).unwrap_or(Ratio::ONE),
    };
    let Ok(fc) = forecast(&ForecastInput {
        stages: &stages,
        deals: &imported.deals,
        period: Some(period),
        today: day(2027, 1, 15),
        target: Some(Ratio::from_int(3_000_000)),
        avg_deal: Some(Ratio::from_int(100_000)),
        cycle_days: Some(28),
        ideal: None,
    }) else {
        return "forecast too large".into();
    };
    let open: Vec<(Ratio, Ratio)> = imported
        .deals
        .iter()
        .zip(&fc.flags)
        .filter(|(d, f)| d.status == Status::Open && f.in_period)
        .filter_map(|(d, _)| Some((d.amount?, probability(&stages, d)?)))
        .collect();
    let realised = fc.realised.unwrap_or(Ratio::ZERO);
    let p50 = distribution(realised, &open, Some(Ratio::from_int(3_000_000)))
        .map(|d| d.p50.floor())
        .unwrap_or_default();
    format!(
        "{} deals, weighted forecast {}, P50 {}",
        imported.deals.len(),
        fc.weighted.map(|w| w.floor()).unwrap_or_default(),
        p50
    )
}

/// The same, called from the page by the in-browser benchmark: how long it
/// took in milliseconds (the page's clock) and what it found.
#[cfg(all(feature = "test-hooks", target_arch = "wasm32"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_pipeline(bytes: &[u8]) -> String {
    let now = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or(0.0)
    };
    let t0 = now();
    let found = import_forecast_distribution(bytes);
    format!("{:.1} ms · {found}", now() - t0)
}
