//! The properties the fuzz targets check (fuzz/fuzz_targets/*.rs, one line
//! each), kept here so every target is a plain function of the input bytes.
//!
//! Each target checks more than "no panic": what is read is normal (ids
//! unique, the next id above them, every field within the limits a typed
//! value has) and survives the app's own way out and back in unchanged.
//! [`timed`] fails an input that takes over 100 ms (see README, "Fuzzing").

use chrono::NaiveDate;
use funnel_calculator::domain::deals_csv::{
    self, export, guess_mapping, import_rows, read_sheet, DateOrder, PlanStage,
};
use funnel_calculator::domain::limits::{MAX_NAME_CHARS, MAX_STAGES};
use funnel_calculator::domain::number::{
    parse_date, read_amount, read_confidence, read_count, read_percent, read_positive, DecimalMark,
    MAX_AMOUNT,
};
use funnel_calculator::domain::share::{find_payload, frame, LinkError};
use funnel_calculator::domain::{Deal, Ratio, Role, StageRef};
use funnel_calculator::model::{rate_text, PlanInput, MAX_FIELD_CHARS, MAX_NOTE_CHARS};
use funnel_calculator::pipeline::{amount_text, PipelineInput, MAX_DEALS};
use funnel_calculator::scenario::{Scenarios, MAX_SCENARIOS};
use funnel_calculator::scenario_file::{decode_scenario_bytes, encode_scenario, SharedScenario};
use funnel_calculator::share::{open_link_with, ShareError};
use funnel_calculator::storage::{self, Saved};
use std::time::{Duration, Instant};

pub mod alloc;

#[global_allocator]
static ALLOC: alloc::Capped = alloc::Capped;

/// Longest one input may take: past this it is a finding, not a slow machine.
pub const SLOW: Duration = Duration::from_millis(100);

