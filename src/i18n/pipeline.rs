//! The Pipeline screen's words, English and 简体中文 (the same one-table
//! shape as the Plan's [`super::K`]).

use super::{pick, Lang};
use crate::history::{Control, DealField, Edit};

/// Keys of the Pipeline screen's fixed strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum P {
    Screens,
    PlanTab,
    PipelineTab,
    DealsHeading,
    Deals,
    Name,
    Account,
    Amount,
    Stage,
    Status,
    CloseDate,
    InStageSince,
    Probability,
    Created,
    Open,
    Won,
    Lost,
    AddDeal,
    DeleteDeal,
    ImportCsv,
    ExportCsv,
    ApplyImport,
    CancelImport,
    Filter,
    Show,
    ShowAll,
    ShowOpen,
    ShowWon,
    ShowLost,
    ShowStalled,
    ShowOverdue,
    PreviousPage,
    NextPage,
    Stalled,
    Overdue,
    NoCloseDate,
    StageRate,
    Actions,
    ForecastHeading,
    Realised,
    WeightedForecast,
    Gap,
    Coverage,
    RequiredCoverage,
    NewLeads,
    NewLeadsPerWeek,
    Bottleneck,
    WinRateAchievement,
    CycleAchievement,
    Velocity,
    StalledDeals,
    OverdueDeals,
    HealthHeading,
    Balance,
    Ideal,
    Actual,
    Ratio,
    ByStage,
    OpenDeals,
    OpenAmount,
    ExpectedWins,
    Weighted,
    Total,
    QuickHelp,
    QuickWon,
    FromDeals,
    ObservedHeading,
    ObservedRates,
    Planned,
    Observed,
    Interval,
    ClosedDeals,
    UseObserved,
    TooFew,
    SpreadHeading,
    P10,
    P50,
    P90,
    Chance,
    Histogram,
    NoDeals,
    NoTarget,
    NoPeriod,
    NoFunnel,
    NoCycle,
    NoTimeLeft,
    TargetMet,
    NoOpenInPeriod,
    Ahead,
    ImportHeading,
    ChooseFile,
    Replace,
    Append,
    Mapping,
    Column,
    MapsTo,
    NotImported,
    StageMapping,
    CrmStage,
    PlanStage,
    Unmapped,
    BadRows,
    Line,
    Reason,
    DateOrder,
    Ymd,
    Mdy,
    Dmy,
    ProbabilityScale,
    Percent,
    Fraction,
    DecimalMark,
    DecimalPoint,
    DecimalComma,
    Preview,
    Importing,
    NoRowsToImport,
    TargetMark,
    ImportInto,
}

