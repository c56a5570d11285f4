//! The What-if screen: the three levers of funnel-theory.md.
//!
//! Three sliders move the levers; a table shows the plan's six figures for
//! the baseline, each lever alone and all three together, and a block shows
//! the compounding of +10 % on every stage conversion. Every figure comes
//! from `domain::levers`; this file only formats.
//!
//! The slider values are the screen's own state, kept for the session (a
//! trainer going to another tab and back finds them where they were, and
//! they apply to whichever scenario is open) but not saved: a what-if is a
//! question asked in the room, not part of the plan.

use crate::domain::levers::{
    compare, compounding, delta, open_stages, Baseline, Change, Compounding, Lever,
    LeverComparison, LeverError, LeverFigures, LeverStage, Levers, MAX_PERCENT, MIN_PERCENT,
};
use crate::domain::Ratio;
use crate::i18n::levers::{self as words, l, L};
use crate::i18n::{self, fmt_int, Lang};
use crate::model::Blocked;
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use std::cell::Cell;

const DASH: &str = "—";

thread_local! {
    /// The levers as last set, so that leaving the screen keeps them.
    static LAST: Cell<Levers> = const { Cell::new(Levers::ZERO) };
}

/// Why the levers have nothing to act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    Plan(Blocked),
    Period,
    Lever(LeverError),
}

fn why_text(lang: Lang, why: Why) -> String {
    let reason = match why {
        Why::Plan(b) => i18n::blocked(lang, b).to_string(),
        Why::Period => l(lang, L::FixPeriod).to_string(),
        Why::Lever(e) => words::lever_error(lang, e),
    };
    format!("{}: {reason}", l(lang, L::FixPlan))
}

/// What the levers act on, read from the open plan.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Inputs {
    stages: Vec<LeverStage>,
    deals: u64,
    weeks: Ratio,
    deal_size: Option<Ratio>,
}

fn inputs(app: AppState) -> Result<Inputs, Why> {
    // The end-to-end tests of the panic page on the What-if screen need a
    // real panic in its figures; only a `test-hooks` build has one.
    #[cfg(feature = "test-hooks")]
    if app.scenario_name(app.active_scenario()).as_deref() == Some(crate::model::TEST_PANIC_NAME) {
        panic!(
            "test-hooks: what-if on a scenario named {:?}",
            crate::model::TEST_PANIC_NAME
        );
    }
    let plan = app.plan.get();
    app.eval.with(|eval| {
        let deals = eval.deals.map_err(Why::Plan)?;
        let funnel = eval.funnel.as_ref().ok_or(Why::Plan(Blocked::Funnel))?;
        let stages = open_stages(funnel, &eval.time.dwell_days).map_err(Why::Lever)?;
        let weeks = eval.time.period.ok_or(Why::Period)?.weeks;
        let (_, deal_size) = crate::pipeline::revenue_target(&plan, eval);
        Ok(Inputs {
            stages,
            deals,
            weeks,
            deal_size,
        })
    })
}

/// A row of the results table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Wins,
    Leads,
    Close,
    Cycle,
    Standing,
    Velocity,
}

const ROWS: [Row; 6] = [
    Row::Wins,
    Row::Leads,
    Row::Close,
    Row::Cycle,
    Row::Standing,
    Row::Velocity,
];

impl Row {
    fn label(self) -> L {
        match self {
            Row::Wins => L::Wins,
            Row::Leads => L::LeadsNeeded,
            Row::Close => L::CloseRatio,
            Row::Cycle => L::Cycle,
            Row::Standing => L::Standing,
            Row::Velocity => L::Velocity,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Row::Wins => "wins",
            Row::Leads => "leads",
            Row::Close => "close",
            Row::Cycle => "cycle",
            Row::Standing => "standing",
            Row::Velocity => "velocity",
        }
    }

    fn value(self, f: &LeverFigures) -> Result<Ratio, LeverError> {
        match self {
            Row::Wins => f.wins,
            Row::Leads => f.leads_needed.map(|n| Ratio::from_int(u128::from(n))),
            Row::Close => f.close_ratio,
            Row::Cycle => f.cycle_days,
            Row::Standing => f.standing_total,
            Row::Velocity => f.velocity,
        }
    }

    fn text(self, lang: Lang, currency: &str, r: Ratio) -> String {
        match self {
            Row::Leads => fmt_int(lang, u64::try_from(r.floor()).unwrap_or(u64::MAX)),
            Row::Close => i18n::shown_percent(lang, r).text,
            Row::Velocity => i18n::shown_money(lang, currency, r).text,
            Row::Wins | Row::Cycle | Row::Standing => i18n::shown_flow(lang, r).text,
        }
    }
}

/// A column of the results table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Baseline,
    Alone(Lever),
    Together,
}

const COLS: [Col; 5] = [
    Col::Baseline,
    Col::Alone(Lever::Opportunities),
    Col::Alone(Lever::WinRates),
    Col::Alone(Lever::Cycle),
    Col::Together,
];

