//! How sure is the forecast: the distribution of the period's won revenue
//! (P10, P50, P90, the chance to hit the target) and its histogram.

use crate::components::results::Figure;
use crate::domain::distribution::{distribution, Distribution};
use crate::domain::Ratio;
use crate::i18n::pipeline::{self as words, p, P};
use crate::i18n::{self, Lang};
use crate::state::use_app;
use leptos::prelude::*;

const DASH: &str = "—";
const W: f64 = 440.0;
const H: f64 = 184.0;
const TOP: f64 = 10.0;
const BASE: f64 = 140.0;

/// A coordinate in tenths of a pixel, written without float formatting
/// (which would add its own code to the wasm for this one chart).
fn px(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    if t.is_multiple_of(10) {
        format!("{sign}{}", t / 10)
    } else {
        format!("{sign}{}.{}", t / 10, t % 10)
    }
}

/// The spread of the forecast.
#[component]
pub fn Spread() -> impl IntoView {
    let app = use_app();
    // Its own memo: a keystroke elsewhere on the screen never recomputes it.
    let dist = Memo::new(move |_| {
        app.pipeline_eval.with(|e| {
            let fc = e.forecast.as_ref().ok()?;
            let realised = fc.realised.ok()?;
            distribution(realised, &e.open_in_period, e.target).ok()
        })
    });
    let money = move |lang: Lang, r: Ratio| {
        let currency = app.plan.with(|pl| pl.currency.clone());
        i18n::shown_money(lang, &currency, r).text
    };
    let why = move || {
        let lang = app.lang();
        app.pipeline_eval.with(|e| match &e.forecast {
            Err(b) => words::blocked(lang, *b).to_string(),
            Ok(fc) => match fc.realised {
                Err(u) => words::unavailable(lang, u).to_string(),
                Ok(_) => String::new(),
            },
        })
    };
    let pct = move |f: fn(&Distribution) -> Ratio| {
        Signal::derive(move || {
            let lang = app.lang();
            dist.with(|d| {
                d.as_ref()
                    .map(|d| money(lang, f(d)))
                    .unwrap_or_else(|| DASH.into())
            })
        })
    };
    let chance = Signal::derive(move || {
        let lang = app.lang();
        dist.with(|d| {
            d.as_ref()
                .and_then(|d| d.chance)
                .map(|c| i18n::fmt_probability(lang, c))
                .unwrap_or_else(|| DASH.into())
        })
    });
    let method = Signal::derive(move || {
        let lang = app.lang();
        dist.with(|d| match d {
            Some(d) => words::method_line(lang, d.method),
            // The reason is under each dash above.
            None => String::new(),
        })
    });
    // A dash says why under it, as every figure does.
    let reason = move || {
        if dist.with(Option::is_some) {
            return None;
        }
        Some(why()).filter(|w| !w.is_empty())
    };
    let explain = move |k: fn(Lang) -> &'static str| {
        Signal::derive(move || reason().unwrap_or_else(|| k(app.lang()).to_string()))
    };
    let chance_explain = Signal::derive(move || {
        if let Some(w) = reason() {
            return w;
        }
        let lang = app.lang();
        let target = app.pipeline_eval.with(|e| e.target);
        match target {
            Some(t) => words::chance_explained(lang, &money(lang, t)),
            None => p(lang, P::NoTarget).to_string(),
        }
    });
    let none = Signal::stored(None::<String>);
    let tr = move |k: P| Signal::derive(move || p(app.lang(), k).to_string());
    view! {
        <div class="figures spread">
            <Figure id="out-p10" label=tr(P::P10) value=pct(|d| d.p10) explain=explain(words::p10_explained) working=none />
            <Figure id="out-p50" label=tr(P::P50) value=pct(|d| d.p50) explain=explain(words::p50_explained) working=none />
            <Figure id="out-p90" label=tr(P::P90) value=pct(|d| d.p90) explain=explain(words::p90_explained) working=none />
            <Figure id="out-chance" label=tr(P::Chance) value=chance explain=chance_explain working=none />
        </div>
        <Histogram dist=dist />
        <p class="note quiet">{move || method.get()}</p>
    }
}

