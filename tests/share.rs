//! Share links and scenario files: the golden v1 link and file keep
//! opening; links cut, altered or from a newer app are told apart; the
//! link policy keeps a 12-stage Chinese scenario under 2,000 characters;
//! files hold to their limits. The browser's compression streams are
//! stood in for by `miniz_oxide` at zlib's default level, as Chromium's
//! `CompressionStream` uses.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use funnel_calculator::domain::limits::{MAX_NAME_CHARS, MAX_STAGES};
use funnel_calculator::domain::qr::{qr_svg_path, MAX_QR_BYTES};
use funnel_calculator::domain::share::{base64url_decode, find_payload, frame, LinkError};
use funnel_calculator::domain::time::PeriodKind;
use funnel_calculator::domain::{Deal, Ratio, Status};
use funnel_calculator::model::{PlanInput, StageInput, StageNotes, TargetBy};
use funnel_calculator::pipeline::MAX_DEALS;
use funnel_calculator::scenario_file::{
    decode_scenario, decode_scenario_bytes, encode_scenario, FileError, SharedScenario,
    MAX_FILE_BYTES,
};
use funnel_calculator::share::{
    build_link_with, open_link_with, OpenError, ShareError, ShareLink, LINK_LIMIT, MAX_LINK_JSON,
};
use proptest::prelude::*;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

const GOLDEN_LINK: &str = include_str!("fixtures/share-v1-link.txt");
const GOLDEN_JSON: &[u8] = include_bytes!("fixtures/scenario-v1.json");

/// An address as long as a project page on a hosting service.
const PAGE: &str = "https://funnel-workshop.example.org/funnel-calculator/index.html";

/// Runs a future whose awaits are all ready at once (the stand-in
/// compressors), as the browser's executor would.
#[track_caller]
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("the future never finished");
}

/// zlib's default level (6), as Chromium's `CompressionStream` uses.
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

fn link(name: &str, plan: &PlanInput, deals: &[Deal]) -> ShareLink {
    let made = build_link_with(PAGE, name, plan, deals, |b| {
        std::future::ready(Ok::<_, ()>(deflate(&b)))
    });
    block_on(made).unwrap()
}