/// The fixed string for `key` in `lang`.
pub fn p(lang: Lang, key: P) -> &'static str {
    let (en, zh) = match key {
        P::Screens => ("Screens", "页面"),
        P::PlanTab => ("Plan", "计划"),
        P::PipelineTab => ("Pipeline", "销售管道"),
        P::DealsHeading => ("Deals", "商机"),
        P::Deals => ("Deals", "商机列表"),
        P::Name => ("Name", "名称"),
        P::Account => ("Account", "客户"),
        P::Amount => ("Amount", "金额"),
        P::Stage => ("Stage", "阶段"),
        P::Status => ("Status", "状态"),
        P::CloseDate => ("Close date", "成交日期"),
        P::InStageSince => ("In stage since", "进入阶段日期"),
        P::Probability => ("Probability", "成交概率"),
        P::Created => ("Created", "创建日期"),
        P::Open => ("Open", "进行中"),
        P::Won => ("Won", "赢单"),
        P::Lost => ("Lost", "输单"),
        P::AddDeal => ("Add deal", "添加商机"),
        P::DeleteDeal => ("Delete deal", "删除商机"),
        P::ImportCsv => ("Import CSV", "导入 CSV"),
        P::ExportCsv => ("Export CSV", "导出 CSV"),
        P::ApplyImport => ("Apply import", "应用导入"),
        P::CancelImport => ("Cancel import", "取消导入"),
        P::Filter => ("Filter deals", "筛选商机"),
        P::Show => ("Show", "显示"),
        P::ShowAll => ("All deals", "全部商机"),
        P::ShowOpen => ("Open deals", "进行中的商机"),
        P::ShowWon => ("Won deals", "赢单"),
        P::ShowLost => ("Lost deals", "输单"),
        P::ShowStalled => ("Stalled deals", "停滞的商机"),
        P::ShowOverdue => ("Overdue deals", "逾期的商机"),
        P::PreviousPage => ("Previous page", "上一页"),
        P::NextPage => ("Next page", "下一页"),
        P::Stalled => ("stalled", "停滞"),
        P::Overdue => ("overdue", "逾期"),
        P::NoCloseDate => ("no close date", "无成交日期"),
        P::StageRate => ("stage rate", "按阶段赢率"),
        P::Actions => ("Actions", "操作"),
        P::ForecastHeading => ("Forecast for the period", "本周期预测"),
        P::Realised => ("Realised", "已实现"),
        P::WeightedForecast => ("Weighted forecast", "加权预测"),
        P::Gap => ("Gap", "缺口"),
        P::Coverage => ("Coverage", "覆盖率"),
        P::RequiredCoverage => ("Required coverage", "所需覆盖率"),
        P::NewLeads => ("New leads still needed", "仍需新线索"),
        P::NewLeadsPerWeek => ("New leads per week still needed", "每周仍需新线索"),
        P::Bottleneck => ("Bottleneck", "瓶颈阶段"),
        P::WinRateAchievement => ("Win-rate achievement", "赢率达成"),
        P::CycleAchievement => ("Cycle achievement", "周期达成"),
        P::Velocity => ("Sales velocity (per day)", "销售速度（每天）"),
        P::StalledDeals => ("Stalled deals", "停滞商机"),
        P::OverdueDeals => ("Overdue deals", "逾期商机"),
        P::HealthHeading => ("Health", "健康度"),
        P::Balance => ("Balance", "平衡分析"),
        P::Ideal => ("Ideal", "理想"),
        P::Actual => ("Actual", "实际"),
        P::Ratio => ("Ratio", "比率"),
        P::ByStage => ("Pipeline by stage", "各阶段管道"),
        P::OpenDeals => ("Open deals", "进行中商机"),
        P::OpenAmount => ("Open amount", "进行中金额"),
        P::ExpectedWins => ("Expected wins", "预计赢单"),
        P::Weighted => ("Weighted", "加权金额"),
        P::Total => ("Total", "合计"),
        P::QuickHelp => (
            "No deal list? Enter your open opportunities per stage and their total amount.",
            "没有商机列表？按阶段输入进行中的商机数和总金额即可。",
        ),
        P::QuickWon => ("Revenue already won", "本周期已赢收入"),
        P::FromDeals => (
            "From the deal list: open deals closing in the period.",
            "来自商机列表：本周期内预计成交的进行中商机。",
        ),
        P::ObservedHeading => ("Your real funnel", "你的真实漏斗"),
        P::ObservedRates => ("Observed win rates", "实际赢率"),
        P::Planned => ("Planned", "计划"),
        P::Observed => ("Observed", "实际"),
        P::Interval => ("90 % interval", "90% 区间"),
        P::ClosedDeals => ("Closed deals", "已结商机"),
        P::UseObserved => ("Use observed rates", "使用实际赢率"),
        P::TooFew => ("too few closed deals to trust", "已结商机太少，不足为信"),
        P::SpreadHeading => ("How sure is it", "把握有多大"),
        P::P10 => ("P10", "P10"),
        P::P50 => ("P50", "P50"),
        P::P90 => ("P90", "P90"),
        P::Chance => ("Chance to hit target", "达成目标的概率"),
        P::Histogram => (
            "Won revenue in the period: each bar the chance of an amount, the dashed lines P10, P50 and P90",
            "本周期赢单收入分布：每根柱为收入落在该区间的概率，虚线为 P10、P50、P90",
        ),
        P::NoDeals => ("no deals yet", "还没有商机"),
        P::NoTarget => ("fix the target on the Plan", "请先在计划页修正目标"),
        P::NoPeriod => ("fix the period on the Plan", "请先在计划页修正周期"),
        P::NoFunnel => ("fix the funnel on the Plan", "请先在计划页修正漏斗"),
        P::NoCycle => ("fix the dwell days on the Plan", "请先在计划页修正停留天数"),
        P::NoTimeLeft => (
            "no time left: a lead entering now closes after the period ends",
            "已来不及：现在进入的线索会在周期结束后才成交",
        ),
        P::TargetMet => ("the forecast meets the target", "预测已达成目标"),
        P::NoOpenInPeriod => (
            "no open deals close in the period",
            "本周期内没有预计成交的进行中商机",
        ),
        P::Ahead => ("ahead", "超出"),
        P::ImportHeading => ("Import deals from CSV", "从 CSV 导入商机"),
        P::ChooseFile => ("CSV file", "CSV 文件"),
        P::Replace => ("Replace the deal list", "替换现有商机"),
        P::Append => ("Add to the deal list", "添加到现有商机"),
        P::Mapping => ("Column mapping", "列对应"),
        P::Column => ("Column in the file", "文件中的列"),
        P::MapsTo => ("Imported as", "导入为"),
        P::NotImported => ("(not imported)", "（不导入）"),
        P::StageMapping => ("Stage mapping", "阶段对应"),
        P::CrmStage => ("Stage in the file", "文件中的阶段"),
        P::PlanStage => ("Plan stage", "计划中的阶段"),
        P::Unmapped => ("(choose a stage)", "（请选择阶段）"),
        P::BadRows => ("Rows that will not be imported", "不会导入的行"),
        P::Line => ("Line", "行号"),
        P::Reason => ("Reason", "原因"),
        P::DateOrder => ("Date order", "日期顺序"),
        P::Ymd => ("year-month-day", "年-月-日"),
        P::Mdy => ("month/day/year", "月/日/年"),
        P::Dmy => ("day/month/year", "日/月/年"),
        P::ProbabilityScale => ("Probabilities are", "成交概率为"),
        P::Percent => ("percentages (35 = 35 %)", "百分数（35 = 35%）"),
        P::Fraction => ("fractions of one (0.35 = 35 %)", "小数（0.35 = 35%）"),
        P::DecimalMark => ("Decimal mark in amounts", "金额中的小数点"),
        P::DecimalPoint => ("point (1,355.90)", "小数点（1,355.90）"),
        P::DecimalComma => ("comma (1.355,90)", "逗号（1.355,90）"),
        P::Preview => ("Preview", "预览"),
        P::Importing => ("Importing…", "正在导入…"),
        P::NoRowsToImport => ("No rows to import.", "没有可导入的行。"),
        P::TargetMark => ("target", "目标"),
        P::ImportInto => ("Imported deals", "导入的商机"),
    };
    pick(lang, en, zh)
}

/// The name of a Pipeline control, for the undo button's description.
pub fn control_name(lang: Lang, c: Control) -> &'static str {
    let key = match c {
        Control::QuickDeals(_) => P::OpenDeals,
        Control::QuickAmount(_) => P::OpenAmount,
        Control::QuickWon => P::QuickWon,
        Control::DealField(_, f) => field_key(f),
        _ => P::Deals,
    };
    p(lang, key)
}

/// The column heading of a deal field.
pub fn field_key(f: DealField) -> P {
    match f {
        DealField::Name => P::Name,
        DealField::Account => P::Account,
        DealField::Amount => P::Amount,
        DealField::Stage => P::Stage,
        DealField::Status => P::Status,
        DealField::Close => P::CloseDate,
        DealField::InStageSince => P::InStageSince,
        DealField::Probability => P::Probability,
        DealField::Created => P::Created,
    }
}

/// The name of a Pipeline step, for the undo button's description.
pub fn edit_name(lang: Lang, e: Edit) -> &'static str {
    match e {
        Edit::AddDeal(_) => p(lang, P::AddDeal),
        Edit::DeleteDeal(_) => p(lang, P::DeleteDeal),
        Edit::Import => p(lang, P::ImportCsv),
        Edit::ObservedRates => p(lang, P::UseObserved),
        _ => "",
    }
}

