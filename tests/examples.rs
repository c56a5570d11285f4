//! The worked examples of funnel-theory.md opened whole, as a trainer opens
//! them from "Worked examples": each scenario, evaluated as the Plan and
//! Pipeline screens evaluate it, gives the reference's figures exactly.
//! Also: every preset is a valid plan, the three contrast presets contrast,
//! and every preset stage has its four notes in both languages.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use funnel_calculator::domain::{PresetId, RateMode, Ratio, StageKey};
use funnel_calculator::examples::WorkedExample;
use funnel_calculator::i18n::examples::{example_name, example_summary, examples_heading};
use funnel_calculator::i18n::notes::preset_notes;
use funnel_calculator::i18n::{preset_name, stage_name, Lang};
use funnel_calculator::model::{Blocked, Evaluation, PlanInput};
use funnel_calculator::pipeline::{PipelineEval, PipelineInput};

const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn int(n: u128) -> Ratio {
    Ratio::from_int(n)
}

/// The scenario, its Plan evaluation and its Pipeline evaluation.
#[track_caller]
fn open(ex: WorkedExample) -> (PlanInput, PipelineInput, Evaluation, PipelineEval) {
    let (plan, pipeline) = ex.build(today());
    let eval = plan.evaluate(today());
    let pipe = PipelineEval::of(&plan, &eval, &pipeline);
    (plan, pipeline, eval, pipe)
}

/// Required count per planned stage (`None` where unreachable).
#[track_caller]
fn required(eval: &Evaluation) -> Vec<Option<u64>> {
    let plan = eval.plan.as_ref().expect("a plan");
    plan.stages.iter().map(|s| s.required).collect()
}

/// Every input field of the plan reads without a problem.
#[track_caller]
fn no_input_problems(eval: &Evaluation, what: &str) {
    assert!(
        eval.rate_problems.iter().all(Option::is_none),
        "{what}: {:?}",
        eval.rate_problems
    );
    assert!(
        eval.time.dwell_problems.iter().all(Option::is_none),
        "{what}: {:?}",
        eval.time.dwell_problems
    );
    assert_eq!(eval.revenue_problem, None, "{what}");
    assert_eq!(eval.deal_size_problem, None, "{what}");
    assert_eq!(eval.deals_problem, None, "{what}");
    assert_eq!(eval.confidence_problem, None, "{what}");
    assert_eq!(eval.time.weeks_problem, None, "{what}");
    assert_eq!(eval.time.per_rep_problem, None, "{what}");
    assert!(eval.funnel.is_some(), "{what}: the funnel is valid");
}

// The worked examples, one test each.

#[test]
fn example_1_six_deals_need_sixty_prospects() {
    let (plan, _, e, _) = open(WorkedExample::CloseRatio);
    no_input_problems(&e, "example 1");
    assert_eq!(plan.stages.len(), 2, "one open stage and the won stage");
    assert_eq!(e.deals, Ok(6));
    assert_eq!(e.close_ratio(), Ok(Ratio::percent(10)));
    assert_eq!(e.leads(), Ok(60));
    assert_eq!(required(&e), [Some(60), Some(6)]);
}

#[test]
fn example_2_one_order_needs_a_hundred_visits() {
    let (plan, _, e, _) = open(WorkedExample::TwoStep);
    no_input_problems(&e, "example 2");
    // Shown as the example states it: 10 % then 10 % conversion.
    assert_eq!(plan.mode, RateMode::Conversion);
    let rates: Vec<&str> = plan.stages.iter().map(|s| s.rate.as_str()).collect();
    assert_eq!(rates, ["10", "10", "100"]);
    assert_eq!(plan.preset, Some(PresetId::TwoStep));
    assert_eq!(e.close_ratio(), Ok(Ratio::percent(1)));
    assert_eq!(e.deals, Ok(1));
    assert_eq!(e.leads(), Ok(100));
    assert_eq!(required(&e), [Some(100), Some(10), Some(1)]);
}

#[test]
fn example_3_ideal_funnel_from_a_quota() {
    let (plan, _, e, _) = open(WorkedExample::IdealFunnel);
    no_input_problems(&e, "example 3");
    assert_eq!(plan.preset, Some(PresetId::Quota));
    assert_eq!(e.deals, Ok(30));
    assert_eq!(
        required(&e),
        [Some(150), Some(75), Some(60), Some(38), Some(30)]
    );
    assert_eq!(e.leads(), Ok(150));
}

