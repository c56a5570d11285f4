//! Every word the user sees, in English and 简体中文, and number and date
//! formatting through the browser's `Intl`.
//!
//! One table ([`K`] with [`t`]) holds the fixed strings: a `match` arm per
//! key gives both languages, so a missing translation does not compile.
//! Messages with figures in them are functions below the table.

use crate::domain::time::{PeriodKind, TimeError};
use crate::domain::{InputError, PresetId, Ratio, StageIssue, StageKey};
use crate::model::{Blocked, FieldProblem};
use serde::{Deserialize, Serialize};

pub mod bidi;
pub mod compare;
pub mod examples;
pub mod levers;
pub mod notes;
pub mod pipeline;
pub mod present;
pub mod print;
pub mod update;
pub mod workshop;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// BCP 47 tag for `Intl` and the page's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, as the language switch shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// The interface language for a browser language tag such as "zh-TW".
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Currency a new user most likely plans in.
    pub fn default_currency(self) -> &'static str {
        match self {
            Lang::En => "USD",
            Lang::Zh => "CNY",
        }
    }
}

/// Keys of the fixed strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    AppTitle,
    Tagline,
    Language,
    ShowWorking,
    Privacy,
    FunnelHeading,
    TargetHeading,
    ResultsHeading,
    Preset,
    PresetCustom,
    RateMode,
    WinRate,
    Conversion,
    RateModeHelp,
    StageName,
    WinRatePct,
    ConversionPct,
    AddStage,
    RemoveStage,
    MoveUp,
    MoveDown,
    WonStage,
    LostStage,
    WonFixed,
    LostFixed,
    TargetBy,
    Revenue,
    Deals,
    RevenueTarget,
    AverageDealSize,
    DealsTarget,
    Currency,
    ConfidencePct,
    DealsNeeded,
    LeadsNeeded,
    CloseRatio,
    LeadsForConfidence,
    RequiredPerStage,
    ColStage,
    ColWinRate,
    ColConversion,
    ColRequired,
    RoundingNote,
    ModeSwitchBlocked,
    Saved,
    StorageUnavailable,
    SaveFailed,
    Dismiss,
    DealsEnteredDirectly,
    ChartEmpty,
    LostNotPlanned,
    TimeHeading,
    Period,
    PeriodStart,
    PeriodEnd,
    WeeksInPeriod,
    Today,
    DwellDays,
    LeadsPerRep,
    SalesCycleDays,
    WinsPerWeek,
    NewLeadsPerWeek,
    RepsNeeded,
    FirstLeadsBy,
    IdealFunnel,
    StandingCount,
    IntakeCalendar,
    ColWeek,
    ColStarts,
    ColNewLeads,
    ColCatchUp,
    TimeRoundingNote,
    UseBrowserDate,
    OnTime,
    PeriodShorterThanCycle,
    CatchUpPerWeek,
    PeriodHeading,
    FixDwell,
    FixPeriod,
    Undo,
    Redo,
    ResetToDefaults,
    ResetDone,
    UndoHint,
    EditHistory,
    DownloadBackup,
    PresetApplied,
    ScenarioDeleted,
    ScenarioAdded,
    ScenariosFull,
    StageRemoved,
    NoDwell,
    StagesHeading,
    DealDeleted,
    DealsImported,
    ObservedRatesUsed,
    DealsNotSaved,
    /// A save found that another tab had saved newer work first.
    OtherTabNewer,
    /// Another tab runs a newer version of the app and saved there.
    SavedByNewerVersion,
}