fn open(href: &str) -> Option<Result<SharedScenario, OpenError>> {
    block_on(open_link_with(href, |b, max_out| {
        assert_eq!(max_out, MAX_LINK_JSON);
        std::future::ready(inflate(&b, max_out))
    }))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn stage(id: u32, name: &str, rate: &str, dwell: &str, notes: &str) -> StageInput {
    StageInput {
        id,
        key: None,
        name: name.into(),
        rate: rate.into(),
        exact: None,
        dwell: dwell.into(),
        notes: notes_of(notes),
    }
}

/// Notes as the golden v1 documents hold them (one text, read as the
/// purpose), or four written "目的:…;里程碑:…;证据:…;行动:…".
fn notes_of(text: &str) -> Option<StageNotes> {
    if text.is_empty() {
        return None;
    }
    let parts: Vec<&str> = text.split(';').collect();
    if parts.len() != 4 {
        return Some(StageNotes::from_texts([text, "", "", ""]));
    }
    let body = |p: &str| p.split_once(':').map_or(p, |(_, b)| b).to_string();
    Some(StageNotes {
        purpose: body(parts[0]),
        milestone: body(parts[1]),
        evidence: body(parts[2]),
        actions: body(parts[3]),
    })
}

/// The golden vectors' scenario: small, both languages, text that must
/// stay text.
fn known() -> SharedScenario {
    let plan = PlanInput {
        stages: vec![
            stage(1, "线索 Leads", "20", "14", "目的:找到有预算的客户"),
            stage(
                2,
                "方案 <b>Proposal</b>",
                "50",
                "21",
                "Milestone: \"proposal sent\"",
            ),
            stage(3, "成交 Won", "100", "", ""),
        ],
        next_id: 4,
        preset: None,
        target_by: TargetBy::Revenue,
        revenue: "1200000".into(),
        deal_size: "60000".into(),
        deals: "20".into(),
        confidence: "90".into(),
        currency: "CNY".into(),
        period: PeriodKind::Weeks,
        period_start: "2026-01-05".into(),
        period_end: String::new(),
        weeks: "12".into(),
        today: "2026-01-05".into(),
        leads_per_rep: "5".into(),
        ..PlanInput::default()
    };
    let deals = vec![
        Deal {
            id: 1,
            name: "华东电网 二期".into(),
            account: "华东电网".into(),
            amount: Some(Ratio::from_int(80_000)),
            stage: 2,
            status: Status::Open,
            close: Some(day(2026, 3, 20)),
            in_stage_since: Some(day(2026, 1, 2)),
            created: Some(day(2025, 12, 1)),
            probability: None,
        },
        Deal {
            id: 2,
            name: "Acme renewal".into(),
            account: "Acme & Co".into(),
            amount: Ratio::new(13_559, 10),
            stage: 1,
            status: Status::Won,
            close: Some(day(2026, 1, 4)),
            in_stage_since: None,
            created: None,
            probability: Ratio::new(35, 100),
        },
    ];
    SharedScenario {
        name: "Workshop 工作坊 <script>".into(),
        plan,
        deals,
    }
}

#[track_caller]
fn assert_known(got: &SharedScenario) {
    let want = known();
    assert_eq!(got.name, want.name);
    assert_eq!(got.plan, want.plan);
    assert_eq!(got.deals, want.deals);
}

/// Writes the golden vectors; run once with SHARE_FIXTURES_WRITE=1 when
/// they are first made. They are never rewritten afterwards: an old link
/// must keep opening whatever the encoder writes today.
#[test]
fn write_fixtures_when_asked() {
    if std::env::var_os("SHARE_FIXTURES_WRITE").is_none() {
        return;
    }
    let k = known();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let json = encode_scenario(&k.name, &k.plan, &k.deals);
    std::fs::write(format!("{dir}/scenario-v1.json"), &json).unwrap();
    let url = format!(
        "https://example.invalid/funnel-calculator/{}\n",
        frame(&deflate(json.as_bytes()))
    );
    std::fs::write(format!("{dir}/share-v1-link.txt"), url).unwrap();
}

#[test]
fn golden_v1_link_opens() {
    assert!(GOLDEN_LINK.contains("#share=1."));
    assert_known(&open(GOLDEN_LINK).unwrap().unwrap());
}

#[test]
fn golden_v1_file_opens() {
    assert_known(&decode_scenario_bytes(GOLDEN_JSON).unwrap());
}

#[test]
fn a_scenario_goes_round_a_link_and_a_file() {
    let k = known();
    let made = link(&k.name, &k.plan, &k.deals);
    assert_eq!(made.deals_left_out, 0);
    assert!(made.url.starts_with(&format!("{PAGE}#share=1.")));
    assert_known(&open(&made.url).unwrap().unwrap());
    let short = open(&made.short).unwrap().unwrap();
    assert_eq!(
        (short.name, short.plan, short.deals),
        (k.name.clone(), k.plan.clone(), vec![])
    );
    assert_known(&decode_scenario(&encode_scenario(&k.name, &k.plan, &k.deals)).unwrap());
}

#[test]
fn a_link_is_built_on_the_page_alone() {
    let k = known();
    let made = block_on(build_link_with(
        "https://a.example/app/?nsukey=abc#plan",
        &k.name,
        &k.plan,
        &[],
        |b| std::future::ready(Ok::<_, ()>(deflate(&b))),
    ))
    .unwrap();
    assert!(
        made.url.starts_with("https://a.example/app/#share=1."),
        "{}",
        made.url
    );
}

// --- Links that broke on the way -----------------------------------------

/// The golden link without its line break.
fn golden() -> &'static str {
    GOLDEN_LINK.trim_end()
}