/// "Deals 1–50 of 1,234 (10,000 in all)".
pub fn page_line(lang: Lang, from: usize, to: usize, shown: usize, all: usize) -> String {
    let n = |x: usize| super::fmt_int(lang, x as u64);
    if shown == 0 {
        return match (lang, all) {
            (Lang::En, 0) => "No deals yet.".into(),
            (Lang::Zh, 0) => "还没有商机。".into(),
            (Lang::En, _) => format!("No deals match ({} in all).", n(all)),
            (Lang::Zh, _) => format!("没有符合条件的商机（共 {} 个）。", n(all)),
        };
    }
    // One row: "Deal 26 of 26", not "Deals 26–26 of 26".
    let range = if from == to {
        n(from)
    } else {
        format!("{}–{}", n(from), n(to))
    };
    let noun = if from == to { "Deal" } else { "Deals" };
    match (lang, shown == all) {
        (Lang::En, true) => format!("{noun} {range} of {}", n(shown)),
        (Lang::Zh, true) => format!("第 {range} 个，共 {} 个商机", n(shown)),
        (Lang::En, false) => format!("{noun} {range} of {} shown ({} in all)", n(shown), n(all)),
        (Lang::Zh, false) => format!("第 {range} 个，筛选出 {} 个（共 {} 个）", n(shown), n(all)),
    }
}

/// A deal's stage that the plan no longer has.
pub fn stage_missing(lang: Lang) -> &'static str {
    pick(
        lang,
        "(stage no longer in the plan)",
        "（计划中已无此阶段）",
    )
}

/// Why a pipeline figure is a dash, in words.
pub fn unavailable(lang: Lang, u: crate::domain::pipeline::Unavailable) -> &'static str {
    use crate::domain::pipeline::Unavailable as U;
    match u {
        U::NoPeriod => p(lang, P::NoPeriod),
        U::NoTarget | U::NoAverageDeal => p(lang, P::NoTarget),
        U::NoWonStage | U::NoOpenStage => p(lang, P::NoFunnel),
        U::TopRateZero => pick(
            lang,
            "a 0 % first stage makes this unreachable",
            "第一阶段为 0%，无法达成",
        ),
        U::NoCycle => p(lang, P::NoCycle),
        U::TargetReached => pick(
            lang,
            "won revenue already meets the target",
            "已赢收入已达成目标",
        ),
        U::NoTimeLeft => p(lang, P::NoTimeLeft),
        U::NoIdeal => pick(
            lang,
            "no ideal count (see the Plan)",
            "无理想数量（见计划页）",
        ),
        U::NoDeals => pick(lang, "no deals to measure", "没有可计算的商机"),
        U::ZeroPlannedRate => pick(lang, "the planned rate is 0 %", "计划赢率为 0%"),
        U::ZeroDays => pick(
            lang,
            "won deals closed the day they were created",
            "赢单均在创建当天成交",
        ),
    }
}

/// Why the whole pipeline is dashes.
pub fn blocked(lang: Lang, b: crate::pipeline::PipelineBlocked) -> &'static str {
    match b {
        crate::pipeline::PipelineBlocked::Funnel => p(lang, P::NoFunnel),
        crate::pipeline::PipelineBlocked::TooLarge => pick(
            lang,
            "the sums are too large to compute exactly",
            "金额过大，无法精确计算",
        ),
        crate::pipeline::PipelineBlocked::QuickField => pick(
            lang,
            "fix the marked field in Pipeline by stage",
            "请先修正“各阶段管道”中标出的输入",
        ),
    }
}

/// "realised $120,000 + weighted open deals $300,000".
pub fn weighted_explained(lang: Lang, realised: &str, open: &str) -> String {
    match lang {
        Lang::En => format!("won {realised} + open deals weighted by their probability {open}"),
        Lang::Zh => format!("已赢 {realised} + 进行中商机按概率加权 {open}"),
    }
}

/// "$420,000 short of the $3,000,000 target" / "ahead by …".
pub fn gap_value(lang: Lang, amount: &str, short: bool) -> String {
    match (lang, short) {
        (Lang::En, true) => format!("{amount} short"),
        (Lang::En, false) => format!("{amount} ahead"),
        (Lang::Zh, true) => format!("差 {amount}"),
        (Lang::Zh, false) => format!("超出 {amount}"),
    }
}

/// The gap's explanation.
pub fn gap_explained(lang: Lang, target: &str) -> String {
    match lang {
        Lang::En => format!("target {target} − weighted forecast"),
        Lang::Zh => format!("目标 {target} − 加权预测"),
    }
}

/// Coverage's explanation.
pub fn coverage_explained(lang: Lang, open: &str, remaining: &str) -> String {
    match lang {
        Lang::En => format!("open pipeline in the period {open} ÷ target still to win {remaining}"),
        Lang::Zh => format!("本周期进行中管道 {open} ÷ 尚需赢得的目标 {remaining}"),
    }
}

/// Required coverage's explanation.
pub fn required_coverage_explained(lang: Lang, p1: &str) -> String {
    match lang {
        Lang::En => format!("1 ÷ close ratio {p1}: what the funnel's win rate asks for"),
        Lang::Zh => format!("1 ÷ 成交率 {p1}：漏斗赢率所要求的覆盖"),
    }
}

/// New leads' explanation.
pub fn new_leads_explained(lang: Lang, deal: &str, p1: &str) -> String {
    match lang {
        Lang::En => format!("gap ÷ (average deal {deal} × close ratio {p1}), rounded up"),
        Lang::Zh => format!("缺口 ÷（平均单额 {deal} × 成交率 {p1}），向上取整"),
    }
}

/// Weekly new leads' explanation.
pub fn per_week_explained(lang: Lang, days: &str, one_day: bool) -> String {
    match lang {
        Lang::En if one_day => {
            "spread over the 1 day left to enter leads that can still close in the period".into()
        }
        Lang::En => format!(
            "spread over the {days} days left to enter leads that can still close in the period"
        ),
        Lang::Zh => format!("分摊到剩余的 {days} 天：此期间进入的线索仍能在周期内成交"),
    }
}

