//! The printed summary's words (src/components/workshop/print.rs), English
//! and 简体中文, in the one-table shape of [`super::K`]. Labels the screen
//! already has (revenue target, win rate, …) come from [`super::K`].

use super::{pick, Lang};

/// Keys of the printed summary's fixed strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum P {
    /// The summary's accessible name.
    Summary,
    /// Heading of the chart.
    Chart,
    /// Heading of the targets and assumptions list.
    Targets,
    /// Caption of the stage table.
    Stages,
    /// The confidence, without the "(%)" of its field's label.
    Confidence,
    /// Column of the stage table: dwell days.
    Dwell,
    /// A value left empty in the plan.
    NotEntered,
}

/// A fixed string of the printed summary in `lang`.
pub fn p(lang: Lang, key: P) -> &'static str {
    let (en, zh) = match key {
        P::Summary => ("Scenario summary for print", "方案打印摘要"),
        P::Chart => ("Funnel", "销售漏斗"),
        P::Targets => ("Targets and assumptions", "目标与假设"),
        P::Stages => ("Stages and notes", "各阶段与说明"),
        P::Confidence => ("Confidence", "把握度"),
        P::Dwell => ("Dwell days", "停留天数"),
        P::NotEntered => ("not entered", "未填写"),
    };
    pick(lang, en, zh)
}

/// "Printed May 3, 2026" / "打印日期：2026年5月3日"; `date` is formatted.
pub fn printed_on(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("Printed {date}"),
        Lang::Zh => format!("打印日期：{date}"),
    }
}

/// A stage's number and name: "3. Proposal" / "3. 方案".
pub fn numbered(position: usize, name: &str) -> String {
    format!("{position}. {name}")
}
