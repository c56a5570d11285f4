#![cfg(not(target_arch = "wasm32"))]
//! The forecast from the open pipeline (funnel-theory.md, "Forecast from the
//! open pipeline", "Precisely"; worked examples 5 and 6), on a hand-checked
//! fixture whose every figure is computed in the comments below and listed
//! in `tests/fixtures/hand-fixture.md`.

use chrono::NaiveDate;
use funnel_calculator::domain::limits::MAX_AMOUNT;
use funnel_calculator::domain::pipeline::*;
use funnel_calculator::domain::time::{
    time_plan, IdealStage, OpenStage, ResolvedPeriod, TimeInput,
};
use funnel_calculator::domain::{Deal, Ratio, Role, StageFacts, StageRef, Status};
use proptest::prelude::*;

#[track_caller]
fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

#[track_caller]
fn r(n: u128, den: u128) -> Ratio {
    Ratio::new(n, den).expect("valid test ratio")
}

fn int(n: u128) -> Ratio {
    Ratio::from_int(n)
}

fn stage(id: StageRef, percent: u128, role: Role, dwell: Option<u32>) -> StageFacts {
    StageFacts {
        id,
        win_rate: Ratio::percent(percent),
        role,
        dwell_days: dwell,
    }
}

#[track_caller]
fn period(start: NaiveDate, end: NaiveDate) -> ResolvedPeriod {
    let days = u32::try_from(end.signed_duration_since(start).num_days() + 1).expect("start ≤ end");
    ResolvedPeriod {
        start,
        end,
        days,
        weeks: r(u128::from(days), 7),
    }
}

const A: StageRef = 1;
const B: StageRef = 2;
const C: StageRef = 3;
const D: StageRef = 4;
const E: StageRef = 5;
const LOST: StageRef = 6;

/// The default funnel: A 20 %, B 40 %, C 50 %, D 80 %, E won, and a lost
/// stage; 7 dwell days per open stage, so the sales cycle is 28 days.
fn default_stages() -> Vec<StageFacts> {
    vec![
        stage(A, 20, Role::Open, Some(7)),
        stage(B, 40, Role::Open, Some(7)),
        stage(C, 50, Role::Open, Some(7)),
        stage(D, 80, Role::Open, Some(7)),
        stage(E, 100, Role::Won, None),
        stage(LOST, 0, Role::Lost, None),
    ]
}

/// A deal, built field by field; `""` leaves a date out.
#[derive(Clone, Copy)]
struct Row {
    name: &'static str,
    amount: Option<u128>,
    stage: StageRef,
    status: Status,
    close: &'static str,
    since: &'static str,
    probability: Option<u128>,
    created: &'static str,
}

#[track_caller]
fn date(s: &str) -> Option<NaiveDate> {
    (!s.is_empty()).then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date"))
}

fn deal(id: u32, row: Row) -> Deal {
    Deal {
        id,
        name: row.name.to_string(),
        account: String::new(),
        amount: row.amount.map(int),
        stage: row.stage,
        status: row.status,
        close: date(row.close),
        in_stage_since: date(row.since),
        created: date(row.created),
        probability: row.probability.map(Ratio::percent),
    }
}

use Status::{Lost, Open, Won};

/// The same deals as `tests/fixtures/hand-fixture.csv`, in the same order.
/// Today is 2027-01-15; the period 2027-01-01..2027-03-31.
#[rustfmt::skip]
const FIXTURE: [Row; 14] = [
    // In period, A at 20 %: weighted 20,000. In stage 5 days, age 5 days: not stalled.
    Row { name: "Alpha", amount: Some(100_000), stage: A, status: Open, close: "2027-02-15", since: "2027-01-10", probability: None, created: "2027-01-10" },
    // Closes on the period's last day: in. Weighted 40,000. In stage 14 > 7 days: stalled.
    Row { name: "Bravo", amount: Some(200_000), stage: A, status: Open, close: "2027-03-31", since: "2027-01-01", probability: None, created: "2027-01-01" },
    // Closes the day after the period: out. Age 45 > 28 days: stalled by age.
    Row { name: "Charlie", amount: Some(150_000), stage: B, status: Open, close: "2027-04-01", since: "2027-01-12", probability: None, created: "2026-12-01" },
    // Closes on the period's first day: in, and overdue (before today). Override 25 %: weighted 75,000.
    Row { name: "Delta", amount: Some(300_000), stage: B, status: Open, close: "2027-01-01", since: "2027-01-14", probability: Some(25), created: "2026-12-20" },
    // Closes the day before the period: out, overdue (weighted 200,000). 45 days in stage, age 75: stalled both ways.
    Row { name: "Echo", amount: Some(400_000), stage: C, status: Open, close: "2026-12-31", since: "2026-12-01", probability: None, created: "2026-11-01" },
    // Override 0 %: weighted 0. In stage exactly 7 days and age exactly 28: not stalled (the rule is "more than").
    Row { name: "Foxtrot", amount: Some(250_000), stage: C, status: Open, close: "2027-02-28", since: "2027-01-08", probability: Some(0), created: "2026-12-18" },
    // D at 80 %: weighted 400,000. In stage 10 days, age 36: stalled both ways.
    Row { name: "Golf", amount: Some(500_000), stage: D, status: Open, close: "2027-03-15", since: "2027-01-05", probability: None, created: "2026-12-10" },
    // No amount: counts 4/5 of an expected win, no money.
    Row { name: "Hotel", amount: None, stage: D, status: Open, close: "2027-02-01", since: "2027-01-15", probability: None, created: "2027-01-02" },
    // No close date: in no period. In stage 12 days: stalled. No created date: the age rule does not apply.
    Row { name: "India", amount: Some(120_000), stage: B, status: Open, close: "", since: "2027-01-03", probability: None, created: "" },
    // Won in the period: realised 600,000 (its 50 % override is ignored). 60 days from created to close.
    Row { name: "Juliet", amount: Some(600_000), stage: E, status: Won, close: "2027-01-10", since: "", probability: Some(50), created: "2026-11-11" },
    // Won in the period without amount: adds nothing, counted. 30 days from created to close.
    Row { name: "Kilo", amount: None, stage: E, status: Won, close: "2027-01-12", since: "", probability: None, created: "2026-12-13" },
    // Won before the period: not realised; counts in the observed win rates.
    Row { name: "Lima", amount: Some(350_000), stage: E, status: Won, close: "2026-12-20", since: "", probability: None, created: "2026-10-01" },
    // Lost at C in the period (its 90 % override is ignored).
    Row { name: "Mike", amount: Some(200_000), stage: C, status: Lost, close: "2027-01-05", since: "", probability: Some(90), created: "2026-11-20" },
    // Lost in the lost stage: where it was lost is unknown, taken as the top stage.
    Row { name: "November", amount: Some(80_000), stage: LOST, status: Lost, close: "2027-02-10", since: "", probability: None, created: "2026-12-01" },
];