/// A deal cell's refused text: why, then what the figures still use (the
/// cell's last value `kept`, or with none, the stage's win rate when
/// `stage_rate` or nothing).
pub fn refused(lang: Lang, why: &str, kept: &str, stage_rate: bool) -> String {
    let then = if kept.is_empty() && stage_rate {
        not_applied_stage_rate(lang).to_string()
    } else {
        not_applied(lang, kept)
    };
    format!("{why}{}{then}", super::sentence_gap(lang))
}

/// Said after a deal cell's refused text: what the figures still use.
fn not_applied(lang: Lang, kept: &str) -> String {
    match (lang, kept.is_empty()) {
        (Lang::En, true) => "Not applied: the figures use no value here.".into(),
        (Lang::En, false) => format!(
            "Not applied: the figures still use “{}”.",
            super::quote_text(kept)
        ),
        (Lang::Zh, true) => "未采用：各项数字不使用此处的值。".into(),
        (Lang::Zh, false) => format!("未采用：各项数字仍按“{}”计算。", super::quote_text(kept)),
    }
}

/// Said after a refused probability in a deal whose own is blank.
fn not_applied_stage_rate(lang: Lang) -> &'static str {
    pick(
        lang,
        "Not applied: the figures still use the stage's win rate.",
        "未采用：各项数字仍按该阶段的赢率计算。",
    )
}

/// A deal's date field left with a date the browser cannot read (29
/// February of a common year, or a part missing).
pub fn date_not_real(lang: Lang) -> &'static str {
    pick(
        lang,
        "Not a whole, real date: check the day, month and year.",
        "不是完整、真实的日期：请检查年、月、日。",
    )
}

/// Said at "Add deal" when the list is at its cap.
pub fn deal_list_full(lang: Lang) -> String {
    let cap = super::fmt_int(lang, crate::pipeline::MAX_DEALS as u64);
    match lang {
        Lang::En => {
            format!("The list is full: it holds at most {cap} deals. Delete some to add more.")
        }
        Lang::Zh => format!("列表已满：最多 {cap} 个商机。请先删除一些再添加。"),
    }
}

/// "3 overdue · $250,000 (weighted $120,000)".
pub fn overdue_value(lang: Lang, count: &str, amount: &str, weighted: &str) -> String {
    match lang {
        Lang::En => format!("{count} · {amount} (weighted {weighted})"),
        Lang::Zh => format!("{count} 个 · {amount}（加权 {weighted}）"),
    }
}

/// What the overdue figure means.
pub fn overdue_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "open deals whose close date has passed, in the period or before it: update or close them",
        "成交日期已过的进行中商机（本周期内或之前）：请更新或关闭",
    )
}

/// What the stalled figure means.
pub fn stalled_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "open deals longer in their stage than its dwell days, or older than one sales cycle",
        "在阶段中停留超过标准天数，或存在时间超过一个销售周期的进行中商机",
    )
}

/// Velocity's explanation.
pub fn velocity_explained(lang: Lang, open: &str, p1: &str, cycle: &str) -> String {
    match lang {
        Lang::En => format!("open pipeline {open} × close ratio {p1} ÷ sales cycle {cycle} days"),
        Lang::Zh => format!("进行中管道 {open} × 成交率 {p1} ÷ 销售周期 {cycle} 天"),
    }
}

/// Bottleneck's explanation.
pub fn bottleneck_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "the stage whose observed conversion falls furthest below plan",
        "实际转化率低于计划最多的阶段",
    )
}

/// Win-rate achievement's explanation.
pub fn win_rate_achievement_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "won ÷ closed deals in the period, against the planned close ratio",
        "本周期已结商机的赢单比例 ÷ 计划成交率",
    )
}

/// Cycle achievement's explanation.
pub fn cycle_achievement_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "planned sales cycle ÷ average days from created to won, in the period",
        "计划销售周期 ÷ 本周期赢单从创建到成交的平均天数",
    )
}

/// Notes on deals that count in no total.
pub fn gap_notes(
    lang: Lang,
    no_close: u64,
    won_without_amount: u64,
    unknown_stage: u64,
    open_without_amount: u64,
) -> Vec<String> {
    let n = |x: u64| super::fmt_int(lang, x);
    let mut v = Vec::new();
    let en = lang == Lang::En;
    let s = |x: u64| if x == 1 { "" } else { "s" };
    let has = |x: u64| if x == 1 { "has" } else { "have" };
    if no_close > 0 {
        v.push(if en {
            format!(
                "{} open deal{} {} no close date: counted in no period.",
                n(no_close),
                s(no_close),
                has(no_close)
            )
        } else {
            format!("{} 个进行中商机没有成交日期：不计入任何周期。", n(no_close))
        });
    }
    if open_without_amount > 0 {
        v.push(if en {
            format!(
                "{} open deal{} {} no amount: counted in deals, not revenue.",
                n(open_without_amount),
                s(open_without_amount),
                has(open_without_amount)
            )
        } else {
            format!(
                "{} 个进行中商机没有金额：计入商机数，不计入收入。",
                n(open_without_amount)
            )
        });
    }
    if won_without_amount > 0 {
        v.push(if en {
            format!(
                "{} won deal{} {} no amount: counted in win rates, not revenue.",
                n(won_without_amount),
                s(won_without_amount),
                has(won_without_amount)
            )
        } else {
            format!(
                "{} 个赢单没有金额：计入赢率，不计入收入。",
                n(won_without_amount)
            )
        });
    }
    if unknown_stage > 0 {
        v.push(if en {
            format!(
                "{} deal{} {} a stage the plan no longer has: counted nowhere until given one.",
                n(unknown_stage),
                s(unknown_stage),
                has(unknown_stage)
            )
        } else {
            format!(
                "{} 个商机所在阶段已不在计划中：在重新指定阶段前不计入任何数字。",
                n(unknown_stage)
            )
        });
    }
    v
}