#[test]
fn example_4_small_projects_over_twelve_weeks() {
    let (plan, _, e, _) = open(WorkedExample::SmallProjects);
    no_input_problems(&e, "example 4");
    assert_eq!(plan.preset, Some(PresetId::SmallProjects));
    // Not the planner's default target: 2,400,000 at 20,000 a deal.
    assert_eq!(e.deals, Ok(120));
    assert_eq!(required(&e), [Some(600), Some(343), Some(172), Some(120)]);
    let period = e.time.period.expect("a period");
    assert_eq!(
        period.end - period.start,
        chrono::Duration::days(12 * 7 - 1)
    );
    assert_eq!(period.start, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    assert_eq!(e.time.cycle_days, Some(21), "3 weeks, one per stage");
    let t = e.time.plan.as_ref().expect("a time plan");
    assert_eq!(t.wins_per_week, int(10));
    assert_eq!(t.leads_per_week, int(50));
    assert_eq!(t.reps_needed, Some(10));
    let standing: Vec<u64> = t.ideal.iter().map(|s| s.standing_rounded).collect();
    assert_eq!(standing, [50, 29, 15]);
    // The standard funnel for 2 wins on the same scenario.
    let mut two = plan.clone();
    two.target_by = funnel_calculator::model::TargetBy::Deals;
    two.deals = "2".into();
    assert_eq!(
        required(&two.evaluate(today())),
        [Some(10), Some(6), Some(3), Some(2)]
    );
}

#[test]
fn example_5_fifty_in_intent_give_fifteen_deals() {
    let (_, _, e, p) = open(WorkedExample::IntentStage);
    no_input_problems(&e, "example 5");
    let q = p.quick.result.as_ref().expect("a quick forecast");
    assert!(!p.quick.from_deals);
    assert_eq!(q.stages[0].open_deals, 50);
    assert_eq!(q.stages[0].win_rate, Ratio::percent(30));
    assert_eq!(q.stages[0].expected_wins, int(15));
    assert_eq!(q.expected_wins, int(15));
    // Times the average order of 20,000: 300,000.
    assert_eq!(q.weighted, int(300_000));
    let f = p.forecast.as_ref().expect("a forecast");
    assert_eq!(f.weighted, Ok(int(300_000)));
    // The plan says the same the other way round: 15 deals need 50.
    assert_eq!(e.deals, Ok(15));
    assert_eq!(e.leads(), Ok(50));
}

#[test]
fn example_6_weighted_forecast() {
    let (plan, _, e, p) = open(WorkedExample::WeightedForecast);
    let rates: Vec<&str> = plan.stages.iter().map(|s| s.rate.as_str()).collect();
    assert_eq!(rates, ["0", "10", "20", "30", "50", "70", "100"]);
    // The 0 % top stage makes the plan unreachable, as the reference says;
    // it is a warning at that field, not an input error.
    assert_eq!(e.leads(), Err(Blocked::Unreachable));
    assert!(e.plan.as_ref().is_ok_and(|p| p.is_unreachable()));
    assert_eq!(
        required(&e)[1..],
        [Some(150), Some(75), Some(50), Some(30), Some(22), Some(15)]
    );
    let q = p.quick.result.as_ref().expect("a quick forecast");
    let weighted: Vec<Ratio> = q.stages.iter().map(|s| s.weighted).collect();
    assert_eq!(
        weighted,
        [0, 80_000, 120_000, 150_000, 200_000, 210_000].map(int)
    );
    assert_eq!(q.open_deals, 36);
    assert_eq!(q.open_amount, int(3_600_000));
    assert_eq!(q.weighted_open, int(760_000));
    assert_eq!(q.realised, int(250_000));
    assert_eq!(q.weighted, int(1_010_000));
    let f = p.forecast.as_ref().expect("a forecast");
    assert_eq!(f.realised, Ok(int(250_000)));
    assert_eq!(f.weighted, Ok(int(1_010_000)));
}

#[test]
fn example_7_a_hundred_prospects_give_five_to_fifteen_buyers() {
    let (mut plan, pipeline, e, p) = open(WorkedExample::TypicalCloseRates);
    no_input_problems(&e, "example 7");
    assert_eq!(e.deals, Ok(10));
    assert_eq!(e.leads(), Ok(100));
    let q = p.quick.result.as_ref().expect("a quick forecast");
    assert_eq!(q.expected_wins, int(10));
    // The ends of the typical range, on the same scenario.
    let id = plan.stages[0].id;
    for (rate, buyers) in [("5", 5), ("15", 15)] {
        plan.set_rate(id, rate.into());
        let e = plan.evaluate(today());
        let p = PipelineEval::of(&plan, &e, &pipeline);
        let q = p.quick.result.as_ref().expect("a quick forecast");
        assert_eq!(q.expected_wins, int(buyers), "at {rate} %");
    }
}

#[test]
fn examples_are_listed_named_and_parsed() {
    let all = WorkedExample::all();
    let numbers: Vec<u8> = all.iter().map(|e| e.number()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    for lang in LANGS {
        assert!(!examples_heading(lang).is_empty());
        let mut names: Vec<&str> = all.iter().map(|&e| example_name(lang, e)).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 7, "{lang:?}: names are distinct");
        for ex in all {
            let prefix = match lang {
                Lang::En => format!("Example {} · ", ex.number()),
                Lang::Zh => format!("例 {} · ", ex.number()),
            };
            assert!(example_name(lang, ex).starts_with(&prefix), "{ex:?}");
            assert!(!example_summary(lang, ex).is_empty());
        }
    }
    for ex in all {
        assert_eq!(WorkedExample::parse(ex.as_str()), Some(ex));
    }
    assert_eq!(WorkedExample::parse("example-8"), None);
    assert_eq!(
        example_name(Lang::En, WorkedExample::IdealFunnel),
        "Example 3 · Ideal funnel from a quota"
    );
    assert_eq!(
        example_name(Lang::Zh, WorkedExample::IdealFunnel),
        "例 3 · 由配额推算理想漏斗"
    );
}

#[test]
fn example_scenarios_have_unique_stage_ids() {
    for ex in WorkedExample::all() {
        let (plan, _) = ex.build(today());
        let mut ids: Vec<u32> = plan.stages.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), plan.stages.len(), "{ex:?}");
        assert!(ids.iter().all(|&id| id > 0 && id < plan.next_id), "{ex:?}");
    }
}

