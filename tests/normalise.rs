//! Normalisation of every state loaded from outside (a save, a share link,
//! a JSON file): ids unique with the next id above them, renumbered when
//! they leave no room; every field held to a typed value's limits. Each
//! cap is tested at and beside its limit. The fuzz targets (fuzz/) check
//! the same on arbitrary input; these are the cases written out.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use funnel_calculator::domain::limits::{MAX_NAME_CHARS, MAX_STAGES};
use funnel_calculator::domain::number::MAX_AMOUNT;
use funnel_calculator::domain::{Deal, Ratio};
use funnel_calculator::model::{
    PlanInput, StageNotes, MAX_FIELD_CHARS, MAX_LOADED_ID, MAX_NOTE_CHARS,
};
use funnel_calculator::pipeline::{PipelineInput, QuickInput, MAX_DEALS, MAX_QUICK_ENTRIES};
use funnel_calculator::scenario::{Scenario, Scenarios, MAX_SCENARIOS};
use funnel_calculator::scenario_file::{decode_scenario, encode_scenario};
use funnel_calculator::storage::{self, Saved};
use std::sync::Arc;

fn ids(plan: &PlanInput) -> Vec<u32> {
    plan.stages.iter().map(|s| s.id).collect()
}

fn deal(id: u32, stage: u32) -> Deal {
    Deal {
        id,
        name: format!("deal {id}"),
        stage,
        amount: Some(Ratio::from_int(1000)),
        ..Deal::default()
    }
}

/// Loads a save the way the app does: the main key, then its deal list.
fn load(main: &str, deals: Option<&PipelineInput>) -> Scenarios {
    let mut saved = storage::decode(main).unwrap();
    if let Some(p) = deals {
        saved.pipeline = storage::decode_pipeline(&storage::encode_pipeline(p)).unwrap();
    }
    saved.scenarios()
}

fn open_plan(s: &Scenarios) -> &PlanInput {
    &s.get(s.active()).unwrap().plan
}

// ---------------------------------------------------------------------------
// Ids

#[test]
fn a_save_with_the_last_stage_id_still_adds_stages() {
    // The reported bug: "Add stage" worked once, then silently did nothing.
    let main = r#"{"version":2,"plan":{"stages":[{"id":1,"rate":"20"},{"id":2,"rate":"100"}],"next_id":4294967295}}"#;
    let scenarios = load(main, None);
    let mut plan = open_plan(&scenarios).clone();
    assert_eq!(ids(&plan), [1, 2], "ids in use are kept");
    assert_eq!(plan.next_id, 3, "the next id sits just above them");
    let a = plan.add_stage("a".into()).unwrap();
    let b = plan.add_stage("b".into()).unwrap();
    let c = plan.add_stage("c".into()).unwrap();
    assert_eq!((a, b, c), (3, 4, 5));
    assert_eq!(plan.stages.len(), 5);
}

#[test]
fn stage_ids_at_the_top_are_renumbered_and_deals_follow() {
    let main = r#"{"version":2,"plan":{"stages":[{"id":4294967295,"rate":"20"},{"id":7,"rate":"50"},{"id":4294967294,"rate":"100"}],"next_id":4294967295}}"#;
    let deals = PipelineInput {
        deals: Arc::new(vec![
            deal(1, 4_294_967_295),
            deal(2, 7),
            deal(3, 4_294_967_294),
        ]),
        quick: vec![QuickInput {
            stage: 4_294_967_294,
            open_deals: "3".into(),
            open_amount: String::new(),
        }],
        next_id: 4,
        ..PipelineInput::default()
    };
    let scenarios = load(main, Some(&deals));
    let s = scenarios.get(scenarios.active()).unwrap();
    assert_eq!(ids(&s.plan), [1, 2, 3]);
    assert_eq!(s.plan.next_id, 4);
    let stages: Vec<u32> = s.pipeline.deals.iter().map(|d| d.stage).collect();
    assert_eq!(stages, [1, 2, 3], "each deal stays in its stage");
    assert_eq!(s.pipeline.quick[0].stage, 3);
    let mut plan = s.plan.clone();
    assert_eq!(plan.add_stage("x".into()), Some(4));
    assert_eq!(plan.add_stage("y".into()), Some(5));
}