/// What "Realised" counts.
pub fn realised_explained(lang: Lang) -> String {
    pick(
        lang,
        "won deals closing in the period",
        "本周期内成交的赢单",
    )
    .to_string()
}

/// "15 a week".
pub fn per_week_value(lang: Lang, n: &str) -> String {
    match lang {
        Lang::En => format!("{n} a week"),
        Lang::Zh => format!("每周 {n}"),
    }
}

/// No stage converts below plan (or there is nothing to compare).
pub fn no_bottleneck(lang: Lang) -> &'static str {
    pick(lang, "none found", "未发现")
}

/// "Period Jan 1, 2027 – Mar 31, 2027 · today Jan 15, 2027 (set on the Plan)".
pub fn period_line(
    lang: Lang,
    period: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    today: chrono::NaiveDate,
) -> String {
    let today = super::fmt_date(lang, today);
    match period {
        Some((start, end)) => {
            let (a, b) = (super::fmt_date(lang, start), super::fmt_date(lang, end));
            match lang {
                Lang::En => format!("Period {a} – {b} · today {today} (set on the Plan)"),
                Lang::Zh => format!("周期 {a} – {b} · 今天 {today}（在计划页设置）"),
            }
        }
        None => p(lang, P::NoPeriod).to_string(),
    }
}

/// "Forecast: $1,234,000 (already won + Σ weighted)".
pub fn quick_total(lang: Lang, total: &str) -> String {
    match lang {
        Lang::En => {
            format!("Weighted forecast: {total} (revenue already won + the weighted column)")
        }
        Lang::Zh => format!("加权预测：{total}（已赢收入 + 加权金额合计）"),
    }
}

/// What the balance compares.
pub fn balance_note(lang: Lang) -> &'static str {
    pick(
        lang,
        "Ideal: the standing count the Plan's steady funnel holds in each stage. Actual: every open deal now in the stage, whatever its close date.",
        "理想：计划页稳态漏斗在各阶段应保有的数量。实际：目前处于该阶段的全部进行中商机（不论成交日期）。",
    )
}

/// "24 %–61 %".
pub fn interval(lang: Lang, lo: f64, hi: f64) -> String {
    let pct = |x: f64| {
        let r = crate::domain::Ratio::new((x.clamp(0.0, 1.0) * 1000.0).round() as u128, 1000)
            .unwrap_or(crate::domain::Ratio::ZERO);
        super::fmt_percent(lang, r)
    };
    format!("{}–{}", pct(lo), pct(hi))
}

/// Why the observed rates cannot replace the plan's.
pub fn observed_refused(
    lang: Lang,
    e: crate::domain::pipeline::ObservedFunnelError,
    name: &dyn Fn(u32) -> String,
) -> String {
    use crate::domain::pipeline::ObservedFunnelError as E;
    match (e, lang) {
        (E::NoFunnel, _) => p(lang, P::NoFunnel).to_string(),
        (E::NoData { stage }, Lang::En) => format!("{} has no closed deals yet.", name(stage)),
        (E::NoData { stage }, Lang::Zh) => format!("{}还没有已结商机。", name(stage)),
        (E::ZeroRate { stage }, Lang::En) => format!(
            "{} observed 0 %: the plan would be unreachable.",
            name(stage)
        ),
        (E::ZeroRate { stage }, Lang::Zh) => {
            format!("{}实际赢率为 0%：计划将无法达成。", name(stage))
        }
        (E::Decreasing { stage }, Lang::En) => {
            format!("{} observed less than the stage above it.", name(stage))
        }
        (E::Decreasing { stage }, Lang::Zh) => format!("{}的实际赢率低于上一阶段。", name(stage)),
    }
}

/// The low case.
pub fn p10_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "low case: 9 in 10 periods bring at least this",
        "保守：十个周期中有九个至少达到此数",
    )
}

/// The middle case.
pub fn p50_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "middle case: as likely above as below",
        "中位：高于或低于的可能相同",
    )
}

/// The high case.
pub fn p90_explained(lang: Lang) -> &'static str {
    pick(
        lang,
        "high case: 1 in 10 periods bring more",
        "乐观：十个周期中只有一个超过此数",
    )
}

/// The chance's explanation.
pub fn chance_explained(lang: Lang, target: &str) -> String {
    match lang {
        Lang::En => format!("chance that won revenue reaches {target}, each open deal closing independently with its probability"),
        Lang::Zh => format!("每个进行中商机按其概率独立成交时，赢单收入达到 {target} 的概率"),
    }
}

/// How the distribution was computed.
pub fn method_line(lang: Lang, m: crate::domain::distribution::Method) -> String {
    use crate::domain::distribution::Method;
    match (m, lang) {
        (Method::Exact, Lang::En) => "Computed exactly: every combination of open deals won and lost, by convolution of their amounts.".into(),
        (Method::Exact, Lang::Zh) => "精确计算：按金额卷积，涵盖进行中商机赢、输的每一种组合。".into(),
        (Method::Approximate { max_cdf_error }, Lang::En) => format!(
            "Too many distinct amounts to compute exactly in a moment: the normal approximation (exact mean and spread), probabilities within ±{} points.",
            fmt_points(lang, max_cdf_error)
        ),
        (Method::Approximate { max_cdf_error }, Lang::Zh) => format!(
            "金额种类太多，无法即时精确计算：采用正态近似（均值与离散度精确），概率误差不超过 ±{} 个百分点。",
            fmt_points(lang, max_cdf_error)
        ),
    }
}

fn fmt_points(lang: Lang, x: f64) -> String {
    let r = crate::domain::Ratio::new(((x * 100.0).clamp(0.0, 100.0) * 10.0).ceil() as u128, 10)
        .unwrap_or(crate::domain::Ratio::ZERO);
    super::fmt_decimal(lang, r, 1)
}

/// The histogram as a sentence, for screen readers.
pub fn histogram_sentence(
    lang: Lang,
    p10: &str,
    p50: &str,
    p90: &str,
    lo: &str,
    hi: &str,
) -> String {
    match lang {
        Lang::En => format!(
            "Won revenue in the period, from {lo} to {hi}: P10 {p10}, P50 {p50}, P90 {p90}."
        ),
        Lang::Zh => {
            format!("本周期赢单收入分布，从 {lo} 到 {hi}：P10 {p10}，P50 {p50}，P90 {p90}。")
        }
    }
}