fn fixture_deals() -> Vec<Deal> {
    FIXTURE
        .iter()
        .zip(1..)
        .map(|(&row, id)| deal(id, row))
        .collect()
}

fn q1_2027() -> ResolvedPeriod {
    period(d(2027, 1, 1), d(2027, 3, 31))
}

fn today() -> NaiveDate {
    d(2027, 1, 15)
}

/// The ideal funnel for 30 wins in Q1 2027 from the time plan: 30 wins
/// over 90/7 weeks is 7/3 a week; a stage of one week holds (7/3) ÷ p_k:
/// A 35/3, B 35/6, C 14/3, D 35/12.
fn fixture_ideal() -> Vec<IdealStage> {
    let open: Vec<OpenStage> = [20, 40, 50, 80]
        .iter()
        .map(|&p| OpenStage {
            win_rate: Ratio::percent(p),
            dwell_days: 7,
        })
        .collect();
    let plan = time_plan(&TimeInput {
        deals: 30,
        stages: &open,
        period: q1_2027(),
        today: today(),
        leads_per_rep_week: None,
    })
    .expect("time plan");
    let standing: Vec<(Ratio, u64)> = plan
        .ideal
        .iter()
        .map(|i| (i.standing, i.standing_rounded))
        .collect();
    assert_eq!(
        standing,
        vec![(r(35, 3), 12), (r(35, 6), 6), (r(14, 3), 5), (r(35, 12), 3)]
    );
    plan.ideal
}

fn fixture_forecast_with(deals: &[Deal], ideal: &[IdealStage]) -> Forecast {
    let stages = default_stages();
    forecast(&ForecastInput {
        stages: &stages,
        deals,
        period: Some(q1_2027()),
        today: today(),
        target: Some(int(3_000_000)),
        avg_deal: Some(int(100_000)),
        cycle_days: Some(28),
        ideal: Some(ideal),
    })
    .expect("forecast")
}

fn fixture_forecast() -> Forecast {
    fixture_forecast_with(&fixture_deals(), &fixture_ideal())
}

#[test]
fn hand_fixture_period_figures() {
    let f = fixture_forecast();
    assert_eq!(f.p1, Ok(Ratio::percent(20)));
    // Won in the period: Juliet 600,000 and Kilo (no amount); Lima closed before it.
    assert_eq!(f.realised, Ok(int(600_000)));
    assert_eq!(f.won_without_amount, Ok(1));
    // Open closing in the period: Alpha 100,000 + Bravo 200,000 + Delta 300,000
    // + Foxtrot 250,000 + Golf 500,000 + Hotel (none) = 1,350,000.
    assert_eq!(f.open_in_period, Ok(int(1_350_000)));
    // 20,000 + 40,000 + 75,000 + 0 + 400,000 + 0 = 535,000.
    assert_eq!(f.weighted_open, Ok(int(535_000)));
    // 600,000 + 535,000.
    assert_eq!(f.weighted, Ok(int(1_135_000)));
    // 3,000,000 − 1,135,000 and 3,000,000 − 600,000.
    assert_eq!(f.gap, Ok(Gap::Short(int(1_865_000))));
    assert_eq!(f.remaining, Ok(Gap::Short(int(2_400_000))));
    // 1,350,000 ÷ 2,400,000 = 9/16.
    assert_eq!(f.coverage, Ok(r(9, 16)));
    // 1 ÷ 20 %.
    assert_eq!(f.required_coverage, Ok(int(5)));
    // ⌈1,865,000 ÷ (100,000 × 20 %)⌉ = ⌈93.25⌉ = 94.
    assert_eq!(f.new_leads, Ok(94));
    // Last entry 2027-03-31 − 28 days = 2027-03-03; from today 2027-01-15:
    // 17 days of January, 28 of February, 3 of March = 48 days = 48/7 weeks.
    assert_eq!(f.days_left, Ok(48));
    // 94 ÷ (48/7) = 658/48 = 329/24 ≈ 13.7 a week.
    assert_eq!(f.leads_per_week, Ok(r(329, 24)));
}