/// Runs `check` on `data`, and fails when it took over [`SLOW`] three times
/// running (once could be the machine: the fuzzer shares it).
pub fn timed(data: &[u8], check: fn(&[u8])) {
    let start = Instant::now();
    check(data);
    if start.elapsed() <= SLOW {
        return;
    }
    let best = (0..2)
        .map(|_| {
            let start = Instant::now();
            check(data);
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    assert!(best <= SLOW, "slow input: {best:?} > {SLOW:?}");
}

// ---------------------------------------------------------------------------
// number

const CURRENCIES: [&str; 6] = ["", "USD", "CNY", "EUR", "JPY", "GBP"];
const MARKS: [DecimalMark; 3] = [DecimalMark::Auto, DecimalMark::Comma, DecimalMark::Point];

/// `r` as a plain decimal, exact ("1234.5"), or `None` when it has no
/// finite decimal expansion within 40 places.
pub fn plain(r: Ratio) -> Option<String> {
    let (n, d) = (r.numer(), r.denom());
    let mut out = (n / d).to_string();
    let mut rest = n % d;
    if rest == 0 {
        return Some(out);
    }
    out.push('.');
    for _ in 0..40 {
        rest = rest.checked_mul(10)?;
        out.push(char::from(b'0' + u8::try_from(rest / d).ok()?));
        rest %= d;
        if rest == 0 {
            return Some(out);
        }
    }
    None
}

/// `plain` text with its whole part grouped by threes with `group`, and
/// `point` as the decimal mark: "1,234,567.5", "1.234.567,5", "1 234 567,5".
fn grouped(plain: &str, group: char, point: char) -> String {
    let (whole, frac) = plain.split_once('.').unwrap_or((plain, ""));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// The number-field parser (src/domain/number.rs) on any text, in every
/// field kind, currency and decimal mark. What it accepts is within the
/// field's limits, a finite number, and reads back as the same value from
/// the app's own text for it (`amount_text`, `rate_text`, a count's
/// digits, an ISO date) and from a plain decimal grouped the English,
/// German and French way.
pub fn number(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let currency = CURRENCIES[usize::from(sel % 6)];
    let mark = MARKS[usize::from(sel / 6 % 3)];
    let same = |what: &str, again: &str, v: Ratio, back: Option<Ratio>| {
        assert_eq!(back, Some(v), "{what} {text:?} → {v:?} → {again:?}");
    };

    if let Ok(r) = read_amount(text, currency, mark) {
        let v = r.value;
        assert!(!v.is_zero() && v <= Ratio::from_int(MAX_AMOUNT), "{text:?}");
        assert!(v.to_f64().is_finite() && v.is_exact_at(4), "{text:?}");
        let t = amount_text(v);
        same(
            "amount",
            &t,
            v,
            read_amount(&t, currency, DecimalMark::Point)
                .ok()
                .map(|r| r.value),
        );
        if let Some(p) = plain(v) {
            for (g, m, mark) in [
                (',', '.', DecimalMark::Point),
                ('.', ',', DecimalMark::Comma),
                (' ', ',', DecimalMark::Comma),
            ] {
                let t = grouped(&p, g, m);
                same(
                    "amount",
                    &t,
                    v,
                    read_amount(&t, currency, mark).ok().map(|r| r.value),
                );
            }
        }
    }
    for (which, read) in [
        ("percent", read_percent as fn(&str, DecimalMark) -> _),
        ("confidence", read_confidence),
    ] {
        if let Ok(r) = read(text, mark) {
            let v = r.value;
            assert!(v <= Ratio::ONE && v.to_f64().is_finite(), "{text:?}");
            let t = rate_text(v);
            same(
                which,
                &t,
                v,
                read(&t, DecimalMark::Point).ok().map(|r| r.value),
            );
            let pct = v.checked_mul(Ratio::from_int(100)).and_then(plain);
            let pct = pct.expect("a percentage has at most four decimals");
            let t = format!("{pct}%");
            same(
                which,
                &t,
                v,
                read(&t, DecimalMark::Point).ok().map(|r| r.value),
            );
        }
    }
    let max = [1_000_000_000_000, 730, 10_000, u64::MAX][usize::from(sel % 4)];
    if let Ok(r) = read_count(text, sel % 2 == 0, max) {
        assert!(r.value <= max, "{text:?}");
        let t = r.value.to_string();
        assert_eq!(
            read_count(&t, true, max).map(|r| r.value),
            Ok(r.value),
            "{text:?}"
        );
        let t = grouped(&t, ',', '.');
        assert_eq!(
            read_count(&t, true, max).map(|r| r.value),
            Ok(r.value),
            "{text:?}"
        );
    }
    let decimals = u32::from(sel % 5);
    if let Ok(r) = read_positive(text, max, decimals) {
        let v = r.value;
        assert!(
            v.is_exact_at(decimals) && v.to_f64().is_finite(),
            "{text:?}"
        );
        // `1.084` is refused as ambiguous in a count field (a dot before
        // exactly three digits: 1084 in much of Europe), by design: the
        // plain form that cannot be misread has a fourth decimal.
        let mut t = plain(v).expect("exact at its decimals");
        if t.split_once('.').is_some_and(|(w, f)| w.len() <= 3 && f.len() == 3) {
            t.push('0');
        }
        same(
            "positive",
            &t,
            v,
            read_positive(&t, max, decimals).ok().map(|r| r.value),
        );
    }
    if let Ok(d) = parse_date(text) {
        let t = d.to_string();
        assert_eq!(parse_date(&t), Ok(d), "{text:?}");
    }
}

// ---------------------------------------------------------------------------
// What a loaded state must be, whatever it was loaded from

/// A plan as every load leaves it: 1 to `MAX_STAGES` stages with unique
/// non-zero ids, the next id above them all with room to add stages up to
/// the cap (each added stage gets a fresh id), names, notes and fields
/// within their limits, an exact rate within 0..=1.
pub fn assert_plan_normal(plan: &PlanInput) {
    assert!((1..=MAX_STAGES).contains(&plan.stages.len()));
    let mut ids: Vec<u32> = plan.stages.iter().map(|s| s.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), plan.stages.len(), "stage ids unique");
    assert!(ids.first().is_some_and(|&id| id > 0), "stage ids non-zero");
    assert!(
        ids.last().is_some_and(|&id| id < plan.next_id),
        "next id above every stage id"
    );
    for s in &plan.stages {
        assert!(s.name.chars().count() <= MAX_NAME_CHARS);
        for t in [&s.rate, &s.dwell] {
            assert!(t.chars().count() <= MAX_FIELD_CHARS);
        }
        assert!(s.exact.is_none_or(|r| r <= Ratio::ONE));
        if let Some(n) = &s.notes {
            for t in [&n.purpose, &n.milestone, &n.evidence, &n.actions] {
                assert!(t.chars().count() <= MAX_NOTE_CHARS);
            }
        }
    }
    for t in [
        &plan.revenue,
        &plan.deal_size,
        &plan.deals,
        &plan.confidence,
        &plan.currency,
        &plan.period_start,
        &plan.period_end,
        &plan.weeks,
        &plan.today,
        &plan.leads_per_rep,
    ] {
        assert!(t.chars().count() <= MAX_FIELD_CHARS);
    }
    let mut more = plan.clone();
    while more.stages.len() < MAX_STAGES {
        let id = more.add_stage("x".into()).expect("room for a stage");
        assert!(!ids.contains(&id), "a fresh stage id");
        ids.push(id);
    }
}

fn in_date_range(d: Option<NaiveDate>) -> bool {
    let lo = NaiveDate::from_ymd_opt(1900, 1, 1);
    let hi = NaiveDate::from_ymd_opt(2199, 12, 31);
    d.is_none_or(|d| Some(d) >= lo && Some(d) <= hi)
}

/// A deal list as every load leaves it: at most `MAX_DEALS` deals with
/// unique non-zero ids below the next id, a deal can be added (while there
/// is room), and each deal's fields within a typed deal's limits.
pub fn assert_pipeline_normal(p: &PipelineInput) {
    assert!(p.deals.len() <= MAX_DEALS);
    let mut ids: Vec<u32> = p.deals.iter().map(|d| d.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), p.deals.len(), "deal ids unique");
    assert!(ids.first().is_none_or(|&id| id > 0), "deal ids non-zero");
    assert!(
        ids.last().is_none_or(|&id| id < p.next_id),
        "next id above every deal id"
    );
    for d in p.deals.iter() {
        assert!(d.name.chars().count() <= MAX_NAME_CHARS);
        assert!(d.account.chars().count() <= MAX_NAME_CHARS);
        assert!(d
            .amount
            .is_none_or(|a| !a.is_zero() && a <= Ratio::from_int(MAX_AMOUNT)));
        assert!(d.probability.is_none_or(|r| r <= Ratio::ONE));
        assert!(in_date_range(d.close) && in_date_range(d.in_stage_since));
        assert!(in_date_range(d.created));
    }
    let mut stages: Vec<u32> = p.quick.iter().map(|q| q.stage).collect();
    stages.sort_unstable();
    stages.dedup();
    assert_eq!(stages.len(), p.quick.len(), "one quick entry per stage");
    for q in &p.quick {
        assert!(q.open_deals.chars().count() <= MAX_FIELD_CHARS);
        assert!(q.open_amount.chars().count() <= MAX_FIELD_CHARS);
    }
    assert!(p.quick_won.chars().count() <= MAX_FIELD_CHARS);
    if p.deals.len() < MAX_DEALS {
        let mut more = p.clone();
        for _ in 0..2 {
            if more.deals.len() < MAX_DEALS {
                let id = more.add_deal(Deal::default()).expect("room for a deal");
                assert!(!ids.contains(&id), "a fresh deal id");
                ids.push(id);
            }
        }
    }
}

/// Scenarios as every load leaves them: 1 to `MAX_SCENARIOS`, ids unique,
/// the open one among them, one more can be added while there is room,
/// each plan and deal list normal.
pub fn assert_scenarios_normal(s: &Scenarios) {
    let list = s.list();
    assert!((1..=MAX_SCENARIOS).contains(&list.len()));
    let mut ids: Vec<u32> = list.iter().map(|s| s.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), list.len(), "scenario ids unique");
    assert!(ids.first().is_some_and(|&id| id > 0));
    assert!(ids.last().is_some_and(|&id| id < s.next_id()));
    assert!(s.get(s.active()).is_some(), "the open scenario is listed");
    for sc in list {
        assert!(sc.name.chars().count() <= MAX_NAME_CHARS);
        assert_plan_normal(&sc.plan);
        assert_pipeline_normal(&sc.pipeline);
    }
    if list.len() < MAX_SCENARIOS {
        let mut more = s.clone();
        let id = more
            .add("x", PlanInput::default(), PipelineInput::default())
            .expect("room for a scenario");
        assert!(!ids.contains(&id));
    }
}

