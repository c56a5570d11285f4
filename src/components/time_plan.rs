//! The time-phased plan: period, pace, the steady (ideal) funnel and the
//! intake calendar.

use super::field::Field;
use crate::domain::time::{Lateness, PeriodKind, TimeError, TimePlan};
use crate::domain::{InputError, Ratio};
use crate::i18n::{self, fmt_date, fmt_decimal, fmt_int, fmt_percent, Lang, K};
use crate::model::{Evaluation, TimeBlocked};
use crate::state::use_app;
use leptos::prelude::*;

/// Most calendar rows drawn; a longer custom period says how many are left out.
const MAX_ROWS: usize = 260;

/// A flow per week: whole, or to one decimal.
fn flow(lang: Lang, r: Ratio) -> String {
    fmt_decimal(lang, r, 1)
}

fn blocked_reason(lang: Lang, b: TimeBlocked) -> String {
    match b {
        TimeBlocked::Plan(b) => i18n::blocked(lang, b).to_string(),
        TimeBlocked::Dwell => i18n::t(lang, K::FixDwell).to_string(),
        TimeBlocked::Period => i18n::t(lang, K::FixPeriod).to_string(),
        TimeBlocked::Error(e) => i18n::time_error(lang, &e),
    }
}

/// The period inputs and the pace they give.
#[component]
pub fn TimePlanSection() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let kind = move || app.plan.with(|p| p.period);
    let problem = move |get: fn(&Evaluation) -> Option<InputError>| {
        Signal::derive(move || {
            app.eval
                .with(|e| get(e).map(|x| i18n::input_error(app.lang(), &x)))
        })
    };
    let end_message = Signal::derive(move || {
        app.eval
            .with(|e| match (&e.time.end_problem, e.time.period_error) {
                (Some(x), _) => Some(i18n::input_error(app.lang(), x)),
                (None, Some(err @ TimeError::EndBeforeStart)) => {
                    Some(i18n::time_error(app.lang(), &err))
                }
                _ => None,
            })
    });
    let summary = move || {
        let l = lang();
        app.eval.with(|e| {
            let p = e.time.period.as_ref()?;
            Some(i18n::period_summary(
                l,
                &fmt_date(l, p.start),
                &fmt_date(l, p.end),
                p.days,
                &flow(l, p.weeks),
            ))
        })
    };
    let label = move |k: K| Signal::derive(move || app.tr(k).to_string());
    let today_placeholder = move || app.browser_today.to_string();
    view! {
        <section class="card period" aria-labelledby="period-h">
            <h2 id="period-h">{move || app.tr(K::PeriodHeading)}</h2>
            <div class="field-row period-row">
                <div class="field">
                    <label for="period">{move || app.tr(K::Period)}</label>
                    <select
                        id="period"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(k) = PeriodKind::ALL.into_iter().find(|k| format!("{k:?}") == v) {
                                app.edit(|p| p.set_period(k, app.browser_today));
                            }
                        }
                    >
                        {PeriodKind::ALL
                            .into_iter()
                            .map(|k| {
                                view! {
                                    <option value=format!("{k:?}") prop:selected=move || kind() == k>
                                        {move || i18n::period_name(app.lang(), k)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Show when=move || matches!(kind(), PeriodKind::Custom | PeriodKind::Weeks)>
                    <Field
                        id="period-start"
                        label=label(K::PeriodStart)
                        value=Signal::derive(move || app.plan.with(|p| p.period_start.clone()))
                        on_input=Callback::new(move |t| app.edit(|p| p.period_start = t))
                        message=problem(|e| e.time.start_problem.clone())
                        inputmode="numeric"
                        class="date"
                    />
                </Show>
                <Show when=move || kind() == PeriodKind::Custom>
                    <Field
                        id="period-end"
                        label=label(K::PeriodEnd)
                        value=Signal::derive(move || app.plan.with(|p| p.period_end.clone()))
                        on_input=Callback::new(move |t| app.edit(|p| p.period_end = t))
                        message=end_message
                        inputmode="numeric"
                        class="date"
                    />
                </Show>
                <Show when=move || kind() == PeriodKind::Weeks>
                    <Field
                        id="weeks"
                        label=label(K::WeeksInPeriod)
                        value=Signal::derive(move || app.plan.with(|p| p.weeks.clone()))
                        on_input=Callback::new(move |t| app.edit(|p| p.weeks = t))
                        message=problem(|e| e.time.weeks_problem.clone())
                    />
                </Show>
            </div>
            <p class="note period-summary">{summary}</p>
            <div class="field-row period-row">
                <div class="today">
                    <Field
                        id="today"
                        label=label(K::Today)
                        value=Signal::derive(move || app.plan.with(|p| p.today.clone()))
                        on_input=Callback::new(move |t| app.edit(|p| p.today = t))
                        message=problem(|e| e.time.today_problem.clone())
                        inputmode="numeric"
                        class="date"
                        placeholder=Signal::derive(today_placeholder)
                    />
                    <Show when=move || app.plan.with(|p| !p.today.is_empty())>
                        <button type="button" class="link" on:click=move |_| app.edit(|p| p.today.clear())>
                            {move || app.tr(K::UseBrowserDate)}
                        </button>
                    </Show>
                </div>
                <Field
                    id="leads-per-rep"
                    label=label(K::LeadsPerRep)
                    value=Signal::derive(move || app.plan.with(|p| p.leads_per_rep.clone()))
                    on_input=Callback::new(move |t| app.edit(|p| p.leads_per_rep = t))
                    message=problem(|e| e.time.per_rep_problem.clone())
                />
            </div>
            <p class="hint">{move || app.tr(K::TodayHint)}</p>
        </section>
    }
}

/// One labelled figure of the time plan.
#[component]
fn TimeFigure(
    /// Id of the `<output>`.
    id: &'static str,
    /// The label, which names the output.
    key: K,
    /// The figure, or a dash.
    #[prop(into)]
    value: Signal<String>,
    /// How it was computed, for "Show working".
    #[prop(into)]
    working: Signal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <dl class="figure">
            <dt>
                <label for=id>{move || app.tr(key)}</label>
            </dt>
            <dd>
                <output id=id>{move || value.get()}</output>
                <Show when=move || app.show_working() && working.with(Option::is_some)>
                    <p class="working">{move || working.get()}</p>
                </Show>
            </dd>
        </dl>
    }
}

/// The pace figures, the lateness note and the ideal funnel.
#[component]
pub fn PaceResults() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let fig = move |f: fn(&TimePlan, &Evaluation, Lang) -> String| {
        Signal::derive(move || {
            let l = lang();
            app.eval.with(|e| match &e.time.plan {
                Ok(t) => f(t, e, l),
                Err(_) => "—".to_string(),
            })
        })
    };
    let work = move |f: fn(&TimePlan, &Evaluation, Lang) -> Option<String>| {
        Signal::derive(move || {
            let l = lang();
            app.eval
                .with(|e| e.time.plan.as_ref().ok().and_then(|t| f(t, e, l)))
        })
    };
    let cycle = Signal::derive(move || {
        let l = lang();
        app.eval.with(|e| match e.time.cycle_days {
            Some(d) => format!("{} {}", fmt_int(l, u64::from(d)), i18n::t(l, K::Days)),
            None => "—".into(),
        })
    });
    let cycle_working = Signal::derive(move || {
        let l = lang();
        app.plan.with(|p| {
            app.eval.with(|e| {
                e.time.cycle_days?;
                let parts: Vec<String> = p
                    .stages
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| {
                        e.roles.get(*i).copied().flatten() == Some(crate::domain::Role::Open)
                    })
                    .map(|(_, s)| s.dwell.trim().to_string())
                    .collect();
                Some(format!(
                    "{} = {}",
                    parts.join(" + "),
                    fmt_int(l, u64::from(e.time.cycle_days?))
                ))
            })
        })
    });
    let reason = move || {
        let l = lang();
        app.eval
            .with(|e| e.time.plan.as_ref().err().map(|b| blocked_reason(l, *b)))
    };
    let late = move || {
        let l = lang();
        app.eval.with(|e| {
            let t = e.time.plan.as_ref().ok()?;
            Some(match t.late {
                Lateness::OnTime => i18n::t(l, K::OnTime).to_string(),
                Lateness::Late {
                    weeks_late,
                    catch_up_per_week,
                    ..
                } => i18n::late_sentence(
                    l,
                    &flow(l, weeks_late),
                    &flow(l, catch_up_per_week),
                    &fmt_date(l, t.first_leads_by),
                ),
                Lateness::TooLate { .. } => {
                    i18n::too_late_sentence(l, t.sales_cycle_days, &fmt_date(l, t.last_entry))
                }
            })
        })
    };
    let late_class = move || {
        app.eval
            .with(|e| match e.time.plan.as_ref().map(|t| t.late) {
                Ok(Lateness::Late { .. }) => "late-note warn",
                Ok(Lateness::TooLate { .. }) => "late-note error",
                _ => "late-note",
            })
    };
    let is_late = Memo::new(move |_| {
        app.eval.with(|e| {
            matches!(
                e.time.plan.as_ref().map(|t| t.late),
                Ok(Lateness::Late { .. })
            )
        })
    });
    let shorter = move || {
        app.eval
            .with(|e| {
                e.time
                    .plan
                    .as_ref()
                    .is_ok_and(|t| t.period_shorter_than_cycle)
            })
            .then(|| app.tr(K::PeriodShorterThanCycle))
    };
    view! {
        <section class="card pace" aria-labelledby="pace-h">
            <h2 id="pace-h">{move || app.tr(K::TimeHeading)}</h2>
            <div class="figures time-figures">
                <TimeFigure id="out-cycle" key=K::SalesCycleDays value=cycle working=cycle_working />
                <TimeFigure
                    id="out-wins-week"
                    key=K::WinsPerWeek
                    value=fig(|t, _, l| flow(l, t.wins_per_week))
                    working=work(|t, e, l| {
                        let p = e.time.period.as_ref()?;
                        Some(format!(
                            "{} ÷ {} {} = {}",
                            fmt_int(l, e.deals.ok()?),
                            flow(l, p.weeks),
                            i18n::t(l, K::WeeksUnit),
                            flow(l, t.wins_per_week)
                        ))
                    })
                />
                <TimeFigure
                    id="out-leads-week"
                    key=K::NewLeadsPerWeek
                    value=fig(|t, _, l| flow(l, t.leads_per_week))
                    working=work(|t, e, l| {
                        Some(format!(
                            "{} ÷ {} = {}",
                            flow(l, t.wins_per_week),
                            fmt_percent(l, e.close_ratio().ok()?),
                            flow(l, t.leads_per_week)
                        ))
                    })
                />
                <TimeFigure
                    id="out-reps"
                    key=K::RepsNeeded
                    value=fig(|t, e, l| match t.reps_needed {
                        Some(n) => format!("{} {}", fmt_int(l, n), i18n::t(l, K::Reps)),
                        None => match &e.time.per_rep_problem {
                            Some(x) => format!("— ({})", i18n::input_error(l, x)),
                            None => "—".into(),
                        },
                    })
                    working=work(|t, e, l| {
                        Some(format!(
                            "⌈{} ÷ {}⌉ = {}",
                            flow(l, t.leads_per_week),
                            flow(l, e.time.per_rep?),
                            fmt_int(l, t.reps_needed?)
                        ))
                    })
                />
                <TimeFigure
                    id="out-first-leads"
                    key=K::FirstLeadsBy
                    value=fig(|t, _, l| fmt_date(l, t.first_leads_by))
                    working=work(|t, e, l| {
                        let p = e.time.period.as_ref()?;
                        Some(format!(
                            "{} − {} {} = {}",
                            p.start,
                            t.sales_cycle_days,
                            i18n::t(l, K::Days),
                            t.first_leads_by
                        ))
                    })
                />
                <Show when=move || is_late.get()>
                    <TimeFigure
                        id="out-catch-up"
                        key=K::CatchUpPerWeek
                        value=fig(|t, _, l| match t.late {
                            Lateness::Late { catch_up_per_week, .. } => flow(l, catch_up_per_week),
                            _ => "—".into(),
                        })
                        working=work(|t, _, l| match t.late {
                            Lateness::Late { remaining_days, catch_up_per_week, .. } => Some(format!(
                                "{} ÷ ({} ÷ 7) = {}",
                                fmt_int(l, t.total_leads),
                                remaining_days,
                                flow(l, catch_up_per_week)
                            )),
                            _ => None,
                        })
                    />
                </Show>
            </div>
            <p class="note">{reason}</p>
            <p class=late_class>{late}</p>
            <p class="note warn-text">{shorter}</p>
            <IdealFunnel />
            <p class="note quiet">{move || app.tr(K::TimeRoundingNote)}</p>
        </section>
    }
}