#[test]
fn hand_fixture_per_stage() {
    let f = fixture_forecast();
    let rows = f.per_stage.expect("period given");
    let got: Vec<_> = rows
        .iter()
        .map(|s| {
            (
                s.stage,
                s.deals,
                s.without_amount,
                s.amount,
                s.expected_wins,
                s.weighted,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            // Alpha, Bravo: 1/5 + 1/5 expected wins.
            (A, 2, 0, int(300_000), r(2, 5), int(60_000)),
            // Delta at its 25 % override (Charlie closes after, India has no date).
            (B, 1, 0, int(300_000), r(1, 4), int(75_000)),
            // Foxtrot at 0 % (Echo closes before).
            (C, 1, 0, int(250_000), Ratio::ZERO, Ratio::ZERO),
            // Golf and Hotel (no amount), 4/5 each.
            (D, 2, 1, int(500_000), r(8, 5), int(400_000)),
        ]
    );
    let sum = rows
        .iter()
        .try_fold(Ratio::ZERO, |a, s| a.checked_add(s.weighted))
        .expect("fits");
    assert_eq!(Ok(sum), f.weighted_open);
}

#[test]
fn hand_fixture_balance_conversion_bottleneck() {
    let f = fixture_forecast();
    let balance: Vec<_> = f
        .balance
        .iter()
        .map(|b| {
            (
                b.stage,
                b.ideal.map(|i| (i.standing, i.standing_rounded)),
                b.actual,
                b.ratio,
            )
        })
        .collect();
    assert_eq!(
        balance,
        vec![
            // Against the Plan's standing counts (rounded up).
            // Alpha, Bravo: 2 ÷ 12 = 1/6.
            (A, Some((r(35, 3), 12)), 2, Ok(r(1, 6))),
            // Charlie, Delta, India (every open deal, whatever its close date): 3 ÷ 6.
            (B, Some((r(35, 6), 6)), 3, Ok(r(1, 2))),
            // Echo, Foxtrot: 2 ÷ 5.
            (C, Some((r(14, 3), 5)), 2, Ok(r(2, 5))),
            // Golf, Hotel: 2 ÷ 3.
            (D, Some((r(35, 12), 3)), 2, Ok(r(2, 3))),
        ]
    );
    let conv: Vec<_> = f
        .conversion
        .iter()
        .map(|c| (c.stage, c.observed, c.planned, c.vs_plan))
        .collect();
    assert_eq!(
        conv,
        vec![
            // 3/2 observed; planned 20 % ÷ 40 % = 1/2; ratio 3.
            (A, Ok(r(3, 2)), Ok(r(1, 2)), Ok(int(3))),
            // 2/3; 40 % ÷ 50 % = 4/5; (2/3) ÷ (4/5) = 5/6.
            (B, Ok(r(2, 3)), Ok(r(4, 5)), Ok(r(5, 6))),
            // 2/2; 50 % ÷ 80 % = 5/8; 8/5.
            (C, Ok(Ratio::ONE), Ok(r(5, 8)), Ok(r(8, 5))),
            // Won in the period (Juliet, Kilo) ÷ 2; 80 % ÷ 100 %; 5/4.
            (D, Ok(Ratio::ONE), Ok(r(4, 5)), Ok(r(5, 4))),
        ]
    );
    // Lowest observed ÷ planned: B at 5/6.
    assert_eq!(f.bottleneck, Some(B));
}

#[test]
fn hand_fixture_flags_and_counts() {
    let f = fixture_forecast();
    let names = |pick: fn(&DealFlags) -> bool| -> Vec<&str> {
        FIXTURE
            .iter()
            .zip(&f.flags)
            .filter(|(_, fl)| pick(fl))
            .map(|(row, _)| row.name)
            .collect()
    };
    assert_eq!(f.flags.len(), FIXTURE.len());
    assert_eq!(
        names(|f| f.in_period),
        [
            "Alpha", "Bravo", "Delta", "Foxtrot", "Golf", "Hotel", "Juliet", "Kilo", "Mike",
            "November"
        ]
    );
    assert_eq!(names(|f| f.overdue), ["Delta", "Echo"]);
    assert_eq!(
        names(|f| f.stalled_in_stage),
        ["Bravo", "Echo", "Golf", "India"]
    );
    assert_eq!(names(|f| f.stalled_age), ["Charlie", "Echo", "Golf"]);
    assert_eq!(names(|f| f.no_close_date), ["India"]);
    assert!(names(|f| f.unknown_stage).is_empty());
    assert!(names(|f| f.open_in_closed_stage).is_empty());

    // Bravo, Charlie, Echo, Golf, India.
    assert_eq!(f.stalled, 5);
    // Delta (in the period) and Echo (before it): 300,000 + 400,000;
    // weighted 75,000 + 200,000.
    assert_eq!(
        f.overdue,
        Overdue {
            count: 2,
            amount: int(700_000),
            weighted: int(275_000)
        }
    );
    assert_eq!(f.open_without_close, 1);
    assert_eq!(f.open_without_amount, 1);
    assert_eq!(f.unknown_stage, 0);
    assert_eq!(f.open_in_closed_stage, 0);
    assert_eq!(f.open_deals, 9);
    // 100 + 200 + 150 + 300 + 400 + 250 + 500 + 0 + 120 thousand.
    assert_eq!(f.open_amount, int(2_020_000));
}

#[test]
fn hand_fixture_velocity_and_health() {
    let f = fixture_forecast();
    // 2,020,000 × 20 % ÷ 28 days = 404,000 ÷ 28 = 101,000/7 a day.
    assert_eq!(f.velocity, Ok(r(101_000, 7)));
    // Closed in the period: won Juliet, Kilo; lost Mike, November: 1/2 ÷ 20 %.
    assert_eq!(f.win_rate_achievement, Ok(r(5, 2)));
    // Juliet 60 days, Kilo 30: average 45; 28 ÷ 45.
    assert_eq!(f.cycle_achievement, Ok(r(28, 45)));
}

#[track_caller]
fn assert_near(got: f64, want: f64) {
    assert!((got - want).abs() < 1e-12, "{got} vs {want}");
}

#[test]
fn hand_fixture_observed_win_rates() {
    let stages = default_stages();
    let obs = observed_win_rates(&stages, &fixture_deals());
    // Won: Juliet, Kilo, Lima (3), whatever the period. Lost: Mike at C,
    // November in the lost stage, taken as lost at A.
    let got: Vec<_> = obs
        .iter()
        .map(|o| (o.stage, o.won, o.lost, o.closed, o.rate, o.too_few))
        .collect();
    assert_eq!(
        got,
        vec![
            (A, 3, 2, 5, Some(r(3, 5)), true),
            (B, 3, 1, 4, Some(r(3, 4)), true),
            (C, 3, 1, 4, Some(r(3, 4)), true),
            (D, 3, 0, 3, Some(Ratio::ONE), true),
        ]
    );
    // Wilson at z = 1.6448536269514722, computed independently:
    // centre (p + z²/2n) ÷ (1 + z²/n) ± z ÷ (1 + z²/n) × √(p(1−p)/n + z²/4n²).
    let iv: Vec<(f64, f64)> = obs.iter().map(|o| o.interval.expect("closed")).collect();
    assert_near(iv[0].0, 0.272_483_171_866_192_8);
    assert_near(iv[0].1, 0.857_293_527_980_787);
    assert_near(iv[1].0, 0.356_168_008_598_506_4);
    assert_near(iv[1].1, 0.942_092_678_800_141_4);
    assert_eq!(iv[1], iv[2]);
    assert_near(iv[3].0, 0.525_804_425_842_487_2);
    assert_eq!(iv[3].1, 1.0);

    assert_eq!(
        observed_funnel(&stages, &fixture_deals()),
        Ok(vec![
            r(3, 5),
            r(3, 4),
            r(3, 4),
            Ratio::ONE,
            Ratio::ONE,
            Ratio::ZERO
        ])
    );
}

#[test]
fn csv_fixture_is_the_same_deals() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hand-fixture.csv"
    ))
    .expect("fixture");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Name,Account,Amount,Stage,Status,Close date,In stage since,Probability,Created")
    );
    let stage_name = |id| match id {
        A => "A",
        B => "B",
        C => "C",
        D => "D",
        E => "E",
        _ => "Lost",
    };
    for (line, row) in lines.zip(FIXTURE.iter()) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 9, "{line}");
        assert_eq!(cells[0], row.name);
        assert_eq!(
            cells[2],
            row.amount.map(|a| a.to_string()).unwrap_or_default()
        );
        assert_eq!(cells[3], stage_name(row.stage));
        assert_eq!(cells[4], format!("{:?}", row.status));
        assert_eq!(cells[5], row.close);
        assert_eq!(cells[6], row.since);
        assert_eq!(
            cells[7],
            row.probability.map(|p| format!("{p}%")).unwrap_or_default()
        );
        assert_eq!(cells[8], row.created);
    }
    assert_eq!(text.lines().count(), FIXTURE.len() + 1);
}