#[test]
fn ids_up_to_the_limit_are_kept_beyond_it_renumbered() {
    let mut plan = PlanInput::default();
    plan.stages.truncate(2);
    plan.stages[0].id = 5;
    plan.stages[1].id = MAX_LOADED_ID;
    plan.next_id = 0;
    assert!(plan.sanitise().is_empty());
    assert_eq!(ids(&plan), [5, MAX_LOADED_ID]);
    assert_eq!(plan.next_id, MAX_LOADED_ID + 1);
    assert_eq!(plan.add_stage("x".into()), Some(MAX_LOADED_ID + 1));

    let mut plan = PlanInput::default();
    plan.stages.truncate(2);
    plan.stages[0].id = 5;
    plan.stages[1].id = MAX_LOADED_ID + 1;
    assert_eq!(plan.sanitise(), [(5, 1), (MAX_LOADED_ID + 1, 2)]);
    assert_eq!(ids(&plan)[..2], [1, 2]);
    // A next id beyond the limit with small ids: just above them.
    plan.next_id = MAX_LOADED_ID + 2;
    plan.sanitise();
    assert_eq!(plan.next_id, 3);
    // A next id below the limit and above the ids is kept: deleted ids stay unused.
    plan.next_id = 40;
    plan.sanitise();
    assert_eq!(plan.next_id, 40);
}

/// Found by the `saved_state` fuzz target: repeated ids just below the
/// limit were given fresh ids above it, so a second load renumbered them
/// all (a save no longer read back as itself).
#[test]
fn fresh_ids_that_would_pass_the_limit_renumber_at_once() {
    let sc = |id: u32| Scenario {
        id,
        name: format!("s{id}"),
        plan: PlanInput::default(),
        pipeline: PipelineInput::default(),
    };
    let list = vec![
        sc(MAX_LOADED_ID - 1),
        sc(MAX_LOADED_ID),
        sc(3),
        sc(0),
        sc(0),
    ];
    let once = Scenarios::from_parts(list, MAX_LOADED_ID - 1, 0);
    let got: Vec<u32> = once.list().iter().map(|s| s.id).collect();
    assert_eq!(got, [1, 2, 3, 4, 5]);
    assert_eq!(once.active(), 1);
    let again = Scenarios::from_parts(once.list().to_vec(), once.active(), once.next_id());
    assert_eq!(again, once);
    let mut plan = PlanInput::default();
    for (s, id) in plan
        .stages
        .iter_mut()
        .zip([MAX_LOADED_ID, MAX_LOADED_ID, 1, 2, 3])
    {
        s.id = id;
    }
    let renames = plan.sanitise();
    assert_eq!(ids(&plan), [1, 2, 3, 4, 5]);
    assert_eq!(
        renames,
        [
            (MAX_LOADED_ID, 1),
            (MAX_LOADED_ID, 2),
            (1, 3),
            (2, 4),
            (3, 5)
        ]
    );
    let mut p = PipelineInput {
        deals: Arc::new(vec![deal(1, MAX_LOADED_ID), deal(2, 1), deal(3, 3)]),
        ..PipelineInput::default()
    };
    p.rename_stages(&renames);
    let stages: Vec<u32> = p.deals.iter().map(|d| d.stage).collect();
    assert_eq!(stages, [1, 3, 5], "each deal stays in its stage");
}

#[test]
fn duplicate_and_zero_stage_ids_get_fresh_ones_and_deals_stay() {
    let mut plan = PlanInput::default();
    for (s, id) in plan.stages.iter_mut().zip([3, 3, 0, 9, 9]) {
        s.id = id;
    }
    plan.next_id = 2;
    let renames = plan.sanitise();
    assert_eq!(ids(&plan), [3, 10, 11, 9, 12]);
    assert_eq!(plan.next_id, 13);
    // The first stage with an id keeps it, and its deals.
    assert_eq!(renames, [(0, 11)]);
    let mut p = PipelineInput {
        deals: Arc::new(vec![deal(1, 3), deal(2, 9)]),
        ..PipelineInput::default()
    };
    p.rename_stages(&renames);
    assert_eq!(p.deals[0].stage, 3);
    assert_eq!(p.deals[1].stage, 9);
}

