//! The deal list: a table "Deals" edited in place, sorted, filtered and
//! paged, so 10,000 deals keep the page quick (only one page is in the
//! page at a time) and a field being typed in never waits on the list.

use crate::components::focus::{self, deal_field_id};
use crate::domain::number::{parse_date, read_amount, read_percent, DecimalMark};
use crate::domain::{Deal, DealId, Status};
use crate::history::{Control, DealField, Edit};
use crate::i18n::pipeline::{self as words, field_key, p, P};
use crate::i18n::{self, Lang};
use crate::pipeline::{amount_text, probability_text, Marks, SortKey};
use crate::state::use_app;
use leptos::prelude::*;
use std::cmp::Ordering;

/// A change to one deal, ready to apply.
type Change = Box<dyn FnOnce(&mut Deal)>;
/// A field's text from its deal.
type Shows = Box<dyn Fn(&Deal) -> String + Send + Sync>;
/// A field's text read into a change, or the reason it cannot be.
type Reads = Box<dyn Fn(&str) -> Result<Change, String> + Send + Sync>;

/// Deals on one page of the list.
pub const PAGE: usize = 25;

/// Milliseconds of quiet in the filter field before the list follows it.
const FILTER_DELAY_MS: u32 = 150;

/// Which deals the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum ShowOnly {
    #[default]
    All,
    Open,
    Won,
    Lost,
    Stalled,
    Overdue,
}

const SHOW: [(ShowOnly, P, &str); 6] = [
    (ShowOnly::All, P::ShowAll, "all"),
    (ShowOnly::Open, P::ShowOpen, "open"),
    (ShowOnly::Won, P::ShowWon, "won"),
    (ShowOnly::Lost, P::ShowLost, "lost"),
    (ShowOnly::Stalled, P::ShowStalled, "stalled"),
    (ShowOnly::Overdue, P::ShowOverdue, "overdue"),
];

fn status_key(s: Status) -> P {
    match s {
        Status::Open => P::Open,
        Status::Won => P::Won,
        Status::Lost => P::Lost,
    }
}