/// Why a file could not be read at all.
pub fn csv_failed(lang: Lang, file: &str, e: &crate::domain::deals_csv::CsvError) -> String {
    use crate::domain::deals_csv::CsvError as E;
    let why = match (e, lang) {
        (E::NotText, Lang::En) => "it is not a text file in UTF-8 or GB18030 (GBK).",
        (E::NotText, Lang::Zh) => "它不是 UTF-8 或 GB18030（GBK）编码的文本文件。",
        (E::Utf16, Lang::En) => "it is saved as Unicode text (UTF-16): save it from Excel as “CSV UTF-8” or “CSV (comma delimited)”.",
        (E::Utf16, Lang::Zh) => "它保存为 Unicode 文本（UTF-16）：请在 Excel 中另存为“CSV UTF-8”或“CSV（逗号分隔）”。",
        (E::Empty, Lang::En) => "it holds nothing.",
        (E::Empty, Lang::Zh) => "文件是空的。",
        (E::NoHeader { pivot: true }, Lang::En) => "it looks like a pivot table (totals by group), not a list of deals: export the deal list itself. Nothing was imported.",
        (E::NoHeader { pivot: true }, Lang::Zh) => "它看起来是数据透视表（分组汇总），不是商机列表：请导出商机明细本身。未导入任何商机。",
        (E::NoHeader { pivot: false }, Lang::En) => "no row looks like a header row (a row naming columns such as Amount, Stage, Close date). Nothing was imported.",
        (E::NoHeader { pivot: false }, Lang::Zh) => "找不到表头行（写有金额、销售阶段、预计成交日期等列名的行）。未导入任何商机。",
    };
    match lang {
        Lang::En => format!("“{file}” cannot be imported: {why}"),
        Lang::Zh => format!("无法导入“{file}”：{why}"),
    }
}

/// "deals.csv · UTF-8 · header on line 3 · 2 title lines and 3 footer lines skipped".
pub fn file_line(
    lang: Lang,
    file: &str,
    enc: crate::domain::deals_csv::Encoding,
    sheet: &crate::domain::deals_csv::Sheet,
) -> String {
    use crate::domain::deals_csv::Encoding as E;
    let n = |x: usize| super::fmt_int(lang, x as u64);
    // English only: "1 data row", "2 data rows".
    let en = |x: usize, one: &str, many: &str| {
        if x == 1 {
            format!("1 {one}")
        } else {
            format!("{} {many}", n(x))
        }
    };
    let enc = match (enc, lang) {
        (E::Utf8, _) => "UTF-8",
        (E::Utf8Bom, Lang::En) => "UTF-8 with byte-order mark",
        (E::Utf8Bom, Lang::Zh) => "UTF-8（带 BOM）",
        (E::Gb18030, _) => "GB18030 (GBK)",
    };
    let sep = match (sheet.delimiter, lang) {
        (b';', Lang::En) => "semicolons",
        (b';', Lang::Zh) => "分号分隔",
        (b'\t', Lang::En) => "tabs",
        (b'\t', Lang::Zh) => "制表符分隔",
        (_, Lang::En) => "commas",
        (_, Lang::Zh) => "逗号分隔",
    };
    let mut parts = match lang {
        Lang::En => vec![
            format!("“{file}”"),
            format!("read as {enc}"),
            sep.to_string(),
            format!("header on line {}", n(sheet.header_line)),
            en(sheet.rows.len(), "data row", "data rows"),
        ],
        Lang::Zh => vec![
            format!("“{file}”"),
            format!("按 {enc} 读取"),
            sep.to_string(),
            format!("表头在第 {} 行", n(sheet.header_line)),
            format!("{} 行数据", n(sheet.rows.len())),
        ],
    };
    if sheet.skipped_above > 0 {
        parts.push(match lang {
            Lang::En => format!(
                "{} above the header skipped",
                en(sheet.skipped_above, "title line", "title lines")
            ),
            Lang::Zh => format!("跳过表头上方 {} 行标题", n(sheet.skipped_above)),
        });
    }
    if sheet.skipped_below > 0 {
        parts.push(match lang {
            Lang::En => format!(
                "{} below the data skipped",
                en(sheet.skipped_below, "footer line", "footer lines")
            ),
            Lang::Zh => format!("跳过数据下方 {} 行页脚", n(sheet.skipped_below)),
        });
    }
    if sheet.beyond_cap > 0 {
        parts.push(match lang {
            Lang::En => format!(
                "{} beyond the {}-row limit not read",
                en(sheet.beyond_cap, "row", "rows"),
                n(crate::domain::deals_csv::MAX_IMPORT_ROWS)
            ),
            Lang::Zh => format!(
                "超出 {} 行上限的 {} 行未读取",
                n(crate::domain::deals_csv::MAX_IMPORT_ROWS),
                n(sheet.beyond_cap)
            ),
        });
    }
    let sep = if lang == Lang::Zh { "，" } else { " · " };
    parts.join(sep)
}

/// A column meaning's value in the mapping's select.
pub fn column_value(c: crate::domain::deals_csv::Column) -> &'static str {
    use crate::domain::deals_csv::Column as C;
    match c {
        C::Name => "name",
        C::Account => "account",
        C::Amount => "amount",
        C::Stage => "stage",
        C::Status => "status",
        C::Close => "close",
        C::InStageSince => "since",
        C::Probability => "probability",
        C::Created => "created",
    }
}

/// A column meaning's name, marked when it is required.
pub fn column_name(lang: Lang, c: crate::domain::deals_csv::Column) -> String {
    let key = field_key(c);
    if c.is_required() {
        match lang {
            Lang::En => format!("{} (required)", p(lang, key)),
            Lang::Zh => format!("{}（必需）", p(lang, key)),
        }
    } else {
        p(lang, key).to_string()
    }
}