#[test]
fn duplicate_zero_and_top_deal_ids() {
    let mut p = PipelineInput {
        deals: Arc::new(vec![deal(4, 1), deal(4, 1), deal(0, 1), deal(2, 1)]),
        next_id: 1,
        ..PipelineInput::default()
    };
    p.sanitise();
    let got: Vec<u32> = p.deals.iter().map(|d| d.id).collect();
    assert_eq!(got, [4, 5, 6, 2]);
    assert_eq!(p.next_id, 7);
    assert_eq!(p.add_deal(deal(0, 1)), Some(7));

    let mut p = PipelineInput {
        deals: Arc::new(vec![deal(u32::MAX, 1), deal(3, 1)]),
        next_id: u32::MAX,
        ..PipelineInput::default()
    };
    p.sanitise();
    let got: Vec<u32> = p.deals.iter().map(|d| d.id).collect();
    assert_eq!(got, [1, 2]);
    assert_eq!(p.add_deal(deal(0, 1)), Some(3));
    assert_eq!(p.add_deal(deal(0, 1)), Some(4));
}

#[test]
fn duplicate_zero_and_top_scenario_ids() {
    let sc = |id: u32| Scenario {
        id,
        name: format!("s{id}"),
        plan: PlanInput::default(),
        pipeline: PipelineInput::default(),
    };
    let s = Scenarios::from_parts(vec![sc(2), sc(2), sc(0)], 2, 1);
    let got: Vec<u32> = s.list().iter().map(|s| s.id).collect();
    assert_eq!(got, [2, 3, 4]);
    assert_eq!(s.active(), 2);
    assert_eq!(s.next_id(), 5);

    let mut s = Scenarios::from_parts(vec![sc(u32::MAX), sc(8)], 8, u32::MAX);
    let got: Vec<u32> = s.list().iter().map(|s| s.id).collect();
    assert_eq!(got, [1, 2]);
    assert_eq!(s.active(), 2, "the open scenario stays open");
    assert_eq!(s.get(1).unwrap().name, format!("s{}", u32::MAX));
    let a = s.add("a", PlanInput::default(), PipelineInput::default());
    let b = s.add("b", PlanInput::default(), PipelineInput::default());
    assert_eq!((a, b), (Some(3), Some(4)));
}

#[test]
fn a_v1_save_with_the_last_ids_loads_usable() {
    let main = r#"{"version":1,"active":4294967295,"next_scenario":4294967295,"plan":{"stages":[{"id":4294967295,"rate":"100"}],"next_id":4294967295}}"#;
    let deals = PipelineInput {
        deals: Arc::new(vec![deal(u32::MAX, u32::MAX)]),
        next_id: u32::MAX,
        ..PipelineInput::default()
    };
    let mut s = load(main, Some(&deals));
    assert_eq!(s.active(), 1);
    let open = s.get(1).unwrap();
    assert_eq!(ids(&open.plan), [1]);
    assert_eq!(open.pipeline.deals[0].id, 1);
    assert_eq!(open.pipeline.deals[0].stage, 1);
    assert_eq!(
        s.add("b", PlanInput::default(), PipelineInput::default()),
        Some(2)
    );
}

#[test]
fn a_file_or_link_with_the_last_ids_opens_usable() {
    let mut plan = PlanInput::default();
    for (s, id) in plan.stages.iter_mut().zip((0..5).map(|i| u32::MAX - 4 + i)) {
        s.id = id;
    }
    plan.next_id = u32::MAX;
    let text = encode_scenario("x", &plan, &[deal(u32::MAX, u32::MAX - 1)]);
    let mut got = decode_scenario(&text).unwrap();
    assert_eq!(ids(&got.plan), [1, 2, 3, 4, 5]);
    assert_eq!(got.deals[0].stage, 4, "the deal stays in its stage");
    assert_eq!(got.deals[0].id, 1);
    assert_eq!(got.plan.add_stage("a".into()), Some(6));
}