#[test]
fn cut_by_one_or_a_hundred_characters_is_incomplete() {
    for cut in [1, 100] {
        let short = &golden()[..golden().len() - cut];
        assert_eq!(
            find_payload(short),
            Some(Err(LinkError::Incomplete)),
            "cut {cut}"
        );
        assert_eq!(
            open(short).unwrap(),
            Err(OpenError::Incomplete),
            "cut {cut}"
        );
    }
}

#[test]
fn cut_anywhere_after_the_prefix_is_incomplete() {
    let at = golden().find("#share=").unwrap();
    for end in at + "#share=".len()..golden().len() {
        assert_eq!(
            find_payload(&golden()[..end]),
            Some(Err(LinkError::Incomplete)),
            "cut to {end}"
        );
    }
}

#[test]
fn the_tail_dropped_for_an_ellipsis_is_incomplete() {
    let at = golden().len() - 40;
    let cut = format!("{}…", &golden()[..at]);
    assert_eq!(open(&cut).unwrap(), Err(OpenError::Incomplete));
}

#[test]
fn a_changed_character_fails_the_checksum() {
    let mut bytes = golden().as_bytes().to_vec();
    let i = bytes.len() - 10;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(bytes).unwrap();
    assert_eq!(open(&changed).unwrap(), Err(OpenError::Incomplete));
}

#[test]
fn parameters_appended_by_apps_are_ignored() {
    let g = golden();
    let (page, fragment) = g.split_at(g.find('#').unwrap());
    for altered in [
        format!("{g}&shareTo=weixin"),
        format!("{g}?from=timeline&isappinstalled=0"),
        format!("{g}?nsukey=abc"),
        format!("{page}?nsukey=abc{fragment}"),
        format!("{page}?nsukey=abc&shareTo=weixin{fragment}&shareTo=weixin"),
        format!("{g}#wechat_redirect"),
        format!("{g}/"),
    ] {
        assert_known(&open(&altered).unwrap().unwrap());
    }
}

#[test]
fn a_percent_encoded_hash_is_found() {
    let g = golden();
    for altered in [
        g.replacen('#', "%23", 1),
        g.replacen('#', "%2523", 1),
        g.replacen("#share=", "%23share%3D", 1),
        format!(
            "https://t.example/r?u={}",
            g.replace(':', "%3A")
                .replace('/', "%2F")
                .replace('#', "%23")
        ),
    ] {
        assert_known(&open(&altered).unwrap().unwrap());
    }
}

#[test]
fn line_breaks_and_spaces_from_mail_clients_are_ignored() {
    let wrapped: String = golden()
        .as_bytes()
        .chunks(70)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n ");
    assert_known(&open(&wrapped).unwrap().unwrap());
    let spaced = golden().replacen("#share=1.", "#share=1. ", 1);
    assert_known(&open(&spaced).unwrap().unwrap());
}

#[test]
fn plain_visits_carry_no_payload() {
    for href in [
        "https://a.example/app/",
        "https://a.example/app/#plan",
        "https://a.example/app/#pipeline",
        "https://a.example/app/?share=true",
        "https://a.example/app/?s=20&t=abc",
        "",
    ] {
        assert_eq!(open(href), None, "{href}");
    }
}

#[test]
fn a_newer_version_is_refused() {
    assert_eq!(
        find_payload("https://a.example/#share=2.AQID"),
        Some(Err(LinkError::Newer(2)))
    );
    assert_eq!(
        open("https://a.example/#share=17.whatever").unwrap(),
        Err(OpenError::Newer(17))
    );
    // A newer document inside today's framing.
    let doc = r#"{"format":"funnel-calculator.scenario","version":2,"plan":{}}"#;
    let href = format!("https://a.example/{}", frame(&deflate(doc.as_bytes())));
    assert_eq!(open(&href).unwrap(), Err(OpenError::Newer(2)));
}