/// A column without a header.
pub fn column_n(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("Column {n}"),
        Lang::Zh => format!("第 {n} 列"),
    }
}

/// "Close date: order".
pub fn order_label(lang: Lang, c: crate::domain::deals_csv::Column) -> String {
    let name = column_name(lang, c);
    let name = name
        .trim_end_matches(" (required)")
        .trim_end_matches("（必需）");
    match lang {
        Lang::En => format!("{name}: date order"),
        Lang::Zh => format!("{name}：日期顺序"),
    }
}

/// What decided a date order.
pub fn basis_hint(lang: Lang, b: crate::domain::deals_csv::DateBasis) -> &'static str {
    use crate::domain::deals_csv::DateBasis as B;
    match b {
        B::Data => pick(
            lang,
            "settled by the dates in the file",
            "由文件中的日期确定",
        ),
        B::Usual => pick(
            lang,
            "nothing in the file settles it: your language's usual order is used — check it",
            "文件中的日期无法确定顺序：采用你所用语言的习惯顺序，请核对",
        ),
        B::Mixed => pick(
            lang,
            "the dates disagree: the order most of them fit is used; the rest are listed below",
            "日期顺序不一致：采用多数日期符合的顺序，其余列在下方",
        ),
        B::NotNeeded => pick(
            lang,
            "every date reads the same either way",
            "所有日期的读法都不受顺序影响",
        ),
    }
}

/// Why a row is left out.
pub fn row_problem(lang: Lang, k: &crate::domain::deals_csv::RowProblemKind) -> String {
    use crate::domain::deals_csv::RowProblemKind as R;
    match (k, lang) {
        (R::BadAmount(e), Lang::En) => {
            // "Amount: must not be negative.", a sentence after the colon.
            let why = super::input_error(lang, e);
            let mut chars = why.chars();
            let why = match (chars.next(), chars.next()) {
                (Some(a), Some(b)) if a.is_ascii_uppercase() && b.is_ascii_lowercase() => {
                    format!("{}{}", a.to_ascii_lowercase(), &why[1..])
                }
                _ => why,
            };
            format!("Amount: {why}")
        }
        (R::BadAmount(e), Lang::Zh) => format!("金额：{}", super::input_error(lang, e)),
        (R::BadDate { column, text }, Lang::En) => format!(
            "{}: “{}” is not a real date from 1900 to 2199 (check the day and month).",
            order_label(lang, *column).trim_end_matches(": date order"),
            super::quote_text(text)
        ),
        (R::BadDate { column, text }, Lang::Zh) => format!(
            "{}：“{}”不是 1900–2199 年间真实存在的日期（请检查月和日）。",
            order_label(lang, *column).trim_end_matches("：日期顺序"),
            super::quote_text(text)
        ),
        (R::BadProbability(t), Lang::En) => format!(
            "Probability: “{}” is not a percentage from 0 to 100.",
            super::quote_text(t)
        ),
        (R::BadProbability(t), Lang::Zh) => format!(
            "成交概率：“{}”不是 0 到 100 之间的百分数。",
            super::quote_text(t)
        ),
        (R::UnmappedStage(s), Lang::En) => format!(
            "Stage “{}” is not mapped to a plan stage.",
            super::quote_text(s)
        ),
        (R::UnmappedStage(s), Lang::Zh) => {
            format!("阶段“{}”还没有对应到计划中的阶段。", super::quote_text(s))
        }
        (R::NoStage, _) => pick(lang, "No stage.", "没有阶段。").to_string(),
        (R::UnclosedQuote, _) => pick(
            lang,
            "A quote (\") opens here and is never closed.",
            "此行的引号（\"）开始后一直没有闭合。",
        )
        .to_string(),
    }
}

/// "… and 1,234 more rows" when the list is cut.
pub fn problems_more(lang: Lang, total: usize, shown: usize) -> String {
    if total <= shown {
        return String::new();
    }
    let n = super::fmt_int(lang, (total - shown) as u64);
    match lang {
        Lang::En => format!("… and {n} more."),
        Lang::Zh => format!("……还有 {n} 条。"),
    }
}

/// The import's notes: deals imported that count in no period or no revenue.
pub fn import_notes(lang: Lang, n: &crate::domain::deals_csv::ImportNotes) -> Vec<String> {
    let f = |x: usize| super::fmt_int(lang, x as u64);
    let en = lang == Lang::En;
    // "1 open deal has", "2 open deals have".
    let deals = |x: usize, what: &str| {
        if x == 1 {
            format!("1 {what} deal has")
        } else {
            format!("{} {what} deals have", f(x))
        }
    };
    let mut v = Vec::new();
    if n.open_without_close > 0 {
        v.push(if en {
            format!(
                "{} no close date: counted in no period.",
                deals(n.open_without_close, "open")
            )
        } else {
            format!(
                "{} 个进行中商机没有成交日期：不计入任何周期。",
                f(n.open_without_close)
            )
        });
    }
    if n.open_without_amount > 0 {
        v.push(if en {
            format!(
                "{} no amount: counted as deals, not revenue.",
                deals(n.open_without_amount, "open")
            )
        } else {
            format!(
                "{} 个进行中商机没有金额：计入商机数，不计入收入。",
                f(n.open_without_amount)
            )
        });
    }
    if n.won_without_amount > 0 {
        v.push(if en {
            format!(
                "{} no amount: counted in win rates, not revenue.",
                deals(n.won_without_amount, "won")
            )
        } else {
            format!(
                "{} 个赢单没有金额：计入赢率，不计入收入。",
                f(n.won_without_amount)
            )
        });
    }
    if n.closed_without_close > 0 {
        v.push(if en {
            format!(
                "{} no close date: counted in win rates, in no period.",
                deals(n.closed_without_close, "closed")
            )
        } else {
            format!(
                "{} 个已结商机没有成交日期：计入赢率，不计入任何周期。",
                f(n.closed_without_close)
            )
        });
    }
    if n.names_cut > 0 {
        v.push(if en {
            format!(
                "{} names were longer than {} characters and were cut.",
                f(n.names_cut),
                crate::domain::limits::MAX_NAME_CHARS
            )
        } else {
            format!(
                "{} 个名称超过 {} 个字符，已截断。",
                f(n.names_cut),
                crate::domain::limits::MAX_NAME_CHARS
            )
        });
    }
    v
}