// ---------------------------------------------------------------------------
// Caps, each at and beside its limit

#[test]
fn stage_count_cap() {
    for n in [MAX_STAGES - 1, MAX_STAGES, MAX_STAGES + 1] {
        let mut plan = PlanInput::default();
        let one = plan.stages[0].clone();
        plan.stages = (1..=n as u32)
            .map(|id| {
                let mut s = one.clone();
                s.id = id;
                s
            })
            .collect();
        plan.sanitise();
        assert_eq!(plan.stages.len(), n.min(MAX_STAGES));
    }
    let mut plan = PlanInput::default();
    plan.stages.clear();
    plan.sanitise();
    assert_eq!(
        plan,
        PlanInput::default(),
        "no stage gives the default funnel"
    );
}

#[test]
fn text_caps() {
    let long = |n: usize| "字".repeat(n);
    for n in [MAX_NAME_CHARS - 1, MAX_NAME_CHARS, MAX_NAME_CHARS + 1] {
        let mut plan = PlanInput::default();
        plan.stages[0].name = long(n);
        plan.sanitise();
        assert_eq!(plan.stages[0].name.chars().count(), n.min(MAX_NAME_CHARS));
        let mut p = PipelineInput {
            deals: Arc::new(vec![Deal {
                name: long(n),
                account: long(n),
                ..deal(1, 1)
            }]),
            ..PipelineInput::default()
        };
        p.sanitise();
        assert_eq!(p.deals[0].name.chars().count(), n.min(MAX_NAME_CHARS));
        assert_eq!(p.deals[0].account.chars().count(), n.min(MAX_NAME_CHARS));
        let s = Scenarios::from_parts(
            vec![Scenario {
                id: 1,
                name: long(n),
                plan: PlanInput::default(),
                pipeline: PipelineInput::default(),
            }],
            1,
            2,
        );
        assert_eq!(s.list()[0].name.chars().count(), n.min(MAX_NAME_CHARS));
    }
    for n in [MAX_NOTE_CHARS - 1, MAX_NOTE_CHARS, MAX_NOTE_CHARS + 1] {
        let mut plan = PlanInput::default();
        let t = long(n);
        plan.stages[0].notes = Some(StageNotes {
            purpose: t.clone(),
            milestone: t.clone(),
            evidence: t.clone(),
            actions: t,
        });
        plan.sanitise();
        let notes = plan.stages[0].notes.as_ref().unwrap();
        for t in [
            &notes.purpose,
            &notes.milestone,
            &notes.evidence,
            &notes.actions,
        ] {
            assert_eq!(t.chars().count(), n.min(MAX_NOTE_CHARS));
        }
    }
    for n in [MAX_FIELD_CHARS - 1, MAX_FIELD_CHARS, MAX_FIELD_CHARS + 1] {
        let mut plan = PlanInput::default();
        plan.stages[0].rate = long(n);
        plan.stages[0].dwell = long(n);
        plan.revenue = long(n);
        plan.today = long(n);
        plan.leads_per_rep = long(n);
        plan.sanitise();
        for t in [
            &plan.stages[0].rate,
            &plan.stages[0].dwell,
            &plan.revenue,
            &plan.today,
            &plan.leads_per_rep,
        ] {
            assert_eq!(t.chars().count(), n.min(MAX_FIELD_CHARS));
        }
        let mut p = PipelineInput {
            quick: vec![QuickInput {
                stage: 1,
                open_deals: long(n),
                open_amount: long(n),
            }],
            quick_won: long(n),
            ..PipelineInput::default()
        };
        p.sanitise();
        assert_eq!(
            p.quick[0].open_deals.chars().count(),
            n.min(MAX_FIELD_CHARS)
        );
        assert_eq!(
            p.quick[0].open_amount.chars().count(),
            n.min(MAX_FIELD_CHARS)
        );
        assert_eq!(p.quick_won.chars().count(), n.min(MAX_FIELD_CHARS));
    }
}

