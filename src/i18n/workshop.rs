//! The workshop's shared words (scenarios, the extra tabs, presentation and
//! print controls), English and 简体中文, in the one-table shape of [`super::K`].

use super::{pick, Lang};

/// Keys of the workshop's fixed strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    CompareTab,
    WhatIfTab,
    Scenario,
    Scenarios,
    NewScenario,
    DuplicateScenario,
    RenameScenario,
    DeleteScenario,
    Compare,
    Present,
    Print,
    ScenarioName,
    SaveName,
    CancelRename,
    ScenarioDeleted,
    ScenarioAdded,
    FromPreset,
    WorkedExamples,
    Open,
    Purpose,
    Milestone,
    Evidence,
    Actions,
    StageNotes,
    Workshop,
    NotesStage,
    AllExamples,
}

/// A fixed string of the workshop in `lang`.
pub fn w(lang: Lang, key: W) -> &'static str {
    let (en, zh) = match key {
        W::CompareTab => ("Compare", "对比"),
        W::WhatIfTab => ("What-if", "假设分析"),
        W::Scenario => ("Scenario", "方案"),
        W::Scenarios => ("Scenarios", "方案"),
        W::NewScenario => ("New scenario", "新建方案"),
        W::DuplicateScenario => ("Duplicate scenario", "复制方案"),
        W::RenameScenario => ("Rename scenario", "重命名方案"),
        W::DeleteScenario => ("Delete scenario", "删除方案"),
        W::Compare => ("Compare", "对比"),
        W::Present => ("Present", "演示"),
        W::Print => ("Print", "打印"),
        W::ScenarioName => ("Scenario name", "方案名称"),
        W::SaveName => ("Save name", "保存名称"),
        W::CancelRename => ("Cancel", "取消"),
        W::ScenarioDeleted => (
            "Scenario deleted. Undo brings it back.",
            "方案已删除。撤销可恢复。",
        ),
        W::ScenarioAdded => ("Scenario added and saved.", "已新建方案并保存。"),
        W::FromPreset => ("New from preset", "从预设新建"),
        W::WorkedExamples => ("Worked examples", "例题"),
        W::Open => ("Open", "打开"),
        W::Purpose => ("Purpose", "目的"),
        W::Milestone => ("Milestone", "里程碑"),
        W::Evidence => ("Evidence", "证据"),
        W::Actions => ("Actions", "行动"),
        W::StageNotes => ("Stage notes", "阶段说明"),
        W::Workshop => ("Workshop", "培训"),
        W::NotesStage => ("Notes of stage", "查看阶段"),
        W::AllExamples => ("All seven, one scenario each", "全部 7 个，各建一个方案"),
    };
    pick(lang, en, zh)
}

/// The name shown for a scenario saved without one: "Scenario 2" / "方案 2".
pub fn default_scenario_name(lang: Lang, number: u32) -> String {
    match lang {
        Lang::En => format!("Scenario {number}"),
        Lang::Zh => format!("方案 {number}"),
    }
}

/// The name of a copy: "Q1 plan (copy)" / "Q1 plan（副本）".
pub fn copy_name(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name} (copy)"),
        Lang::Zh => format!("{name}（副本）"),
    }
}

/// The label of a stage's note field.
pub fn note_label(lang: Lang, kind: crate::model::NoteKind) -> &'static str {
    use crate::model::NoteKind;
    w(
        lang,
        match kind {
            NoteKind::Purpose => W::Purpose,
            NoteKind::Milestone => W::Milestone,
            NoteKind::Evidence => W::Evidence,
            NoteKind::Actions => W::Actions,
        },
    )
}

/// A stage's four notes as shown: its own, else its preset stage's in
/// `lang`, else none.
pub fn stage_notes(lang: Lang, stage: &crate::model::StageInput) -> crate::model::StageNotes {
    match (&stage.notes, stage.key) {
        (Some(own), _) => own.clone(),
        (None, Some(key)) => super::notes::preset_notes(lang, key)
            .map(crate::model::StageNotes::from_texts)
            .unwrap_or_default(),
        (None, None) => crate::model::StageNotes::default(),
    }
}