/// The line above "Apply import": what applying would do, or what is missing.
#[allow(clippy::too_many_arguments)]
pub fn import_summary(
    lang: Lang,
    rows: usize,
    progress: usize,
    dry: Option<&crate::domain::deals_csv::Imported>,
    missing: &[crate::domain::deals_csv::Column],
    unmapped_stages: usize,
    confirm: bool,
    replace: bool,
) -> String {
    let f = |x: usize| super::fmt_int(lang, x as u64);
    let Some(d) = dry else {
        return match lang {
            Lang::En => format!("Reading rows… {} of {}", f(progress), f(rows)),
            Lang::Zh => format!("正在读取……{} / {} 行", f(progress), f(rows)),
        };
    };
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|c| column_name(lang, *c)).collect();
        return match lang {
            Lang::En => format!("Choose the column for: {}.", names.join(", ")),
            Lang::Zh => format!("请为以下各项选择列：{}。", names.join("、")),
        };
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{} {many}", f(n))
        }
    };
    let bad_lines = {
        let mut lines: Vec<usize> = d.problems.iter().map(|p| p.line).collect();
        lines.dedup();
        lines.len()
    };
    let what = if replace {
        match lang {
            Lang::En => "replacing the deal list",
            Lang::Zh => "替换现有商机",
        }
    } else {
        match lang {
            Lang::En => "added to the deal list",
            Lang::Zh => "添加到现有商机",
        }
    };
    let mut s = match lang {
        Lang::En => format!(
            "{} will be imported ({what}); {} will be left out.",
            plural(d.deals.len(), "deal", "deals"),
            plural(bad_lines, "row", "rows")
        ),
        Lang::Zh => format!(
            "将导入 {} 个商机（{what}）；{} 行不会导入。",
            f(d.deals.len()),
            f(bad_lines)
        ),
    };
    if unmapped_stages > 0 {
        // Chinese runs sentences together; English spaces them.
        if lang == Lang::En {
            s.push(' ');
        }
        s.push_str(&match (lang, confirm) {
            (Lang::En, false) => format!(
                "{} of the file {} not mapped yet: map {}, or apply and leave {} rows out.",
                plural(unmapped_stages, "stage", "stages"),
                if unmapped_stages == 1 { "is" } else { "are" },
                if unmapped_stages == 1 { "it" } else { "them" },
                if unmapped_stages == 1 { "its" } else { "their" }
            ),
            (Lang::Zh, false) => format!(
                "文件中有 {} 个阶段尚未对应：请先对应，或直接应用并略过这些行。",
                f(unmapped_stages)
            ),
            (Lang::En, true) => {
                "Apply import again to leave the rows of unmapped stages out.".to_string()
            }
            (Lang::Zh, true) => "再次点击“应用导入”即略过未对应阶段的行。".to_string(),
        });
    }
    s
}

/// The target is below every amount the chart shows.
pub fn target_below(lang: Lang, target: &str) -> String {
    match lang {
        Lang::En => format!("(the target, {target}, lies below this range)"),
        Lang::Zh => format!("（目标 {target} 低于图中范围）"),
    }
}

/// The target is above every amount the chart shows.
pub fn target_above(lang: Lang, target: &str) -> String {
    match lang {
        Lang::En => format!("(the target, {target}, lies above this range)"),
        Lang::Zh => format!("（目标 {target} 高于图中范围）"),
    }
}

/// The unit the amount column's header states ("in 万: 12.5 is 125,000").
pub fn amount_unit_hint(lang: Lang, unit: crate::domain::Ratio) -> String {
    if unit.is_one() {
        return String::new();
    }
    let x = super::fmt_decimal(lang, unit, 4);
    let example = unit
        .checked_mul(crate::domain::Ratio::new(25, 2).unwrap_or(crate::domain::Ratio::ONE))
        .map(|v| super::fmt_decimal(lang, v, 4))
        .unwrap_or_default();
    match lang {
        Lang::En => format!("the header gives the unit: each amount × {x} (12.5 is {example})"),
        Lang::Zh => format!("表头注明了单位：每个金额 × {x}（12.5 即 {example}）"),
    }
}

/// What an applied import did: "Imported 4 deals; 8 rows were left out
/// (lines 3, 4, 5, …)."
pub fn import_done(lang: Lang, added: usize, read: usize, left_out: &[usize]) -> String {
    let f = |x: usize| super::fmt_int(lang, x as u64);
    let shown: Vec<String> = left_out.iter().take(12).map(|l| f(*l)).collect();
    let more = if left_out.len() > 12 { "…" } else { "" };
    let mut s = match (lang, added) {
        (Lang::En, 1) => "Imported 1 deal.".to_string(),
        (Lang::En, n) => format!("Imported {} deals.", f(n)),
        (Lang::Zh, n) => format!("已导入 {} 个商机。", f(n)),
    };
    if added < read {
        s.push_str(&match lang {
            Lang::En => format!(
                " {} did not fit: the list holds at most {}.",
                f(read - added),
                f(crate::pipeline::MAX_DEALS)
            ),
            Lang::Zh => format!(
                "另有 {} 个超出上限（最多 {} 个），未导入。",
                f(read - added),
                f(crate::pipeline::MAX_DEALS)
            ),
        });
    }
    if !left_out.is_empty() {
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        s.push_str(&match (lang, left_out.len()) {
            (Lang::En, 1) => format!(" 1 row was left out (line {}).", shown.join(sep)),
            (Lang::En, n) => format!(
                " {} rows were left out (lines {}{more}).",
                f(n),
                shown.join(sep)
            ),
            (Lang::Zh, n) => format!("{} 行未导入（第 {}{more} 行）。", f(n), shown.join(sep)),
        });
    }
    s
}

/// The forecast meets the target exactly.
pub fn on_target(lang: Lang) -> String {
    pick(lang, "on target", "正好达成").to_string()
}