#[test]
fn exact_rate_cap() {
    for (exact, kept) in [
        (Ratio::ONE, true),
        (Ratio::new(999_999, 1_000_000).unwrap(), true),
        (Ratio::new(1_000_001, 1_000_000).unwrap(), false),
        (Ratio::from_int(5), false),
    ] {
        let mut plan = PlanInput::default();
        plan.stages[0].exact = Some(exact);
        plan.sanitise();
        assert_eq!(plan.stages[0].exact.is_some(), kept, "{exact:?}");
    }
    // A crafted exact value can no longer pass for the field's text: 500 %.
    let mut plan = PlanInput::default();
    plan.stages[0].rate = "500".into();
    plan.stages[0].exact = Some(Ratio::from_int(5));
    plan.sanitise();
    assert!(plan.stages[0].parsed_rate().is_err());
}

#[test]
fn deal_count_cap() {
    for n in [MAX_DEALS - 1, MAX_DEALS, MAX_DEALS + 1] {
        let mut p = PipelineInput {
            deals: Arc::new((1..=n as u32).map(|id| deal(id, 1)).collect()),
            ..PipelineInput::default()
        };
        p.sanitise();
        assert_eq!(p.deals.len(), n.min(MAX_DEALS));
        assert_eq!(p.add_deal(deal(0, 1)).is_some(), n < MAX_DEALS);
    }
}

#[test]
fn quick_entry_cap_and_duplicates() {
    for n in [
        MAX_QUICK_ENTRIES - 1,
        MAX_QUICK_ENTRIES,
        MAX_QUICK_ENTRIES + 1,
    ] {
        let mut p = PipelineInput {
            quick: (1..=n as u32)
                .map(|stage| QuickInput {
                    stage,
                    ..QuickInput::default()
                })
                .collect(),
            ..PipelineInput::default()
        };
        p.sanitise();
        assert_eq!(p.quick.len(), n.min(MAX_QUICK_ENTRIES));
    }
    let q = |stage, deals: &str| QuickInput {
        stage,
        open_deals: deals.into(),
        open_amount: String::new(),
    };
    let mut p = PipelineInput {
        quick: vec![q(1, "3"), q(1, "4"), q(2, "5")],
        ..PipelineInput::default()
    };
    p.sanitise();
    assert_eq!(
        p.quick,
        [q(1, "3"), q(2, "5")],
        "the first entry of a stage counts"
    );
}

#[test]
fn scenario_count_cap() {
    for n in [MAX_SCENARIOS - 1, MAX_SCENARIOS, MAX_SCENARIOS + 1] {
        let list = (1..=n as u32)
            .map(|id| Scenario {
                id,
                name: String::new(),
                plan: PlanInput::default(),
                pipeline: PipelineInput::default(),
            })
            .collect();
        let mut s = Scenarios::from_parts(list, 1, 0);
        assert_eq!(s.list().len(), n.min(MAX_SCENARIOS));
        let added = s.add("x", PlanInput::default(), PipelineInput::default());
        assert_eq!(added.is_some(), n < MAX_SCENARIOS);
    }
}

#[test]
fn deal_value_caps() {
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let max = Ratio::from_int(MAX_AMOUNT);
    let tiny = Ratio::new(1, 10_000).unwrap();
    let cases = [
        (Some(max), Some(Ratio::ONE), date(1900, 1, 1), true),
        (
            max.checked_sub(tiny),
            Some(Ratio::ZERO),
            date(2199, 12, 31),
            true,
        ),
        (
            max.checked_add(tiny),
            Ratio::new(10_001, 10_000),
            date(1899, 12, 31),
            false,
        ),
        (
            Some(Ratio::ZERO),
            Some(Ratio::from_int(2)),
            date(2200, 1, 1),
            false,
        ),
    ];
    for (amount, probability, day, kept) in cases {
        let mut p = PipelineInput {
            deals: Arc::new(vec![Deal {
                amount,
                probability,
                close: day,
                in_stage_since: day,
                created: day,
                ..deal(1, 1)
            }]),
            ..PipelineInput::default()
        };
        p.sanitise();
        let d = &p.deals[0];
        let want = |v: Option<Ratio>| if kept { v } else { None };
        assert_eq!(d.amount, want(amount), "{amount:?}");
        assert_eq!(d.probability, want(probability));
        let day = if kept { day } else { None };
        assert_eq!((d.close, d.in_stage_since, d.created), (day, day, day));
    }
}

