//! The Compare screen: two scenarios side by side, their funnels at one
//! scale and their key figures in one table with the differences.
//!
//! The figures come from the model ([`crate::compare`] lines up what
//! `evaluate` and the pipeline evaluation give); this file only shows them.

use super::compare_chart::CompareChart;
use crate::compare::{self, Change, CompareRow, Metric, Side};
use crate::i18n::compare::{self as words, c, C};
use crate::pipeline::PipelineEval;
use crate::scenario::ScenarioId;
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use std::cell::Cell;

const DASH: &str = "—";

thread_local! {
    /// What the user chose in the two selects, kept while the app runs so
    /// leaving the screen and coming back shows the same pair.
    static CHOICE: Cell<(Option<ScenarioId>, Option<ScenarioId>)> = const { Cell::new((None, None)) };
}

/// One scenario's figures: the open one's from the app's memos (already
/// computed), another's evaluated from its saved inputs.
fn side_of(app: AppState, id: ScenarioId) -> Option<Side> {
    // The end-to-end tests of the panic page on the Compare screen need a
    // real panic in its figures; only a `test-hooks` build has one.
    #[cfg(feature = "test-hooks")]
    if app.scenario_name(id).as_deref() == Some(crate::model::TEST_PANIC_NAME) {
        panic!(
            "test-hooks: a compared scenario named {:?}",
            crate::model::TEST_PANIC_NAME
        );
    }
    let lang = app.lang();
    if app.active_scenario() == id {
        let has = app.pipeline.with(compare::has_deals);
        return Some(app.plan.with(|p| {
            app.eval.with(|e| {
                if has {
                    app.pipeline_eval.with(|pe| Side::of(lang, p, e, Some(pe)))
                } else {
                    Side::of(lang, p, e, None)
                }
            })
        }));
    }
    let (plan, pipeline) = app.scenario_inputs(id)?;
    let eval = plan.evaluate(app.browser_today.get());
    let pe = compare::has_deals(&pipeline).then(|| PipelineEval::of(&plan, &eval, &pipeline));
    Some(Side::of(lang, &plan, &eval, pe.as_ref()))
}

/// A labelled select of every scenario, showing `current`.
#[component]
fn ScenarioSelect(
    /// Id of the select.
    id: &'static str,
    /// Its label.
    label: C,
    /// The scenario shown.
    #[prop(into)]
    current: Signal<Option<ScenarioId>>,
    /// Called with the scenario chosen.
    on_pick: impl Fn(ScenarioId) + 'static,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="field">
            <label for=id>{move || c(app.lang(), label)}</label>
            <select
                id=id
                on:change=move |ev| {
                    if let Ok(s) = event_target_value(&ev).parse() {
                        on_pick(s);
                    }
                }
            >
                <For
                    each=move || app.scenario_list()
                    key=|(id, name)| (*id, name.clone())
                    let((sid, name))
                >
                    <option value=sid.to_string() prop:selected=move || current.get() == Some(sid)>
                        {name}
                    </option>
                </For>
            </select>
        </div>
    }
}

/// A figure's cell: the value, or a dash and why.
fn value_cell(app: AppState, v: compare::Entry) -> AnyView {
    let l = app.lang();
    match v {
        Some(Ok(v)) => view! { <td class="num">{words::value(l, &v)}</td> }.into_any(),
        Some(Err(w)) => view! {
            <td class="num missing">{DASH}<span class="why">{words::why(l, w)}</span></td>
        }
        .into_any(),
        None => view! {
            <td class="num missing">{DASH}<span class="why">{c(l, C::NoDeals)}</span></td>
        }
        .into_any(),
    }
}

/// The difference's cell: sign, size and share, marked by a class and an
/// arrow as well as the sign, never by colour alone.
fn diff_cell(app: AppState, row: &CompareRow) -> AnyView {
    let l = app.lang();
    match &row.diff {
        Ok(d) => {
            let (class, arrow) = match d.change {
                Change::Higher => ("num diff higher", "▲ "),
                Change::Lower => ("num diff lower", "▼ "),
                Change::Same => ("num diff same", ""),
            };
            view! {
                <td class=class>
                    <span class="arrow" aria-hidden="true">{arrow}</span>
                    {words::diff(l, d)}
                </td>
            }
            .into_any()
        }
        Err(n) => view! {
            <td class="num diff none">
                {DASH}
                {words::no_diff(l, *n).map(|t| view! { <span class="why">{t}</span> })}
            </td>
        }
        .into_any(),
    }
}