// The presets.

/// The plan with a preset applied to the planner's default target (30 deals
/// in the next quarter).
#[track_caller]
fn preset_eval(preset: PresetId) -> Evaluation {
    let mut plan = PlanInput::default();
    plan.apply_preset(preset);
    plan.evaluate(today())
}

#[test]
fn every_preset_is_a_valid_plan() {
    for preset in PresetId::ALL {
        for mode in [RateMode::WinRate, RateMode::Conversion] {
            // A preset writes its rates in the funnel's current mode.
            let mut plan = PlanInput {
                mode,
                ..PlanInput::default()
            };
            plan.apply_preset(preset);
            let e = plan.evaluate(today());
            let what = format!("{preset:?} {mode:?}");
            no_input_problems(&e, &what);
            assert_eq!(e.leads().map(|n| n > 0), Ok(true), "{what}");
            assert!(e.time.cycle_days.is_some_and(|d| d > 0), "{what}");
            assert!(e.time.plan.is_ok(), "{what}: {:?}", e.time.plan);
        }
        assert_eq!(PresetId::parse(preset.as_str()), Some(preset));
    }
}

#[test]
fn preset_names_are_distinct_in_both_languages() {
    for lang in LANGS {
        let mut names: Vec<&str> = PresetId::ALL
            .iter()
            .map(|&p| preset_name(lang, p))
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PresetId::ALL.len(), "{lang:?}");
    }
    assert_eq!(
        preset_name(Lang::En, PresetId::Tube),
        "Straight tube (one big deal a year)"
    );
    assert_eq!(
        preset_name(Lang::Zh, PresetId::Tube),
        "直桶型（一年一个大单）"
    );
}

#[test]
fn the_contrast_presets_have_the_planned_figures() {
    // 30 deals: ⌈30 ÷ p_k⌉ per stage.
    let wide = preset_eval(PresetId::Wide);
    assert_eq!(
        required(&wide),
        [
            Some(1500),
            Some(750),
            Some(375),
            Some(200),
            Some(100),
            Some(30)
        ]
    );
    assert_eq!(wide.time.cycle_days, Some(63));
    let niche = preset_eval(PresetId::Niche);
    assert_eq!(required(&niche), [Some(75), Some(50), Some(38), Some(30)]);
    assert_eq!(niche.time.cycle_days, Some(35));
    let tube = preset_eval(PresetId::Tube);
    assert_eq!(
        required(&tube),
        [Some(50), Some(43), Some(38), Some(34), Some(30)]
    );
    assert_eq!(tube.time.cycle_days, Some(330));
}

