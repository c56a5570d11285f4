//! One keyed results table: "Required per stage", "Ideal funnel" and the
//! intake calendar all have this shape, and so will the pipeline's tables.

use crate::state::use_app;
use leptos::prelude::*;

/// One cell, formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// How the figure was computed, shown under it with "Show working".
    pub working: Option<String>,
    /// `num` for figures (right-aligned), `num strong` for the answer column.
    pub class: &'static str,
}

impl Cell {
    /// A figure, right-aligned.
    pub fn num(text: String) -> Cell {
        Cell {
            text,
            working: None,
            class: "num",
        }
    }

    /// Adds the working shown under the figure.
    pub fn with_working(mut self, working: Option<String>) -> Cell {
        self.working = working;
        self
    }

    /// Marks the column the table exists for.
    pub fn strong(mut self) -> Cell {
        self.class = "num strong";
        self
    }
}

/// One row: a stable key, its header cell (the stage, the week) and cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub key: u64,
    pub head: String,
    pub cells: Vec<Cell>,
    /// Extra class on the `<tr>`, e.g. `past`.
    pub class: &'static str,
}

/// A table with a caption, column headers and rows keyed by stable ids, so
/// a row keeps its place (and its DOM) when others change.
#[component]
pub fn KeyedTable(
    /// The caption, which is also the table's accessible name.
    #[prop(into)]
    caption: Signal<String>,
    /// The column headers: the row-header column first, then one per cell,
    /// each with its class (`num` for figures).
    #[prop(into)]
    columns: Signal<Vec<(String, &'static str)>>,
    /// The rows, recomputed from the state.
    rows: Memo<Vec<Row>>,
    /// Class of the `<table>`.
    class: &'static str,
    /// The table scrolls inside its own box: the box can take focus (so a
    /// keyboard can scroll it) and is named after the caption.
    #[prop(optional)]
    scroll: bool,
    /// The table may be wider than a phone and scroll sideways in its box:
    /// the box can take focus (so a keyboard can scroll it), named after
    /// the caption.
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let focusable = scroll || wide;
    let app = use_app();
    let caption_id = format!("{class}-caption");
    let row_view = move |key: u64| {
        let row = move || rows.with(|rs| rs.iter().find(|r| r.key == key).cloned());
        let class = move || row().map(|r| r.class).unwrap_or("");
        view! {
            <tr class=class>
                <th scope="row">{move || row().map(|r| r.head)}</th>
                {move || {
                    let show = app.show_working();
                    row()
                        .map(|r| {
                            r.cells
                                .into_iter()
                                .map(|c| {
                                    let working = c
                                        .working
                                        .filter(|_| show)
                                        .map(|w| view! { <span class="working">{w}</span> });
                                    view! { <td class=c.class>{c.text} {working}</td> }
                                })
                                .collect_view()
                        })
                }}
            </tr>
        }
    };
    view! {
        <div
            class="table-wrap"
            class:scroll=scroll
            tabindex=focusable.then_some("0")
            role=focusable.then_some("region")
            aria-labelledby=focusable.then(|| caption_id.clone())
        >
            <table class=class>
                <caption id=caption_id.clone()>{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {move || {
                            columns
                                .get()
                                .into_iter()
                                .map(|(text, class)| view! { <th scope="col" class=class>{text}</th> })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.with(|rs| rs.iter().map(|r| r.key).collect::<Vec<_>>())
                        key=|k| *k
                        children=row_view
                    />
                </tbody>
            </table>
        </div>
    }
}