// ---------------------------------------------------------------------------
// Every load path, and once is enough

#[test]
fn normalising_twice_changes_nothing() {
    let main = r#"{"version":2,"active":9,"next_scenario":3,"plan":{"stages":[{"id":0},{"id":0},{"id":4294967295}],"next_id":1},
        "scenarios":[{"id":9,"name":"a"},{"id":9,"name":"b","plan":{"stages":[{"id":2},{"id":2}]}}]}"#;
    let once = load(main, None);
    let again = Scenarios::from_parts(once.list().to_vec(), once.active(), once.next_id());
    assert_eq!(again, once);
    let saved = Saved::of(Default::default(), &once);
    let mut back = storage::decode(&storage::encode(&saved)).unwrap();
    back.pipeline = once.get(once.active()).unwrap().pipeline.clone();
    assert_eq!(back.scenarios(), once);
}

#[test]
fn a_currency_intl_would_refuse_falls_back_to_the_default() {
    for (loaded, kept) in [
        ("CNY", "CNY"),
        ("usd", "USD"),
        (" eur ", "EUR"),
        ("ZZZ", "ZZZ"),
        ("", "USD"),
        ("XYZ1", "USD"),
        ("US", "USD"),
        ("USDX", "USD"),
        ("¥", "USD"),
        ("<img>", "USD"),
    ] {
        let mut plan = PlanInput {
            currency: loaded.into(),
            ..PlanInput::default()
        };
        plan.sanitise();
        assert_eq!(plan.currency, kept, "{loaded:?}");
        plan.sanitise();
        assert_eq!(plan.currency, kept, "idempotent for {loaded:?}");
    }
}

#[test]
fn a_renumbered_save_is_written_again_whole() {
    // The main key and the deal lists are saved apart: after a renumbering
    // the app writes them all at once, or the deals keep the old ids.
    let decode = |main: &str| storage::decode(main).unwrap();
    let fresh = Saved::default();
    assert!(
        !fresh.renumbered(&fresh.scenarios()),
        "a first visit writes nothing"
    );
    let plain = decode(
        r#"{"version":2,"plan":{"stages":[{"id":1,"rate":"20"},{"id":2,"rate":"100"}],"next_id":4294967295}}"#,
    );
    assert!(
        !plain.renumbered(&plain.scenarios()),
        "only the next id moved"
    );
    let stages = decode(
        r#"{"version":2,"plan":{"stages":[{"id":4294967295,"rate":"20"},{"id":7,"rate":"100"}]}}"#,
    );
    assert!(stages.renumbered(&stages.scenarios()));
    let mut deals =
        decode(r#"{"version":2,"plan":{"stages":[{"id":1,"rate":"20"},{"id":2,"rate":"100"}]}}"#);
    deals.pipeline = PipelineInput {
        deals: Arc::new(vec![deal(u32::MAX, 1), deal(3, 2)]),
        next_id: u32::MAX,
        ..PipelineInput::default()
    };
    assert!(deals.renumbered(&deals.scenarios()));
    let scenarios = decode(
        r#"{"version":2,"active":4294967295,"next_scenario":4294967295,"scenarios":[{"id":4294967295,"name":"a"},{"id":3,"name":"b","plan":{"stages":[{"id":1,"rate":"100"}]}}],"plan":{"stages":[{"id":1,"rate":"100"}]}}"#,
    );
    assert!(scenarios.renumbered(&scenarios.scenarios()));
}