// ---------------------------------------------------------------------------
// saved_state

/// A save of any schema version (src/storage.rs): the input is the text
/// under the main key, then, after each NUL, the text under a deal key (the
/// open scenario's, then the others' in the save's order). What decodes
/// becomes normal scenarios, and saving those and loading the save again
/// gives the same scenarios.
pub fn saved_state(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\0');
    let main = parts.next().unwrap_or_default();
    let pipelines: Vec<PipelineInput> = parts
        .map(|raw| {
            let Ok(p) = storage::decode_pipeline(raw) else {
                return PipelineInput::default();
            };
            assert_pipeline_normal(&p);
            let back = storage::decode_pipeline(&storage::encode_pipeline(&p));
            assert_eq!(back.as_ref(), Ok(&p), "deal list round trip");
            p
        })
        .collect();
    let Ok(mut saved) = storage::decode(main) else {
        return;
    };
    attach(&mut saved, pipelines);
    let scenarios = saved.scenarios();
    assert_scenarios_normal(&scenarios);

    // Saved as the app saves: the main key, then each scenario's deals.
    let mut again = storage::decode(&storage::encode(&Saved::of(
        saved.settings.clone(),
        &scenarios,
    )))
    .expect("the app reads its own save");
    assert_eq!(again.settings, saved.settings);
    let reloaded: Vec<PipelineInput> = ordered_ids(&again)
        .iter()
        .map(|id| {
            let p = scenarios
                .get(*id)
                .map(|s| s.pipeline.clone())
                .unwrap_or_default();
            storage::decode_pipeline(&storage::encode_pipeline(&p)).expect("own deal list")
        })
        .collect();
    attach(&mut again, reloaded);
    assert_eq!(again.scenarios(), scenarios, "save round trip");
}

