//! The What-if screen's words, English and 简体中文, in the one-table shape
//! of [`super::K`], and the sentences with figures in them.

use super::{fmt_decimal, fmt_percent, pick, Lang};
use crate::domain::levers::{Delta, Lever, LeverError};
use crate::domain::Ratio;

/// Keys of the What-if screen's fixed strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum L {
    Heading,
    Intro,
    Reset,
    ResultsCaption,
    ResultsHeading,
    Figure,
    Baseline,
    Together,
    Wins,
    LeadsNeeded,
    CloseRatio,
    Cycle,
    Standing,
    Velocity,
    NoChange,
    VsBaseline,
    Reading,
    CompoundHeading,
    CompoundLead,
    CompoundCaption,
    Stage,
    Conversion,
    Raised,
    Chain,
    Growth,
    Capped,
    FixPlan,
    FixPeriod,
    Rounded,
}

/// A fixed string of the What-if screen in `lang`.
pub fn l(lang: Lang, key: L) -> &'static str {
    let (en, zh) = match key {
        L::Heading => ("What-if levers", "假设分析：三个杠杆"),
        L::Intro => (
            "A manager has three levers: more opportunities, higher win rates, a shorter cycle. Move one and see what it does to the plan, alone and with the others. Each is a change relative to the plan, from −50% to +100%.",
            "经理手中有三个杠杆：更多机会、更高赢率、更短周期。移动一个，看看它单独以及与其他杠杆一起对计划的影响。每个杠杆都是相对于计划的变化，范围 −50% 到 +100%。",
        ),
        L::Reset => ("Reset levers", "重置杠杆"),
        L::ResultsCaption => (
            "The plan's figures: baseline beside each lever alone and all three together",
            "计划的各项数字：基准与每个杠杆单独作用、三者同时作用的对比",
        ),
        L::ResultsHeading => ("Baseline beside each lever", "基准与各杠杆对比"),
        L::Figure => ("Figure", "指标"),
        L::Baseline => ("Baseline", "基准"),
        L::Together => ("All three together", "三者同时"),
        L::Wins => ("Wins in the period (deals)", "本期成交（单）"),
        L::LeadsNeeded => ("Leads needed for the target", "达成目标所需线索"),
        L::CloseRatio => ("Close ratio", "成交率"),
        L::Cycle => ("Sales cycle (days)", "销售周期（天）"),
        L::Standing => ("Standing funnel (total)", "漏斗常备商机（合计）"),
        L::Velocity => ("Sales velocity (per day)", "销售速度（每天）"),
        L::NoChange => ("no change", "不变"),
        L::VsBaseline => ("vs baseline", "较基准"),
        L::Reading => (
            "Wins come from the plan's weekly intake (grown by “more opportunities”) at the changed close ratio; leads needed are for the same target, rounded up. The standing funnel is what that flow holds at any moment. Sales velocity = open opportunities × average deal size × close ratio ÷ sales cycle, with the plan's standing funnel as the open opportunities: a shorter cycle makes the same funnel produce more each day.",
            "成交数来自计划的每周新增线索（按“更多机会”放大）乘以变化后的成交率；所需线索针对同一目标，向上取整。漏斗常备商机是该流量在任一时刻所持有的商机数。销售速度 = 在手商机 × 平均单额 × 成交率 ÷ 销售周期，在手商机取计划的常备漏斗：周期越短，同样的漏斗每天产出越多。",
        ),
        L::CompoundHeading => ("Compounding", "复利效应"),
        L::CompoundLead => (
            "+10% on every stage conversion: top-to-won × 1.1 per stage",
            "每个阶段转化率提高 10%：从顶部到成交，每个阶段 × 1.1",
        ),
        L::CompoundCaption => (
            "Every open stage's conversion raised by 10%",
            "每个进行中阶段的转化率提高 10%",
        ),
        L::Stage => ("Stage", "阶段"),
        L::Conversion => ("Conversion", "转化率"),
        L::Raised => ("Raised by 10%", "提高 10% 后"),
        L::Chain => ("×1.1 per stage", "每阶段 ×1.1"),
        L::Growth => ("Top-to-won so far", "至此累计"),
        L::Capped => ("capped at 100%", "上限 100%"),
        L::FixPlan => (
            "The levers need a plan to act on",
            "杠杆需要一个可计算的计划",
        ),
        L::FixPeriod => ("fix the period", "请先修正周期"),
        L::Rounded => (
            "Leads are rounded up; the other figures are exact and shown rounded.",
            "线索数向上取整；其他数字按精确值计算，显示时四舍五入。",
        ),
    };
    pick(lang, en, zh)
}

/// A slider's accessible name, exactly as the issue gives it.
pub fn lever_name(lang: Lang, lever: Lever) -> &'static str {
    let (en, zh) = match lever {
        Lever::Opportunities => ("More opportunities (%)", "更多机会 (%)"),
        Lever::WinRates => ("Win rate change (%)", "赢率变化 (%)"),
        Lever::Cycle => ("Cycle change (%)", "周期变化 (%)"),
    };
    pick(lang, en, zh)
}

