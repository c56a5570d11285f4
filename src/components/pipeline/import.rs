//! CSV import and export of the deal list.
//!
//! A file is read in the browser (strict UTF-8 first, else GB18030 through
//! the browser's own `TextDecoder`), shown as a preview with its column
//! mapping, date orders, decimal mark, probability scale and stage mapping,
//! all changeable, and every row that would be left out is listed with its
//! line and reason before anything is applied. The dry run goes in chunks
//! with a progress bar, so a file of thousands of rows never freezes the
//! page. Applying adds to the list, or replaces it only when the user chose
//! that; it is one undoable step.

use crate::components::focus;
use crate::domain::deals_csv::{
    self, guess_for_columns, guess_mapping, import_rows, missing_required, Column, CsvError,
    DateBasis, DateOrder, Encoding, Imported, Mapping, PlanStage, ProbabilityScale, Sheet,
};
use crate::domain::number::DecimalMark;
use crate::history::Edit;
use crate::i18n::pipeline::{self as words, p, P};
use crate::i18n::Lang;
use crate::state::{use_app, AppState};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A change to the mapping, made on the file's sheet.
type Remap = Box<dyn FnOnce(&Sheet, &mut Mapping)>;

/// Rows read between two looks at the page (a progress step).
const CHUNK: usize = 1_000;

/// A file being imported.
#[derive(Clone, Debug, PartialEq)]
struct Loaded {
    file: String,
    encoding: Encoding,
    sheet: Arc<Sheet>,
}

/// What the import panel shows.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    /// Nothing chosen yet, or the import was applied or cancelled.
    Idle,
    /// The file could not be used at all.
    Failed(String, CsvError),
    /// A file with its mapping; `dry` is the import it would make (`None`
    /// while it is being computed, with `progress` rows done).
    Ready {
        loaded: Loaded,
        mapping: Mapping,
        dry: Option<Arc<Imported>>,
        progress: usize,
    },
}

/// The plan's stages as the import matches them.
fn plan_stages(app: AppState) -> Vec<PlanStage> {
    let names = app.stage_names();
    app.pipeline_eval.with_untracked(|e| {
        names
            .into_iter()
            .zip(&e.stages)
            .map(|((id, name), f)| (id, name, f.role))
            .collect()
    })
}

/// The usual day-month order of the interface language, for dates that
/// nothing in the file settles.
fn usual_order(lang: Lang) -> DateOrder {
    match lang {
        Lang::En => DateOrder::Mdy,
        Lang::Zh => DateOrder::Dmy,
    }
}

/// The file's text with the browser's GB18030 decoder as the fallback.
fn decode(bytes: &[u8]) -> Result<(String, Encoding), CsvError> {
    deals_csv::decode(bytes, |b| {
        let d = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
        d.decode_with_u8_array(b).ok()
    })
}