// ---------------------------------------------------------------------------
// Worked examples 5 and 6.

/// Worked example 5: 50 customers in the intent stage at 30 %: 15 deals
/// expected; times an average order value of 20,000, 300,000 of revenue.
#[test]
fn worked_example_5_intent_stage() {
    let stages = [
        stage(1, 30, Role::Open, Some(7)),
        stage(2, 100, Role::Won, None),
    ];
    let rows = [QuickRow {
        stage: 1,
        open_deals: 50,
        open_amount: int(50 * 20_000),
    }];
    let q = quick_forecast(&stages, &rows, Ratio::ZERO).expect("fits");
    assert_eq!(q.stages[0].expected_wins, int(15));
    assert_eq!(q.expected_wins, int(15));
    assert_eq!(q.stages[0].weighted, int(300_000));
    assert_eq!(q.weighted, int(300_000));
    assert_eq!(q.ignored_rows, 0);
}

/// Worked example 6's stages: target customers 0 %, potential 10 %, intent
/// 20 %, project approved 30 %, solution 50 %, negotiation 70 %, realised 100 %.
fn example6_stages() -> Vec<StageFacts> {
    [0, 10, 20, 30, 50, 70]
        .iter()
        .zip(1..)
        .map(|(&p, id)| stage(id, p, Role::Open, Some(7)))
        .chain([stage(7, 100, Role::Won, None)])
        .collect()
}

/// Worked example 6 with these amounts (deals):
///   target customers 1,000,000 (10) × 0 %  =       0  (0 wins)
///   potential          800,000  (8) × 10 % =  80,000  (0.8)
///   intent             600,000  (6) × 20 % = 120,000  (1.2)
///   project approved   500,000  (5) × 30 % = 150,000  (1.5)
///   solution           400,000  (4) × 50 % = 200,000  (2)
///   negotiation        300,000  (3) × 70 % = 210,000  (2.1)
///   open weighted 760,000, expected wins 7.6; realised 250,000;
///   weighted forecast 250,000 + 760,000 = 1,010,000.
const EXAMPLE6: [(u64, u128); 6] = [
    (10, 1_000_000),
    (8, 800_000),
    (6, 600_000),
    (5, 500_000),
    (4, 400_000),
    (3, 300_000),
];

#[test]
fn worked_example_6_weighted_forecast() {
    let stages = example6_stages();
    let rows: Vec<QuickRow> = EXAMPLE6
        .iter()
        .zip(1..)
        .map(|(&(n, amount), id)| QuickRow {
            stage: id,
            open_deals: n,
            open_amount: int(amount),
        })
        .collect();
    let q = quick_forecast(&stages, &rows, int(250_000)).expect("fits");
    let weighted: Vec<Ratio> = q.stages.iter().map(|s| s.weighted).collect();
    assert_eq!(
        weighted,
        [0, 80_000, 120_000, 150_000, 200_000, 210_000].map(int)
    );
    assert_eq!(q.weighted_open, int(760_000));
    assert_eq!(q.expected_wins, r(38, 5));
    assert_eq!(q.open_deals, 36);
    assert_eq!(q.open_amount, int(3_600_000));
    assert_eq!(q.realised, int(250_000));
    assert_eq!(q.weighted, int(1_010_000));
}