impl Col {
    fn figures(self, c: &LeverComparison) -> &LeverFigures {
        match self {
            Col::Baseline => &c.baseline,
            Col::Alone(lever) => c.alone(lever),
            Col::Together => &c.together,
        }
    }

    /// Baseline, or a column whose levers are all at 0: nothing to compare.
    fn is_still(self, levers: Levers) -> bool {
        match self {
            Col::Baseline => true,
            Col::Alone(lever) => levers.get(lever).is_zero(),
            Col::Together => levers == Levers::ZERO,
        }
    }

    fn header(self, lang: Lang, levers: Levers) -> String {
        match self {
            Col::Baseline => l(lang, L::Baseline).to_string(),
            Col::Alone(lever) => words::column(lang, lever, levers.get(lever).percent()),
            Col::Together => l(lang, L::Together).to_string(),
        }
    }
}

fn slider_id(lever: Lever) -> &'static str {
    match lever {
        Lever::Opportunities => "lever-opportunities",
        Lever::WinRates => "lever-win-rates",
        Lever::Cycle => "lever-cycle",
    }
}

/// One lever's slider, its value beside it and what it does below.
#[component]
fn LeverSlider(
    /// Which lever this slider moves.
    lever: Lever,
    /// The three levers' settings, which this slider writes its own into.
    setting: RwSignal<Levers>,
) -> impl IntoView {
    let app = use_app();
    let id = slider_id(lever);
    let out_id = format!("{id}-value");
    let help_id = format!("{id}-help");
    let percent = move || setting.with(|s| s.get(lever).percent());
    let shown = move || words::signed_percent(app.lang(), percent());
    let set = move |p: i32| {
        let p = p.clamp(MIN_PERCENT, MAX_PERCENT);
        if let Ok(c) = Change::new(p) {
            setting.update(|s| *s = s.with(lever, c));
        }
    };
    // Shift with an arrow key steps 5 %; plain arrows step 1 % natively.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if !ev.shift_key() {
            return;
        }
        let step = match ev.key().as_str() {
            "ArrowRight" | "ArrowUp" => 5,
            "ArrowLeft" | "ArrowDown" => -5,
            _ => return,
        };
        ev.prevent_default();
        set(percent() + step);
    };
    view! {
        <div class="lever">
            <label for=id>{move || words::lever_name(app.lang(), lever)}</label>
            <div class="lever-input">
                <input
                    type="range"
                    id=id
                    min=MIN_PERCENT
                    max=MAX_PERCENT
                    step="1"
                    prop:value=move || percent().to_string()
                    aria-valuetext=shown
                    aria-describedby=help_id.clone()
                    on:input=move |ev| {
                        if let Ok(p) = event_target_value(&ev).parse::<i32>() {
                            set(p);
                        }
                    }
                    on:keydown=on_key
                />
                <output id=out_id for=id>{shown}</output>
            </div>
            <p class="hint" id=help_id>{move || words::lever_help(app.lang(), lever)}</p>
        </div>
    }
}