/// What a lever does, under its slider.
pub fn lever_help(lang: Lang, lever: Lever) -> &'static str {
    let (en, zh) = match lever {
        Lever::Opportunities => (
            "Scales the weekly intake of new leads.",
            "按比例改变每周新增线索数。",
        ),
        Lever::WinRates => (
            "Scales every stage's conversion to the next, each capped at 100%.",
            "按比例改变每个阶段到下一阶段的转化率，每个最高 100%。",
        ),
        Lever::Cycle => (
            "Scales every stage's dwell days; below 0 is a shorter cycle.",
            "按比例改变每个阶段的停留天数；小于 0 即周期缩短。",
        ),
    };
    pick(lang, en, zh)
}

/// A column's short name: "More opportunities", "更多机会".
pub fn lever_short(lang: Lang, lever: Lever) -> &'static str {
    let (en, zh) = match lever {
        Lever::Opportunities => ("More opportunities", "更多机会"),
        Lever::WinRates => ("Win rates", "赢率"),
        Lever::Cycle => ("Cycle", "周期"),
    };
    pick(lang, en, zh)
}

/// "+20%", "−20%", "0%": a lever's setting, with a true minus sign.
pub fn signed_percent(lang: Lang, percent: i32) -> String {
    let size = Ratio::new(u128::from(percent.unsigned_abs()), 100).unwrap_or(Ratio::ZERO);
    let text = fmt_percent(lang, size);
    match percent.signum() {
        1 => format!("+{text}"),
        -1 => format!("−{text}"),
        _ => text,
    }
}

/// "×1.331": a growth factor, up to four decimals ("≈" before a rounded one).
pub fn times(lang: Lang, r: Ratio) -> String {
    let text = fmt_decimal(lang, r, 4);
    if r.is_exact_at(4) {
        format!("×{text}")
    } else {
        format!("≈×{text}")
    }
}

/// A changed figure against its baseline: "+33.1%", "−24.8%", "no change".
pub fn delta_text(lang: Lang, d: Delta) -> String {
    match d {
        Delta::Same => l(lang, L::NoChange).to_string(),
        Delta::Up { by } => format!("+{}", fmt_percent(lang, by)),
        Delta::Down { by } => format!("−{}", fmt_percent(lang, by)),
        Delta::FromZero => pick(lang, "up from 0", "由 0 增加").to_string(),
    }
}

/// Why a figure (or the whole comparison) cannot be shown, in words.
pub fn lever_error(lang: Lang, e: LeverError) -> String {
    match e {
        LeverError::OutOfRange { percent } => match lang {
            Lang::En => format!("{percent}% is outside −50% … +100%"),
            Lang::Zh => format!("{percent}% 超出 −50% … +100% 的范围"),
        },
        LeverError::NoOpenStages => pick(
            lang,
            "the funnel has no open stage",
            "漏斗中没有进行中的阶段",
        )
        .into(),
        LeverError::AboveHundred { stage } => match lang {
            Lang::En => format!("stage {} converts more than 100%", stage + 1),
            Lang::Zh => format!("第 {} 阶段的转化率超过 100%", stage + 1),
        },
        LeverError::ZeroDwell { stage } => match lang {
            Lang::En => format!("fix the dwell days of stage {}", stage + 1),
            Lang::Zh => format!("请先修正第 {} 阶段的停留天数", stage + 1),
        },
        LeverError::WeeksNotPositive => pick(lang, "the period is 0 weeks", "周期为 0 周").into(),
        LeverError::Unreachable { .. } => pick(
            lang,
            "a 0% stage makes this unreachable",
            "某阶段为 0%，目标无法达成",
        )
        .into(),
        LeverError::TooLarge => pick(lang, "too large to show", "数值过大，无法显示").into(),
        LeverError::NoDealSize => pick(lang, "needs the average deal size", "需要平均单额").into(),
    }
}

/// The compounding demo's result: "Close ratio 20% → 26.62%: ×1.331 (1.1³)".
pub fn compound_result(
    lang: Lang,
    before: &str,
    after: &str,
    growth: &str,
    stages: usize,
) -> String {
    match lang {
        Lang::En => format!(
            "Close ratio {before} → {after}: {growth} over {stages} open {}.",
            if stages == 1 { "stage" } else { "stages" }
        ),
        Lang::Zh => format!("成交率 {before} → {after}：{stages} 个进行中阶段累计 {growth}。"),
    }
}

/// Said when the 100 % cap holds the growth below the plain chain.
pub fn compound_capped(lang: Lang, chain: &str, growth: &str) -> String {
    match lang {
        Lang::En => format!(
            "Without the cap at 100% it would be {chain}; a stage cannot convert more than all its deals, so it is {growth}."
        ),
        Lang::Zh => format!("若不设 100% 上限应为 {chain}；一个阶段的转化率不能超过 100%，所以是 {growth}。"),
    }
}

/// A column header: "More opportunities +20%".
pub fn column(lang: Lang, lever: Lever, percent: i32) -> String {
    format!(
        "{} {}",
        lever_short(lang, lever),
        signed_percent(lang, percent)
    )
}