/// The same example as a deal list gives the same forecast, and
/// `quick_rows` gives back the rows.
#[test]
fn worked_example_6_from_deals() {
    let stages = example6_stages();
    let p = q1_2027();
    let mut deals = Vec::new();
    for (&(n, amount), stage) in EXAMPLE6.iter().zip(1..) {
        for _ in 0..n {
            deals.push(Deal {
                id: u32::try_from(deals.len()).unwrap(),
                amount: Some(r(amount, u128::from(n))),
                stage,
                close: Some(d(2027, 2, 1)),
                ..Deal::default()
            });
        }
    }
    deals.push(Deal {
        id: 999,
        amount: Some(int(250_000)),
        stage: 7,
        status: Won,
        close: Some(d(2027, 1, 20)),
        ..Deal::default()
    });
    let f = forecast(&ForecastInput {
        stages: &stages,
        deals: &deals,
        period: Some(p),
        today: today(),
        target: None,
        avg_deal: None,
        cycle_days: None,
        ideal: None,
    })
    .expect("fits");
    assert_eq!(f.weighted, Ok(int(1_010_000)));
    assert_eq!(f.realised, Ok(int(250_000)));
    let rows = quick_rows(&stages, &deals, &p).expect("fits");
    let got: Vec<(u64, Ratio)> = rows.iter().map(|r| (r.open_deals, r.open_amount)).collect();
    assert_eq!(got, EXAMPLE6.map(|(n, a)| (n, int(a))));
    // p_1 = 0 %: no required coverage; without target, cycle and ideal the
    // figures that need them say so.
    assert_eq!(f.required_coverage, Err(Unavailable::TopRateZero));
    assert_eq!(f.gap, Err(Unavailable::NoTarget));
    assert_eq!(f.velocity, Err(Unavailable::NoCycle));
    assert_eq!(f.balance[0].ratio, Err(Unavailable::NoIdeal));
}

// ---------------------------------------------------------------------------
// Rules one by one.

fn base_input<'a>(stages: &'a [StageFacts], deals: &'a [Deal]) -> ForecastInput<'a> {
    ForecastInput {
        stages,
        deals,
        period: Some(q1_2027()),
        today: today(),
        target: Some(int(3_000_000)),
        avg_deal: Some(int(100_000)),
        cycle_days: Some(28),
        ideal: None,
    }
}