/// The histogram as SVG: one bar per bin, the target as a line.
#[component]
fn Histogram(
    /// The distribution drawn; nothing while there is none.
    dist: Memo<Option<Distribution>>,
) -> impl IntoView {
    let app = use_app();
    let money = move |lang: Lang, r: Ratio| {
        let currency = app.plan.with(|pl| pl.currency.clone());
        i18n::fmt_money(lang, &currency, r)
    };
    move || {
        let lang = app.lang();
        let target = app.pipeline_eval.with(|e| e.target);
        dist.with(|d| {
            let d = d.as_ref()?;
            let first = d.histogram.first()?;
            let last = d.histogram.last()?;
            // A certain sum (nothing open, or every deal certain) has no
            // spread to draw: the figures above say it all.
            if d.histogram.len() < 2 || first.from == last.to {
                return None;
            }
            let lo = first.from.to_f64();
            let hi = last.to.to_f64().max(lo + 1.0);
            let span = hi - lo;
            let tallest = d.histogram.iter().map(|b| b.probability).fold(0.0_f64, f64::max).max(1e-12);
            let x = move |v: f64| ((v - lo) / span * (W - 20.0) + 10.0).clamp(10.0, W - 10.0);
            let bars = d
                .histogram
                .iter()
                .map(|b| {
                    let x0 = x(b.from.to_f64());
                    let x1 = if b.to == b.from { x0 + 6.0 } else { x(b.to.to_f64()) };
                    let h = (b.probability / tallest) * (BASE - TOP);
                    view! {
                        <rect class="hist-bar" x=px(x0) y=px(BASE - h)
                            width=px((x1 - x0 - 1.0).max(1.0)) height=px(h) />
                    }
                })
                .collect_view();
            // A target outside the drawn range is said, not drawn at an edge.
            let off_scale = target.and_then(|t| {
                if t < first.from {
                    Some(words::target_below(lang, &money(lang, t)))
                } else if t > last.to {
                    Some(words::target_above(lang, &money(lang, t)))
                } else {
                    None
                }
            });
            let target_line = target.filter(|_| off_scale.is_none()).map(|t| {
                let tx = x(t.to_f64());
                // The word stays inside the drawing at either edge.
                let anchor = if tx > W - 40.0 {
                    "end"
                } else if tx < 40.0 {
                    "start"
                } else {
                    "middle"
                };
                view! {
                    <line class="target-line" x1=px(tx) x2=px(tx) y1=px(TOP) y2=px(BASE) />
                    <text class="hist-label target" x=px(tx) y="8" text-anchor=anchor>{p(lang, P::TargetMark)}</text>
                }
            });
            // P10, P50 and P90 marked on the axis, so the three figures
            // above point into the picture. Marks at one amount share a line
            // and a label ("P50 = P90"); a label too close to the one before
            // it is left to its line (the figures say the amount); a label at
            // an edge is anchored inside the drawing.
            let mut groups: Vec<(Ratio, String)> = Vec::new();
            for (name, v) in [("P10", d.p10), ("P50", d.p50), ("P90", d.p90)] {
                match groups.last_mut() {
                    Some((at, names)) if *at == v => {
                        names.push_str(" = ");
                        names.push_str(name);
                    }
                    _ => groups.push((v, name.to_string())),
                }
            }
            let mut last_label = f64::NEG_INFINITY;
            let marks = groups
                .into_iter()
                .map(|(v, name)| {
                    let mx = x(v.to_f64());
                    let anchor = if mx < 40.0 {
                        "start"
                    } else if mx > W - 40.0 {
                        "end"
                    } else {
                        "middle"
                    };
                    let label = (mx - last_label >= 30.0).then(|| {
                        last_label = mx;
                        view! {
                            <text class="hist-label mark" x=px(mx) y=px(BASE + 36.0) text-anchor=anchor>{name}</text>
                        }
                    });
                    view! {
                        <line class="mark-line" x1=px(mx) x2=px(mx) y1=px(TOP) y2=px(BASE) />
                        {label}
                    }
                })
                .collect_view();
            let sentence = words::histogram_sentence(
                lang,
                &money(lang, d.p10),
                &money(lang, d.p50),
                &money(lang, d.p90),
                &money(lang, first.from),
                &money(lang, last.to),
            );
            let label = sentence.clone();
            Some(view! {
                <figure class="histogram">
                    // Room above the bars for the target's label: a 12 px CJK glyph
                    // rises about 11 px above its baseline at y = 8.
                    <svg viewBox=format!("0 -6 {} {}", px(W), px(H + 6.0)) role="img" aria-label=label>
                        <title>{sentence}</title>
                        {bars}
                        <line class="axis" x1="10" x2=px(W - 10.0) y1=px(BASE) y2=px(BASE) />
                        {marks}
                        {target_line}
                        <text class="hist-label" x="10" y=px(BASE + 18.0)>{money(lang, first.from)}</text>
                        <text class="hist-label" x=px(W - 10.0) y=px(BASE + 18.0) text-anchor="end">{money(lang, last.to)}</text>
                    </svg>
                    <figcaption class="explain">
                        {match off_scale {
                            Some(note) => format!("{}{}{note}", p(lang, P::Histogram), i18n::sentence_gap(lang)),
                            None => p(lang, P::Histogram).to_string(),
                        }}
                    </figcaption>
                </figure>
            })
        })
    }
}