/// The fixed string for `key` in `lang`.
pub fn t(lang: Lang, key: K) -> &'static str {
    let (en, zh) = match key {
        K::AppTitle => ("Funnel Calculator", "漏斗计算器"),
        K::Tagline => (
            "Work back from a target to what every stage of your sales funnel needs.",
            "从销售目标倒推销售漏斗每个阶段需要的线索与商机。",
        ),
        K::Language => ("Language", "语言"),
        K::ShowWorking => ("Show working", "显示计算过程"),
        K::Privacy => (
            "Everything is computed in this browser and saved only here; nothing is sent anywhere.",
            "所有计算都在本浏览器中完成，数据只保存在这里，不会发送到任何地方。",
        ),
        K::FunnelHeading => ("Funnel", "销售漏斗"),
        K::TargetHeading => ("Target", "目标"),
        K::ResultsHeading => ("What the target needs", "目标需要什么"),
        K::Preset => ("Preset", "预设漏斗"),
        K::PresetCustom => ("Custom (edited)", "自定义（已修改）"),
        K::RateMode => ("Rate mode", "比率方式"),
        K::WinRate => ("Win rate", "赢率"),
        K::Conversion => ("Conversion", "转化率"),
        K::RateModeHelp => (
            "Win rate: chance a deal in the stage is won. Conversion: share that reaches the next stage.",
            "赢率：该阶段商机最终赢单的概率。转化率：进入下一阶段的比例。",
        ),
        K::StageName => ("Stage name", "阶段名称"),
        K::WinRatePct => ("Win rate (%)", "赢率（%）"),
        K::ConversionPct => ("Conversion to next stage (%)", "到下一阶段的转化率（%）"),
        K::AddStage => ("Add stage", "添加阶段"),
        K::RemoveStage => ("Remove stage", "删除阶段"),
        K::MoveUp => ("Move stage up", "上移阶段"),
        K::MoveDown => ("Move stage down", "下移阶段"),
        K::WonStage => ("Won stage", "赢单阶段"),
        K::LostStage => ("Lost stage · not planned", "丢单阶段 · 不计入计划"),
        K::WonFixed => ("100% · deals here are won", "100% · 到达即赢单"),
        K::LostFixed => ("0% · lost deals, not planned", "0% · 丢单，不计入计划"),
        K::TargetBy => ("Target by", "目标方式"),
        K::Revenue => ("Revenue", "收入"),
        K::Deals => ("Deals", "成交数"),
        K::RevenueTarget => ("Revenue target", "收入目标"),
        K::AverageDealSize => ("Average deal size", "平均单笔金额"),
        K::DealsTarget => ("Deals target", "成交目标（单）"),
        K::Currency => ("Currency", "货币"),
        K::ConfidencePct => ("Confidence (%)", "把握度（%）"),
        K::DealsNeeded => ("Deals needed", "所需成交数"),
        K::LeadsNeeded => ("Leads needed", "所需线索数"),
        K::CloseRatio => ("Close ratio", "成交率"),
        K::LeadsForConfidence => ("Leads for confidence", "达到把握度所需线索"),
        K::RequiredPerStage => ("Required per stage", "各阶段所需数量"),
        K::ColStage => ("Stage", "阶段"),
        K::ColWinRate => ("Win rate", "赢率"),
        K::ColConversion => ("Conversion", "转化率"),
        K::ColRequired => ("Required", "所需数量"),
        K::RoundingNote => (
            "Counts of deals and leads are rounded up: part of a lead cannot be worked.",
            "成交数与线索数一律向上取整：不存在半条线索。",
        ),
        K::ModeSwitchBlocked => (
            "Fix the marked rates first: only a complete, valid funnel can be converted.",
            "请先修正标出的比率：只有完整有效的漏斗才能换算。",
        ),
        K::Saved => ("Saved in this browser", "已保存在本浏览器"),
        K::StorageUnavailable => (
            "Can't save: this browser blocks local storage. Your work stays until you close the tab.",
            "无法保存：浏览器禁止本地存储。关闭标签页之前，内容仍会保留。",
        ),
        K::SaveFailed => (
            "Your work could not be saved: the browser's storage is full. It stays in this tab; export it to keep a copy.",
            "内容未能保存：浏览器存储空间已满。内容仍保留在此标签页中，请导出一份留存。",
        ),
        K::Dismiss => ("Dismiss", "知道了"),
        K::DealsEnteredDirectly => ("as entered", "直接输入"),
        K::ChartEmpty => (
            "The chart appears once the funnel and target are valid.",
            "漏斗与目标有效后显示图表。",
        ),
        K::LostNotPlanned => (
            "The lost stage holds lost deals and is not part of the plan.",
            "丢单阶段只记录丢失的商机，不计入计划。",
        ),
        K::TimeHeading => ("When leads must enter", "线索何时必须进入漏斗"),
        K::Period => ("Period", "周期"),
        K::PeriodStart => ("Period start", "周期开始"),
        K::PeriodEnd => ("Period end", "周期结束"),
        K::WeeksInPeriod => ("Weeks in period", "周期周数"),
        K::Today => ("Today", "今天"),
        K::DwellDays => ("Dwell days", "停留天数"),
        K::LeadsPerRep => ("New leads per rep per week", "每位销售每周新开拓线索"),
        K::SalesCycleDays => ("Sales cycle (days)", "销售周期（天）"),
        K::WinsPerWeek => ("Wins per week", "每周成交"),
        K::NewLeadsPerWeek => ("New leads per week", "每周新增线索"),
        K::RepsNeeded => ("Reps needed", "所需销售人数"),
        K::FirstLeadsBy => ("First leads by", "首批线索最晚进入日期"),
        K::IdealFunnel => ("Ideal funnel", "理想状态漏斗"),
        K::StandingCount => ("Standing count", "常驻数量"),
        K::IntakeCalendar => ("Intake calendar", "线索进入日程"),
        K::ColWeek => ("Week", "周"),
        K::ColStarts => ("Starts", "开始日期"),
        K::ColNewLeads => ("New leads", "新增线索"),
        K::ColCatchUp => ("Catch-up", "追赶计划"),
        K::TimeRoundingNote => (
            "Flows per week show one decimal where not whole (two significant digits below 1); counts of people and opportunities are rounded up.",
            "每周流量非整数时保留一位小数（小于 1 时保留两位有效数字）；人数与商机数一律向上取整。",
        ),
        K::UseBrowserDate => ("Use today's date", "使用今天的日期"),
        K::OnTime => ("On time: the first leads are not due yet.", "时间充裕：首批线索尚未到期。"),
        K::CatchUpPerWeek => ("Catch-up leads per week", "追赶：每周需新增线索"),
        K::PeriodHeading => ("Period and pace", "周期与节奏"),
        K::Undo => ("Undo", "撤销"),
        K::Redo => ("Redo", "重做"),
        K::ResetToDefaults => ("Reset to defaults", "恢复默认设置"),
        K::ResetDone => (
            "Everything was reset to the defaults.",
            "所有内容已恢复为默认设置。",
        ),
        K::UndoHint => (
            "Undo (Ctrl+Z) brings it back.",
            "点“撤销”（Ctrl+Z）即可恢复。",
        ),
        K::EditHistory => ("Edit history", "编辑历史"),
        K::DownloadBackup => ("Download the backup", "下载备份"),
        K::NoDwell => ("none: not an open stage", "无：非进行中阶段"),
        K::StagesHeading => ("Stage by stage", "各阶段明细"),
        K::PresetApplied => ("The preset replaced the stages.", "预设已替换各阶段。"),
        K::ScenarioDeleted => ("Scenario deleted.", "方案已删除。"),
        K::ScenarioAdded => ("Scenario added and saved.", "已新建方案并保存。"),
        K::ScenariosFull => (
            "The list holds at most 50 scenarios: delete one to add another.",
            "方案最多 50 个：请先删除一个再添加。",
        ),
        K::StageRemoved => ("Stage removed.", "已删除阶段。"),
        K::DealDeleted => ("Deal deleted.", "已删除商机。"),
        K::DealsImported => (
            "Deals imported. Undo (Ctrl+Z) takes the whole import back.",
            "商机已导入。点“撤销”（Ctrl+Z）可整批撤回本次导入。",
        ),
        K::ObservedRatesUsed => (
            "The plan now uses your observed win rates.",
            "计划已改用你的实际赢率。",
        ),
        K::DealsNotSaved => (
            "The deals could not be saved: the browser's storage is full. They are kept while this tab is open; export them to keep a copy.",
            "商机未能保存：浏览器存储空间已满。关闭此标签页前它们仍在，请导出一份留存。",
        ),
        K::OtherTabNewer => (
            "Another tab saved newer changes; this tab now shows them.",
            "另一个标签页保存了更新的修改，此标签页现已显示这些修改。",
        ),
        K::SavedByNewerVersion => (
            "This work was saved by a newer version of the calculator in another tab; this tab can't save over it. Export JSON keeps a copy of what this tab shows; reload to use the newer version.",
            "另一个标签页中更新版本的计算器保存了这些内容，此标签页无法覆盖保存。可导出 JSON 留存此标签页显示的内容；刷新即可使用新版本。",
        ),
        K::FixDwell => ("fix the marked dwell days", "请先修正标出的停留天数"),
        K::FixPeriod => ("fix the period or today's date", "请先修正周期或今天的日期"),
        K::PeriodShorterThanCycle => (
            "The period is no longer than the sales cycle: every lead for it must enter before the period starts.",
            "周期不长于销售周期：所有线索都必须在周期开始前进入漏斗。",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// What goes between two sentences: Chinese runs them together, English
/// spaces them.
pub fn sentence_gap(lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        ""
    } else {
        " "
    }
}

/// A preset's name.
pub fn preset_name(lang: Lang, preset: PresetId) -> &'static str {
    let (en, zh) = match preset {
        PresetId::Quota => ("Quota, stages A–E", "按配额倒推（A–E）"),
        PresetId::B2b => ("B2B, six stages", "B2B 六阶段"),
        PresetId::SmallProjects => ("Small projects", "小项目漏斗"),
        PresetId::TwoStep => ("Two steps, 10% × 10%", "两步漏斗 10% × 10%"),
        PresetId::Wide => (
            "Long, wide funnel (mass market)",
            "长而宽的漏斗（大众市场）",
        ),
        PresetId::Niche => ("Short, narrow funnel (niche)", "短而窄的漏斗（细分市场）"),
        PresetId::Tube => (
            "Straight tube (one big deal a year)",
            "直桶型（一年一个大单）",
        ),
    };
    pick(lang, en, zh)
}