#[test]
fn garbage_is_malformed() {
    // Random bytes, framed as a payload of the wrong header version.
    assert_eq!(
        open("https://a.example/#share=1.kq0Zc-8xN2V_uT4mWQe7LpHsYd0").unwrap(),
        Err(OpenError::Malformed)
    );
    // A whole, checksummed payload that is not deflate…
    let not_deflate = frame(&[0xff; 40]);
    assert_eq!(open(&not_deflate).unwrap(), Err(OpenError::Malformed));
    // …or deflate of something other than a scenario.
    for text in [
        "not json",
        "[1,2]",
        r#"{"format":"other","version":1}"#,
        "\u{feff}{}",
    ] {
        let href = frame(&deflate(text.as_bytes()));
        assert_eq!(open(&href).unwrap(), Err(OpenError::Malformed), "{text}");
    }
    let bad_utf8 = frame(&deflate(&[0xC0, 0x80]));
    assert_eq!(open(&bad_utf8).unwrap(), Err(OpenError::Malformed));
}

#[test]
fn a_decompression_bomb_is_refused() {
    let bomb = deflate(&vec![b' '; MAX_LINK_JSON + 1]);
    assert!(bomb.len() < 2_000, "{} bytes", bomb.len());
    assert_eq!(open(&frame(&bomb)).unwrap(), Err(OpenError::Malformed));
    // One byte fewer inflates (and is then not a scenario).
    let fits = deflate(&vec![b' '; MAX_LINK_JSON]);
    assert_eq!(inflate(&fits, MAX_LINK_JSON).unwrap().len(), MAX_LINK_JSON);
}

#[test]
fn a_browser_without_deflate_raw_is_told_so() {
    let got = block_on(open_link_with(golden(), |_, _| {
        std::future::ready(Err(ShareError::Unsupported))
    }));
    assert_eq!(got.unwrap(), Err(OpenError::Unsupported));
}

proptest! {
    #[test]
    fn frame_then_find_payload_round_trips(
        data in proptest::collection::vec(any::<u8>(), 0..600),
        page in "https://[a-z]{1,12}\\.example/[a-z/]{0,20}(\\?[a-z]{1,6}=[a-z0-9]{0,8})?",
        tail in proptest::option::of("[&?#/][a-zA-Z0-9=&_]{0,20}"),
    ) {
        let href = format!("{page}{}{}", frame(&data), tail.unwrap_or_default());
        prop_assert_eq!(find_payload(&href), Some(Ok(data)));
    }

    #[test]
    fn the_payload_is_url_safe_base64_without_padding(
        data in proptest::collection::vec(any::<u8>(), 0..600),
    ) {
        let f = frame(&data);
        let body = f.strip_prefix("#share=1.").unwrap();
        prop_assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{}", body);
        prop_assert!(base64url_decode(body).is_some());
    }

    #[test]
    fn any_text_is_a_value_or_an_error_never_a_panic(text in "\\PC{0,300}") {
        let _ = find_payload(&text);
        let _ = open(&format!("#share=1.{text}"));
        let _ = decode_scenario(&text);
    }

    #[test]
    fn any_cut_of_a_link_is_incomplete(cut in 1usize..200) {
        let g = golden();
        let at = g.find("#share=").unwrap() + "#share=".len();
        let end = g.len().saturating_sub(cut).max(at);
        prop_assert_eq!(open(&g[..end]).unwrap(), Err(OpenError::Incomplete));
    }
}

// --- Link policy -----------------------------------------------------------

