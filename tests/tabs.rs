#![cfg(not(target_arch = "wasm32"))]
//! Several tabs on one save: the revision every key carries, the check
//! before each write (`storage::decide`), and saves from before revisions.

use funnel_calculator::domain::PresetId;
use funnel_calculator::pipeline::PipelineInput;
use funnel_calculator::storage::{
    decide, decode, decode_pipeline, encode, encode_pipeline, newer_version, split_revision,
    stored, with_revision, Decision, Saved, Stored, MAX_REVISION, VERSION,
};

/// The text after the revision, as a write passes it to `decide`.
fn body(text: &str) -> &str {
    split_revision(text).expect("a current save").1
}

#[test]
fn a_save_carries_its_revision_right_after_the_version() {
    let saved = Saved {
        revision: 41,
        ..Saved::default()
    };
    let text = encode(&saved);
    assert!(text.starts_with(&format!("{{\"version\":{VERSION},\"revision\":41,")));
    assert_eq!(decode(&text).unwrap().revision, 41);
    assert_eq!(split_revision(&text).unwrap().0, 41);
    // Rewritten at another revision, the rest is the same text.
    let again = with_revision(42, body(&text));
    assert_eq!(decode(&again).unwrap().revision, 42);
    assert_eq!(body(&again), body(&text));
    // The deal lists too.
    let p = encode_pipeline(&PipelineInput::default());
    assert_eq!(split_revision(&p).unwrap().0, 0);
    let p7 = with_revision(7, body(&p));
    assert_eq!(decode_pipeline(&p7).unwrap(), decode_pipeline(&p).unwrap());
}

#[test]
fn saves_without_a_revision_load_as_revision_0() {
    // Version 1 and version 2 from before revisions: defaults merged in.
    for raw in [
        r#"{"version":1,"plan":{"revenue":"500"}}"#,
        r#"{"version":2,"settings":{"lang":"Zh"},"plan":{"revenue":"500"},"active":1,"next_scenario":2,"scenarios":[]}"#,
        r#"{"plan":{"revenue":"500"}}"#,
    ] {
        let saved = decode(raw).unwrap();
        assert_eq!(saved.revision, 0, "{raw}");
        assert_eq!(saved.plan.revenue, "500");
        assert_eq!(
            saved.plan.stages.len(),
            5,
            "the default funnel is merged in"
        );
        assert_eq!(
            stored(Some(raw)),
            Stored::At {
                revision: 0,
                body: None
            }
        );
        // This tab read revision 0: its first write is revision 1.
        assert_eq!(
            decide(0, stored(Some(raw)), "{}"),
            Decision::Write { revision: 1 }
        );
    }
    let old_deals = r#"{"version":1,"pipeline":{"deals":[]}}"#;
    assert!(decode_pipeline(old_deals).is_ok());
    assert!(matches!(
        stored(Some(old_deals)),
        Stored::At { revision: 0, .. }
    ));
}

#[test]
fn the_check_before_a_write() {
    let mut mine = Saved::default();
    mine.plan.apply_preset(PresetId::B2b);
    let mine = encode(&mine);
    let theirs = encode(&Saved::default());
    let at = |r: u64, text: &str| with_revision(r, body(text));

    // Nothing saved yet, or nothing readable: write.
    assert_eq!(
        decide(0, stored(None), body(&mine)),
        Decision::Write { revision: 1 }
    );
    assert_eq!(
        decide(3, stored(Some("{oops")), body(&mine)),
        Decision::Write { revision: 4 }
    );
    assert_eq!(stored(Some("{oops")), Stored::Unreadable);
    // The revision this tab last read or wrote: the next one.
    let same_rev = at(5, &theirs);
    assert_eq!(
        decide(5, stored(Some(&same_rev)), body(&mine)),
        Decision::Write { revision: 6 }
    );
    // Another tab wrote since (a higher revision): do not write, take it.
    let newer = at(6, &theirs);
    assert_eq!(
        decide(5, stored(Some(&newer)), body(&mine)),
        Decision::TakeNewer
    );
    // A tab asleep for many writes, or a tab of an older version of the app
    // that writes no revision (read as 0): another tab wrote all the same.
    assert_eq!(
        decide(5, stored(Some(&at(900, &theirs))), body(&mine)),
        Decision::TakeNewer
    );
    let unrevised = r#"{"version":2,"plan":{}}"#;
    assert_eq!(
        decide(5, stored(Some(unrevised)), body(&mine)),
        Decision::TakeNewer
    );
    // Exactly this text is there already, whoever wrote it: nothing to write.
    assert_eq!(
        decide(5, stored(Some(&at(6, &mine))), body(&mine)),
        Decision::Unchanged { revision: 6 }
    );
    assert_eq!(
        decide(6, stored(Some(&at(6, &mine))), body(&mine)),
        Decision::Unchanged { revision: 6 }
    );
}