/// A preset stage's name.
pub fn stage_name(lang: Lang, key: StageKey) -> &'static str {
    use StageKey::*;
    let (en, zh) = match key {
        Identify => ("Identify & nurture", "培养和识别"),
        Presentation => ("Product presentation", "安排产品介绍"),
        NeedsProposal => ("Needs & proposal", "需求和方案"),
        QuoteContract => ("Quote / contract", "报价/合同"),
        Won => ("Won", "结束（赢单）"),
        Lost => ("Lost", "结束（失败）"),
        A => ("A", "A"),
        B => ("B", "B"),
        C => ("C", "C"),
        D => ("D", "D"),
        E => ("E", "E"),
        Intent => ("Intent", "意向客户"),
        Solution => ("Solution", "解决方案"),
        Negotiation => ("Negotiation", "商务谈判"),
        Closed => ("Won", "销售实现"),
        ColdVisit => ("Cold visit", "陌生拜访"),
        Opportunity => ("Opportunity", "机会"),
        Order => ("Order", "订单"),
        Sourced => ("Customer pool", "客户资源"),
        Graded => ("Graded", "已分级客户"),
        Contacted => ("Contacted", "已接触客户"),
        Interested => ("Interested", "有线索客户"),
        Signed => ("Signed", "签约客户"),
        Dropped => ("Dropped", "放弃客户"),
        NeedsConfirmed => ("Needs confirmed", "确定需求"),
        ProposalQuote => ("Proposal & quote", "方案和报价"),
        Sold => ("Won", "成交"),
        Lead => ("Lead", "导引"),
        Prospect => ("Prospect", "潜在机会"),
        Contract => ("Contract", "合同"),
        TargetCustomer => ("Target customers", "目标客户"),
        Potential => ("Potential customers", "潜在客户"),
        ProjectApproved => ("Project approved", "立项客户"),
    };
    pick(lang, en, zh)
}

/// A stage's name in its field: a preset's name in the language, else the
/// user's (possibly empty).
pub fn stage_input_name(lang: Lang, stage: &crate::model::StageInput) -> String {
    match stage.key {
        Some(key) => stage_name(lang, key).to_string(),
        None => stage.name.clone(),
    }
}

/// A stage's name in results: as in its field, or "Stage 3" (its
/// position, from 0 in `index`) while it has none.
pub fn stage_display_name(lang: Lang, stage: &crate::model::StageInput, index: usize) -> String {
    let name = stage_input_name(lang, stage);
    if name.trim().is_empty() {
        new_stage_name(lang, index + 1)
    } else {
        name
    }
}

/// The name a new stage gets: "Stage 6" / "阶段 6".
pub fn new_stage_name(lang: Lang, position: usize) -> String {
    match lang {
        Lang::En => format!("Stage {position}"),
        Lang::Zh => format!("阶段 {position}"),
    }
}

/// The advice under an empty stage name.
pub fn unnamed_stage(lang: Lang, position: usize) -> String {
    let fallback = new_stage_name(lang, position);
    match lang {
        Lang::En => format!("Name this stage; results call it “{fallback}” until then."),
        Lang::Zh => format!("请为此阶段命名；在此之前结果中称其为“{fallback}”。"),
    }
}

/// Said under a stage name that was cut to the cap.
pub fn name_cut(lang: Lang, max: usize) -> String {
    match lang {
        Lang::En => format!("Names keep {max} characters; the rest was cut."),
        Lang::Zh => format!("名称最多 {max} 个字符，超出部分已删去。"),
    }
}

/// Why "Add stage" is off.
pub fn stages_full(lang: Lang, max: usize) -> String {
    match lang {
        Lang::En => format!("A funnel has at most {max} stages."),
        Lang::Zh => format!("漏斗最多 {max} 个阶段。"),
    }
}

/// The hint under "Today".
pub fn today_hint(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!("Empty: the browser's date ({date}), following the clock."),
        Lang::Zh => format!("留空：使用浏览器的日期（{date}），随时钟更新。"),
    }
}

/// The rule of the intake calendar's rows, with this plan's figures.
pub fn calendar_rule(lang: Lang, flow: &str, total: u64, weeks: usize) -> String {
    let total = count(lang, total, Unit::Lead);
    let weeks = count(lang, weeks as u64, Unit::Week);
    match lang {
        Lang::En => format!(
            "Whole leads a week: each row brings the running total up to the exact flow of {flow} a week, rounded up, so rows can differ by one. The {weeks} add up to {total}."
        ),
        Lang::Zh => format!(
            "每周按整数条线索计：每一行使累计数达到每周 {flow} 条的精确流量（向上取整），因此各行可能相差 1。{weeks}合计 {total}。"
        ),
    }
}