/// Sliders for the three levers, each lever's effect alone and together,
/// and the compounding demo.
#[component]
pub fn WhatIfScreen() -> impl IntoView {
    let app = use_app();
    let setting = RwSignal::new(LAST.with(Cell::get));
    Effect::new(move |_| {
        let now = setting.get();
        LAST.with(|c| c.set(now));
    });
    let data = Memo::new(move |_| inputs(app));
    let comparison = Memo::new(move |_| {
        let levers = setting.get();
        data.with(|d| {
            let d = d.as_ref().map_err(|w| *w)?;
            let baseline = Baseline {
                stages: &d.stages,
                deals: d.deals,
                weeks: d.weeks,
                deal_size: d.deal_size,
            };
            compare(&baseline, levers).map_err(Why::Lever)
        })
    });
    let problem = move || comparison.with(|c| c.as_ref().err().map(|w| why_text(app.lang(), *w)));
    let currency = move || app.plan.with(|p| p.currency.clone());

    let cell = move |row: Row, col: Col| {
        let value = move || {
            let lang = app.lang();
            comparison.with(|c| match c {
                Ok(c) => match row.value(col.figures(c)) {
                    Ok(v) => row.text(lang, &currency(), v),
                    Err(_) => DASH.to_string(),
                },
                Err(_) => DASH.to_string(),
            })
        };
        let note = move || {
            let lang = app.lang();
            comparison.with(|c| {
                let c = c.as_ref().ok()?;
                match row.value(col.figures(c)) {
                    Err(e) => Some(words::lever_error(lang, e)),
                    Ok(_) if col.is_still(c.levers) => None,
                    Ok(v) => {
                        let base = row.value(&c.baseline).ok()?;
                        Some(words::delta_text(lang, delta(base, v)))
                    }
                }
            })
        };
        let changed = move || {
            comparison.with(|c| {
                c.as_ref().ok().is_some_and(|c| {
                    col != Col::Baseline && row.value(col.figures(c)) != row.value(&c.baseline)
                })
            })
        };
        view! {
            <td class:changed=changed>
                <span class="v">{value}</span>
                <span class="d">{note}</span>
            </td>
        }
    };

    view! {
        <main class="what-if">
            <section class="card levers-card" aria-labelledby="levers-h">
                <h2 id="levers-h">{move || l(app.lang(), L::Heading)}</h2>
                <p class="intro">{move || l(app.lang(), L::Intro)}</p>
                <div class="levers">
                    {Lever::ALL
                        .into_iter()
                        .map(|lever| view! { <LeverSlider lever=lever setting=setting /> })
                        .collect_view()}
                </div>
                <button type="button" class="reset-levers" on:click=move |_| setting.set(Levers::ZERO)>
                    {move || l(app.lang(), L::Reset)}
                </button>
            </section>
            <section class="card lever-results" aria-labelledby="lever-results-h">
                <h2 id="lever-results-h">{move || l(app.lang(), L::ResultsHeading)}</h2>
                <p class="late-note error" role="status">{problem}</p>
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="lever-results-caption">
                    <table class="lever-table">
                        <caption id="lever-results-caption">{move || l(app.lang(), L::ResultsCaption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || l(app.lang(), L::Figure)}</th>
                                {COLS
                                    .into_iter()
                                    .map(|col| view! {
                                        <th scope="col">{move || col.header(app.lang(), setting.get())}</th>
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {ROWS
                                .into_iter()
                                .map(|row| view! {
                                    <tr id=format!("lever-row-{}", row.id())>
                                        <th scope="row">{move || l(app.lang(), row.label())}</th>
                                        {COLS.into_iter().map(|col| cell(row, col)).collect_view()}
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="hint">{move || l(app.lang(), L::Rounded)}</p>
                <p class="hint">{move || l(app.lang(), L::Reading)}</p>
            </section>
            <CompoundingDemo data=data />
        </main>
    }
}

/// One row of the compounding table, keyed by its stage's id and figures.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct StepRow {
    id: crate::model::StageId,
    name: String,
    conversion: String,
    raised: String,
    capped: bool,
    chain: String,
    growth: String,
}

/// "+10 % on every stage conversion": the per-stage chain of ×1.1 and the
/// close ratio it gives, for the open plan.
#[component]
fn CompoundingDemo(
    /// The open plan as the levers read it, or why it cannot be read.
    data: Memo<Result<Inputs, Why>>,
) -> impl IntoView {
    let app = use_app();
    let demo = Memo::new(move |_| -> Result<Compounding, Why> {
        data.with(|d| {
            let d = d.as_ref().map_err(|w| *w)?;
            let ten = Change::new(10).map_err(Why::Lever)?;
            compounding(&d.stages, ten).map_err(Why::Lever)
        })
    });
    let rows = move || {
        let lang = app.lang();
        let plan = app.plan.get();
        demo.with(|d| match d {
            Ok(d) => d
                .steps
                .iter()
                .zip(plan.stages.iter().enumerate())
                .map(|(s, (i, stage))| StepRow {
                    id: stage.id,
                    name: i18n::stage_display_name(lang, stage, i),
                    conversion: i18n::shown_percent(lang, s.conversion).text,
                    raised: i18n::shown_percent(lang, s.raised).text,
                    capped: s.capped,
                    chain: words::times(lang, s.chain),
                    growth: words::times(lang, s.growth),
                })
                .collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        })
    };
    let result = move || {
        let lang = app.lang();
        demo.with(|d| match d {
            Ok(d) => {
                let mut text = words::compound_result(
                    lang,
                    &i18n::shown_percent(lang, d.close_ratio).text,
                    &i18n::shown_percent(lang, d.raised_close_ratio).text,
                    &words::times(lang, d.growth),
                    d.steps.len(),
                );
                if d.growth != d.chain {
                    text.push(' ');
                    text.push_str(&words::compound_capped(
                        lang,
                        &words::times(lang, d.chain),
                        &words::times(lang, d.growth),
                    ));
                }
                text
            }
            Err(w) => format!("{DASH} {}", why_text(lang, *w)),
        })
    };
    view! {
        <section class="card compounding" aria-labelledby="compounding-h">
            <h2 id="compounding-h">{move || l(app.lang(), L::CompoundHeading)}</h2>
            <p class="compound-lead">{move || l(app.lang(), L::CompoundLead)}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="compounding-caption">
                <table class="compound-table">
                    <caption id="compounding-caption">{move || l(app.lang(), L::CompoundCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || l(app.lang(), L::Stage)}</th>
                            <th scope="col">{move || l(app.lang(), L::Conversion)}</th>
                            <th scope="col">{move || l(app.lang(), L::Raised)}</th>
                            <th scope="col">{move || l(app.lang(), L::Chain)}</th>
                            <th scope="col">{move || l(app.lang(), L::Growth)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|row| row.clone() let:row>
                            <tr>
                                <th scope="row">{row.name}</th>
                                <td>{row.conversion}</td>
                                <td>
                                    {row.raised}
                                    {row.capped.then(|| view! {
                                        <span class="d">{move || l(app.lang(), L::Capped)}</span>
                                    })}
                                </td>
                                <td>{row.chain}</td>
                                <td>{row.growth}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </div>
            <p class="compound-result" id="compound-result">{result}</p>
        </section>
    }
}
