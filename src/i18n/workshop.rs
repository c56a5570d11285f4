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
    SharedScenario,
    SaveAsNew,
    BackToMyWork,
    Dismiss,
    CopyShareLink,
    ShowQr,
    ExportJson,
    ImportJson,
    CopyAnyway,
    LinkCopied,
    CloseQr,
    QrTitle,
    ShareLink,
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
        W::SharedScenario => ("Shared scenario", "分享的方案"),
        W::SaveAsNew => ("Save as new scenario", "另存为新方案"),
        W::BackToMyWork => ("Back to my work", "返回我的方案"),
        W::Dismiss => ("Dismiss", "关闭"),
        W::CopyShareLink => ("Copy share link", "复制分享链接"),
        W::ShowQr => ("Show QR code", "显示二维码"),
        W::ExportJson => ("Export JSON", "导出 JSON"),
        W::ImportJson => ("Import JSON", "导入 JSON"),
        W::CopyAnyway => ("Copy anyway", "仍然复制"),
        W::LinkCopied => ("Link copied.", "链接已复制。"),
        W::CloseQr => ("Close", "关闭"),
        W::QrTitle => ("Scan to open this scenario", "扫码打开此方案"),
        W::ShareLink => ("Share link", "分享链接"),
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

/// Why a share link could not be opened; the saved work is unchanged.
pub fn link_error(lang: Lang, e: crate::share::OpenError) -> String {
    use crate::share::OpenError;
    match (lang, e) {
        (Lang::En, OpenError::Incomplete) => "This link is incomplete: it was cut short or changed on the way (chat apps and mail often cut long links). Nothing was changed. Ask for the link again, or for the JSON file.".into(),
        (Lang::Zh, OpenError::Incomplete) => "此链接不完整：在传递中被截断或改动（聊天软件和邮件常会截断长链接）。未做任何更改。请重新索取链接或 JSON 文件。".into(),
        (Lang::En, OpenError::Newer(v)) => format!("This link was made by a newer version of the calculator (format {v}). Nothing was changed. Reload to get the new version, then open the link again."),
        (Lang::Zh, OpenError::Newer(v)) => format!("此链接由更新版本的计算器生成（格式 {v}）。未做任何更改。请刷新以获取新版本后再打开链接。"),
        (Lang::En, OpenError::Malformed) => "This link does not hold a scenario this calculator can read. Nothing was changed.".into(),
        (Lang::Zh, OpenError::Malformed) => "此链接中没有本计算器能读取的方案。未做任何更改。".into(),
        (Lang::En, OpenError::Unsupported) => "This browser cannot unpack share links (it lacks DecompressionStream). Nothing was changed. Open the link in a current browser, or ask for the JSON file.".into(),
        (Lang::Zh, OpenError::Unsupported) => "此浏览器无法解开分享链接（不支持 DecompressionStream）。未做任何更改。请用新版浏览器打开，或索取 JSON 文件。".into(),
    }
}

/// Why a JSON file could not be imported.
pub fn file_error(lang: Lang, e: crate::scenario_file::FileError) -> String {
    use crate::scenario_file::FileError;
    match (lang, e) {
        (Lang::En, FileError::TooLarge { limit }) => format!("The file is larger than {} MB: it cannot be a scenario.", limit / (1024 * 1024)),
        (Lang::Zh, FileError::TooLarge { limit }) => format!("文件超过 {} MB，不可能是方案文件。", limit / (1024 * 1024)),
        (Lang::En, FileError::Utf16) => "The file is saved as UTF-16 (“Unicode”). Save it as UTF-8 and import it again.".into(),
        (Lang::Zh, FileError::Utf16) => "文件以 UTF-16（“Unicode”）保存。请另存为 UTF-8 后再导入。".into(),
        (Lang::En, FileError::NotUtf8) => "The file is not UTF-8 text. Save it as UTF-8 and import it again.".into(),
        (Lang::Zh, FileError::NotUtf8) => "文件不是 UTF-8 文本。请另存为 UTF-8 后再导入。".into(),
        (Lang::En, FileError::NotScenario) => "This JSON file is not a scenario exported by this calculator.".into(),
        (Lang::Zh, FileError::NotScenario) => "此 JSON 文件不是本计算器导出的方案。".into(),
        (Lang::En, FileError::Newer(v)) => format!("The file was written by a newer version of the calculator (version {v}). Reload to get the new version."),
        (Lang::Zh, FileError::Newer(v)) => format!("文件由更新版本的计算器写入（版本 {v}）。请刷新以获取新版本。"),
        (Lang::En, FileError::Malformed) => "The file is not a readable scenario (not JSON, or parts are missing).".into(),
        (Lang::Zh, FileError::Malformed) => "文件不是可读取的方案（不是 JSON，或缺少内容）。".into(),
    }
}

/// The warning before copying a link longer than chat apps and mail keep.
pub fn long_link(lang: Lang, chars: usize) -> String {
    match lang {
        Lang::En => format!("This link is {chars} characters long. Chat apps and mail often cut links above about 2,000 characters, and a cut link will not open. Export the JSON file instead, or copy it anyway."),
        Lang::Zh => format!("此链接长 {chars} 个字符。聊天软件和邮件常截断超过约 2,000 字符的链接，被截断的链接无法打开。建议改为导出 JSON 文件，或仍然复制。"),
    }
}

/// Deals that did not fit in the link.
pub fn deals_left_out(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 deal was left out of the link to keep it short; export the JSON file to share the deals.".into(),
        (Lang::En, _) => format!("{n} deals were left out of the link to keep it short; export the JSON file to share the deals."),
        (Lang::Zh, _) => format!("为保持链接简短，{n} 个商机未放入链接；如需分享商机，请导出 JSON 文件。"),
    }
}

/// The notice over a shared scenario shown unsaved.
pub fn shared_notice(lang: Lang, name: &str) -> String {
    let name = &super::bidi::isolate(name);
    match (lang, name.trim().is_empty()) {
        (Lang::En, false) => format!("You are looking at a shared scenario, “{name}”. It is not saved: your own work is unchanged."),
        (Lang::En, true) => "You are looking at a shared scenario. It is not saved: your own work is unchanged.".into(),
        (Lang::Zh, false) => format!("您正在查看分享的方案“{name}”。它尚未保存，您自己的方案未做改动。"),
        (Lang::Zh, true) => "您正在查看分享的方案。它尚未保存，您自己的方案未做改动。".into(),
    }
}

/// The JSON file was imported as a new scenario.
pub fn imported(lang: Lang, name: &str) -> String {
    let name = &super::bidi::isolate(name);
    match lang {
        Lang::En => format!("Imported “{name}” as a new scenario."),
        Lang::Zh => format!("已将“{name}”导入为新方案。"),
    }
}