/// What an undo or redo step would change, for the toolbar's description:
/// "Win rate (%) · B"; `stage` names a stage by its id.
pub fn step_name(
    lang: Lang,
    edit: crate::history::Edit,
    conversion: bool,
    stage: &dyn Fn(crate::model::StageId) -> Option<String>,
) -> String {
    use crate::history::{Control as C, Edit};
    let of = |what: &str, id| match stage(id) {
        Some(name) => format!("{what} · {}", bidi::isolate(&name)),
        None => what.to_string(),
    };
    let control = |c: C| -> &'static str {
        t(
            lang,
            match c {
                C::Revenue => K::RevenueTarget,
                C::DealSize => K::AverageDealSize,
                C::Deals => K::DealsTarget,
                C::Confidence => K::ConfidencePct,
                C::Currency => K::Currency,
                C::TargetBy => K::TargetBy,
                C::RateMode => K::RateMode,
                C::Preset => K::Preset,
                C::StageName(_) => K::StageName,
                C::StageRate(_) if conversion => K::ConversionPct,
                C::StageRate(_) => K::WinRatePct,
                C::StageDwell(_) => K::DwellDays,
                C::Period => K::Period,
                C::PeriodStart => K::PeriodStart,
                C::PeriodEnd => K::PeriodEnd,
                C::Weeks => K::WeeksInPeriod,
                C::Today => K::Today,
                C::LeadsPerRep => K::LeadsPerRep,
                C::Reset => K::ResetToDefaults,
                C::AddStage => K::AddStage,
                C::QuickDeals(_) | C::QuickAmount(_) | C::QuickWon | C::DealField(..) => {
                    return pipeline::control_name(lang, c);
                }
                C::Note(_, kind) => return workshop::note_label(lang, kind),
            },
        )
    };
    match edit {
        Edit::Typing(c) | Edit::Choice(c) => match c {
            C::StageName(id) | C::StageRate(id) | C::StageDwell(id) | C::Note(id, _) => {
                of(control(c), id)
            }
            _ => control(c).to_string(),
        },
        Edit::AddStage(id) => of(t(lang, K::AddStage), id),
        Edit::RemoveStage(id) => of(t(lang, K::RemoveStage), id),
        Edit::MoveStage { id, up: true } => of(t(lang, K::MoveUp), id),
        Edit::MoveStage { id, up: false } => of(t(lang, K::MoveDown), id),
        Edit::Preset => t(lang, K::Preset).to_string(),
        Edit::Reset => t(lang, K::ResetToDefaults).to_string(),
        Edit::OtherTab => {
            pick(lang, "changes from another tab", "来自其他标签页的修改").to_string()
        }
        Edit::AddDeal(_) | Edit::DeleteDeal(_) | Edit::Import | Edit::ObservedRates => {
            pipeline::edit_name(lang, edit).to_string()
        }
        Edit::AddScenario(_) => pick(lang, "adding a scenario", "新建方案").to_string(),
        Edit::RenameScenario(_) => workshop::w(lang, workshop::W::RenameScenario).to_string(),
        Edit::DeleteScenario(_) => workshop::w(lang, workshop::W::DeleteScenario).to_string(),
    }
}

/// A unit that is counted: its words change with the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Lead,
    Deal,
    Rep,
    Day,
    Week,
}

fn unit_words(lang: Lang, unit: Unit, one: bool) -> &'static str {
    match (lang, unit) {
        (Lang::En, Unit::Lead) => {
            if one {
                "lead"
            } else {
                "leads"
            }
        }
        (Lang::En, Unit::Deal) => {
            if one {
                "deal"
            } else {
                "deals"
            }
        }
        (Lang::En, Unit::Rep) => {
            if one {
                "rep"
            } else {
                "reps"
            }
        }
        (Lang::En, Unit::Day) => {
            if one {
                "day"
            } else {
                "days"
            }
        }
        (Lang::En, Unit::Week) => {
            if one {
                "week"
            } else {
                "weeks"
            }
        }
        (Lang::Zh, Unit::Lead) => "条线索",
        (Lang::Zh, Unit::Deal) => "单",
        (Lang::Zh, Unit::Rep) => "人",
        (Lang::Zh, Unit::Day) => "天",
        (Lang::Zh, Unit::Week) => "周",
    }
}

/// "1 lead", "150 leads", "150 条线索": the plural from the browser's
/// `Intl.PluralRules` for the language.
pub fn count(lang: Lang, n: u64, unit: Unit) -> String {
    let one = fmt::plural_is_one(lang, n as f64);
    format!("{} {}", fmt_int(lang, n), unit_words(lang, unit, one))
}

/// A figure as shown, and whether that text is its exact value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub exact: bool,
}

impl Shown {
    /// The right-hand side of an equation: "= 7", or "≈ 28.8" for a rounded
    /// result.
    pub fn result(&self) -> String {
        if self.exact {
            format!("= {}", self.text)
        } else {
            format!("≈ {}", self.text)
        }
    }

    /// The figure as an operand of an equation: "≈" before a rounded one, so
    /// every working is true as shown.
    pub fn working(&self) -> String {
        if self.exact {
            self.text.clone()
        } else {
            format!("≈{}", self.text)
        }
    }
}

/// A rate, by the one rule for rates: exact with up to four decimals, else
/// one decimal ("28.6%", inexact).
pub fn shown_percent(lang: Lang, r: Ratio) -> Shown {
    Shown {
        text: fmt_percent(lang, r),
        exact: r.percent_decimals(4).is_some(),
    }
}

/// A flow per week: whole, one decimal from 1 up, two significant digits
/// below 1 (0.033), so a non-zero flow never shows as 0.
pub fn shown_flow(lang: Lang, r: Ratio) -> Shown {
    let places = r.flow_places();
    Shown {
        text: fmt_decimal(lang, r, places),
        exact: r.is_exact_at(places),
    }
}

/// A flow with its unit: "12.9 weeks", "1 week".
pub fn shown_flow_count(lang: Lang, r: Ratio, unit: Unit) -> Shown {
    let shown = shown_flow(lang, r);
    let one = r.is_one();
    Shown {
        text: format!("{} {}", shown.text, unit_words(lang, unit, one)),
        exact: shown.exact,
    }
}

/// Money in the plan's currency, to the cent.
pub fn shown_money(lang: Lang, currency: &str, r: Ratio) -> Shown {
    Shown {
        text: fmt_money(lang, currency, r),
        exact: r.is_exact_at(fmt::money_places(r)),
    }
}

/// "= 3,000,000": how a field's value was read.
pub fn reading(lang: Lang, read: crate::model::Read) -> String {
    use crate::model::Read;
    let figure = match read {
        Read::Amount(r) | Read::Number(r) => fmt_decimal(lang, r, 4),
        Read::Percent(r) => fmt_percent(lang, r),
        Read::Count(n) => fmt_int(lang, n),
        Read::Rounded(r) => {
            // Four decimals more than shown, then "…": the exact value goes on.
            let more = r.percent_places() + 4;
            let pct = r.checked_mul(Ratio::from_int(100)).unwrap_or(r);
            return match lang {
                Lang::En => format!("≈ {}%…, kept exact", fmt_decimal(lang, pct, more)),
                Lang::Zh => format!("≈ {}%…，按精确值计算", fmt_decimal(lang, pct, more)),
            };
        }
    };
    format!("= {figure}")
}

/// A period option's name.
pub fn period_name(lang: Lang, kind: PeriodKind) -> &'static str {
    let (en, zh) = match kind {
        PeriodKind::ThisMonth => ("This month", "本月"),
        PeriodKind::ThisQuarter => ("This quarter", "本季度"),
        PeriodKind::ThisYear => ("This year", "今年"),
        PeriodKind::NextQuarter => ("Next quarter", "下季度"),
        PeriodKind::Custom => ("Custom dates", "自定义日期"),
        PeriodKind::Weeks => ("Weeks", "按周数"),
    };
    pick(lang, en, zh)
}

fn pick(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Text typed by the user, to quote back: at most 40 characters, so a long
/// paste never stretches the page, and isolated ([`bidi::isolate`]) so it
/// cannot reorder the sentence around it.
fn quote(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        bidi::isolate(s)
    } else {
        let cut: String = s.chars().take(MAX - 1).collect();
        format!("{}…", bidi::isolate(&cut))
    }
}

