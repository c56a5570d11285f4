#![cfg(not(target_arch = "wasm32"))]
//! Scenarios as a plain type, their save (version 2) and the migration of a
//! version 1 save, and the stage notes' old and new shapes.

use funnel_calculator::domain::PresetId;
use funnel_calculator::model::{NoteKind, PlanInput, StageNotes, MAX_NOTE_CHARS};
use funnel_calculator::pipeline::PipelineInput;
use funnel_calculator::scenario::{Scenario, Scenarios, MAX_SCENARIOS};
use funnel_calculator::storage::{
    decode, encode, pipeline_key, scenario_of_pipeline_key, Saved, PIPELINE_KEY, VERSION,
};

fn plan(preset: PresetId) -> PlanInput {
    let mut p = PlanInput::default();
    p.apply_preset(preset);
    p
}

fn scenario(id: u32, name: &str) -> Scenario {
    Scenario {
        id,
        name: name.into(),
        plan: PlanInput::default(),
        pipeline: PipelineInput::default(),
    }
}

#[track_caller]
fn ids(s: &Scenarios) -> Vec<u32> {
    s.list().iter().map(|x| x.id).collect()
}

#[test]
fn adding_goes_after_the_open_one_and_opens_it() {
    let mut s = Scenarios::default();
    let b = s
        .add("B", plan(PresetId::B2b), PipelineInput::default())
        .unwrap();
    s.open(1);
    let c = s
        .add("C", plan(PresetId::Niche), PipelineInput::default())
        .unwrap();
    assert_eq!(ids(&s), vec![1, c, b]);
    assert_eq!(s.active(), c);
    assert_eq!(s.number(b), Some(3));
}

#[test]
fn the_last_scenario_stays_and_deleting_the_open_one_opens_a_neighbour() {
    let mut s = Scenarios::default();
    assert!(!s.remove(1), "the only scenario cannot go");
    let b = s
        .add("B", PlanInput::default(), PipelineInput::default())
        .unwrap();
    let c = s
        .add("C", PlanInput::default(), PipelineInput::default())
        .unwrap();
    s.open(b);
    assert!(s.remove(b));
    assert_eq!(s.active(), c, "the one after it");
    assert!(s.remove(c));
    assert_eq!(s.active(), 1, "else the one before");
    assert!(!s.remove(99));
}

#[test]
fn the_list_holds_at_most_max_scenarios() {
    let mut s = Scenarios::default();
    for _ in 1..MAX_SCENARIOS {
        assert!(s
            .add("", PlanInput::default(), PipelineInput::default())
            .is_some());
    }
    assert_eq!(s.list().len(), MAX_SCENARIOS);
    assert_eq!(
        s.add("one more", PlanInput::default(), PipelineInput::default()),
        None
    );
}

#[test]
fn scenarios_from_outside_are_normalised() {
    // Zero and repeated ids, a next id at the top of the range, a missing
    // open scenario, a name too long.
    let long = "名".repeat(500);
    let s = Scenarios::from_parts(
        vec![
            scenario(0, "zero"),
            scenario(7, &long),
            scenario(7, "again"),
        ],
        42,
        u32::MAX,
    );
    let got = ids(&s);
    assert_eq!(got.len(), 3);
    let mut unique = got.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 3, "ids made unique: {got:?}");
    assert!(!got.contains(&0));
    assert_eq!(s.active(), got[0], "the open one exists");
    assert!(s.next_id() > *got.iter().max().unwrap());
    assert!(s.list()[1].name.chars().count() < 500, "name cut");
    // And adding still works, more than once.
    let mut s = s;
    let a = s
        .add("a", PlanInput::default(), PipelineInput::default())
        .unwrap();
    let b = s
        .add("b", PlanInput::default(), PipelineInput::default())
        .unwrap();
    assert_ne!(a, b);
    // Nothing at all: one default scenario.
    let empty = Scenarios::from_parts(Vec::new(), 0, 0);
    assert_eq!(empty, Scenarios::default());
}

#[test]
fn rename_trims_and_cuts() {
    let mut s = Scenarios::default();
    s.rename(1, "  Q1 漏斗  ");
    assert_eq!(s.get(1).unwrap().name, "Q1 漏斗");
    s.rename(1, &"x".repeat(10_000));
    assert!(s.get(1).unwrap().name.chars().count() <= 200);
}