/// A realistic 12-stage funnel worded in Chinese, with each stage's notes
/// (purpose, milestone, evidence, actions), as a trainer would build it.
fn chinese_12_stages() -> PlanInput {
    let stages = [
        (
            "市场活动线索",
            "2",
            "7",
            "目的:收集名单;里程碑:留下联系方式;证据:报名表;行动:会后24小时内致电",
        ),
        (
            "初步接触",
            "4",
            "7",
            "目的:建立联系;里程碑:约到首次拜访;证据:会议邀请;行动:发送公司介绍",
        ),
        (
            "需求探寻",
            "8",
            "14",
            "目的:了解痛点;里程碑:客户承认问题;证据:拜访纪要;行动:用SPIN提问",
        ),
        (
            "确认预算",
            "12",
            "14",
            "目的:确认购买能力;里程碑:预算已立项;证据:立项文件;行动:见财务负责人",
        ),
        (
            "关键人认可",
            "18",
            "14",
            "目的:获得支持;里程碑:决策人同意评估;证据:邮件确认;行动:高层拜访",
        ),
        (
            "方案演示",
            "25",
            "10",
            "目的:展示价值;里程碑:演示通过;证据:评分表;行动:按场景定制演示",
        ),
        (
            "技术交流",
            "32",
            "14",
            "目的:消除技术疑虑;里程碑:技术部门认可;证据:测试报告;行动:安排试用",
        ),
        (
            "提交方案",
            "45",
            "10",
            "目的:书面建议;里程碑:方案被接受;证据:客户反馈;行动:讲解方案书",
        ),
        (
            "商务报价",
            "60",
            "10",
            "目的:确定价格;里程碑:报价进入比选;证据:比价表;行动:准备价格底线",
        ),
        (
            "合同谈判",
            "75",
            "14",
            "目的:锁定条款;里程碑:法务审核通过;证据:合同草稿;行动:逐条确认",
        ),
        (
            "签约成交",
            "100",
            "",
            "目的:完成签约;里程碑:合同盖章;证据:合同原件;行动:启动交付",
        ),
        (
            "丢单",
            "0",
            "",
            "目的:复盘;里程碑:找到原因;证据:丢单报告;行动:三个月后回访",
        ),
    ];
    let plan = PlanInput {
        stages: stages
            .iter()
            .zip(1..)
            .map(|(&(n, r, d, notes), id)| stage(id, n, r, d, notes))
            .collect(),
        next_id: 13,
        preset: None,
        revenue: "36000000".into(),
        deal_size: "1200000".into(),
        currency: "CNY".into(),
        period: PeriodKind::Custom,
        period_start: "2026-01-01".into(),
        period_end: "2026-12-31".into(),
        ..PlanInput::default()
    };
    assert_eq!(plan.stages.len(), 12);
    plan
}

fn deals(n: u32) -> Vec<Deal> {
    (1..=n)
        .map(|i| Deal {
            id: i,
            name: format!("项目{i} 智慧园区"),
            account: format!("客户{} 集团有限公司", i % 7),
            amount: Some(Ratio::from_int(u128::from(i) * 37_000 + 500_000)),
            stage: 1 + i % 10,
            status: Status::Open,
            close: Some(day(2026, 1 + i % 12, 1 + i % 28)),
            in_stage_since: Some(day(2025, 12, 1 + i % 28)),
            created: Some(day(2025, 11, 1 + i % 28)),
            probability: None,
        })
        .collect()
}

#[test]
fn a_12_stage_chinese_scenario_with_notes_fits_under_2000_characters() {
    let plan = chinese_12_stages();
    let made = link("华东区 2026 年度计划", &plan, &[]);
    let chars = made.url.chars().count();
    println!("12-stage Chinese link: {chars} characters");
    assert!(chars <= LINK_LIMIT, "{chars} characters");
    assert!(!made.over_limit());
    assert!(made.url.is_ascii());
    let back = open(&made.url).unwrap().unwrap();
    assert_eq!(back.plan, plan);
    // The QR code takes the short form.
    assert!(made.short.len() <= MAX_QR_BYTES);
    let (size, d) = qr_svg_path(&made.short).unwrap();
    assert!(size > 21 && !d.is_empty());
}