/// [`quote`] for the screens' own word modules.
pub(crate) fn quote_text(s: &str) -> String {
    quote(s)
}

/// What is wrong with a field's text, in a sentence.
pub fn input_error(lang: Lang, e: &InputError) -> String {
    let e = &match e {
        InputError::NotANumber(s) => InputError::NotANumber(quote(s)),
        InputError::NotADate(s) => InputError::NotADate(quote(s)),
        InputError::BadSeparators(s) => InputError::BadSeparators(quote(s)),
        InputError::Unfinished(s) => InputError::Unfinished(quote(s)),
        InputError::Ambiguous(s) => InputError::Ambiguous(quote(s)),
        InputError::WrongCurrency { typed, expected } => InputError::WrongCurrency {
            typed: quote(typed),
            expected: expected.clone(),
        },
        e => e.clone(),
    };
    match (lang, e) {
        (Lang::En, InputError::Empty) => "Enter a number.".into(),
        (Lang::Zh, InputError::Empty) => "请输入数字。".into(),
        (Lang::En, InputError::NotANumber(s)) => format!("“{s}” is not a number."),
        (Lang::Zh, InputError::NotANumber(s)) => format!("“{s}”不是数字。"),
        (Lang::En, InputError::Negative) => "Must not be negative.".into(),
        (Lang::Zh, InputError::Negative) => "不能为负数。".into(),
        (Lang::En, InputError::TooManyDecimals { max }) => format!("Use at most {max} decimals."),
        (Lang::Zh, InputError::TooManyDecimals { max }) => format!("最多保留 {max} 位小数。"),
        (Lang::En, InputError::TooLarge) => "Too large for this field.".into(),
        (Lang::Zh, InputError::TooLarge) => "数值过大。".into(),
        (Lang::En, InputError::Zero) => "Must be greater than 0.".into(),
        (Lang::Zh, InputError::Zero) => "必须大于 0。".into(),
        (Lang::En, InputError::NotWhole) => "Enter a whole number.".into(),
        (Lang::Zh, InputError::NotWhole) => "请输入整数。".into(),
        (Lang::En, InputError::AboveHundred) => "Must be 100% or less.".into(),
        (Lang::Zh, InputError::AboveHundred) => "不能超过 100%。".into(),
        (Lang::En, InputError::NotBelowHundred) => {
            "Must be below 100%: certainty would need unlimited leads.".into()
        }
        (Lang::Zh, InputError::NotBelowHundred) => {
            "必须小于 100%：百分之百的把握需要无限多的线索。".into()
        }
        (Lang::En, InputError::NotADate(s)) => format!("“{s}” is not a date; use YYYY-MM-DD."),
        (Lang::Zh, InputError::NotADate(s)) => format!("“{s}”不是有效日期，请用 YYYY-MM-DD 格式。"),
        (Lang::En, InputError::NoDate) => "Enter a date.".into(),
        (Lang::Zh, InputError::NoDate) => "请输入日期。".into(),
        (Lang::En, InputError::AtMost(max)) => format!("Use at most {}.", fmt_int(lang, *max)),
        (Lang::Zh, InputError::AtMost(max)) => format!("最大为 {}。", fmt_int(lang, *max)),
        (Lang::En, InputError::WrongCurrency { typed, expected }) => {
            format!("“{typed}” is another currency; this plan is in {expected}.")
        }
        (Lang::Zh, InputError::WrongCurrency { typed, expected }) => {
            format!("“{typed}”是其他币种；本计划以 {expected} 计。")
        }
        (Lang::En, InputError::BadSeparators(s)) => {
            format!("“{s}”: group digits in threes (1,234,567) and use one decimal mark.")
        }
        (Lang::Zh, InputError::BadSeparators(s)) => {
            format!("“{s}”无法识别：请每三位分组（如 1,234,567），且只用一个小数点。")
        }
        // Short: it must fit on the one line kept under every field.
        (Lang::En, InputError::Unfinished(_)) => "Keep typing…".into(),
        (Lang::Zh, InputError::Unfinished(_)) => "请继续输入…".into(),
        (Lang::En, InputError::Ambiguous(s)) => {
            format!("“{s}”: a decimal point or thousands? Drop the dot or group with commas.")
        }
        (Lang::Zh, InputError::Ambiguous(s)) => {
            format!("“{s}”中的点是小数点还是千位分隔？请去掉点或用逗号分隔千位。")
        }
        (Lang::En, InputError::YearOutOfRange) => "Use a date from 1900 to 2199.".into(),
        (Lang::Zh, InputError::YearOutOfRange) => "请使用 1900 年至 2199 年之间的日期。".into(),
        (Lang::En, InputError::UnfinishedDate) => "Finish the date: day, month and year.".into(),
        (Lang::Zh, InputError::UnfinishedDate) => "请填写完整的日期（年、月、日）。".into(),
    }
}

/// What is wrong with a stage's rate, in a sentence; `above` is already formatted.
pub fn field_problem(lang: Lang, p: &FieldProblem) -> String {
    match p {
        FieldProblem::Input(e) => input_error(lang, e),
        FieldProblem::Stage(StageIssue::NoWonStage) => pick(
            lang,
            "The last stage must be the won stage at 100% (or a 0% lost stage right after it).",
            "最后一个阶段必须是 100% 的赢单阶段（或紧随其后的 0% 丢单阶段）。",
        )
        .into(),
        FieldProblem::Stage(StageIssue::Decreasing { above }) => {
            let above = fmt_percent(lang, *above);
            match lang {
                Lang::En => format!("A win rate can't be lower than the stage above ({above})."),
                Lang::Zh => format!("赢率不能低于上一阶段（{above}）。"),
            }
        }
        FieldProblem::Stage(StageIssue::AboveHundred) => {
            input_error(lang, &InputError::AboveHundred)
        }
        FieldProblem::Stage(StageIssue::TooPrecise) => pick(
            lang,
            "Too many decimals across the stages to compute exactly; round this rate.",
            "各阶段小数位过多，无法精确计算；请减少该比率的小数位。",
        )
        .into(),
        FieldProblem::MakesUnreachable => pick(
            lang,
            "0% here makes every target unreachable.",
            "此处为 0%，任何目标都无法达成。",
        )
        .into(),
    }
}