#[test]
fn a_version_1_save_is_scenario_1_with_its_deal_key() {
    let v1 = r#"{"version":1,"settings":{"lang":"Zh"},"plan":{"stages":[
        {"id":1,"key":null,"name":"Lead","rate":"25","dwell":"7","notes":"Find budget"},
        {"id":2,"key":null,"name":"Won","rate":"100","dwell":"","notes":""}],"next_id":3,
        "target_by":"Deals","deals":"5"}}"#;
    let saved = decode(v1).unwrap();
    let s = saved.scenarios();
    assert_eq!(ids(&s), vec![1]);
    assert_eq!(s.active(), 1);
    let plan = &s.get(1).unwrap().plan;
    assert_eq!(plan.stages[0].name, "Lead");
    assert_eq!(
        plan.stages[0].notes,
        Some(StageNotes::from_texts(["Find budget", "", "", ""])),
        "the one free note becomes the purpose"
    );
    assert_eq!(plan.stages[1].notes, None, "an empty note is no note");
    assert_eq!(
        pipeline_key(1),
        PIPELINE_KEY,
        "scenario 1 keeps version 1's deal key"
    );
}

#[test]
fn a_save_of_several_scenarios_reads_back_the_same() {
    let mut s = Scenarios::single(plan(PresetId::Quota), PipelineInput::default());
    s.add("Wide", plan(PresetId::Wide), PipelineInput::default());
    s.add("Tube 直桶", plan(PresetId::Tube), PipelineInput::default());
    s.open(2);
    let mut notes = StageNotes::default();
    notes.set(NoteKind::Evidence, "签字的需求确认书");
    let mut open_plan = s.get(2).unwrap().plan.clone();
    open_plan.stages[0].notes = Some(notes);
    s.store(2, &open_plan, &PipelineInput::default());
    let saved = Saved::of(Default::default(), &s);
    let text = encode(&saved);
    let back = decode(&text).unwrap();
    assert_eq!(back.version, VERSION);
    assert_eq!(back.scenarios(), s);
    // The open scenario's plan is saved once, not twice.
    assert_eq!(
        back.scenarios.iter().filter(|x| x.plan.is_none()).count(),
        1
    );
}

#[test]
fn deal_keys_name_their_scenario() {
    for id in [1, 2, 3, 49, 50, 4_294_967_295] {
        assert_eq!(scenario_of_pipeline_key(&pipeline_key(id)), Some(id));
    }
    for other in [
        "funnel-calculator",
        "funnel-calculator.pipeline.",
        "funnel-calculator.pipeline.x",
        "funnel-calculator.pipeline.0",
        "funnel-calculator.pipeline.1",
        "funnel-calculator.backup.1",
    ] {
        assert_eq!(scenario_of_pipeline_key(other), None, "{other}");
    }
}

#[test]
fn notes_are_held_to_their_limit_whatever_the_save_says() {
    let long = "长".repeat(MAX_NOTE_CHARS + 1);
    let text = format!(
        r#"{{"version":2,"plan":{{"stages":[{{"id":1,"name":"A","rate":"50","notes":{{"purpose":"{long}","actions":"call"}}}},
        {{"id":2,"name":"W","rate":"100","notes":null}}],"next_id":3}}}}"#
    );
    let saved = decode(&text).unwrap();
    let n = saved.plan.stages[0].notes.clone().unwrap();
    assert_eq!(n.purpose.chars().count(), MAX_NOTE_CHARS);
    assert_eq!(n.actions, "call");
    assert_eq!(saved.plan.stages[1].notes, None);
    // At the limit and one below: kept whole.
    for len in [MAX_NOTE_CHARS - 1, MAX_NOTE_CHARS] {
        let mut n = StageNotes::default();
        n.set(NoteKind::Milestone, &"x".repeat(len));
        assert_eq!(n.milestone.len(), len);
    }
}

#[test]
fn a_newer_save_is_refused() {
    let text = format!(r#"{{"version":{}}}"#, VERSION + 1);
    assert!(decode(&text).is_err());
}