#[test]
fn deals_go_in_only_while_the_link_stays_under_2000_characters() {
    let plan = chinese_12_stages();
    let few = link("计划", &plan, &deals(3));
    assert_eq!(few.deals_left_out, 0);
    assert!(few.url.chars().count() <= LINK_LIMIT);
    assert_eq!(open(&few.url).unwrap().unwrap().deals, deals(3));
    assert_ne!(few.url, few.short, "the QR code's link has no deals");

    let many = link("计划", &plan, &deals(200));
    assert_eq!(many.deals_left_out, 200);
    assert_eq!(many.url, many.short);
    assert!(open(&many.url).unwrap().unwrap().deals.is_empty());

    let none = link("计划", &plan, &[]);
    assert_eq!(none.deals_left_out, 0);
    assert_eq!(none.url, none.short);
}

#[test]
fn a_link_too_long_even_without_deals_is_flagged() {
    let mut plan = chinese_12_stages();
    for (s, i) in plan.stages.iter_mut().zip(0u32..) {
        let long: String = (0..200)
            .map(|j| char::from_u32(0x4e00 + i * 977 + j * 31).unwrap())
            .collect();
        s.notes = Some(StageNotes::from_texts([&long, &long, "", ""]));
    }
    let made = link("长备注", &plan, &[]);
    assert!(made.over_limit(), "{} characters", made.url.len());
    assert_eq!(
        open(&made.url).unwrap().unwrap().plan,
        plan,
        "still a whole link"
    );
}

// --- Scenario files ----------------------------------------------------------

#[test]
fn a_utf8_bom_is_accepted() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(GOLDEN_JSON);
    assert_known(&decode_scenario_bytes(&bytes).unwrap());
    let text = format!("\u{feff}{}", std::str::from_utf8(GOLDEN_JSON).unwrap());
    assert_known(&decode_scenario(&text).unwrap());
}

#[test]
fn utf16_files_get_their_own_error() {
    let text = std::str::from_utf8(GOLDEN_JSON).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, what) in [
        ([&[0xFF, 0xFE][..], &le].concat(), "LE with BOM"),
        ([&[0xFE, 0xFF][..], &be].concat(), "BE with BOM"),
        (le, "LE"),
        (be, "BE"),
    ] {
        assert_eq!(
            decode_scenario_bytes(&bytes),
            Err(FileError::Utf16),
            "{what}"
        );
    }
}

#[test]
fn other_encodings_and_other_json_are_told_apart() {
    // "计划" in GBK.
    let gbk = b"{\"format\":\"funnel-calculator.scenario\",\"name\":\"\xbc\xc6\xbb\xae\"}";
    assert_eq!(decode_scenario_bytes(gbk), Err(FileError::NotUtf8));
    assert_eq!(
        decode_scenario("{\"version\":1,\"plan\":{}}"),
        Err(FileError::NotScenario)
    );
    assert_eq!(
        decode_scenario(r#"{"version":1,"settings":{}}"#),
        Err(FileError::NotScenario)
    );
    for text in [
        "",
        "not json",
        "[]",
        "null",
        "{\"format\":\"funnel-calculator.scenario\"",
    ] {
        assert!(
            matches!(
                decode_scenario(text),
                Err(FileError::Malformed | FileError::NotScenario)
            ),
            "{text}"
        );
    }
}

#[test]
fn files_above_the_limit_are_refused() {
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    assert_eq!(
        decode_scenario_bytes(&big),
        Err(FileError::TooLarge {
            limit: MAX_FILE_BYTES
        })
    );
    // A full deal list with ordinary names fits.
    let k = known();
    let json = encode_scenario(&k.name, &k.plan, &deals(MAX_DEALS as u32));
    assert!(json.len() < MAX_FILE_BYTES, "{} bytes", json.len());
}

#[test]
fn a_newer_file_is_refused() {
    let text = r#"{"format":"funnel-calculator.scenario","version":2,"plan":{"stages":[]}}"#;
    assert_eq!(decode_scenario(text), Err(FileError::Newer(2)));
}

#[test]
fn proto_keys_are_plain_data() {
    let text = r#"{"__proto__":{"polluted":true},"format":"funnel-calculator.scenario",
        "version":1,"name":"__proto__","constructor":{"prototype":{}},
        "plan":{"__proto__":{"x":1},"stages":[{"id":1,"name":"__proto__","rate":"100",
            "__proto__":null}]},
        "deals":[{"id":1,"name":"constructor","account":"__proto__","stage":1,
            "__proto__":{}}]}"#;
    let s = decode_scenario(text).unwrap();
    assert_eq!(s.name, "__proto__");
    assert_eq!(s.plan.stages[0].name, "__proto__");
    assert_eq!(s.deals[0].name, "constructor");
    assert_eq!(s.deals[0].account, "__proto__");
}