#[test]
fn without_period_the_period_free_figures_remain() {
    let stages = default_stages();
    let deals = fixture_deals();
    let f = forecast(&ForecastInput {
        period: None,
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    for fig in [
        f.realised,
        f.open_in_period,
        f.weighted_open,
        f.weighted,
        f.coverage,
        f.leads_per_week,
        f.win_rate_achievement,
        f.cycle_achievement,
    ] {
        assert_eq!(fig, Err(Unavailable::NoPeriod));
    }
    assert_eq!(f.gap, Err(Unavailable::NoPeriod));
    assert_eq!(f.new_leads, Err(Unavailable::NoPeriod));
    assert_eq!(f.per_stage, Err(Unavailable::NoPeriod));
    assert!(f.flags.iter().all(|fl| !fl.in_period));
    // The last open stage's observed conversion needs the period's wins.
    assert_eq!(f.conversion[3].observed, Err(Unavailable::NoPeriod));
    assert_eq!(f.conversion[1].vs_plan, Ok(r(5, 6)));
    assert_eq!(f.bottleneck, Some(B));
    assert_eq!(f.stalled, 5);
    assert_eq!(f.overdue.count, 2);
    assert_eq!(f.velocity, Ok(r(101_000, 7)));
    assert_eq!(f.required_coverage, Ok(int(5)));
}

#[test]
fn target_met_means_no_new_leads_and_no_coverage() {
    let stages = default_stages();
    let deals = fixture_deals();
    // Target 1,135,000 = the weighted forecast exactly: met with 0 to spare.
    let f = forecast(&ForecastInput {
        target: Some(int(1_135_000)),
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    assert_eq!(f.gap, Ok(Gap::Met(Ratio::ZERO)));
    assert_eq!(f.new_leads, Ok(0));
    assert_eq!(f.leads_per_week, Ok(Ratio::ZERO));
    assert_eq!(f.remaining, Ok(Gap::Short(int(535_000))));
    // One more unit: still short by 1, so one more lead.
    let f = forecast(&ForecastInput {
        target: Some(int(1_135_001)),
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    assert_eq!(f.gap, Ok(Gap::Short(Ratio::ONE)));
    assert_eq!(f.new_leads, Ok(1));
    // Realised 600,000 meets a 600,000 target: no remaining target, no coverage.
    let f = forecast(&ForecastInput {
        target: Some(int(600_000)),
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    assert_eq!(f.remaining, Ok(Gap::Met(Ratio::ZERO)));
    assert_eq!(f.coverage, Err(Unavailable::TargetReached));
    assert_eq!(f.gap, Ok(Gap::Met(int(535_000))));
}

#[test]
fn weeks_left_both_ends_included_and_no_time_left() {
    let stages = default_stages();
    let deals = fixture_deals();
    let at = |today: NaiveDate| {
        forecast(&ForecastInput {
            today,
            ..base_input(&stages, &deals)
        })
        .expect("fits")
    };
    // On the last entry date itself: one day left.
    let f = at(d(2027, 3, 3));
    assert_eq!(f.days_left, Ok(1));
    assert_eq!(f.new_leads.map(|n| n > 0), Ok(true));
    // The day after: no time left.
    let f = at(d(2027, 3, 4));
    assert_eq!(f.days_left, Err(Unavailable::NoTimeLeft));
    assert_eq!(f.leads_per_week, Err(Unavailable::NoTimeLeft));
    // Before the first-leads date (2026-12-04) the window starts there:
    // 2026-12-04 to 2027-03-03 is 90 days.
    let f = at(d(2026, 6, 1));
    assert_eq!(f.days_left, Ok(90));
    let f = at(d(2026, 12, 4));
    assert_eq!(f.days_left, Ok(90));
    let f = at(d(2026, 12, 5));
    assert_eq!(f.days_left, Ok(89));
    // No cycle: no weeks left to count, and no velocity.
    let f = forecast(&ForecastInput {
        cycle_days: None,
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    assert_eq!(f.leads_per_week, Err(Unavailable::NoCycle));
    assert_eq!(f.velocity, Err(Unavailable::NoCycle));
    assert_eq!(f.cycle_achievement, Err(Unavailable::NoCycle));
    assert_eq!(f.new_leads, Ok(94));
    // No average deal: no new leads.
    let f = forecast(&ForecastInput {
        avg_deal: None,
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    assert_eq!(f.new_leads, Err(Unavailable::NoAverageDeal));
    assert_eq!(f.leads_per_week, Err(Unavailable::NoAverageDeal));
}

#[test]
fn unknown_stage_and_open_in_won_stage_count_in_nothing() {
    let stages = default_stages();
    let mut deals = fixture_deals();
    let before = forecast(&base_input(&stages, &deals)).expect("fits");
    for (stage, status) in [
        (77, Open),
        (u32::MAX, Won),
        (0, Lost),
        (E, Open),
        (LOST, Open),
    ] {
        deals.push(Deal {
            id: 100,
            amount: Some(int(1_000_000)),
            stage,
            status,
            close: Some(d(2027, 1, 2)),
            in_stage_since: Some(d(2020, 1, 1)),
            created: Some(d(2020, 1, 1)),
            ..Deal::default()
        });
    }
    let mut after = forecast(&base_input(&stages, &deals)).expect("fits");
    assert_eq!(after.unknown_stage, 3);
    assert_eq!(after.open_in_closed_stage, 2);
    let flags = after.flags.split_off(FIXTURE.len());
    assert!(flags[..3].iter().all(|f| f.unknown_stage && !f.in_period));
    assert!(flags[3..]
        .iter()
        .all(|f| f.open_in_closed_stage && f.in_period));
    assert!(flags
        .iter()
        .all(|f| !f.overdue && !f.stalled_age && !f.stalled_in_stage));
    after.unknown_stage = 0;
    after.open_in_closed_stage = 0;
    assert_eq!(after, before);
    // Nor in the observed rates.
    assert_eq!(
        observed_win_rates(&stages, &deals[..FIXTURE.len() + 3]),
        observed_win_rates(&stages, &fixture_deals())
    );
}

#[test]
fn a_rule_without_its_date_or_dwell_does_not_apply() {
    let mut stages = default_stages();
    stages[0].dwell_days = None;
    let deals = [Deal {
        stage: A,
        in_stage_since: Some(d(2000, 1, 1)),
        created: Some(d(2000, 1, 1)),
        close: Some(d(2027, 2, 1)),
        ..Deal::default()
    }];
    let f = forecast(&ForecastInput {
        cycle_days: None,
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    assert_eq!(f.stalled, 0);
    assert_eq!(
        f.flags[0],
        DealFlags {
            in_period: true,
            ..DealFlags::default()
        }
    );
    // A date in the future is not stalled either.
    let deals = [Deal {
        stage: B,
        in_stage_since: Some(d(2030, 1, 1)),
        created: Some(d(2030, 1, 1)),
        ..Deal::default()
    }];
    let f = forecast(&base_input(&stages, &deals)).expect("fits");
    assert_eq!(f.stalled, 0);
    assert!(f.flags[0].no_close_date);
}

#[test]
fn missing_won_stage_or_zero_top_rate() {
    let stages: Vec<StageFacts> = default_stages()
        .into_iter()
        .map(|mut s| {
            if s.role == Role::Won {
                s.role = Role::Open;
            }
            s
        })
        .collect();
    let deals = fixture_deals();
    let f = forecast(&base_input(&stages, &deals)).expect("fits");
    assert_eq!(f.p1, Err(Unavailable::NoWonStage));
    assert_eq!(f.required_coverage, Err(Unavailable::NoWonStage));
    assert_eq!(f.new_leads, Err(Unavailable::NoWonStage));
    assert_eq!(f.velocity, Err(Unavailable::NoWonStage));
    assert_eq!(f.bottleneck, None);
    assert_eq!(
        observed_funnel(&stages, &deals),
        Err(ObservedFunnelError::NoFunnel)
    );
    // No stages at all.
    let f = forecast(&base_input(&[], &deals)).expect("fits");
    assert_eq!(f.unknown_stage, 14);
    assert_eq!(f.weighted, Ok(Ratio::ZERO));
    assert!(f.balance.is_empty() && f.conversion.is_empty());
}

#[test]
fn bottleneck_ties_go_to_the_top_and_empty_stages_are_skipped() {
    let stages = default_stages();
    let open = |stage| Deal {
        stage,
        ..Deal::default()
    };
    // n = A 2, B 0, C 1, D 1: A observes 0/2 (vs plan 0), B has no deals,
    // C 1/1 ÷ 5/8 = 8/5, D 0 won ÷ 1 = 0. A and D tie at 0: A.
    let deals = [open(A), open(A), open(C), open(D)];
    let f = forecast(&base_input(&stages, &deals)).expect("fits");
    assert_eq!(f.conversion[0].vs_plan, Ok(Ratio::ZERO));
    assert_eq!(f.conversion[1].observed, Err(Unavailable::NoDeals));
    assert_eq!(f.conversion[3].vs_plan, Ok(Ratio::ZERO));
    assert_eq!(f.bottleneck, Some(A));
    // Every stage at or above plan: none is a bottleneck. One deal in each
    // open stage and one won in the period: A → B 1 ÷ 1/2 = 2, B → C
    // 1 ÷ 4/5, C → D 1 ÷ 5/8, D → won 1 ÷ 4/5, all above 1.
    let won = Deal {
        stage: E,
        status: Status::Won,
        close: Some(d(2027, 2, 1)),
        ..Deal::default()
    };
    let at_plan = [open(A), open(B), open(C), open(D), won];
    let f = forecast(&base_input(&stages, &at_plan)).expect("fits");
    assert!(f
        .conversion
        .iter()
        .all(|c| c.vs_plan.is_ok_and(|v| v > Ratio::ONE)));
    assert_eq!(f.bottleneck, None);
    // No open deals: no bottleneck.
    let f = forecast(&base_input(&stages, &[])).expect("fits");
    assert_eq!(f.bottleneck, None);
    assert_eq!(f.win_rate_achievement, Err(Unavailable::NoDeals));
    assert_eq!(f.cycle_achievement, Err(Unavailable::NoDeals));
}

#[test]
fn observed_rates_edge_cases() {
    let stages = default_stages();
    // No closed deals: no rate, no interval.
    let obs = observed_win_rates(&stages, &[]);
    assert_eq!(obs.len(), 4);
    assert!(obs
        .iter()
        .all(|o| o.rate.is_none() && o.interval.is_none() && o.too_few && o.closed == 0));
    assert_eq!(
        observed_funnel(&stages, &[]),
        Err(ObservedFunnelError::NoData { stage: A })
    );
    // Only lost deals: 0 %, refused as a funnel.
    let lost = |stage| Deal {
        stage,
        status: Lost,
        ..Deal::default()
    };
    let won = Deal {
        stage: E,
        status: Won,
        ..Deal::default()
    };
    assert_eq!(
        observed_funnel(&stages, &[lost(B)]),
        Err(ObservedFunnelError::ZeroRate { stage: A })
    );
    // Lost at D only: D's rate rests on it; the threshold is at 10 closed.
    let mut deals = vec![lost(D)];
    deals.extend(std::iter::repeat_n(won.clone(), 8));
    let obs = observed_win_rates(&stages, &deals);
    assert_eq!(obs[3].closed, 9);
    assert!(obs[3].too_few);
    deals.push(won.clone());
    let obs = observed_win_rates(&stages, &deals);
    assert_eq!(obs[3].closed, MIN_CLOSED_DEALS);
    assert!(!obs[3].too_few);
    assert_eq!(obs[0].rate, Some(r(9, 10)));
    // 5 of 10 at 90 %: 0.2693 to 0.7307.
    let (lo, hi) = wilson(5, 10, Z_90).expect("n > 0");
    assert_near(lo, 0.269_271_821_138_267_2);
    assert_near(hi, 0.730_728_178_861_732_8);
    assert_eq!(wilson(0, 10, Z_90).map(|w| w.0), Some(0.0));
    assert_eq!(wilson(0, 0, Z_90), None);
    assert_eq!(wilson(11, 10, Z_90), None);
    let (lo, hi) = wilson(u64::MAX, u64::MAX, Z_90).expect("n > 0");
    assert!((0.0..=1.0).contains(&lo) && hi == 1.0);
}

#[test]
fn amounts_at_the_cap_fit() {
    let stages = default_stages();
    let big = |stage, status| Deal {
        amount: Some(int(MAX_AMOUNT)),
        probability: Some(r(9_999, 10_000)),
        stage,
        status,
        close: Some(d(2027, 1, 10)),
        ..Deal::default()
    };
    let mut deals = Vec::new();
    for _ in 0..1000 {
        deals.push(big(A, Open));
        deals.push(big(E, Won));
    }
    let f = forecast(&ForecastInput {
        target: Some(int(MAX_AMOUNT)),
        ..base_input(&stages, &deals)
    })
    .expect("fits");
    assert_eq!(f.realised, Ok(int(MAX_AMOUNT * 1000)));
    assert_eq!(f.open_in_period, Ok(int(MAX_AMOUNT * 1000)));
    assert_eq!(
        f.weighted_open,
        Ok(int(MAX_AMOUNT * 1000)
            .checked_mul(r(9_999, 10_000))
            .unwrap())
    );
    assert_eq!(f.new_leads, Ok(0));
}

// ---------------------------------------------------------------------------
// Properties.

const MIN_DAY: i64 = 0; // 1900-01-01
const MAX_DAY: i64 = 109_572; // 2199-12-31

fn day(n: i64) -> NaiveDate {
    d(1900, 1, 1) + chrono::Duration::days(n)
}

fn arb_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(day(MIN_DAY))),
        1 => Just(Some(day(MAX_DAY))),
        6 => (MIN_DAY..=MAX_DAY).prop_map(|n| Some(day(n))),
        6 => (45_290i64..45_480).prop_map(|n| Some(day(n))), // around 2024
    ]
}

fn arb_amount() -> impl Strategy<Value = Option<Ratio>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Ratio::from_int(MAX_AMOUNT))),
        4 => (1u128..=MAX_AMOUNT).prop_map(|a| Some(Ratio::from_int(a))),
        // Cents, as the parser reads them.
        2 => (1u128..=MAX_AMOUNT * 100).prop_map(|a| Ratio::new(a, 100)),
    ]
}

/// Probabilities in [0, 1] with up to four decimals of a percent, as typed.
fn arb_probability() -> impl Strategy<Value = Option<Ratio>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Ratio::ZERO)),
        1 => Just(Some(Ratio::ONE)),
        3 => (0u128..=1_000_000).prop_map(|p| Ratio::new(p, 1_000_000)),
    ]
}

fn arb_status() -> impl Strategy<Value = Status> {
    prop_oneof![Just(Open), Just(Won), Just(Lost)]
}

/// Stage ids: mostly the default funnel's, some unknown (0, u32::MAX, 7).
fn arb_stage() -> impl Strategy<Value = StageRef> {
    prop_oneof![
        8 => 1u32..=6,
        1 => Just(0),
        1 => Just(u32::MAX),
        1 => Just(7),
    ]
}

prop_compose! {
    fn arb_deal()(
        stage in arb_stage(),
        status in arb_status(),
        amount in arb_amount(),
        close in arb_date(),
        in_stage_since in arb_date(),
        created in arb_date(),
        probability in arb_probability(),
    ) -> Deal {
        Deal { id: 0, name: String::new(), account: String::new(), amount, stage, status, close, in_stage_since, created, probability }
    }
}

fn arb_period() -> impl Strategy<Value = Option<ResolvedPeriod>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(period(day(MIN_DAY), day(MAX_DAY)))),
        1 => Just(Some(period(day(MIN_DAY), day(MIN_DAY)))),
        1 => Just(Some(period(day(MAX_DAY), day(MAX_DAY)))),
        4 => (MIN_DAY..=MAX_DAY, 0i64..=3_653).prop_map(|(s, len)| {
            Some(period(day(s), day((s + len).min(MAX_DAY))))
        }),
    ]
}

