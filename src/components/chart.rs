//! The funnel chart: centred bars whose widths follow the required counts.
//!
//! A bar's label ("Contract · 38") sits inside the bar when it fits, beside
//! it when it does not, and on a line of its own above the bar when neither
//! fits (a narrow bar with a long or Chinese name); only an over-long name
//! is shortened there, never the count. Widths of text are estimated from
//! the characters (a CJK character is about one em), since an SVG does not
//! wrap or measure before it is drawn.

use crate::domain::Role;
use crate::i18n::{self, fmt_int, K};
use crate::state::use_app;
use leptos::prelude::*;

// Integer coordinates: the SVG needs no finer, and printing floats would
// pull float formatting into the wasm.
const WIDTH: u64 = 400;
const BAR: u64 = 34;
const GAP: u64 = 24;
const MIN_BAR: u64 = 28;
/// Height of a label line above a bar.
const LINE: u64 = 20;
/// Room kept between a label and the bar's edge.
const PAD: u64 = 8;

/// Estimated width of `text` in the chart's 15 px bold type, in SVG units.
fn text_width(text: &str) -> u64 {
    text.chars()
        .map(|c| if c >= '\u{2e80}' { 16 } else { 9 })
        .sum()
}

/// `text` cut to fit `room`, with "…" when cut.
fn fit(text: &str, room: u64) -> String {
    if text_width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = text_width("…");
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Where a bar's label goes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Label {
    /// "Name · count" centred inside the bar.
    Inside(String),
    /// "Name · count" just right of the bar.
    Beside(String),
    /// The name on a line above the bar; the count inside or beside it.
    Above { name: String, count_inside: bool },
}

/// One bar, laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Bar {
    id: u32,
    name: String,
    count: String,
    /// `None` where a 0 % stage makes the count unreachable: drawn as a gap.
    required: Option<u64>,
    /// Conversion from this bar to the next, formatted.
    conversion: Option<String>,
    won: bool,
    top: u64,
    x: u64,
    w: u64,
    label: Label,
}

/// The chart, or a line saying when it will appear.
#[component]
pub fn FunnelChart() -> impl IntoView {
    let app = use_app();
    let bars = Memo::new(move |_| {
        let l = app.lang();
        let names: Vec<(u32, String)> = app.stage_names();
        app.eval.with(|e| {
            let (Some(f), Ok(plan)) = (e.funnel.as_ref(), e.plan.as_ref()) else {
                return Vec::new();
            };
            let wide = u128::from(plan.widest().max(1));
            let mut top = 1;
            let mut out = Vec::new();
            for s in &plan.stages {
                let Some((id, name)) = names.get(s.index).cloned() else {
                    continue;
                };
                let w = match s.required {
                    // u128: n × 380 cannot overflow for any count.
                    Some(n) => u64::try_from(u128::from(WIDTH - 20) * u128::from(n) / wide)
                        .unwrap_or(WIDTH - 20),
                    None => WIDTH - 20,
                }
                .clamp(MIN_BAR, WIDTH - 20);
                let x = (WIDTH - w) / 2;
                let count = s
                    .required
                    .map(|n| fmt_int(l, n))
                    .unwrap_or_else(|| "—".into());
                // Isolated: a right-to-left name or an open override in it
                // would otherwise carry " · 100" to its other side.
                let full = format!("{} · {count}", crate::i18n::bidi::isolate(&name));
                let beside_room = WIDTH.saturating_sub(x + w + PAD);
                let label = if text_width(&full) + 2 * PAD <= w {
                    Label::Inside(full)
                } else if text_width(&full) <= beside_room {
                    Label::Beside(full)
                } else {
                    Label::Above {
                        name: fit(&name, WIDTH - 2 * PAD),
                        count_inside: text_width(&count) + 2 * PAD <= w,
                    }
                };
                if matches!(label, Label::Above { .. }) {
                    top += LINE;
                }
                out.push(Bar {
                    id,
                    name,
                    count,
                    required: s.required,
                    conversion: f
                        .conversion(s.index)
                        .map(|c| i18n::shown_percent(l, c).text),
                    won: s.role == Role::Won,
                    top,
                    x,
                    w,
                    label,
                });
                top += BAR + GAP;
            }
            out
        })
    });
    let height = move || bars.with(|b| b.last().map_or(0, |x| x.top + BAR + 1));
    let sentence = move || {
        bars.with(|b| {
            let parts: Vec<(String, u64)> = b
                .iter()
                .map(|x| (x.name.clone(), x.required.unwrap_or(0)))
                .collect();
            i18n::chart_sentence(app.lang(), &parts)
        })
    };
    let bar_view = move |id: u32| {
        let bar =
            move || bars.with(|b| b.iter().position(|x| x.id == id).map(|i| (i, b[i].clone())));
        move || {
            let (i, b) = bar()?;
            let top = b.top;
            let mid = WIDTH / 2;
            let class = if b.required.is_none() {
                "bar gap"
            } else if b.won {
                "bar won"
            } else {
                "bar"
            };
            let text_y = top + BAR / 2 + 5;
            let right = b.x + b.w + PAD;
            let label = match b.label {
                Label::Inside(t) => view! {
                    <text class="bar-label" x=mid y=text_y text-anchor="middle">{t}</text>
                }
                .into_any(),
                Label::Beside(t) => view! {
                    <text class="bar-label beside" x=right y=text_y text-anchor="start">{t}</text>
                }
                .into_any(),
                Label::Above { name, count_inside } => {
                    let (cx, anchor) = if count_inside {
                        (mid, "middle")
                    } else {
                        (right, "start")
                    };
                    view! {
                        <text class="bar-label above" x=mid y=top - 6 text-anchor="middle">{name}</text>
                        <text class="bar-label" x=cx y=text_y text-anchor=anchor>{b.count.clone()}</text>
                    }
                    .into_any()
                }
            };
            let last = i + 1 >= bars.with(Vec::len);
            let conv = b.conversion.clone().filter(|_| !last).map(|c| {
                view! {
                    <text class="conv" x=mid y=top + BAR + GAP / 2 + 5 text-anchor="middle">
                        {format!("↓ {c}")}
                    </text>
                }
            });
            let picked = move || app.selected_stage.get() == Some(id);
            // A pointer shortcut to the stage's notes; the notes card's
            // "Stage" select is the keyboard's way (the chart is one image).
            Some(view! {
                <g class="pick" class:picked=picked on:click=move |_| app.selected_stage.set(Some(id))>
                    <rect class=class x=b.x y=top width=b.w height=BAR rx="4" />
                    {label}
                    {conv}
                </g>
            })
        }
    };
    view! {
        <Show
            when=move || bars.with(|b| !b.is_empty())
            fallback=move || view! { <p class="note chart-empty">{move || app.tr(K::ChartEmpty)}</p> }
        >
            <figure class="chart">
                <svg
                    viewBox=move || format!("0 0 {WIDTH} {}", height())
                    role="img"
                    aria-labelledby="chart-title"
                    preserveAspectRatio="xMidYMin meet"
                >
                    <title id="chart-title">{sentence}</title>
                    <For
                        each=move || bars.with(|b| b.iter().map(|x| x.id).collect::<Vec<_>>())
                        key=|id| *id
                        children=move |id| bar_view(id)
                    />
                </svg>
            </figure>
        </Show>
    }
}