/// Why a result shows a dash.
pub fn blocked(lang: Lang, b: Blocked) -> &'static str {
    let (en, zh) = match b {
        Blocked::Funnel => ("fix the marked stage rates", "请先修正标出的阶段比率"),
        Blocked::Target => ("fix the target", "请先修正目标"),
        Blocked::Typing => ("the target is still being typed", "目标仍在输入中"),
        Blocked::Unreachable => (
            "a 0% stage makes this unreachable",
            "某阶段为 0%，目标无法达成",
        ),
        Blocked::TooLarge => ("too large to show", "数值过大，无法显示"),
        Blocked::Confidence => ("fix the confidence", "请先修正把握度"),
        Blocked::AboveCap => ("more than 100,000,000 leads", "超过 1 亿条线索"),
    };
    pick(lang, en, zh)
}

/// A time-plan error, in a sentence.
pub fn time_error(lang: Lang, e: &TimeError) -> String {
    match e {
        TimeError::NoOpenStages => pick(
            lang,
            "The funnel has no open stage to plan.",
            "漏斗中没有可计划的阶段。",
        )
        .into(),
        TimeError::ZeroDwell { .. } => pick(
            lang,
            "Every open stage needs at least 1 dwell day.",
            "每个进行中的阶段至少停留 1 天。",
        )
        .into(),
        TimeError::EndBeforeStart => pick(
            lang,
            "The period ends before it starts.",
            "周期结束日期早于开始日期。",
        )
        .into(),
        TimeError::WeeksNotPositive => {
            pick(lang, "Enter more than 0 weeks.", "周数必须大于 0。").into()
        }
        TimeError::Unreachable { .. } => blocked(lang, Blocked::Unreachable).into(),
        TimeError::RepCapacityNotPositive => input_error(lang, &InputError::Zero),
        TimeError::TooLarge => blocked(lang, Blocked::TooLarge).into(),
        TimeError::DateOutOfRange => {
            pick(lang, "That date is out of range.", "日期超出范围。").into()
        }
        TimeError::PeriodTooLong => pick(
            lang,
            "A period can be at most ten years long.",
            "周期最长为十年。",
        )
        .into(),
    }
}

/// "{p} of leads become deals".
pub fn leads_explained(lang: Lang, close_ratio: Ratio) -> String {
    let p = fmt_percent(lang, close_ratio);
    match lang {
        Lang::En => format!("{p} of leads become deals"),
        Lang::Zh => format!("{p} 的线索最终成交"),
    }
}

/// "3,000,000 ÷ 100,000 a deal, rounded up".
pub fn deals_explained(lang: Lang, revenue: &str, size: &str) -> String {
    match lang {
        Lang::En => format!("{revenue} ÷ {size} a deal, rounded up"),
        Lang::Zh => format!("{revenue} ÷ 每单 {size}，向上取整"),
    }
}

/// "1 in 5 leads is won", "every lead is won", or the ratio in words when
/// 1 ÷ p is not whole.
pub fn close_ratio_explained(lang: Lang, p: Ratio) -> String {
    if p.is_one() {
        return pick(lang, "every lead is won", "每条线索都成交").into();
    }
    // Up to 2^53 a count prints exactly; beyond, the ratio is said in words.
    const EXACT: u128 = 9_007_199_254_740_991;
    match Ratio::ONE.checked_div(p) {
        Some(inv) if inv.is_integer() && inv.floor() <= EXACT => {
            let n = fmt_int(lang, u64::try_from(inv.floor()).unwrap_or(0));
            match lang {
                Lang::En => format!("1 in {n} leads is won"),
                Lang::Zh => format!("每 {n} 条线索成交 1 单"),
            }
        }
        _ => pick(lang, "deals won ÷ leads at the top", "成交数 ÷ 顶层线索数").into(),
    }
}

/// "for a 90% chance of at least 30 deals; the average answer, 150 leads,
/// gives 53.3%".
pub fn confidence_explained(
    lang: Lang,
    confidence: Ratio,
    deals: u64,
    leads: u64,
    chance: f64,
) -> String {
    let c = fmt_percent(lang, confidence);
    let d = count(lang, deals, Unit::Deal);
    let n = count(lang, leads, Unit::Lead);
    let x = fmt_probability(lang, chance);
    match lang {
        Lang::En => format!("for a {c} chance of at least {d}; the average answer, {n}, gives {x}"),
        Lang::Zh => format!("以 {c} 的把握至少成交 {d}；按平均数算的 {n}，把握为 {x}"),
    }
}

/// The chart's accessible sentence.
pub fn chart_sentence(lang: Lang, parts: &[(String, u64)]) -> String {
    let list: Vec<String> = parts
        .iter()
        .map(|(name, n)| format!("{} {}", bidi::isolate(name), fmt_int(lang, *n)))
        .collect();
    match lang {
        Lang::En => format!(
            "Funnel chart of the counts each stage needs: {}.",
            list.join(", ")
        ),
        Lang::Zh => format!("各阶段所需数量的漏斗图：{}。", list.join("，")),
    }
}

/// The working shown for the leads needed for a confidence.
pub fn confidence_working(lang: Lang, deals: u64, p: Ratio, confidence: Ratio, n: u64) -> String {
    let (d, p, c, n) = (
        fmt_int(lang, deals),
        fmt_percent(lang, p),
        fmt_percent(lang, confidence),
        fmt_int(lang, n),
    );
    let wins = if fmt::plural_is_one(lang, deals as f64) {
        "win"
    } else {
        "wins"
    };
    match lang {
        Lang::En => {
            format!("smallest N with P(at least {d} {wins} from N leads at {p}) ≥ {c}: N = {n}")
        }
        Lang::Zh => format!("使 P(N 条线索按 {p} 成交至少 {d} 单) ≥ {c} 的最小 N：N = {n}"),
    }
}

/// Why saved work was set aside, with the backup key it is kept under.
pub fn recovered(lang: Lang, backup_key: &str, why: &crate::storage::DecodeError) -> String {
    if let crate::storage::DecodeError::Newer(v) = *why {
        return match lang {
            Lang::En => format!("Saved work from a newer version of the calculator (format {v}) can't be read by this version. It is kept unchanged under “{backup_key}” in this browser's storage; the calculator started fresh. Reload to get the newer version."),
            Lang::Zh => format!("之前保存的数据来自更新版本的计算器（格式 {v}），此版本无法读取。原数据已原样保留在本浏览器存储的“{backup_key}”中；计算器已重新开始。请刷新以获取新版本。"),
        };
    }
    let start_failed = *why == crate::storage::DecodeError::StartFailed;
    match (lang, start_failed) {
        (Lang::En, true) => format!(
            "The calculator could not finish starting with your saved work last time. It is kept unchanged under “{backup_key}” in this browser's storage; the calculator started from the defaults."
        ),
        (Lang::Zh, true) => format!("上次计算器未能以保存的数据完成启动。原数据已原样保留在本浏览器存储的“{backup_key}”中；计算器已按默认设置启动。"),
        (Lang::En, false) => format!(
            "Saved work from an earlier visit could not be read. It is kept unchanged under “{backup_key}” in this browser's storage; the calculator started fresh."
        ),
        (Lang::Zh, false) => format!("无法读取之前保存的数据。原数据已原样保留在本浏览器存储的“{backup_key}”中；计算器已重新开始。"),
    }
}