/// The import and export buttons, and the import panel.
#[component]
pub fn ImportExport() -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| p(app.lang(), k);
    let stage = RwSignal::new(Stage::Idle);
    let replace = RwSignal::new(false);
    let confirm = RwSignal::new(false);
    // What the last applied import did, said until the next import starts.
    let done_line = RwSignal::new(None::<String>);
    // Each dry run has a number; a newer one makes older chunks stop.
    let run = StoredValue::new(0u64);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let dry_run = move |loaded: Loaded, mapping: Mapping| {
        let me = run.get_value() + 1;
        run.set_value(me);
        confirm.set(false);
        stage.set(Stage::Ready {
            loaded: loaded.clone(),
            mapping: mapping.clone(),
            dry: None,
            progress: 0,
        });
        let stages = plan_stages(app);
        let currency = app.plan.with_untracked(|pl| pl.currency.clone());
        leptos::task::spawn_local(async move {
            let total = loaded.sheet.rows.len();
            let mut done = Imported::default();
            let mut at = 0;
            while at < total {
                let end = (at + CHUNK).min(total);
                done.merge(import_rows(
                    &loaded.sheet,
                    &mapping,
                    &stages,
                    &currency,
                    at..end,
                ));
                at = end;
                if run.try_get_value() != Some(me) {
                    return;
                }
                stage.try_update(|s| {
                    if let Stage::Ready { progress, .. } = s {
                        *progress = at;
                    }
                });
                // Lets the page draw the progress and take keystrokes.
                gloo_timers::future::TimeoutFuture::new(0).await;
                if run.try_get_value() != Some(me) {
                    return;
                }
            }
            stage.try_update(|s| {
                if let Stage::Ready { dry, .. } = s {
                    *dry = Some(Arc::new(done));
                }
            });
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        input.set_value("");
        done_line.set(None);
        // Every import starts by adding: replacing the list is chosen anew.
        replace.set(false);
        leptos::task::spawn_local(async move {
            let Ok(buf) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else {
                stage.set(Stage::Failed(name, CsvError::NotText));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buf).to_vec();
            let read =
                decode(&bytes).and_then(|(text, enc)| Ok((deals_csv::read_sheet(&text)?, enc)));
            match read {
                Ok((sheet, encoding)) => {
                    let lang = app.lang();
                    let mapping = guess_mapping(&sheet, &plan_stages(app), usual_order(lang));
                    dry_run(
                        Loaded {
                            file: name,
                            encoding,
                            sheet: Arc::new(sheet),
                        },
                        mapping,
                    );
                    focus::focus_first(vec!["import-h".into()]);
                }
                Err(e) => {
                    stage.set(Stage::Failed(name, e));
                    focus::focus_first(vec!["import-h".into()]);
                }
            }
        });
    };

    // Changes the mapping and runs the dry run again.
    let remap = move |f: Remap| {
        let Stage::Ready {
            loaded,
            mut mapping,
            ..
        } = stage.get_untracked()
        else {
            return;
        };
        f(&loaded.sheet, &mut mapping);
        dry_run(loaded, mapping);
    };

    let apply = move |_| {
        let Stage::Ready {
            mapping,
            dry: Some(dry),
            ..
        } = stage.get_untracked()
        else {
            return;
        };
        let unmapped = mapping.stage_map.iter().any(|(_, s)| s.is_none());
        if unmapped && !confirm.get_untracked() {
            confirm.set(true);
            focus::focus_first(vec!["apply-import".into()]);
            return;
        }
        let deals = dry.deals.clone();
        let replace_all = replace.get_untracked();
        let mut added = 0;
        app.edit_pipeline(Edit::Import, |pi| {
            added = pi.import(deals, replace_all);
        });
        let mut lines: Vec<usize> = dry.problems.iter().map(|p| p.line).collect();
        lines.dedup();
        done_line.set(Some(words::import_done(
            app.lang(),
            added,
            dry.deals.len(),
            &lines,
        )));
        stage.set(Stage::Idle);
        run.update_value(|r| *r += 1);
        focus::focus_first(vec!["import-csv".into()]);
    };
    let cancel = move |_| {
        run.update_value(|r| *r += 1);
        stage.set(Stage::Idle);
        focus::focus_first(vec!["import-csv".into()]);
    };

    let export = move |_| {
        let names = app.stage_names();
        let text = app.pipeline.with_untracked(|pi| {
            deals_csv::export(&pi.deals, |id| {
                names
                    .iter()
                    .find(|(s, _)| *s == id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default()
            })
        });
        let today = app.eval.with_untracked(|e| e.time.today);
        download(&format!("deals-{today}.csv"), &text);
    };

    let ready = move || matches!(stage.get(), Stage::Ready { .. });
    let can_apply = Memo::new(move |_| {
        stage.with(|s| match s {
            Stage::Ready {
                mapping,
                dry: Some(_),
                ..
            } => missing_required(mapping).is_empty(),
            _ => false,
        })
    });

    view! {
        <div class="import-export">
            <button type="button" id="import-csv" on:click=move |_| {
                if let Some(el) = file_input.get() {
                    el.click();
                }
            }>
                {move || tr(P::ImportCsv)}
            </button>
            <label for="import-file" class="visually-hidden">{move || tr(P::ChooseFile)}</label>
            <input
                type="file"
                id="import-file"
                class="visually-hidden"
                tabindex="-1"
                accept=".csv,.txt,text/csv,text/plain"
                node_ref=file_input
                on:change=on_file
            />
            <button type="button" id="export-csv" on:click=export disabled=move || app.pipeline.with(|pi| pi.deals.is_empty())>
                {move || tr(P::ExportCsv)}
            </button>
        </div>
        <p class="import-done" role="status">
            {move || done_line.get()}
            // A list too large for the browser's storage is said here too,
            // where the user is looking, not only in the page's header.
            {move || {
                let k = match app.status.get() {
                    crate::state::SaveStatus::DealsNotSaved => crate::i18n::K::DealsNotSaved,
                    crate::state::SaveStatus::Failed => crate::i18n::K::SaveFailed,
                    _ => return None,
                };
                let gap = crate::i18n::sentence_gap(app.lang());
                done_line.with(Option::is_some).then(|| format!("{gap}{}", app.tr(k)))
            }}
        </p>
        <Show when=move || !matches!(stage.get(), Stage::Idle)>
            <section
                class="import-panel"
                aria-labelledby="import-h"
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    // Escape leaves the import as Cancel does (a select's own
                    // Escape closes its list first and never reaches here).
                    if ev.key() == "Escape" && !ev.default_prevented() {
                        ev.prevent_default();
                        run.update_value(|r| *r += 1);
                        stage.set(Stage::Idle);
                        focus::focus_first(vec!["import-csv".into()]);
                    }
                }
            >
                <h3 id="import-h" tabindex="-1">{move || tr(P::ImportHeading)}</h3>
                {move || match stage.get() {
                    Stage::Failed(file, e) => Some(view! {
                        <p class="error-text" role="alert">{words::csv_failed(app.lang(), &file, &e)}</p>
                    }.into_any()),
                    _ => None,
                }}
                <Show when=ready>
                    <Preview stage=stage remap=remap />
                    <fieldset class="segmented replace">
                        <legend>{move || tr(P::ImportInto)}</legend>
                        <label class="radio">
                            <input type="radio" name="import-mode" id="import-append" prop:checked=move || !replace.get() on:change=move |_| replace.set(false) />
                            {move || tr(P::Append)}
                        </label>
                        <label class="radio">
                            <input type="radio" name="import-mode" id="import-replace" prop:checked=move || replace.get() on:change=move |_| replace.set(true) />
                            {move || tr(P::Replace)}
                        </label>
                    </fieldset>
                </Show>
                <p class="import-summary" role="status">
                    {move || {
                        let lang = app.lang();
                        stage.with(|s| match s {
                            Stage::Ready { loaded, mapping, dry, progress } => {
                                Some(words::import_summary(lang, loaded.sheet.rows.len(), *progress, dry.as_deref(), &missing_required(mapping), mapping.stage_map.iter().filter(|(_, s)| s.is_none()).count(), confirm.get(), replace.get()))
                            }
                            _ => None,
                        })
                    }}
                </p>
                <Show when=move || stage.with(|s| matches!(s, Stage::Ready { dry: None, .. }))>
                    <progress
                        aria-label=move || tr(P::Importing)
                        max=move || stage.with(|s| match s { Stage::Ready { loaded, .. } => loaded.sheet.rows.len().max(1), _ => 1 })
                        value=move || stage.with(|s| match s { Stage::Ready { progress, .. } => *progress, _ => 0 })
                    ></progress>
                </Show>
                <div class="import-actions">
                    <Show when=ready>
                        <button type="button" class="primary" id="apply-import" disabled=move || !can_apply.get() on:click=apply>
                            {move || tr(P::ApplyImport)}
                        </button>
                    </Show>
                    <button type="button" id="cancel-import" on:click=cancel>{move || tr(P::CancelImport)}</button>
                </div>
            </section>
        </Show>
    }
}

/// Offers `text` as a CSV file download.
fn download(file: &str, text: &str) {
    download_as(file, text, "text/csv;charset=utf-8");
}

/// Offers `text` as a file download of this MIME type.
pub(crate) fn download_as(file: &str, text: &str, mime: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(file);
        a.click();
    }
    // The click has started the download; the URL is no longer needed.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// The preview: the file's first rows, the column mapping with each
/// column's reading choices, the stage mapping and the rows left out.
#[component]
fn Preview(
    /// The import under way.
    stage: RwSignal<Stage>,
    /// Changes the mapping (and runs the dry run again).
    remap: impl Fn(Remap) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| p(app.lang(), k);
    let sheet = Memo::new(move |_| match stage.get() {
        Stage::Ready { loaded, .. } => Some(loaded),
        _ => None,
    });
    let mapping = Memo::new(move |_| match stage.get() {
        Stage::Ready { mapping, .. } => Some(mapping),
        _ => None,
    });
    let dry = Memo::new(move |_| match stage.get() {
        Stage::Ready { dry, .. } => dry,
        _ => None,
    });
    let file_line = move || {
        let lang = app.lang();
        sheet.with(|l| {
            l.as_ref()
                .map(|l| words::file_line(lang, &l.file, l.encoding, &l.sheet))
        })
    };
    let column_options = move |current: Option<Column>| {
        let lang = app.lang();
        let none = view! { <option value="" selected=current.is_none()>{p(lang, P::NotImported)}</option> };
        let rest = Column::ALL
            .iter()
            .map(|&c| {
                view! { <option value=words::column_value(c) selected=current == Some(c)>{words::column_name(lang, c)}</option> }
            })
            .collect_view();
        view! { {none} {rest} }
    };
    let mapping_rows = move || {
        let lang = app.lang();
        let Some(l) = sheet.get() else {
            return Vec::new();
        };
        let Some(m) = mapping.get() else {
            return Vec::new();
        };
        l.sheet
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let current = m.columns.get(i).copied().flatten();
                let sample = l
                    .sheet
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.get(i))
                    .find(|c| !c.trim().is_empty())
                    .cloned()
                    .unwrap_or_default();
                let id = format!("map-col-{i}");
                let head = if h.trim().is_empty() { words::column_n(lang, i + 1) } else { h.clone() };
                view! {
                    <tr>
                        <th scope="row"><label for=id.clone()>{head}</label></th>
                        <td class="sample">{sample}</td>
                        <td>
                            <select id=id on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let chosen = Column::ALL.iter().copied().find(|c| words::column_value(*c) == v);
                                let stages = plan_stages(app);
                                let usual = usual_order(app.lang());
                                remap(Box::new(move |sheet, m| {
                                    let mut cols = m.columns.clone();
                                    // A meaning belongs to one column: the column that had
                                    // it takes this one's old meaning (a swap), so moving
                                    // through the options with the arrow keys and back
                                    // leaves every other column as it was.
                                    let old = cols.get(i).copied().flatten();
                                    if let Some(c) = chosen {
                                        for (j, x) in cols.iter_mut().enumerate() {
                                            if j != i && *x == Some(c) {
                                                *x = old;
                                            }
                                        }
                                    }
                                    if let Some(slot) = cols.get_mut(i) {
                                        *slot = chosen;
                                    }
                                    let old_map = m.stage_map.clone();
                                    *m = guess_for_columns(sheet, cols, &stages, usual);
                                    // Stage choices the user made stay.
                                    for (crm, plan) in m.stage_map.iter_mut() {
                                        if let Some((_, Some(s))) = old_map.iter().find(|(c, _)| c == crm) {
                                            *plan = Some(*s);
                                        }
                                    }
                                }));
                            }>
                                {column_options(current)}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    };
    // A reading choice for a mapped column: date order, decimal mark, scale.
    let choices = move || {
        let lang = app.lang();
        let m = mapping.get()?;
        let mapped = |c: Column| m.columns.contains(&Some(c));
        let date_choice = move |c: Column, g: crate::domain::deals_csv::DateGuess| {
            let id = format!("order-{}", words::column_value(c));
            let opts = [
                (DateOrder::Ymd, P::Ymd, "ymd"),
                (DateOrder::Mdy, P::Mdy, "mdy"),
                (DateOrder::Dmy, P::Dmy, "dmy"),
            ];
            view! {
                <div class="field">
                    <label for=id.clone()>{words::order_label(lang, c)}</label>
                    <select id=id on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let order = match v.as_str() { "ymd" => DateOrder::Ymd, "dmy" => DateOrder::Dmy, _ => DateOrder::Mdy };
                        remap(Box::new(move |_, m| {
                            let g = match c {
                                Column::Close => &mut m.close_order,
                                Column::InStageSince => &mut m.in_stage_order,
                                _ => &mut m.created_order,
                            };
                            g.order = order;
                            g.basis = DateBasis::Data;
                        }));
                    }>
                        {opts.into_iter().map(|(o, k, v)| view! { <option value=v selected=g.order == o>{p(lang, k)}</option> }).collect_view()}
                    </select>
                    <span class="hint">{words::basis_hint(lang, g.basis)}</span>
                </div>
            }
        };
        let mut out = Vec::new();
        if mapped(Column::Close) {
            out.push(date_choice(Column::Close, m.close_order).into_any());
        }
        if mapped(Column::InStageSince) {
            out.push(date_choice(Column::InStageSince, m.in_stage_order).into_any());
        }
        if mapped(Column::Created) {
            out.push(date_choice(Column::Created, m.created_order).into_any());
        }
        if mapped(Column::Amount) {
            let comma = m.amount_mark == DecimalMark::Comma;
            out.push(view! {
                <div class="field">
                    <label for="amount-mark">{p(lang, P::DecimalMark)}</label>
                    <select id="amount-mark" on:change=move |ev| {
                        let comma = event_target_value(&ev) == "comma";
                        remap(Box::new(move |_, m| {
                            m.amount_mark = if comma { DecimalMark::Comma } else { DecimalMark::Point };
                            m.amount_mark_settled = true;
                        }));
                    }>
                        <option value="point" selected=!comma>{p(lang, P::DecimalPoint)}</option>
                        <option value="comma" selected=comma>{p(lang, P::DecimalComma)}</option>
                    </select>
                    <span class="hint">{words::amount_unit_hint(lang, m.amount_unit)}</span>
                </div>
            }.into_any());
        }
        if mapped(Column::Probability) {
            let fraction = m.probability_scale == ProbabilityScale::Fraction;
            out.push(view! {
                <div class="field">
                    <label for="probability-scale">{p(lang, P::ProbabilityScale)}</label>
                    <select id="probability-scale" on:change=move |ev| {
                        let fraction = event_target_value(&ev) == "fraction";
                        remap(Box::new(move |_, m| {
                            m.probability_scale = if fraction { ProbabilityScale::Fraction } else { ProbabilityScale::Percent };
                        }));
                    }>
                        <option value="percent" selected=!fraction>{p(lang, P::Percent)}</option>
                        <option value="fraction" selected=fraction>{p(lang, P::Fraction)}</option>
                    </select>
                </div>
            }.into_any());
        }
        Some(out)
    };
    let stage_rows = move || {
        let lang = app.lang();
        let m = mapping.get()?;
        if m.stage_map.is_empty() {
            return None;
        }
        let names = app.stage_names();
        let rows = m
            .stage_map
            .iter()
            .enumerate()
            .map(|(i, (crm, plan))| {
                let id = format!("map-stage-{i}");
                let crm_key = crm.clone();
                let options = names
                    .iter()
                    .map(|(s, n)| view! { <option value=s.to_string() selected=*plan == Some(*s)>{n.clone()}</option> })
                    .collect_view();
                view! {
                    <tr class:unmapped=plan.is_none()>
                        <th scope="row"><label for=id.clone()>{crm.clone()}</label></th>
                        <td>
                            <select id=id aria-invalid=plan.is_none().then_some("true") on:change=move |ev| {
                                let v = event_target_value(&ev).parse::<u32>().ok();
                                let key = crm_key.clone();
                                remap(Box::new(move |_, m| {
                                    for (c, s) in m.stage_map.iter_mut() {
                                        if *c == key {
                                            *s = v;
                                        }
                                    }
                                }));
                            }>
                                <option value="" selected=plan.is_none()>{p(lang, P::Unmapped)}</option>
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="stage-map-caption">
                <table class="stage-map">
                    <caption id="stage-map-caption">{p(lang, P::StageMapping)}</caption>
                    <thead><tr><th scope="col">{p(lang, P::CrmStage)}</th><th scope="col">{p(lang, P::PlanStage)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    let problems = move || {
        let lang = app.lang();
        let d = dry.get()?;
        if d.problems.is_empty() {
            return None;
        }
        let shown = d.problems.len().min(200);
        let rows = d
            .problems
            .iter()
            .take(shown)
            .map(|pr| view! { <tr><td class="num">{pr.line}</td><td>{words::row_problem(lang, &pr.kind)}</td></tr> })
            .collect_view();
        Some(view! {
            <div class="table-wrap scroll bad-rows" tabindex="0" role="region" aria-labelledby="bad-rows-caption">
                <table class="bad-rows">
                    <caption id="bad-rows-caption">{p(lang, P::BadRows)}</caption>
                    <thead><tr><th scope="col" class="num">{p(lang, P::Line)}</th><th scope="col">{p(lang, P::Reason)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="note">{words::problems_more(lang, d.problems.len(), shown)}</p>
        })
    };
    let notes = move || {
        let lang = app.lang();
        dry.get().map(|d| words::import_notes(lang, &d.notes))
    };
    view! {
        <p class="file-line">{file_line}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="mapping-caption">
            <table class="mapping">
                <caption id="mapping-caption">{move || tr(P::Mapping)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || tr(P::Column)}</th>
                        <th scope="col">{move || tr(P::Preview)}</th>
                        <th scope="col">{move || tr(P::MapsTo)}</th>
                    </tr>
                </thead>
                <tbody>{mapping_rows}</tbody>
            </table>
        </div>
        <div class="choices">{choices}</div>
        {stage_rows}
        {problems}
        <ul class="notes">{move || notes().unwrap_or_default().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
    }
}