/// The scenario ids whose deal keys `load` reads, in its order.
fn ordered_ids(saved: &Saved) -> Vec<u32> {
    let mut ids = vec![saved.active];
    ids.extend(
        saved
            .scenarios
            .iter()
            .map(|s| s.id)
            .filter(|id| *id != saved.active),
    );
    ids
}

/// Gives a decoded save its deal lists, as `storage::load` does.
fn attach(saved: &mut Saved, pipelines: Vec<PipelineInput>) {
    let ids = ordered_ids(saved);
    let mut pipelines = pipelines.into_iter();
    saved.pipeline = pipelines.next().unwrap_or_default();
    saved.other_pipelines = ids.into_iter().skip(1).zip(pipelines).collect();
}

// ---------------------------------------------------------------------------
// csv_import

/// The plan the imports map onto: A–D open, E won, Lost lost.
fn plan_stages() -> Vec<PlanStage> {
    ["A", "B", "C", "D", "E", "Lost"]
        .iter()
        .zip(1..)
        .map(|(n, id)| {
            let role = match *n {
                "E" => Role::Won,
                "Lost" => Role::Lost,
                _ => Role::Open,
            };
            (id, n.to_string(), role)
        })
        .collect()
}

fn stage_name(r: StageRef) -> String {
    plan_stages()
        .into_iter()
        .find(|s| s.0 == r)
        .map_or(String::new(), |s| s.1)
}

fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

fn import_text(text: &str, usual: DateOrder) -> Option<Vec<Deal>> {
    let sheet = read_sheet(text).ok()?;
    let stages = plan_stages();
    let mapping = guess_mapping(&sheet, &stages, usual);
    let _ = deals_csv::missing_required(&mapping);
    let got = import_rows(&sheet, &mapping, &stages, "USD", 0..sheet.rows.len());
    assert_eq!(got.deals.len(), got.lines.len());
    Some(got.deals)
}