#[test]
fn unknown_keys_are_ignored_and_values_held_to_the_limits() {
    let long = "长".repeat(MAX_NAME_CHARS + 5);
    let stages: Vec<String> = (1..=MAX_STAGES + 3)
        .map(|i| format!(r#"{{"id":{i},"name":"{long}","rate":"100","future":[1]}}"#))
        .collect();
    let text = format!(
        r#"{{"format":"funnel-calculator.scenario","version":1,"later":{{"a":1}},"name":"{long}",
        "plan":{{"stages":[{}],"next_id":1}},
        "deals":[{{"id":5,"name":"{long}","account":"{long}","stage":1}},{{"id":5}}]}}"#,
        stages.join(",")
    );
    let s = decode_scenario(&text).unwrap();
    assert_eq!(s.name.chars().count(), MAX_NAME_CHARS);
    assert_eq!(s.plan.stages.len(), MAX_STAGES);
    assert!(s
        .plan
        .stages
        .iter()
        .all(|st| st.name.chars().count() == MAX_NAME_CHARS));
    assert!(s.plan.next_id > MAX_STAGES as u32, "ids stay unique");
    assert_eq!(s.deals.len(), 2);
    assert_eq!(s.deals[0].name.chars().count(), MAX_NAME_CHARS);
    assert_ne!(s.deals[0].id, s.deals[1].id, "deal ids made unique");
}

#[test]
fn too_many_deals_are_cut_to_the_list_limit() {
    let k = known();
    let json = encode_scenario(&k.name, &k.plan, &deals(MAX_DEALS as u32 + 1));
    assert_eq!(decode_scenario(&json).unwrap().deals.len(), MAX_DEALS);
}

#[test]
fn a_document_without_a_funnel_is_refused_not_defaulted() {
    for text in [
        r#"{"format":"funnel-calculator.scenario","version":1}"#,
        r#"{"format":"funnel-calculator.scenario","version":1,"plan":{}}"#,
        r#"{"format":"funnel-calculator.scenario","version":1,"plan":{"stages":[]}}"#,
        r#"{"format":"funnel-calculator.scenario","version":1,"plan":[]}"#,
        r#"{"format":"funnel-calculator.scenario","plan":{"stages":[{"id":1}]}}"#,
        r#"{"format":"funnel-calculator.scenario","version":0,"plan":{"stages":[{"id":1}]}}"#,
        r#"{"format":"funnel-calculator.scenario","version":"1","plan":{"stages":[{"id":1}]}}"#,
        r#"{"format":"funnel-calculator.scenario","version":1,"plan":{"stages":"x"}}"#,
        r#"{"format":"funnel-calculator.scenario","version":1,"plan":{"stages":[{"id":1}]},"deals":{}}"#,
    ] {
        assert_eq!(decode_scenario(text), Err(FileError::Malformed), "{text}");
    }
}