/// The role badge's "other mode" hint, e.g. "conversion 50%".
pub fn other_mode_hint(lang: Lang, conversion_mode: bool, value: Ratio) -> String {
    let v = fmt_percent(lang, value);
    match (lang, conversion_mode) {
        (Lang::En, false) => format!("conversion {v}"),
        (Lang::Zh, false) => format!("转化率 {v}"),
        (Lang::En, true) => format!("win rate {v}"),
        (Lang::Zh, true) => format!("赢率 {v}"),
    }
}

/// "2.4 weeks late: …" with the catch-up intake; `weeks_late` carries its unit.
pub fn late_sentence(lang: Lang, weeks_late: &str, catch_up: &str, date: &str) -> String {
    match lang {
        Lang::En => format!(
            "{weeks_late} late: the first leads were due {date}. To still meet the target, add {catch_up} new leads a week from today."
        ),
        Lang::Zh => format!("已晚 {weeks_late}：首批线索应在 {date} 前进入。要仍然达成目标，从今天起每周需新增 {catch_up} 条线索。"),
    }
}

/// Sentence for a target that can no longer be met; `cycle` carries its unit.
pub fn too_late_sentence(lang: Lang, cycle: &str, date: &str) -> String {
    match lang {
        Lang::En => format!(
            "Too late for this period: a lead entering today needs the sales cycle of {cycle} and cannot close by the end of the period; the last day to add leads was {date}."
        ),
        Lang::Zh => format!("本周期已来不及：今天进入的线索需要 {cycle}的销售周期，无法在周期结束前成交；最后的进入日期是 {date}。"),
    }
}

/// An ISO week: "2026-W53" / "2026年第53周".
pub fn iso_week(lang: Lang, year: i32, week: u32) -> String {
    match lang {
        Lang::En => format!("{year}-W{week:02}"),
        Lang::Zh => format!("{year}年第{week}周"),
    }
}

/// "Jan 1, 2027 – Mar 31, 2027 · 90 days ≈ 12.9 weeks"; `days` carries its
/// unit, `weeks` is the length in weeks as shown.
pub fn period_summary(lang: Lang, start: &str, end: &str, days: &str, weeks: &Shown) -> String {
    let weeks = weeks.result();
    match lang {
        Lang::En => format!("{start} – {end} · {days} {weeks}"),
        Lang::Zh => format!("{start} 至 {end} · 共 {days} {weeks}"),
    }
}

/// "only the first 260 of 520 weeks are shown".
pub fn calendar_truncated(lang: Lang, shown: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("Only the first {shown} of {total} weeks are shown."),
        Lang::Zh => format!("仅显示前 {shown} 周（共 {total} 周）。"),
    }
}

pub use fmt::{
    currency_code, fmt_date, fmt_decimal, fmt_int, fmt_money, fmt_percent, fmt_probability,
    CURRENCIES,
};

/// Number and date formatting. In the browser it is `Intl`; natively (unit
/// tests only) a plain fallback keeps the crate testable without a browser.
mod fmt {
    use super::Lang;
    use crate::domain::Ratio;
    use chrono::{Datelike, NaiveDate};

    /// Currencies offered for money display.
    pub const CURRENCIES: [&str; 8] = ["CNY", "USD", "EUR", "GBP", "JPY", "HKD", "SGD", "AUD"];

    /// How many decimals a percentage shows: [`Ratio::percent_places`].
    fn percent_digits(r: Ratio) -> u32 {
        r.percent_places()
    }

    #[cfg(target_arch = "wasm32")]
    mod imp {
        use super::Lang;
        use js_sys::{Array, Function, Intl, Object, Reflect};
        use std::cell::RefCell;
        use std::fmt::Write;
        use wasm_bindgen::JsValue;

        /// The value of an `Intl` option.
        #[derive(Clone, Copy)]
        pub enum Opt<'a> {
            S(&'a str),
            N(u32),
        }

        impl Opt<'_> {
            fn js(self) -> JsValue {
                match self {
                    Opt::S(s) => JsValue::from_str(s),
                    Opt::N(n) => JsValue::from_f64(f64::from(n)),
                }
            }
        }

        // A handful of formatters and two plural rules are ever made, so a
        // list searched in order does (a hash map costs more code).
        thread_local! {
            static CACHE: RefCell<Vec<(String, Function)>> = const { RefCell::new(Vec::new()) };
            static PLURALS: RefCell<Vec<(Lang, Intl::PluralRules)>> =
                const { RefCell::new(Vec::new()) };
        }

        /// A cached `Intl.NumberFormat(...).format` (or `DateTimeFormat`) for these options.
        fn formatter(lang: Lang, opts: &[(&str, Opt)], date: bool) -> Function {
            let mut key = String::from(if date { "d " } else { "n " });
            key.push_str(lang.tag());
            for (k, v) in opts {
                let _ = match v {
                    Opt::S(s) => write!(key, " {k}={s}"),
                    Opt::N(n) => write!(key, " {k}={n}"),
                };
            }
            CACHE.with(|c| {
                if let Some((_, f)) = c.borrow().iter().find(|(k, _)| *k == key) {
                    return f.clone();
                }
                let o = Object::new();
                for (k, v) in opts {
                    let _ = Reflect::set(&o, &JsValue::from_str(k), &v.js());
                }
                let locales = Array::of1(&JsValue::from_str(lang.tag()));
                let f = if date {
                    Intl::DateTimeFormat::new(&locales, &o).format()
                } else {
                    Intl::NumberFormat::new(&locales, &o).format()
                };
                c.borrow_mut().push((key, f.clone()));
                f
            })
        }

        pub fn number(lang: Lang, x: f64, opts: &[(&str, Opt)]) -> String {
            formatter(lang, opts, false)
                .call1(&JsValue::NULL, &JsValue::from_f64(x))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        }

