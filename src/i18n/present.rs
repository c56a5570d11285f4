//! Presentation mode's words, English and 简体中文 (the one-table shape of
//! [`super::K`]).

use super::{pick, Lang};

/// Keys of presentation mode's fixed strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pr {
    Previous,
    Next,
    Exit,
    /// The list of revealed stages.
    Funnel,
    /// Under a stage's count: what the count is.
    Needed,
    /// In place of a presentation when the funnel has errors.
    CannotPresent,
}

/// A fixed string of presentation mode in `lang`.
pub fn pr(lang: Lang, key: Pr) -> &'static str {
    let (en, zh) = match key {
        Pr::Previous => ("Previous", "上一步"),
        Pr::Next => ("Next", "下一步"),
        Pr::Exit => ("Exit presentation", "退出演示"),
        Pr::Funnel => ("Funnel", "漏斗"),
        Pr::Needed => ("needed at this stage", "为本阶段所需数量"),
        Pr::CannotPresent => (
            "Nothing to present yet: fix the funnel on the Plan screen first.",
            "暂无可演示的内容：请先在“计划”页修正漏斗。",
        ),
    };
    pick(lang, en, zh)
}

/// The dialog's accessible name: "Presentation: Q1 plan" / "演示：Q1 plan".
pub fn dialog_name(lang: Lang, scenario: &str) -> String {
    let scenario = &super::bidi::isolate(scenario);
    match lang {
        Lang::En => format!("Presentation: {scenario}"),
        Lang::Zh => format!("演示：{scenario}"),
    }
}

/// Where the presentation stands: "Stage 2 of 5" / "第 2 阶段，共 5 个".
pub fn progress(lang: Lang, at: usize, of: usize) -> String {
    match lang {
        Lang::En => format!("Stage {at} of {of}"),
        Lang::Zh => format!("第 {at} 阶段，共 {of} 个"),
    }
}

/// What the live region says when a stage is revealed:
/// "Stage 2 of 5: Presentation, 60 needed at this stage" /
/// "第 2 阶段，共 5 个：安排产品介绍，本阶段需要 60".
pub fn announcement(lang: Lang, at: usize, of: usize, stage: &str, count: &str) -> String {
    let stage = &super::bidi::isolate(stage);
    match lang {
        Lang::En => format!(
            "{}: {stage}, {count} {}",
            progress(lang, at, of),
            pr(lang, Pr::Needed)
        ),
        Lang::Zh => format!("{}：{stage}，本阶段需要 {count}", progress(lang, at, of)),
    }
}