/// The deal list with its toolbar.
#[component]
pub fn DealList() -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| p(app.lang(), k);
    // What the filter field holds, and (a moment after the last keystroke)
    // what the list is filtered by: with 10,000 deals a new page of rows
    // takes longer than a frame, and typing must never wait on it.
    let filter_text = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let filter_timer = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let show = RwSignal::new(ShowOnly::All);
    let sort = RwSignal::new((SortKey::List, true));
    let page = RwSignal::new(0usize);
    let marks = app.deal_marks;

    // Each deal's name and account in lower case, once per change of the
    // list, so a keystroke in the filter only compares.
    let search_keys = Memo::new(move |_| {
        app.pipeline.with(|pi| {
            std::sync::Arc::new(
                pi.deals
                    .iter()
                    .map(|d| format!("{}\u{1f}{}", d.name, d.account).to_lowercase())
                    .collect::<Vec<_>>(),
            )
        })
    });
    // What the order depends on besides the deals' contents: while it stays
    // the same (an edit in place), the rows keep their order, so an edited
    // row never jumps away from the field being typed in or to another page.
    let arrangement = StoredValue::new(None::<(String, ShowOnly, (SortKey, bool), usize)>);
    // Positions (in the list) of the deals shown, in the order shown.
    let shown = Memo::new(move |prev: Option<&Vec<usize>>| {
        let needle = filter.get().trim().to_lowercase();
        let keys = search_keys.get();
        let only = show.get();
        let (key, ascending) = sort.get();
        let len = app.pipeline.with(|pi| pi.deals.len());
        let now = (needle.clone(), only, (key, ascending), len);
        let same = arrangement.with_value(|a| a.as_ref() == Some(&now));
        arrangement.set_value(Some(now));
        if let (true, Some(prev)) = (same, prev) {
            marks.track();
            return prev.clone();
        }
        let stages = app.stage_names();
        let stage_pos = |id: u32| {
            stages
                .iter()
                .position(|(s, _)| *s == id)
                .unwrap_or(usize::MAX)
        };
        marks.with(|marks| {
            app.pipeline.with(|pi| {
                let deals = &pi.deals;
                let mut idx: Vec<usize> = (0..deals.len())
                    .filter(|&i| {
                        let Some(d) = deals.get(i) else { return false };
                        let m = marks.get(i).copied().unwrap_or_default();
                        let kept = match only {
                            ShowOnly::All => true,
                            ShowOnly::Open => d.status == Status::Open,
                            ShowOnly::Won => d.status == Status::Won,
                            ShowOnly::Lost => d.status == Status::Lost,
                            ShowOnly::Stalled => m.stalled,
                            ShowOnly::Overdue => m.overdue,
                        };
                        kept && (needle.is_empty()
                            || keys.get(i).is_some_and(|k| k.contains(&needle)))
                    })
                    .collect();
                if key != SortKey::List {
                    let cmp = |a: &Deal, b: &Deal| -> Ordering {
                        match key {
                            SortKey::List => Ordering::Equal,
                            SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
                            SortKey::Account => {
                                a.account.to_lowercase().cmp(&b.account.to_lowercase())
                            }
                            SortKey::Amount => a.amount.cmp(&b.amount),
                            SortKey::Stage => stage_pos(a.stage).cmp(&stage_pos(b.stage)),
                            SortKey::Status => a.status.cmp(&b.status),
                            SortKey::Close => a.close.cmp(&b.close),
                            SortKey::InStageSince => a.in_stage_since.cmp(&b.in_stage_since),
                            SortKey::Probability => a.probability.cmp(&b.probability),
                            SortKey::Created => a.created.cmp(&b.created),
                        }
                    };
                    idx.sort_by(|&i, &j| match (deals.get(i), deals.get(j)) {
                        (Some(a), Some(b)) => {
                            let o = cmp(a, b);
                            if ascending {
                                o
                            } else {
                                o.reverse()
                            }
                        }
                        _ => Ordering::Equal,
                    });
                }
                idx
            })
        })
    });
    let pages = Memo::new(move |_| shown.with(Vec::len).div_ceil(PAGE).max(1));
    let at_last = Memo::new(move |_| page.get() + 1 >= pages.get());
    // The page's deals, copied (50 at most), keyed by id in the table.
    let page_deals = Memo::new(move |_| {
        let from = page.get().min(pages.get() - 1) * PAGE;
        shown.with(|idx| {
            app.pipeline.with(|pi| {
                idx.iter()
                    .skip(from)
                    .take(PAGE)
                    .filter_map(|&i| pi.deals.get(i).map(|d| (i, d.clone())))
                    .collect::<Vec<_>>()
            })
        })
    });

    // A deal that must be seen (added, or brought back by an undo): clear
    // what hides it and turn to its page.
    Effect::new(move |_| {
        let Some(id) = app.reveal.get() else { return };
        let find = move || {
            let pos = app.pipeline.with_untracked(|pi| pi.index_of(id))?;
            shown.with_untracked(|idx| idx.iter().position(|&i| i == pos))
        };
        if find().is_none() {
            filter_timer.set_value(None);
            filter_text.set(String::new());
            filter.set(String::new());
            show.set(ShowOnly::All);
        }
        if let Some(at) = find() {
            page.set(at / PAGE);
        }
        app.reveal.set(None);
    });

    // Said at the button when "Add deal" finds the list at its cap.
    let list_full = RwSignal::new(false);
    let add = move |_| {
        let stage = app
            .plan
            .with_untracked(|pl| pl.stages.first().map(|s| s.id))
            .unwrap_or_default();
        let mut new_id = None;
        let next = app.pipeline.with_untracked(|pi| pi.next_id);
        app.edit_pipeline(Edit::AddDeal(next), |pi| {
            new_id = pi.add_deal(Deal {
                stage,
                ..Deal::default()
            });
        });
        list_full.set(new_id.is_none());
        if let Some(id) = new_id {
            sort.set((SortKey::List, true));
            app.reveal.set(Some(id));
            focus::focus_first(vec![deal_field_id(id, DealField::Name)]);
        }
    };

    let header = move |key: SortKey, label: P, class: &'static str| {
        let state = move || {
            let (k, asc) = sort.get();
            (k == key).then_some(if asc { "ascending" } else { "descending" })
        };
        view! {
            <th scope="col" class=class aria-sort=state>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| {
                        sort.update(|(k, asc)| {
                            if *k == key {
                                *asc = !*asc;
                            } else {
                                *k = key;
                                *asc = true;
                            }
                        });
                        page.set(0);
                    }
                >
                    {move || tr(label)}
                    <span aria-hidden="true" class="sort-mark">
                        {move || match state() {
                            Some("ascending") => " ▲",
                            Some(_) => " ▼",
                            None => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    let count_line = move || {
        let total = shown.with(Vec::len);
        let all = app.pipeline.with(|pi| pi.deals.len());
        let from = page.get().min(pages.get() - 1) * PAGE;
        let to = (from + PAGE).min(total);
        crate::i18n::pipeline::page_line(app.lang(), from + 1, to, total, all)
    };

    view! {
        <div class="deal-tools">
            <button
                type="button"
                id="add-deal"
                class="primary"
                aria-describedby="add-deal-note"
                on:click=add
            >
                {move || tr(P::AddDeal)}
            </button>
            <p id="add-deal-note" class="field-msg" role="status">
                {move || {
                    (list_full.get() && app.pipeline.with(|pi| pi.deals.len() >= crate::pipeline::MAX_DEALS))
                        .then(|| crate::i18n::pipeline::deal_list_full(app.lang()))
                }}
            </p>
            <div class="field inline">
                <label for="deal-filter">{move || tr(P::Filter)}</label>
                <input
                    id="deal-filter"
                    type="search"
                    data-own-undo
                    prop:value=move || filter_text.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        filter_text.set(text.clone());
                        // Replacing the timeout cancels the one before.
                        filter_timer.set_value(Some(gloo_timers::callback::Timeout::new(FILTER_DELAY_MS, move || {
                            filter.try_set(text);
                            page.try_set(0);
                        })));
                    }
                />
            </div>
            <div class="field inline">
                <label for="deal-show">{move || tr(P::Show)}</label>
                <select
                    id="deal-show"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some((s, _, _)) = SHOW.iter().find(|(_, _, val)| *val == v) {
                            show.set(*s);
                            page.set(0);
                        }
                    }
                >
                    {SHOW
                        .iter()
                        .map(|&(s, k, val)| {
                            view! {
                                <option value=val prop:selected=move || show.get() == s>
                                    {move || tr(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
        <div
            class="table-wrap scroll deals-wrap"
            id="deals-region"
            tabindex="0"
            role="region"
            aria-labelledby="deals-caption"
            on:focusin=move |ev| {
                // Chromium does not scroll a focused date input into a box
                // that scrolls sideways: the field typed in stays in sight.
                use wasm_bindgen::JsCast;
                let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
                    return;
                };
                // Delegated events have no current target of their own.
                let Some(wrap) = el.closest(".deals-wrap").ok().flatten() else {
                    return;
                };
                let (f, w) = (el.get_bounding_client_rect(), wrap.get_bounding_client_rect());
                let past_right = f.right() - w.right() + 8.0;
                let past_left = w.left() - f.left() + 8.0;
                if past_right > 0.0 {
                    wrap.set_scroll_left(wrap.scroll_left() + past_right.ceil() as i32);
                } else if past_left > 0.0 {
                    wrap.set_scroll_left(wrap.scroll_left() - past_left.ceil() as i32);
                }
            }
        >
            <table class="deals">
                <caption id="deals-caption">{move || tr(P::Deals)}</caption>
                <thead>
                    <tr>
                        {header(SortKey::Name, P::Name, "")}
                        {header(SortKey::Account, P::Account, "")}
                        {header(SortKey::Amount, P::Amount, "num")}
                        {header(SortKey::Stage, P::Stage, "")}
                        {header(SortKey::Status, P::Status, "")}
                        {header(SortKey::Close, P::CloseDate, "")}
                        {header(SortKey::InStageSince, P::InStageSince, "")}
                        {header(SortKey::Probability, P::Probability, "num")}
                        {header(SortKey::Created, P::Created, "")}
                        <th scope="col"><span class="visually-hidden">{move || tr(P::Actions)}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || page_deals.with(|v| v.iter().map(|(_, d)| d.id).collect::<Vec<_>>())
                        key=|id| *id
                        children=move |id| view! { <DealRow id=id page_deals=page_deals /> }
                    />
                </tbody>
            </table>
        </div>
        <div class="pager">
            <button
                type="button"
                id="deals-prev"
                disabled=move || page.get() == 0
                on:click=move |_| {
                    page.update(|n| *n = n.saturating_sub(1));
                    // On the first page this button turns disabled: focus
                    // goes to its neighbour, not to the page's body.
                    focus::focus_first(vec!["deals-prev".into(), "deals-next".into()]);
                }
            >
                {move || tr(P::PreviousPage)}
            </button>
            <span role="status" class="page-line">{count_line}</span>
            <button
                type="button"
                id="deals-next"
                disabled=move || at_last.get()
                on:click=move |_| {
                    page.update(|n| *n += 1);
                    focus::focus_first(vec!["deals-next".into(), "deals-prev".into()]);
                }
            >
                {move || tr(P::NextPage)}
            </button>
        </div>
    }
}

/// One deal's row: every field edited in place. A value is applied when
/// the field is left (or Enter is pressed), as one undoable step; a bad
/// value stays in its field, marked, with the reason under it.
#[component]
fn DealRow(
    /// The deal shown.
    id: DealId,
    /// The page's deals with their positions in the list.
    page_deals: Memo<Vec<(usize, Deal)>>,
) -> impl IntoView {
    let app = use_app();
    let tr = move |k: P| p(app.lang(), k);
    let deal = Memo::new(move |_| page_deals.with(|v| v.iter().find(|(_, d)| d.id == id).cloned()));
    let get = move || deal.get().map(|(_, d)| d).unwrap_or_default();
    let mark = move || {
        let Some((i, _)) = deal.get() else {
            return Marks::default();
        };
        app.deal_marks
            .with(|m| m.get(i).copied().unwrap_or_default())
    };
    // Each field whose text could not be read, and why: every refused
    // cell of the row stays marked, not only the last one.
    let problem = RwSignal::new(Vec::<(DealField, String)>::new());
    let clear = move |field: DealField| problem.update(|pr| pr.retain(|(pf, _)| *pf != field));
    let apply = move |field: DealField, f: Change| {
        clear(field);
        app.edit_pipeline(Edit::Choice(Control::DealField(id, field)), |pi| {
            pi.update_deal(id, f)
        });
    };
    let fail = move |field: DealField, why: String| {
        problem.update(|pr| {
            pr.retain(|(pf, _)| *pf != field);
            pr.push((field, why));
        })
    };
    let msg_id = move |f: DealField| format!("{}-msg", deal_field_id(id, f));
    let invalid = move |f: DealField| problem.with(|pr| pr.iter().any(|(pf, _)| *pf == f));
    let message = move |f: DealField| {
        view! {
            <span class="msg error" id=msg_id(f)>
                {move || problem.with(|pr| pr.iter().find(|(pf, _)| *pf == f).map(|(_, m)| m.clone()))}
            </span>
        }
    };
    let text_input = move |f: DealField, value: Shows, parse: Reads, class: &'static str| {
        let value = std::sync::Arc::new(value);
        let v2 = value.clone();
        let v3 = value.clone();
        let parse = std::sync::Arc::new(parse);
        view! {
            <td class=class>
                <input
                    id=deal_field_id(id, f)
                    type="text"
                    inputmode=if class.starts_with("num") { "decimal" } else { "text" }
                    aria-label=move || tr(field_key(f))
                    aria-invalid=move || invalid(f).then_some("true")
                    aria-describedby=msg_id(f)
                    prop:value=move || value(&get())
                    on:keydown={
                        let v3 = v3.clone();
                        move |ev: web_sys::KeyboardEvent| {
                            // Ctrl+Z in a cell being edited takes back what was
                            // typed there, as a spreadsheet does, before the
                            // app's undo steps back through saved edits.
                            let undo = (ev.ctrl_key() || ev.meta_key())
                                && !ev.shift_key()
                                && ev.key().eq_ignore_ascii_case("z");
                            if !undo {
                                return;
                            }
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            let saved = v3(&get());
                            if input.value() != saved {
                                ev.prevent_default();
                                ev.stop_propagation();
                                input.set_value(&saved);
                                clear(f);
                            }
                        }
                    }
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        if text == v2(&get()) {
                            clear(f);
                            return;
                        }
                        match parse(&text) {
                            Ok(set) => apply(f, set),
                            Err(why) => fail(
                                f,
                                words::refused(app.lang(), &why, &v2(&get()), f == DealField::Probability),
                            ),
                        }
                    }
                />
                // The unit, so "0.5" reads as 0.5 %, not a fraction of one;
                // the column's name stays the field's term.
                {(f == DealField::Probability)
                    .then(|| view! { <span class="unit" aria-hidden="true">"%"</span> })}
                {message(f)}
            </td>
        }
    };
    let date_input =
        move |f: DealField,
              get_date: fn(&Deal) -> Option<chrono::NaiveDate>,
              set_date: fn(&mut Deal, Option<chrono::NaiveDate>)| {
            view! {
                <td>
                    <input
                        id=deal_field_id(id, f)
                        type="date"
                        min=crate::domain::limits::MIN_DATE
                        max=crate::domain::limits::MAX_DATE
                        aria-label=move || tr(field_key(f))
                        aria-invalid=move || invalid(f).then_some("true")
                        aria-describedby=msg_id(f)
                        prop:value=move || get_date(&get()).map(|d| d.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            let text = event_target_value(&ev);
                            let lang = app.lang();
                            // A refused date says which date the figures still use.
                            let fail = move |f: DealField, why: String| {
                                let old = get_date(&get()).map(|d| d.to_string()).unwrap_or_default();
                                fail(f, words::refused(lang, &why, &old, false));
                            };
                            if text.trim().is_empty() {
                                let bad = event_target::<web_sys::HtmlInputElement>(&ev).validity().bad_input();
                                if bad {
                                    fail(f, words::date_not_real(lang).to_string());
                                } else {
                                    apply(f, Box::new(move |d| set_date(d, None)));
                                }
                                return;
                            }
                            match parse_date(&text) {
                                Ok(date) => apply(f, Box::new(move |d| set_date(d, Some(date)))),
                                // Left, not being typed: a short year is out of range.
                                Err(crate::domain::InputError::UnfinishedDate) => fail(
                                    f,
                                    i18n::input_error(lang, &crate::domain::InputError::YearOutOfRange),
                                ),
                                Err(e) => fail(f, i18n::input_error(lang, &e)),
                            }
                        }
                    />
                    {message(f)}
                </td>
            }
        };
    let lang_now = move || app.lang();
    let currency = move || app.plan.with_untracked(|pl| pl.currency.clone());
    let delete = move |_| {
        // Focus goes to the row that takes this one's place.
        let next = page_deals.with_untracked(|v| {
            let at = v.iter().position(|(_, d)| d.id == id)?;
            v.get(at + 1)
                .or_else(|| at.checked_sub(1).and_then(|j| v.get(j)))
                .map(|(_, d)| d.id)
        });
        app.edit_pipeline(Edit::DeleteDeal(id), |pi| pi.delete_deal(id));
        let ids: Vec<String> = next
            .into_iter()
            .map(|n| format!("deal-{n}-delete"))
            .collect();
        // The last row of a page gone empty: the list turns back a page, and
        // focus goes to the row before it there, never to "Add deal" (where
        // the next Enter would add a deal).
        focus::focus_first_or_selector(ids, "table.deals tbody tr:last-child button.delete");
    };
    view! {
        <tr class:stalled=move || mark().stalled class:overdue=move || mark().overdue>
            {text_input(
                DealField::Name,
                Box::new(|d: &Deal| d.name.clone()),
                Box::new(|t: &str| {
                    let name = crate::model::cut_name(crate::i18n::bidi::typed_name(t).trim());
                    Ok(Box::new(move |d: &mut Deal| d.name = name) as Change)
                }),
                "",
            )}
            {text_input(
                DealField::Account,
                Box::new(|d: &Deal| d.account.clone()),
                Box::new(|t: &str| {
                    let name = crate::model::cut_name(crate::i18n::bidi::typed_name(t).trim());
                    Ok(Box::new(move |d: &mut Deal| d.account = name) as Change)
                }),
                "",
            )}
            {text_input(
                DealField::Amount,
                Box::new(|d: &Deal| d.amount.map(amount_text).unwrap_or_default()),
                Box::new(move |t: &str| {
                    if t.trim().is_empty() {
                        return Ok(Box::new(|d: &mut Deal| d.amount = None) as Change);
                    }
                    match read_amount(t, &currency(), DecimalMark::Auto) {
                        Ok(r) => {
                            let v = r.value;
                            Ok(Box::new(move |d: &mut Deal| d.amount = Some(v)) as Change)
                        }
                        Err(e) => Err(i18n::input_error(lang_now(), &e)),
                    }
                }),
                "num",
            )}
            <td>
                <select
                    id=deal_field_id(id, DealField::Stage)
                    aria-label=move || tr(P::Stage)
                    on:change=move |ev| {
                        if let Ok(s) = event_target_value(&ev).parse::<u32>() {
                            apply(DealField::Stage, Box::new(move |d| d.stage = s));
                        }
                    }
                >
                    {move || {
                        let current = get().stage;
                        let stages = app.stage_names();
                        let known = stages.iter().any(|(s, _)| *s == current);
                        let missing = (!known).then(|| view! {
                            <option value=current.to_string() selected=true>{crate::i18n::pipeline::stage_missing(app.lang())}</option>
                        });
                        view! {
                            {missing}
                            {stages
                                .into_iter()
                                .map(|(s, name)| view! {
                                    <option value=s.to_string() selected=s == current>{name}</option>
                                })
                                .collect_view()}
                        }
                    }}
                </select>
            </td>
            <td class="status-cell">
                <select
                    id=deal_field_id(id, DealField::Status)
                    aria-label=move || tr(P::Status)
                    on:change=move |ev| {
                        let s = match event_target_value(&ev).as_str() {
                            "won" => Status::Won,
                            "lost" => Status::Lost,
                            _ => Status::Open,
                        };
                        apply(DealField::Status, Box::new(move |d| d.status = s));
                    }
                >
                    {[(Status::Open, "open"), (Status::Won, "won"), (Status::Lost, "lost")]
                        .into_iter()
                        .map(|(s, v)| view! {
                            <option value=v prop:selected=move || get().status == s>{move || tr(status_key(s))}</option>
                        })
                        .collect_view()}
                </select>
                <span class="marks">
                    {move || {
                        let m = mark();
                        let lang = app.lang();
                        let mut words = Vec::new();
                        if m.overdue { words.push(p(lang, P::Overdue)); }
                        if m.stalled { words.push(p(lang, P::Stalled)); }
                        if m.no_close { words.push(p(lang, P::NoCloseDate)); }
                        words.into_iter().map(|w| view! { <span class="mark">{w}</span> }).collect_view()
                    }}
                </span>
            </td>
            {date_input(DealField::Close, |d| d.close, |d, v| d.close = v)}
            {date_input(DealField::InStageSince, |d| d.in_stage_since, |d, v| d.in_stage_since = v)}
            {text_input(
                DealField::Probability,
                Box::new(|d: &Deal| d.probability.map(probability_text).unwrap_or_default()),
                Box::new(move |t: &str| {
                    if t.trim().is_empty() {
                        return Ok(Box::new(|d: &mut Deal| d.probability = None) as Change);
                    }
                    match read_percent(t, DecimalMark::Auto) {
                        Ok(r) => {
                            let v = r.value;
                            Ok(Box::new(move |d: &mut Deal| d.probability = Some(v)) as Change)
                        }
                        Err(e) => Err(i18n::input_error(lang_now(), &e)),
                    }
                }),
                "num pct",
            )}
            {date_input(DealField::Created, |d| d.created, |d, v| d.created = v)}
            <td>
                <button type="button" class="delete" id=format!("deal-{id}-delete") on:click=delete>
                    {move || tr(P::DeleteDeal)}
                </button>
            </td>
        </tr>
    }
}

/// The status words, for the export and the import's messages.
pub fn status_word(lang: Lang, s: Status) -> &'static str {
    p(lang, status_key(s))
}
