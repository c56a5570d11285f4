//! The worked examples' names and one-line summaries, English and 简体中文,
//! for the list "Worked examples" ([`crate::examples`]).

use super::{pick, Lang};
use crate::examples::WorkedExample;

/// The list's heading (and the accessible name of its select or menu).
pub fn examples_heading(lang: Lang) -> &'static str {
    pick(lang, "Worked examples", "计算实例")
}

/// An example's name, its number first: "Example 3 · Ideal funnel from a quota".
pub fn example_name(lang: Lang, ex: WorkedExample) -> &'static str {
    let (en, zh) = match ex {
        WorkedExample::CloseRatio => ("Example 1 · Close ratio", "例 1 · 成交率"),
        WorkedExample::TwoStep => ("Example 2 · Two-step funnel", "例 2 · 两步漏斗"),
        WorkedExample::IdealFunnel => (
            "Example 3 · Ideal funnel from a quota",
            "例 3 · 由配额推算理想漏斗",
        ),
        WorkedExample::SmallProjects => (
            "Example 4 · Small projects over 12 weeks",
            "例 4 · 小项目漏斗（12 周）",
        ),
        WorkedExample::IntentStage => ("Example 5 · Intent stage", "例 5 · 意向客户阶段"),
        WorkedExample::WeightedForecast => (
            "Example 6 · Weighted forecast",
            "例 6 · 加权预测（产量分析）",
        ),
        WorkedExample::TypicalCloseRates => {
            ("Example 7 · Typical close rates", "例 7 · 典型成交率")
        }
    };
    pick(lang, en, zh)
}

/// What the example shows, in one line.
pub fn example_summary(lang: Lang, ex: WorkedExample) -> &'static str {
    let (en, zh) = match ex {
        WorkedExample::CloseRatio => (
            "At a 10% close ratio, 6 deals need 60 prospects.",
            "成交率 10%：6 单需要 60 个潜在客户。",
        ),
        WorkedExample::TwoStep => (
            "10% of visits give opportunities, 10% of those orders: 100 visits an order.",
            "10% 的拜访成为商机，其中 10% 成单：一单需要 100 次拜访。",
        ),
        WorkedExample::IdealFunnel => (
            "A 3,000,000 quota at 100,000 a deal on stages A–E: 30 deals.",
            "配额 300 万、平均每单 10 万、A–E 五个阶段：30 单。",
        ),
        WorkedExample::SmallProjects => (
            "2,400,000 at 20,000 a deal in 12 weeks: 50 new leads a week, 10 reps.",
            "12 周完成 240 万、每单 2 万：每周 50 个新项目，10 名销售。",
        ),
        WorkedExample::IntentStage => (
            "50 customers in the intent stage at 30%: 15 deals expected.",
            "意向阶段 50 个客户、成功概率 30%：预计成交 15 单。",
        ),
        WorkedExample::WeightedForecast => (
            "Each stage's amount times its rate, plus realised revenue.",
            "各阶段预测金额乘以赢率，加上本期已实现收入。",
        ),
        WorkedExample::TypicalCloseRates => (
            "Close rates of 5–15% are typical: 100 prospects give about 10 buyers.",
            "成单率一般在 5%–15%：100 个潜在客户约有 10 个购买。",
        ),
    };
    pick(lang, en, zh)
}