#[test]
fn the_contrast_presets_contrast() {
    let [wide, niche, tube] = [PresetId::Wide, PresetId::Niche, PresetId::Tube].map(preset_eval);
    let leads = |e: &Evaluation| e.leads().unwrap();
    let cycle = |e: &Evaluation| e.time.cycle_days.unwrap();
    let ratio = |e: &Evaluation| e.close_ratio().unwrap();
    let stages = |e: &Evaluation| e.plan.as_ref().unwrap().stages.len();
    let standing = |e: &Evaluation| -> u64 {
        let t = e.time.plan.as_ref().unwrap();
        t.ideal.iter().map(|s| s.standing_rounded).sum()
    };
    // Same target: the wide funnel needs by far the most leads, the tube the fewest.
    assert!(leads(&wide) >= 10 * leads(&niche));
    assert!(leads(&niche) > leads(&tube));
    // Wide has many stages and a low top win rate; niche few and high.
    assert!(stages(&wide) > stages(&niche));
    assert!(ratio(&wide) < ratio(&niche) && ratio(&niche) < ratio(&tube));
    // The article's "A" funnel takes longer than the niche "B"; the tube,
    // one deal a year, longest of all.
    assert!(cycle(&niche) < cycle(&wide));
    assert!(cycle(&tube) > 300 && cycle(&tube) > 4 * cycle(&wide));
    // A straight tube: every stage holds nearly as many as the won stage
    // (top ÷ won under 2), while the wide funnel's top is 50 times its bottom.
    let shape = |e: &Evaluation| {
        let r = required(e);
        r.first().copied().flatten().unwrap() as f64 / r.last().copied().flatten().unwrap() as f64
    };
    assert!(shape(&tube) < 2.0);
    assert!(shape(&niche) < 3.0);
    assert!(shape(&wide) >= 50.0);
    // The tube's win rates lie close together: 60 % to 90 % over its open stages.
    let open = |e: &Evaluation| -> Vec<Ratio> {
        let p = e.plan.as_ref().unwrap();
        p.stages.iter().map(|s| s.win_rate).collect()
    };
    assert_eq!(open(&tube)[0], Ratio::percent(60));
    // The standing funnel: the wide one holds more than the niche one.
    assert!(
        standing(&wide) > 5 * standing(&niche),
        "{} {}",
        standing(&wide),
        standing(&niche)
    );
}

// The notes.

/// Every stage key a preset or a worked example uses.
fn all_used_keys() -> Vec<StageKey> {
    let mut keys: Vec<StageKey> = PresetId::ALL
        .iter()
        .flat_map(|p| p.stages().iter().map(|s| s.key))
        .collect();
    for ex in WorkedExample::all() {
        let (plan, _) = ex.build(today());
        keys.extend(plan.stages.iter().filter_map(|s| s.key));
    }
    let mut unique = Vec::new();
    for k in keys {
        if !unique.contains(&k) {
            unique.push(k);
        }
    }
    unique
}

#[test]
fn every_preset_stage_has_four_notes_in_both_languages() {
    let keys = all_used_keys();
    assert!(keys.len() >= 30, "{}", keys.len());
    for key in keys {
        let en = preset_notes(Lang::En, key).unwrap_or_else(|| panic!("{key:?}: English notes"));
        let zh = preset_notes(Lang::Zh, key).unwrap_or_else(|| panic!("{key:?}: Chinese notes"));
        for (e, z) in en.iter().zip(&zh) {
            assert!(!e.trim().is_empty() && !z.trim().is_empty(), "{key:?}");
            assert!(e.chars().count() <= 80, "{key:?}: {e:?} is longer than 80");
            assert!(z.chars().count() <= 40, "{key:?}: {z:?} is longer than 40");
            assert!(!e.contains('\n') && !z.contains('\n'), "{key:?}: one line");
            assert!(e.is_ascii(), "{key:?}: {e:?} English is plain text");
            assert!(
                z.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{key:?}: {z:?} is Chinese"
            );
        }
        assert!(!stage_name(Lang::En, key).is_empty());
        assert!(!stage_name(Lang::Zh, key).is_empty());
    }
}

#[test]
fn notes_follow_the_seed_wording() {
    // 培养和识别: "识别或培养其为合格线索".
    let [purpose, ..] = preset_notes(Lang::Zh, StageKey::Identify).unwrap();
    assert!(purpose.contains("识别或培养其为合格线索"));
    // An opportunity rests on an account, a timetable and an amount.
    let [purpose, ..] = preset_notes(Lang::Zh, StageKey::Opportunity).unwrap();
    assert!(purpose.contains("以客户、时效、合同额为基础"));
    let [purpose, milestone, evidence, actions] =
        preset_notes(Lang::En, StageKey::QuoteContract).unwrap();
    assert_eq!(
        purpose,
        "Submit the quote or contract for the customer's review"
    );
    assert_eq!(milestone, "The customer signs the contract");
    assert!(!evidence.is_empty() && !actions.is_empty());
}