/// Two scenarios' funnels at the same scale and their key figures, the
/// differences highlighted.
#[component]
pub fn CompareScreen() -> impl IntoView {
    let app = use_app();
    let (first, second) = CHOICE.with(Cell::get);
    let left_choice = RwSignal::new(first);
    let right_choice = RwSignal::new(second);
    let pair = Memo::new(move |_| {
        let ids: Vec<ScenarioId> = app.scenario_list().into_iter().map(|(id, _)| id).collect();
        compare::pick_pair(
            &ids,
            app.active_scenario(),
            left_choice.get(),
            right_choice.get(),
        )
    });
    // Choosing one side pins the other to what it shows, so it never jumps.
    let choose = move |left: bool, id: ScenarioId| {
        let (l, r) = pair.get_untracked().unzip();
        let (l, r) = if left { (Some(id), r) } else { (l, Some(id)) };
        left_choice.set(l);
        right_choice.set(r);
        CHOICE.with(|c| c.set((l, r)));
    };
    let left_id = Signal::derive(move || pair.get().map(|p| p.0));
    let right_id = Signal::derive(move || pair.get().map(|p| p.1));
    let left = Memo::new(move |_| left_id.get().and_then(|id| side_of(app, id)));
    let right = Memo::new(move |_| right_id.get().and_then(|id| side_of(app, id)));
    let max = Signal::derive(move || {
        left.with(|l| {
            right.with(|r| match (l, r) {
                (Some(l), Some(r)) => compare::common_max(l, r),
                _ => 1,
            })
        })
    });
    let name = move |id: Signal<Option<ScenarioId>>| {
        Signal::derive(move || {
            id.get()
                .and_then(|id| app.scenario_name(id))
                .unwrap_or_default()
        })
    };
    let left_name = name(left_id);
    let right_name = name(right_id);
    let rows = Memo::new(move |_| {
        left.with(|l| {
            right.with(|r| match (l, r) {
                (Some(l), Some(r)) => compare::rows(l, r),
                _ => Vec::new(),
            })
        })
    });
    let lang = Signal::derive(move || app.lang());

    let chart_side = move |which: Memo<Option<Side>>,
                           scenario: Signal<String>,
                           heading: &'static str,
                           title_id: &'static str,
                           tag: C| {
        let stages = Signal::derive(move || {
            which.with(|s| {
                s.as_ref()
                    .and_then(|s| s.chart.as_ref().ok().cloned())
                    .unwrap_or_default()
            })
        });
        let reason = move || {
            which.with(|s| {
                s.as_ref().and_then(|s| {
                    s.chart
                        .as_ref()
                        .err()
                        .map(|w| words::no_chart(app.lang(), *w))
                })
            })
        };
        let title = Signal::derive(move || {
            let parts: Vec<(String, Option<u64>)> =
                stages.with(|s| s.iter().map(|x| (x.name.clone(), x.count)).collect());
            words::chart_sentence(app.lang(), &scenario.get(), &parts)
        });
        view! {
            <section class="card compare-side" aria-labelledby=heading>
                <p class="side-tag">{move || c(app.lang(), tag)}</p>
                <h2 id=heading>{move || scenario.get()}</h2>
                <Show
                    when=move || stages.with(|s| !s.is_empty())
                    fallback=move || view! { <p class="note">{reason}</p> }
                >
                    <figure class="chart">
                        <CompareChart stages=stages max=max title=title lang=lang title_id=title_id />
                    </figure>
                </Show>
            </section>
        }
    };

    let row_view = move |metric: Metric| {
        let row = Memo::new(move |_| rows.with(|r| r.iter().find(|x| x.metric == metric).cloned()));
        move || {
            let r = row.get()?;
            let differs = matches!(&r.diff, Ok(d) if d.change != Change::Same);
            let label = words::metric_label(app.lang(), metric);
            Some(view! {
                <tr class:differs=differs>
                    <th scope="row">{label}</th>
                    {value_cell(app, r.left.clone())}
                    {value_cell(app, r.right.clone())}
                    {diff_cell(app, &r)}
                </tr>
            })
        }
    };

    view! {
        <main class="compare">
            <section class="card compare-pick" aria-labelledby="compare-h">
                <h2 id="compare-h">{move || c(app.lang(), C::Heading)}</h2>
                <Show
                    when=move || pair.with(Option::is_some)
                    fallback=move || view! {
                        <p class="compare-need-two" role="status">{move || words::need_two(app.lang())}</p>
                    }
                >
                    <div class="compare-selects">
                        <ScenarioSelect
                            id="compare-left"
                            label=C::LeftScenario
                            current=left_id
                            on_pick=move |id| choose(true, id)
                        />
                        <ScenarioSelect
                            id="compare-right"
                            label=C::RightScenario
                            current=right_id
                            on_pick=move |id| choose(false, id)
                        />
                    </div>
                    <p class="note quiet">{move || c(app.lang(), C::SameScale)}</p>
                </Show>
            </section>
            <Show when=move || pair.with(Option::is_some)>
                <div class="compare-charts">
                    {chart_side(left, left_name, "compare-left-h", "compare-left-title", C::LeftScenario)}
                    {chart_side(right, right_name, "compare-right-h", "compare-right-title", C::RightScenario)}
                </div>
                <section class="card compare-figures" aria-labelledby="compare-table-caption">
                    <div class="table-wrap">
                        <table class="compare-table">
                            <caption id="compare-table-caption">{move || c(app.lang(), C::KeyFigures)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{move || c(app.lang(), C::Figure)}</th>
                                    <th scope="col" class="num">{move || left_name.get()}</th>
                                    <th scope="col" class="num">{move || right_name.get()}</th>
                                    <th scope="col" class="num">{move || c(app.lang(), C::Difference)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For
                                    each=move || rows.with(|r| r.iter().map(|x| x.metric).collect::<Vec<_>>())
                                    key=|m| *m
                                    children=move |m| row_view(m)
                                />
                            </tbody>
                        </table>
                    </div>
                </section>
            </Show>
        </main>
    }
}