/// One row of the ideal-funnel table.
#[derive(Clone, Debug, PartialEq)]
struct IdealRow {
    id: u32,
    name: String,
    standing: String,
    exact: String,
    required: String,
}

/// The table "Ideal funnel": the count each open stage must hold at any
/// moment, beside the plan's required count for the whole period.
#[component]
fn IdealFunnel() -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let l = app.lang();
        let stages = app.stage_names();
        app.eval.with(|e| {
            let (Ok(t), Ok(plan)) = (&e.time.plan, &e.plan) else {
                return Vec::new();
            };
            plan.stages
                .iter()
                .filter(|s| s.role == crate::domain::Role::Open)
                .zip(&t.ideal)
                .filter_map(|(s, ideal)| {
                    let (id, name) = stages.get(s.index)?.clone();
                    Some(IdealRow {
                        id,
                        name,
                        standing: fmt_int(l, ideal.standing_rounded),
                        exact: fmt_decimal(l, ideal.standing, 2),
                        required: s
                            .required
                            .map(|n| fmt_int(l, n))
                            .unwrap_or_else(|| "—".into()),
                    })
                })
                .collect()
        })
    });
    let cell = move |id: u32, get: fn(&IdealRow) -> String| {
        move || rows.with(|rs| rs.iter().find(|r| r.id == id).map(get).unwrap_or_default())
    };
    view! {
        <div class="table-wrap">
            <table class="ideal">
                <caption>{move || app.tr(K::IdealFunnel)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || app.tr(K::ColStage)}</th>
                        <th scope="col" class="num">{move || app.tr(K::StandingCount)}</th>
                        <th scope="col" class="num">{move || app.tr(K::ColRequired)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.with(|rs| rs.iter().map(|r| r.id).collect::<Vec<_>>())
                        key=|id| *id
                        children=move |id| {
                            view! {
                                <tr>
                                    <th scope="row">{cell(id, |r| r.name.clone())}</th>
                                    <td class="num strong">
                                        {cell(id, |r| r.standing.clone())}
                                        <Show when=move || app.show_working()>
                                            <span class="working">{cell(id, |r| r.exact.clone())} " ↑"</span>
                                        </Show>
                                    </td>
                                    <td class="num">{cell(id, |r| r.required.clone())}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
    }
}

/// The table "Intake calendar": one row per ISO week with the leads to add.
#[component]
pub fn IntakeCalendar() -> impl IntoView {
    let app = use_app();
    let late = Memo::new(move |_| {
        app.eval.with(|e| {
            matches!(
                e.time.plan.as_ref().map(|t| t.late),
                Ok(Lateness::Late { .. })
            )
        })
    });
    let rows = Memo::new(move |_| {
        app.eval.with(|e| match &e.time.plan {
            Ok(t) => t
                .calendar
                .iter()
                .take(MAX_ROWS)
                .cloned()
                .collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        })
    });
    let note = move || {
        let l = app.lang();
        app.eval.with(|e| match &e.time.plan {
            Err(b) => Some(blocked_reason(l, *b)),
            Ok(t) if t.calendar.len() > MAX_ROWS => {
                Some(i18n::calendar_truncated(l, MAX_ROWS, t.calendar.len()))
            }
            Ok(_) => None,
        })
    };
    view! {
        <section class="card calendar" aria-labelledby="calendar-h">
            <h2 id="calendar-h">{move || app.tr(K::IntakeCalendar)}</h2>
            <div class="table-wrap calendar-wrap">
                <table class="intake" aria-labelledby="calendar-h">
                    <thead>
                        <tr>
                            <th scope="col">{move || app.tr(K::ColWeek)}</th>
                            <th scope="col">{move || app.tr(K::ColStarts)}</th>
                            <th scope="col" class="num">{move || app.tr(K::ColNewLeads)}</th>
                            <Show when=move || late.get()>
                                <th scope="col" class="num">{move || app.tr(K::ColCatchUp)}</th>
                            </Show>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|w| (w.week_start, w.new_leads, w.catch_up, w.past)
                            children=move |w| {
                                let l = move || app.lang();
                                view! {
                                    <tr class:past=w.past>
                                        <th scope="row">{move || i18n::iso_week(l(), w.iso_year, w.iso_week)}</th>
                                        <td>{move || fmt_date(l(), w.week_start)}</td>
                                        <td class="num">{move || fmt_int(l(), w.new_leads)}</td>
                                        <Show when=move || late.get()>
                                            <td class="num strong">
                                                {move || w.catch_up.map(|n| fmt_int(l(), n)).unwrap_or_else(|| "—".into())}
                                            </td>
                                        </Show>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            <p class="note">{note}</p>
        </section>
    }
}