#[test]
fn odd_revision_texts_are_not_taken_for_current_saves() {
    let v = VERSION;
    for raw in [
        format!(r#"{{"version":{v},"revision":,"plan":{{}}}}"#),
        format!(r#"{{"version":{v},"revision":-1,"plan":{{}}}}"#),
        format!(r#"{{"version":{v},"revision":99999999999999999999999,"plan":{{}}}}"#),
        format!(r#"{{"version":{v},"revision":7}}"#),
        format!(r#"{{"version":{v}, "revision":7,"plan":{{}}}}"#),
    ] {
        assert_eq!(split_revision(&raw), None, "{raw}");
        // Still a save when it is JSON: its revision is read from it (else 0).
        let want = if raw.contains("\"revision\":,") {
            Stored::Unreadable
        } else if raw.contains('7') {
            Stored::At {
                revision: 7,
                body: None,
            }
        } else {
            Stored::At {
                revision: 0,
                body: None,
            }
        };
        assert_eq!(stored(Some(&raw)), want, "{raw}");
    }
    assert_eq!(
        stored(Some(&format!(
            r#"{{"version":{v}, "revision":7,"plan":{{}}}}"#
        ))),
        Stored::At {
            revision: 7,
            body: None
        }
    );
}

/// A save whose revision is odd (a string, negative, fractional, huge) is
/// read as revision 0, like one from before revisions: the save itself is
/// kept, and the next write goes ahead as revision 1.
#[test]
fn an_odd_revision_reads_as_0_and_keeps_the_save() {
    let v = VERSION;
    for revision in [
        r#""7""#,
        "-5",
        "3.5",
        "1e300",
        "18446744073709551615",
        "9000000000000001",
        "null",
        "true",
        "[1]",
        r#"{"n":1}"#,
    ] {
        let raw = format!(
            r#"{{"version":{v},"revision":{revision},"settings":{{"lang":"Zh"}},"plan":{{"revenue":"7777777"}},"active":1,"next_scenario":2,"scenarios":[{{"id":1,"name":"Mine"}}]}}"#
        );
        let saved = decode(&raw).unwrap_or_else(|e| panic!("{revision}: {e:?}"));
        assert_eq!(saved.revision, 0, "{revision}");
        assert_eq!(saved.plan.revenue, "7777777", "{revision}");
        assert_eq!(saved.scenarios.len(), 1, "{revision}");
        assert_eq!(
            stored(Some(&raw)),
            Stored::At {
                revision: 0,
                body: None
            },
            "{revision}: the check before a write reads it the same way"
        );
        assert_eq!(
            decide(0, stored(Some(&raw)), "{}"),
            Decision::Write { revision: 1 },
            "{revision}"
        );
        // The deal lists too.
        let deals = format!(r#"{{"version":{v},"revision":{revision},"pipeline":{{"deals":[]}}}}"#);
        assert!(decode_pipeline(&deals).is_ok(), "{revision}");
    }
    // The largest revision read as written.
    let top = format!(r#"{{"version":{v},"revision":9000000000000000,"plan":{{}}}}"#);
    assert_eq!(decode(&top).unwrap().revision, MAX_REVISION);
    assert_eq!(split_revision(&top).map(|r| r.0), Some(MAX_REVISION));
}

/// A save from a newer version of the app is never written over, whatever
/// its revision; a tab reads it as such from the storage event.
#[test]
fn a_newer_versions_save_is_never_written_over() {
    let raw = r#"{"version":99,"revision":5,"plan":{"revenue":"9900000"},"new_field":1}"#;
    assert_eq!(stored(Some(raw)), Stored::NewerVersion(99));
    assert_eq!(newer_version(Some(raw)), Some(99));
    for known in [0, 4, 5, 6] {
        assert_eq!(
            decide(known, stored(Some(raw)), "{}"),
            Decision::Refuse { version: 99 }
        );
    }
    let current = encode(&Saved::default());
    assert_eq!(newer_version(Some(&current)), None);
    assert_eq!(newer_version(None), None);
    assert_eq!(newer_version(Some("{oops")), None);
    assert_eq!(newer_version(Some(r#"{"version":"99"}"#)), None);
}

/// The status shows the worst key not saved: a newer version's save, then
/// the plan (which covers the deals), then the deals; each until written.
#[test]
fn the_status_shows_the_worst_key_not_saved() {
    use funnel_calculator::state::{worst_status, SaveStatus, Unsaved};
    assert_eq!(worst_status(&[]), SaveStatus::Saved);
    assert_eq!(
        worst_status(&[(Unsaved::Deals(1), None)]),
        SaveStatus::DealsNotSaved
    );
    assert_eq!(
        worst_status(&[(Unsaved::Plan, None), (Unsaved::Deals(2), None)]),
        SaveStatus::Failed
    );
    assert_eq!(
        worst_status(&[(Unsaved::Deals(2), None), (Unsaved::Plan, None)]),
        SaveStatus::Failed,
        "a deal list failing after the plan does not hide the plan's warning"
    );
    assert_eq!(
        worst_status(&[(Unsaved::Plan, None), (Unsaved::Deals(1), Some(99))]),
        SaveStatus::NewerVersion
    );
}
