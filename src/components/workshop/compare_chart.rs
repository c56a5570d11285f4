//! A funnel chart drawn to a scale given from outside, so two of them side
//! by side compare: a bar's width is its count over the common maximum.
//!
//! Each stage takes two lines: "Name · count" centred above its bar, so the
//! label never has to fit inside a narrow bar and stays readable on a phone.

use crate::compare::{bar_width, ChartStage};
use crate::i18n::{fmt_int, Lang};
use leptos::prelude::*;

// Integer SVG coordinates, as in the Plan's chart. About a phone's width
// of a card, so the labels are drawn near their size in CSS pixels there.
const WIDTH: u64 = 320;
/// Room for the bars: the chart's width less a margin each side.
pub const FULL: u64 = WIDTH - 20;
/// The narrowest bar drawn, so a count of 1 beside millions still shows.
const MIN_BAR: u64 = 4;
const LINE: u64 = 22;
const BAR: u64 = 26;
const GAP: u64 = 12;

/// Estimated width of `text` in the labels' 16 px type, in SVG units (a CJK
/// character is about one em): an SVG cannot measure before it is drawn.
fn text_width(text: &str) -> u64 {
    text.chars()
        .map(|c| if c >= '\u{2e80}' { 17 } else { 9 })
        .sum()
}

/// `name` cut with "…" so that `name · count` fits the chart's width; the
/// count is never cut.
fn label(name: &str, count: &str) -> String {
    let tail = format!(" · {count}");
    let room = (WIDTH - 8).saturating_sub(text_width(&tail));
    if text_width(name) <= room {
        return format!("{}{tail}", crate::i18n::bidi::isolate(name));
    }
    let mut out = String::new();
    let mut used = text_width("…");
    for ch in name.chars() {
        let w = text_width(ch.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        used += w;
        out.push(ch);
    }
    format!("{}…{tail}", crate::i18n::bidi::isolate(&out))
}

/// One stage's bar and label, laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Drawn {
    id: u32,
    label: String,
    top: u64,
    x: u64,
    w: u64,
    class: &'static str,
}

fn layout(lang: Lang, stages: &[ChartStage], max: u64) -> Vec<Drawn> {
    stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let top = i as u64 * (LINE + BAR + GAP);
            let (w, class) = match s.count {
                Some(n) if s.won => (bar_width(n, max, FULL, MIN_BAR), "bar won"),
                Some(n) => (bar_width(n, max, FULL, MIN_BAR), "bar"),
                None => (FULL, "bar gap"),
            };
            let count = s.count.map(|n| fmt_int(lang, n)).unwrap_or("—".into());
            Drawn {
                id: s.id,
                label: label(&s.name, &count),
                top,
                x: (WIDTH - w) / 2,
                w,
                class,
            }
        })
        .collect()
}

/// A funnel chart at a given scale.
#[component]
pub fn CompareChart(
    /// The stages to draw, top first.
    #[prop(into)]
    stages: Signal<Vec<ChartStage>>,
    /// The count drawn full width: the largest count of every chart that
    /// is compared, so all share one scale.
    #[prop(into)]
    max: Signal<u64>,
    /// The sentence that names the chart for assistive technology.
    #[prop(into)]
    title: Signal<String>,
    /// The language of the counts.
    #[prop(into)]
    lang: Signal<Lang>,
    /// Id of the `<title>` (unique on the page).
    title_id: &'static str,
) -> impl IntoView {
    let drawn = Memo::new(move |_| stages.with(|s| layout(lang.get(), s, max.get())));
    let height = move || drawn.with(|d| d.len() as u64 * (LINE + BAR + GAP)).max(1);
    let bar = move |id: u32| {
        move || {
            let d = drawn.with(|d| d.iter().find(|x| x.id == id).cloned())?;
            Some(view! {
                <g>
                    <text class="bar-label" x=WIDTH / 2 y=d.top + LINE - 6 text-anchor="middle">
                        {d.label}
                    </text>
                    <rect class=d.class x=d.x y=d.top + LINE width=d.w height=BAR rx="4" />
                </g>
            })
        }
    };
    view! {
        <svg
            class="compare-chart"
            viewBox=move || format!("0 0 {WIDTH} {}", height())
            role="img"
            aria-labelledby=title_id
            preserveAspectRatio="xMidYMin meet"
        >
            <title id=title_id>{move || title.get()}</title>
            <For
                each=move || drawn.with(|d| d.iter().map(|x| x.id).collect::<Vec<_>>())
                key=|id| *id
                children=move |id| bar(id)
            />
        </svg>
    }
}