fn input<'a>(
    stages: &'a [StageFacts],
    deals: &'a [Deal],
    period: Option<ResolvedPeriod>,
    today: NaiveDate,
    ideal: &'a [IdealStage],
) -> ForecastInput<'a> {
    ForecastInput {
        stages,
        deals,
        period,
        today,
        target: Some(int(3_000_000)),
        avg_deal: Some(int(100_000)),
        cycle_days: Some(28),
        ideal: Some(ideal),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn weighted_within_bounds_and_per_stage_sums(
        deals in prop::collection::vec(arb_deal(), 0..40),
        period in arb_period(),
        today in (MIN_DAY..=MAX_DAY).prop_map(day),
    ) {
        let stages = default_stages();
        let ideal = fixture_ideal();
        let f = forecast(&input(&stages, &deals, period, today, &ideal)).expect("capped amounts fit");
        prop_assert_eq!(f.flags.len(), deals.len());
        if period.is_some() {
            let (realised, open, wopen, weighted) = (
                f.realised.unwrap(), f.open_in_period.unwrap(), f.weighted_open.unwrap(), f.weighted.unwrap(),
            );
            prop_assert!(weighted <= realised.checked_add(open).unwrap());
            prop_assert!(wopen <= open);
            let rows = f.per_stage.unwrap();
            let sum = rows.iter().try_fold(Ratio::ZERO, |a, s| a.checked_add(s.weighted)).unwrap();
            prop_assert_eq!(sum, wopen);
            let amount = rows.iter().try_fold(Ratio::ZERO, |a, s| a.checked_add(s.amount)).unwrap();
            prop_assert_eq!(amount, open);
            prop_assert_eq!(weighted, realised.checked_add(wopen).unwrap());
        }
        let stalled = f.flags.iter().filter(|x| x.stalled_age || x.stalled_in_stage).count();
        prop_assert_eq!(f.stalled, stalled as u64);
        prop_assert_eq!(f.overdue.count, f.flags.iter().filter(|x| x.overdue).count() as u64);
        prop_assert!(f.overdue.weighted <= f.overdue.amount);
    }

    #[test]
    fn a_lost_deal_changes_nothing_but_counts(
        deals in prop::collection::vec(arb_deal(), 0..30),
        mut extra in arb_deal(),
        lost_at in 1u32..=6,
        period in arb_period(),
        today in (MIN_DAY..=MAX_DAY).prop_map(day),
    ) {
        let stages = default_stages();
        let ideal = fixture_ideal();
        let before = forecast(&input(&stages, &deals, period, today, &ideal)).expect("fits");
        extra.status = Lost;
        extra.stage = lost_at;
        let mut more = deals.clone();
        more.push(extra);
        let mut after = forecast(&input(&stages, &more, period, today, &ideal)).expect("fits");
        prop_assert_eq!(after.flags.pop().map(|f| f.overdue || f.stalled_age || f.stalled_in_stage), Some(false));
        // Win-rate achievement counts closed deals; nothing else moves.
        after.win_rate_achievement = before.win_rate_achievement;
        prop_assert_eq!(after, before);
    }

    #[test]
    fn forecast_is_total(
        deals in prop::collection::vec(arb_deal(), 0..30),
        rates in prop::collection::vec((any::<u32>(), 0u128..=100, 0u8..3, prop::option::of(any::<u32>())), 0..8),
        period in arb_period(),
        today in (MIN_DAY..=MAX_DAY).prop_map(day),
        target in prop::option::of(0u128..=MAX_AMOUNT),
        avg in prop::option::of(0u128..=MAX_AMOUNT),
        cycle in prop::option::of(prop_oneof![Just(0u32), Just(u32::MAX), 0u32..=2_920]),
        wild in prop::collection::vec((any::<u128>(), 1u128..=u128::MAX), 0..3),
    ) {
        let stages: Vec<StageFacts> = rates
            .iter()
            .map(|&(id, p, role, dwell)| StageFacts {
                id,
                win_rate: Ratio::percent(p),
                role: [Role::Open, Role::Won, Role::Lost][usize::from(role)],
                dwell_days: dwell,
            })
            .chain(default_stages())
            .collect();
        let mut deals = deals;
        // A few deals with wild fractions may overflow: TooLarge, not a panic.
        for (i, &(n, den)) in wild.iter().enumerate() {
            deals.push(Deal {
                amount: Ratio::new(n, den),
                probability: Ratio::new(n % 7, den),
                stage: u32::try_from(i % 6).unwrap() + 1,
                close: period.map(|p| p.start),
                ..Deal::default()
            });
        }
        let ideal = fixture_ideal();
        let result = forecast(&ForecastInput {
            stages: &stages,
            deals: &deals,
            period,
            today,
            target: target.map(Ratio::from_int),
            avg_deal: avg.map(Ratio::from_int),
            cycle_days: cycle,
            ideal: Some(&ideal),
        });
        if wild.is_empty() {
            prop_assert!(result.is_ok());
        }
        let obs = observed_win_rates(&stages, &deals);
        for pair in obs.windows(2) {
            if let (Some(a), Some(b)) = (pair[0].rate, pair[1].rate) {
                prop_assert!(a <= b, "observed rates never fall down the funnel");
            }
        }
        for o in &obs {
            if let (Some(rate), Some((lo, hi))) = (o.rate, o.interval) {
                prop_assert!((0.0..=1.0).contains(&lo) && (0.0..=1.0).contains(&hi));
                prop_assert!(lo <= rate.to_f64() + 1e-12 && rate.to_f64() <= hi + 1e-12);
            }
        }
        let _ = observed_funnel(&stages, &deals);
        if let Some(p) = period {
            let _ = quick_rows(&stages, &deals, &p);
        }
    }

    #[test]
    fn quick_forecast_is_total(
        rows in prop::collection::vec((arb_stage(), any::<u64>(), 0u128..=MAX_AMOUNT), 0..10),
        realised in 0u128..=MAX_AMOUNT,
    ) {
        let rows: Vec<QuickRow> = rows
            .into_iter()
            .map(|(stage, open_deals, a)| QuickRow { stage, open_deals, open_amount: int(a) })
            .collect();
        if let Ok(q) = quick_forecast(&default_stages(), &rows, int(realised)) {
            prop_assert!(q.weighted <= int(realised).checked_add(q.open_amount).unwrap());
            prop_assert_eq!(q.stages.len(), 4);
        }
    }
}