        pub fn date(lang: Lang, y: i32, m: u32, d: u32) -> String {
            let opts = [
                ("year", Opt::S("numeric")),
                ("month", Opt::S("short")),
                ("day", Opt::S("numeric")),
                ("timeZone", Opt::S("UTC")),
            ];
            let ms =
                js_sys::Date::utc(f64::from(y), f64::from(m - 1)) + f64::from(d - 1) * 86_400_000.0;
            let dt = js_sys::Date::new(&JsValue::from_f64(ms));
            formatter(lang, &opts, true)
                .call1(&JsValue::NULL, &dt)
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| format!("{y:04}-{m:02}-{d:02}"))
        }

        /// The plural category of `n` ("one", "other", …) in `lang`.
        pub fn plural(lang: Lang, n: f64) -> String {
            PLURALS.with(|c| {
                let mut c = c.borrow_mut();
                let i = match c.iter().position(|(l, _)| *l == lang) {
                    Some(i) => i,
                    None => {
                        let locales = Array::of1(&JsValue::from_str(lang.tag()));
                        c.push((lang, Intl::PluralRules::new(&locales, &Object::new())));
                        c.len() - 1
                    }
                };
                c[i].1.select(n).into()
            })
        }

        pub fn s(v: &str) -> Opt<'_> {
            Opt::S(v)
        }

        pub fn n(v: u32) -> Opt<'static> {
            Opt::N(v)
        }
    }

    /// A whole count: "1,234,567".
    pub fn fmt_int(lang: Lang, n: u64) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            imp::number(lang, n as f64, &[("maximumFractionDigits", imp::n(0))])
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = lang;
            n.to_string()
        }
    }

    /// An exact value with up to `max` decimals: "28.6".
    pub fn fmt_decimal(lang: Lang, r: Ratio, max: u32) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            imp::number(lang, r.to_f64(), &[("maximumFractionDigits", imp::n(max))])
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = lang;
            let text = format!("{:.*}", max as usize, r.to_f64());
            if text.contains('.') {
                text.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                text
            }
        }
    }

    /// A rate as a percentage: "20%", "62.5%", "28.6%".
    pub fn fmt_percent(lang: Lang, r: Ratio) -> String {
        let digits = percent_digits(r);
        #[cfg(target_arch = "wasm32")]
        {
            imp::number(
                lang,
                r.to_f64(),
                &[
                    ("style", imp::s("percent")),
                    ("maximumFractionDigits", imp::n(digits)),
                ],
            )
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let hundred = r.checked_mul(Ratio::from_int(100)).unwrap_or(r);
            format!("{}%", fmt_decimal(lang, hundred, digits))
        }
    }

    /// Whether `n` takes the "one" form of a noun in `lang`, by the
    /// browser's `Intl.PluralRules` (English "1 lead"; Chinese has one form).
    pub fn plural_is_one(lang: Lang, n: f64) -> bool {
        #[cfg(target_arch = "wasm32")]
        {
            imp::plural(lang, n) == "one"
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            lang == Lang::En && n == 1.0
        }
    }

    /// A probability as a percentage with one decimal, never "100%" unless certain.
    pub fn fmt_probability(lang: Lang, p: f64) -> String {
        // `+ 0.0` turns a -0 from float rounding into 0, never "-0%".
        let p = if p.is_nan() {
            0.0
        } else {
            p.clamp(0.0, 1.0) + 0.0
        };
        // Neither end shows unless it is exact: a chance too small to show
        // is "<0.1%", one just short of certain is 99.9%.
        if p > 0.0 && p < 0.0005 {
            return format!("<{}", fmt_probability(lang, 0.001));
        }
        let p = if p < 1.0 { p.min(0.999) } else { 1.0 };
        #[cfg(target_arch = "wasm32")]
        {
            imp::number(
                lang,
                p,
                &[
                    ("style", imp::s("percent")),
                    ("maximumFractionDigits", imp::n(1)),
                ],
            )
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = lang;
            format!("{:.1}%", p * 100.0)
        }
    }

    /// Money in `currency`: "$3,000,000", "¥300万".
    pub fn fmt_money(lang: Lang, currency: &str, r: Ratio) -> String {
        let checked = currency_code(currency);
        let currency = checked.as_deref().unwrap_or(lang.default_currency());
        let whole = r.is_integer();
        #[cfg(target_arch = "wasm32")]
        {
            let mut opts = vec![
                ("style", imp::s("currency")),
                ("currency", imp::s(currency)),
                ("maximumFractionDigits", imp::n(money_places(r))),
            ];
            if whole {
                opts.push(("minimumFractionDigits", imp::n(0)));
            }
            // 万 reads better in Chinese where it is exact.
            let wan = lang == Lang::Zh
                && whole
                && r.floor() >= 10_000
                && r.floor().is_multiple_of(10_000);
            if wan {
                opts.push(("notation", imp::s("compact")));
                opts.push(("maximumSignificantDigits", imp::n(21)));
            }
            imp::number(lang, r.to_f64(), &opts)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = whole;
            format!("{currency} {}", fmt_decimal(lang, r, money_places(r)))
        }
    }

    /// `code` as a well-formed currency code, or `None`
    /// ([`crate::model::well_formed_currency`]). `Intl.NumberFormat` throws
    /// a `RangeError` on anything else ("", "XYZ1"), and a JS exception
    /// thrown through the wasm leaves the app's state half-updated.
    pub fn currency_code(code: &str) -> Option<String> {
        crate::model::well_formed_currency(code)
    }

    /// Decimals money is shown with: none when whole, cents, and below 1
    /// enough for two significant digits (¥0.0001, never ¥0).
    pub fn money_places(r: Ratio) -> u32 {
        if r.is_integer() {
            0
        } else if r < Ratio::ONE {
            r.flow_places().max(2)
        } else {
            2
        }
    }

    /// A date with its year, in the language: "Dec 11, 2026", "2026年12月11日".
    pub fn fmt_date(lang: Lang, d: NaiveDate) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            imp::date(lang, d.year(), d.month(), d.day())
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = lang;
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_browser_tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("zh-Hant-TW"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        let errors = [
            InputError::Empty,
            InputError::NotANumber("x".into()),
            InputError::Negative,
            InputError::TooManyDecimals { max: 4 },
            InputError::TooLarge,
            InputError::Zero,
            InputError::NotWhole,
            InputError::AboveHundred,
            InputError::NotBelowHundred,
            InputError::NotADate("x".into()),
            InputError::NoDate,
            InputError::AtMost(1_000),
            InputError::WrongCurrency {
                typed: "€".into(),
                expected: "USD".into(),
            },
            InputError::BadSeparators("1,23,456".into()),
            InputError::Unfinished("3,000,0".into()),
            InputError::Ambiguous("250.000".into()),
            InputError::YearOutOfRange,
            InputError::UnfinishedDate,
        ];
        for e in &errors {
            for lang in Lang::ALL {
                let s = input_error(lang, e);
                assert!(!s.is_empty());
                assert!(!s.contains("NaN") && !s.contains("undefined"));
            }
            assert_ne!(input_error(Lang::En, e), input_error(Lang::Zh, e));
        }
    }

    #[test]
    fn close_ratio_sentence() {
        assert_eq!(
            close_ratio_explained(Lang::En, Ratio::percent(20)),
            "1 in 5 leads is won"
        );
        assert_eq!(
            close_ratio_explained(Lang::En, Ratio::percent(35)),
            "deals won ÷ leads at the top"
        );
    }
}
