//! The funnel chart: centred bars whose widths follow the required counts.

use crate::domain::Role;
use crate::i18n::{self, fmt_int, fmt_percent, K};
use crate::state::use_app;
use leptos::prelude::*;

// Integer coordinates: the SVG needs no finer, and printing floats would
// pull float formatting into the wasm.
const WIDTH: u64 = 400;
const BAR: u64 = 34;
const GAP: u64 = 24;
const MIN_BAR: u64 = 28;

/// One bar, formatted.
#[derive(Clone, Debug, PartialEq)]
struct Bar {
    id: u32,
    name: String,
    /// `None` where a 0 % stage makes the count unreachable: drawn as a gap.
    required: Option<u64>,
    count: String,
    /// Conversion from this bar to the next, formatted.
    conversion: Option<String>,
    won: bool,
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
            plan.stages
                .iter()
                .filter_map(|s| {
                    let (id, name) = names.get(s.index)?.clone();
                    Some(Bar {
                        id,
                        name,
                        required: s.required,
                        count: s
                            .required
                            .map(|n| fmt_int(l, n))
                            .unwrap_or_else(|| "—".into()),
                        conversion: f.conversion(s.index).map(|c| fmt_percent(l, c)),
                        won: s.role == Role::Won,
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let widest = Memo::new(move |_| app.eval.with(|e| e.plan.as_ref().map_or(0, |p| p.widest())));
    let height = move || (bars.with(|b| b.len() as u64) * (BAR + GAP)).saturating_sub(GAP) + 2;
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
            let top = i as u64 * (BAR + GAP) + 1;
            let wide = u128::from(widest.get().max(1));
            let (w, gap) = match b.required {
                // u128: n × 380 cannot overflow for any count.
                Some(n) => (
                    (u128::from(WIDTH - 20) * u128::from(n) / wide) as u64,
                    false,
                ),
                None => (WIDTH - 20, true),
            };
            let w = w.max(MIN_BAR);
            let x = (WIDTH - w) / 2;
            let class = if gap {
                "bar gap"
            } else if b.won {
                "bar won"
            } else {
                "bar"
            };
            let label = format!("{} · {}", b.name, b.count);
            let conv = b.conversion.clone().filter(|_| i + 1 < bars.with(Vec::len)).map(|c| {
                view! {
                    <text class="conv" x=WIDTH / 2 y=top + BAR + GAP / 2 + 5 text-anchor="middle">
                        {format!("↓ {c}")}
                    </text>
                }
            });
            Some(view! {
                <g>
                    <rect class=class x=x y=top width=w height=BAR rx="4" />
                    <text class="bar-label" x=WIDTH / 2 y=top + BAR / 2 + 5 text-anchor="middle">{label}</text>
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