/// A CSV file's bytes (src/domain/deals_csv.rs), decoded as the app does
/// (UTF-8, else GB18030 as the browser's `TextDecoder`), read with the
/// guessed mapping in each usual date order. The deals imported, exported
/// and imported again are the same deals, without a problem row; put in a
/// deal list they are normal.
pub fn csv_import(data: &[u8]) {
    let Ok((text, _)) = deals_csv::decode(data, gb18030) else {
        return;
    };
    for usual in [DateOrder::Ymd, DateOrder::Mdy, DateOrder::Dmy] {
        let Some(deals) = import_text(&text, usual) else {
            continue;
        };
        if deals.is_empty() {
            continue;
        }
        let out = export(&deals, stage_name);
        let sheet = read_sheet(&out).expect("an export has a header");
        let stages = plan_stages();
        let mapping = guess_mapping(&sheet, &stages, usual);
        let back = import_rows(&sheet, &mapping, &stages, "USD", 0..sheet.rows.len());
        assert_eq!(back.problems, vec![], "export of {text:?}");
        assert_eq!(back.deals, deals, "export → import of {text:?}");
        let mut p = PipelineInput::default();
        p.import(deals, true);
        assert_pipeline_normal(&p);
    }
}

// ---------------------------------------------------------------------------
// share_link and json_import

/// Runs a future whose awaits are all ready at once (the stand-in
/// compressors), as the browser's executor would.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// zlib's default level, as Chromium's `CompressionStream` uses.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 6)
}

/// Inflates as `share::inflate` does: at most `max_out` bytes.
fn inflate(bytes: &[u8], max_out: usize) -> Result<Vec<u8>, ShareError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, max_out).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
        _ => ShareError::Corrupt,
    })
}

fn open(href: &str) -> Option<Result<SharedScenario, funnel_calculator::share::OpenError>> {
    block_on(open_link_with(
        href,
        |b, max| async move { inflate(&b, max) },
    ))
}

const PAGE: &str = "https://example.org/funnel/index.html";

/// A scenario read from outside is normal, and its link opens as itself.
fn assert_shared_normal(s: &SharedScenario) {
    assert!(s.name.chars().count() <= MAX_NAME_CHARS);
    assert_plan_normal(&s.plan);
    let mut p = PipelineInput::default();
    p.import(s.deals.clone(), true);
    assert_pipeline_normal(&p);
    let json = encode_scenario(&s.name, &s.plan, &s.deals);
    let href = format!("{PAGE}{}", frame(&deflate(json.as_bytes())));
    assert_eq!(open(&href), Some(Ok(s.clone())), "link round trip");
}

/// Share links (src/domain/share.rs, src/share.rs) on any text: an URL's
/// payload, once found, framed again is found again unchanged; the bytes
/// themselves framed are found unchanged; a link whose JSON reads opens
/// as a normal scenario, and that scenario's own link opens as itself. The
/// input read as a scenario document goes the same way.
pub fn share_link(data: &[u8]) {
    let href = String::from_utf8_lossy(data);
    if let Some(found) = find_payload(&href) {
        match found {
            Ok(deflated) => {
                assert_eq!(find_payload(&frame(&deflated)), Some(Ok(deflated.clone())));
                if let Some(Ok(s)) = open(&href) {
                    assert_shared_normal(&s);
                }
            }
            Err(LinkError::Incomplete | LinkError::Newer(_) | LinkError::Malformed) => {
                assert!(matches!(open(&href), Some(Err(_))));
            }
        }
    }
    let framed = format!("{PAGE}{}", frame(data));
    assert_eq!(
        find_payload(&framed),
        Some(Ok(data.to_vec())),
        "frame round trip"
    );
    if let Ok(s) = decode_scenario_bytes(data) {
        assert_shared_normal(&s);
    }
}

/// A scenario file's bytes (src/scenario_file.rs): what reads is a normal
/// scenario, and exporting it and importing the export gives it back.
pub fn json_import(data: &[u8]) {
    let Ok(s) = decode_scenario_bytes(data) else {
        return;
    };
    assert_shared_normal(&s);
    let json = encode_scenario(&s.name, &s.plan, &s.deals);
    assert_eq!(
        decode_scenario_bytes(json.as_bytes()),
        Ok(s),
        "export → import"
    );
}
