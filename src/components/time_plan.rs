//! The time-phased plan: period, pace, the steady (ideal) funnel and the
//! intake calendar.

use super::field::PlanField;
use super::focus::control_id;
use super::table::{Cell, KeyedTable, Row};
use crate::domain::time::{Lateness, PeriodKind, TimeError, TimePlan};
use crate::domain::{Ratio, Role};
use crate::history::{Control, Edit};
use crate::i18n::{self, fmt_date, fmt_int, Lang, Unit, K};
use crate::model::{Evaluation, TimeBlocked};
use crate::state::use_app;
use chrono::Datelike;
use leptos::prelude::*;

/// Most calendar rows drawn; a longer custom period says how many are left out.
const MAX_ROWS: usize = 260;

fn blocked_reason(lang: Lang, b: TimeBlocked) -> String {
    match b {
        TimeBlocked::Plan(b) => i18n::blocked(lang, b).to_string(),
        TimeBlocked::Dwell => i18n::t(lang, K::FixDwell).to_string(),
        TimeBlocked::Period => i18n::t(lang, K::FixPeriod).to_string(),
        TimeBlocked::Error(e) => i18n::time_error(lang, &e),
    }
}

/// The period inputs.
#[component]
pub fn TimePlanSection() -> impl IntoView {
    let app = use_app();
    let lang = move || app.lang();
    let kind = move || app.plan.with(|p| p.period);
    let summary = move || {
        let l = lang();
        app.eval.with(|e| {
            let p = e.time.period.as_ref()?;
            Some(i18n::period_summary(
                l,
                &fmt_date(l, p.start),
                &fmt_date(l, p.end),
                &i18n::count(l, u64::from(p.days), Unit::Day),
                &i18n::shown_flow_count(l, p.weeks, Unit::Week),
            ))
        })
    };
    let today_hint = move || {
        let l = lang();
        i18n::today_hint(l, &fmt_date(l, app.browser_today.get()))
    };
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
                                let today = app.browser_today.get_untracked();
                                app.edit(Edit::Choice(Control::Period), |p| p.set_period(k, today));
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
                    <PlanField
                        control=Control::PeriodStart
                        label=K::PeriodStart
                        get=|p| &p.period_start
                        set=|p, t| p.period_start = t
                        error=|e| e.time.start_problem.as_ref()
                        date=true
                    />
                </Show>
                <Show when=move || kind() == PeriodKind::Custom>
                    <PlanField
                        control=Control::PeriodEnd
                        label=K::PeriodEnd
                        get=|p| &p.period_end
                        set=|p, t| p.period_end = t
                        error=|e| e.time.end_problem.as_ref()
                        also=|e, l| match e.time.period_error {
                            Some(err @ (TimeError::EndBeforeStart | TimeError::PeriodTooLong)) => {
                                Some(i18n::time_error(l, &err))
                            }
                            _ => None,
                        }
                        date=true
                    />
                </Show>
                <Show when=move || kind() == PeriodKind::Weeks>
                    <PlanField
                        control=Control::Weeks
                        label=K::WeeksInPeriod
                        get=|p| &p.weeks
                        set=|p, t| p.weeks = t
                        error=|e| e.time.weeks_problem.as_ref()
                        reading=|e| e.readings.weeks
                    />
                </Show>
            </div>
            <p class="note period-summary">{summary}</p>
            <div class="field-row period-row">
                <div class="today">
                    <PlanField
                        control=Control::Today
                        label=K::Today
                        get=|p| &p.today
                        set=|p, t| p.today = t
                        error=|e| e.time.today_problem.as_ref()
                        date=true
                    />
                    <Show when=move || app.plan.with(|p| !p.today.is_empty())>
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| {
                                app.edit(Edit::Choice(Control::Today), |p| p.today.clear());
                                super::focus::focus_first(vec![control_id(Control::Today)]);
                            }
                        >
                            {move || app.tr(K::UseBrowserDate)}
                        </button>
                    </Show>
                    <p class="hint">{today_hint}</p>
                </div>
                <PlanField
                    control=Control::LeadsPerRep
                    label=K::LeadsPerRep
                    get=|p| &p.leads_per_rep
                    set=|p, t| p.leads_per_rep = t
                    error=|e| e.time.per_rep_problem.as_ref()
                    reading=|e| e.readings.leads_per_rep
                />
            </div>
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

/// "90 ÷ (90 days ÷ 7)" or "120 ÷ 12 weeks": wins per week with the period
/// written exactly.
fn wins_working(l: Lang, e: &Evaluation, t: &TimePlan) -> Option<String> {
    let p = e.time.period.as_ref()?;
    let deals = fmt_int(l, e.deals.ok()?);
    // A calendar period of 90 days is 90 ÷ 7 weeks exactly; say so rather
    // than a rounded 12.9.
    let in_days = Ratio::new(u128::from(p.days), 7) == Some(p.weeks) && !p.weeks.is_integer();
    let period = if in_days {
        format!("({} ÷ 7)", i18n::count(l, u64::from(p.days), Unit::Day))
    } else {
        i18n::shown_flow_count(l, p.weeks, Unit::Week).working()
    };
    Some(format!(
        "{deals} ÷ {period} {}",
        i18n::shown_flow(l, t.wins_per_week).result()
    ))
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
            Some(d) => i18n::count(l, u64::from(d), Unit::Day),
            None => "—".into(),
        })
    });
    let cycle_working = Signal::derive(move || {
        let l = lang();
        app.eval.with(|e| {
            let total = e.time.cycle_days?;
            let parts: Vec<String> = e
                .time
                .dwell_days
                .iter()
                .zip(&e.roles)
                .filter(|(_, r)| **r == Some(Role::Open))
                .filter_map(|(d, _)| d.map(|d| fmt_int(l, u64::from(d))))
                .collect();
            Some(format!(
                "{} = {}",
                parts.join(" + "),
                fmt_int(l, u64::from(total))
            ))
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
                    &i18n::shown_flow_count(l, weeks_late, Unit::Week).text,
                    &i18n::shown_flow(l, catch_up_per_week).text,
                    &fmt_date(l, t.first_leads_by),
                ),
                Lateness::TooLate { .. } => i18n::too_late_sentence(
                    l,
                    &i18n::count(l, u64::from(t.sales_cycle_days), Unit::Day),
                    &fmt_date(l, t.last_entry),
                ),
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
                    value=fig(|t, _, l| i18n::shown_flow(l, t.wins_per_week).text)
                    working=work(|t, e, l| wins_working(l, e, t))
                />
                <TimeFigure
                    id="out-leads-week"
                    key=K::NewLeadsPerWeek
                    value=fig(|t, _, l| i18n::shown_flow(l, t.leads_per_week).text)
                    working=work(|t, e, l| {
                        Some(format!(
                            "{} ÷ {} {}",
                            i18n::shown_flow(l, t.wins_per_week).working(),
                            i18n::shown_percent(l, e.close_ratio().ok()?).working(),
                            i18n::shown_flow(l, t.leads_per_week).result()
                        ))
                    })
                />
                <TimeFigure
                    id="out-reps"
                    key=K::RepsNeeded
                    value=fig(|t, e, l| match t.reps_needed {
                        Some(n) => i18n::count(l, n, Unit::Rep),
                        None => match &e.time.per_rep_problem {
                            Some(x) => format!("— ({})", i18n::input_error(l, x)),
                            None => "—".into(),
                        },
                    })
                    working=work(|t, e, l| {
                        Some(format!(
                            "⌈{} ÷ {}⌉ = {}",
                            i18n::shown_flow(l, t.leads_per_week).working(),
                            i18n::shown_flow(l, e.time.per_rep?).working(),
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
                            "{} − {} = {}",
                            p.start,
                            i18n::count(l, u64::from(t.sales_cycle_days), Unit::Day),
                            t.first_leads_by
                        ))
                    })
                />
                <Show when=move || is_late.get()>
                    <TimeFigure
                        id="out-catch-up"
                        key=K::CatchUpPerWeek
                        value=fig(|t, _, l| match t.late {
                            Lateness::Late { catch_up_per_week, .. } => i18n::shown_flow(l, catch_up_per_week).text,
                            _ => "—".into(),
                        })
                        working=work(|t, _, l| match t.late {
                            Lateness::Late { remaining_days, catch_up_per_week, .. } => Some(format!(
                                "{} ÷ ({} ÷ 7) {}",
                                fmt_int(l, t.total_leads),
                                i18n::count(l, u64::from(remaining_days), Unit::Day),
                                i18n::shown_flow(l, catch_up_per_week).result()
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
                .filter(|s| s.role == Role::Open)
                .zip(&t.ideal)
                .filter_map(|(s, ideal)| {
                    let (id, name) = stages.get(s.index)?.clone();
                    let dwell = e.time.dwell_days.get(s.index).copied().flatten()?;
                    let working = format!(
                        "⌈{} ÷ {} × {} ÷ 7⌉ = {}",
                        i18n::shown_flow(l, t.wins_per_week).working(),
                        i18n::shown_percent(l, s.win_rate).working(),
                        fmt_int(l, u64::from(dwell)),
                        fmt_int(l, ideal.standing_rounded)
                    );
                    Some(Row {
                        key: u64::from(id),
                        head: name,
                        cells: vec![
                            Cell::num(fmt_int(l, ideal.standing_rounded))
                                .with_working(Some(working))
                                .strong(),
                            Cell::num(
                                s.required
                                    .map(|n| fmt_int(l, n))
                                    .unwrap_or_else(|| "—".into()),
                            ),
                        ],
                        class: "",
                    })
                })
                .collect()
        })
    });
    let columns = Signal::derive(move || {
        vec![
            (app.tr(K::ColStage).to_string(), ""),
            (app.tr(K::StandingCount).to_string(), "num"),
            (app.tr(K::ColRequired).to_string(), "num"),
        ]
    });
    view! {
        <KeyedTable
            caption=Signal::derive(move || app.tr(K::IdealFunnel).to_string())
            columns=columns
            rows=rows
            class="ideal"
        />
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
        let l = app.lang();
        let late = late.get();
        app.eval.with(|e| match &e.time.plan {
            Ok(t) => t
                .calendar
                .iter()
                .take(MAX_ROWS)
                .map(|w| {
                    let mut cells = vec![
                        Cell {
                            text: fmt_date(l, w.week_start),
                            working: None,
                            class: "date",
                        },
                        Cell::num(fmt_int(l, w.new_leads)),
                    ];
                    if late {
                        cells.push(
                            Cell::num(
                                w.catch_up
                                    .map(|n| fmt_int(l, n))
                                    .unwrap_or_else(|| "—".into()),
                            )
                            .strong(),
                        );
                    }
                    Row {
                        key: u64::try_from(w.week_start.num_days_from_ce()).unwrap_or(0),
                        head: i18n::iso_week(l, w.iso_year, w.iso_week),
                        cells,
                        class: if w.past { "past" } else { "" },
                    }
                })
                .collect::<Vec<_>>(),
            Err(_) => Vec::new(),
        })
    });
    let columns = Signal::derive(move || {
        let mut c = vec![
            (app.tr(K::ColWeek).to_string(), "week"),
            (app.tr(K::ColStarts).to_string(), ""),
            (app.tr(K::ColNewLeads).to_string(), "num"),
        ];
        if late.get() {
            c.push((app.tr(K::ColCatchUp).to_string(), "num"));
        }
        c
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
    let rule = move || {
        let l = app.lang();
        app.eval.with(|e| {
            let t = e.time.plan.as_ref().ok()?;
            Some(i18n::calendar_rule(
                l,
                &i18n::shown_flow(l, t.leads_per_week).text,
                t.total_leads,
                t.calendar.len(),
            ))
        })
    };
    view! {
        // Not a named landmark itself: the scrolling table inside is the
        // region named "Intake calendar", and two landmarks of one name
        // would confuse a screen reader's list of them.
        <section class="card calendar">
            <h2 id="calendar-h">{move || app.tr(K::IntakeCalendar)}</h2>
            <p class="note quiet calendar-rule">{rule}</p>
            <KeyedTable
                caption=Signal::derive(move || app.tr(K::IntakeCalendar).to_string())
                columns=columns
                rows=rows
                class="intake"
                scroll=true
            />
            <p class="note">{note}</p>
        </section>
    }
}
