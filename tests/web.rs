//! Component tests in headless Chromium: the editor and the results react to
//! input. Controls are found by their visible labels, as a user finds them.
#![cfg(target_arch = "wasm32")]

use funnel_calculator::storage;
use funnel_calculator::App;
use leptos::mount::mount_to;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A fresh container with the app mounted in it, on a clean storage.
struct Mounted {
    root: HtmlElement,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

fn mount() -> Mounted {
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), || {
        leptos::prelude::IntoAny::into_any(App(funnel_calculator::app::AppProps {
            last_start_failed: false,
        }))
    });
    Mounted {
        root,
        _handle: handle,
    }
}

fn clean_storage() {
    local_storage().clear().unwrap();
    // The address names the open screen; every test starts on the Plan.
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#plan"))
        .unwrap();
    // Tests below expect English whatever the browser's language.
    local_storage()
        .set_item(storage::KEY, r#"{"version":1,"settings":{"lang":"En"}}"#)
        .unwrap();
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// Every control labelled exactly `text`.
#[track_caller]
fn by_label<T: JsCast>(root: &Element, text: &str) -> Vec<T> {
    all(root, "label")
        .into_iter()
        .filter(|l| l.text_content().unwrap_or_default().trim() == text)
        .filter_map(|l| l.get_attribute("for"))
        .filter_map(|id| root.query_selector(&format!("[id='{id}']")).unwrap())
        .map(|e| e.unchecked_into())
        .collect()
}

#[track_caller]
fn one<T: JsCast>(root: &Element, text: &str) -> T {
    by_label::<T>(root, text)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no control labelled {text:?}"))
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let ev = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&ev).unwrap();
}

fn select(el: &HtmlSelectElement, value: &str) {
    el.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

fn text(e: &Element) -> String {
    e.text_content().unwrap_or_default().trim().to_string()
}

/// The "Required per stage" table as (stage, required) pairs.
fn required(root: &Element) -> Vec<(String, String)> {
    all(root, "table.required tbody tr")
        .iter()
        .map(|tr| {
            let name = text(&tr.query_selector("th").unwrap().unwrap());
            let cells = all(tr, "td");
            let req = cells.last().map(|c| {
                // The first text node: the count, before any working.
                c.first_child()
                    .and_then(|n| n.text_content())
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            });
            (name, req.unwrap_or_default())
        })
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn output(root: &Element, label: &str) -> String {
    text(&one::<Element>(root, label))
}

#[wasm_bindgen_test]
async fn shows_worked_example_3_by_default() {
    clean_storage();
    let app = mount();
    tick().await;
    let root: &Element = &app.root;
    assert_eq!(
        required(root),
        pairs(&[
            ("A", "150"),
            ("B", "75"),
            ("C", "60"),
            ("D", "38"),
            ("E", "30")
        ])
    );
    assert_eq!(output(root, "Leads needed"), "150 leads");
    assert_eq!(output(root, "Deals needed"), "30 deals");
    assert_eq!(output(root, "Close ratio"), "20%");
    assert!(output(root, "Leads for confidence").ends_with("leads"));
}

#[wasm_bindgen_test]
async fn editing_a_rate_updates_the_results() {
    clean_storage();
    let app = mount();
    tick().await;
    let rates: Vec<HtmlInputElement> = by_label(&app.root, "Win rate (%)");
    assert_eq!(rates.len(), 5);
    type_into(&rates[0], "25");
    tick().await;
    assert_eq!(required(&app.root)[0], ("A".to_string(), "120".to_string()));
    assert_eq!(output(&app.root, "Leads needed"), "120 leads");
}

#[wasm_bindgen_test]
async fn switching_rate_mode_converts_exactly() {
    clean_storage();
    let app = mount();
    tick().await;
    let conversion: HtmlInputElement = one(&app.root, "Conversion");
    conversion.click();
    tick().await;
    let values: Vec<String> =
        by_label::<HtmlInputElement>(&app.root, "Conversion to next stage (%)")
            .iter()
            .map(HtmlInputElement::value)
            .collect();
    assert_eq!(
        values,
        ["50", "80", "62.5", "80", "100"],
        "every row keeps its input; the won stage's is 100"
    );
    assert!(by_label::<HtmlInputElement>(&app.root, "Win rate (%)").is_empty());
    assert_eq!(required(&app.root)[3], ("D".to_string(), "38".to_string()));
    let win: HtmlInputElement = one(&app.root, "Win rate");
    win.click();
    tick().await;
    let values: Vec<String> = by_label::<HtmlInputElement>(&app.root, "Win rate (%)")
        .iter()
        .map(HtmlInputElement::value)
        .collect();
    assert_eq!(values, ["20", "40", "50", "80", "100"]);
}

#[wasm_bindgen_test]
async fn bad_input_is_explained_at_the_field() {
    clean_storage();
    let app = mount();
    tick().await;
    let revenue: HtmlInputElement = one(&app.root, "Revenue target");
    type_into(&revenue, "abc");
    tick().await;
    assert_eq!(
        revenue.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let msg = app
        .root
        .query_selector(&format!(
            "#{}",
            revenue.get_attribute("aria-describedby").unwrap()
        ))
        .unwrap()
        .unwrap();
    assert_eq!(text(&msg), "“abc” is not a number.");
    assert_eq!(output(&app.root, "Deals needed"), "—");
    assert_eq!(
        output(&app.root, "Close ratio"),
        "20%",
        "the funnel stays live"
    );
    for bad in ["-1", "0", "1e999", "NaN", "99999999999999999999999", ""] {
        type_into(&revenue, bad);
        tick().await;
        let page = text(&app.root);
        assert!(!page.contains("NaN") || bad == "NaN", "{bad}: {page}");
        assert!(
            !page.contains("undefined") && !page.contains("Infinity"),
            "{bad}"
        );
    }
    let rates: Vec<HtmlInputElement> = by_label(&app.root, "Win rate (%)");
    type_into(&rates[0], "0");
    tick().await;
    assert_eq!(output(&app.root, "Leads needed"), "—");
    assert!(text(&app.root).contains("0% here makes every target unreachable."));
}

#[wasm_bindgen_test]
async fn stages_can_be_added_moved_and_removed() {
    clean_storage();
    let app = mount();
    tick().await;
    let add = all(&app.root, "button")
        .into_iter()
        .find(|b| text(b).contains("Add stage"))
        .unwrap()
        .unchecked_into::<HtmlElement>();
    add.click();
    tick().await;
    assert_eq!(
        by_label::<HtmlInputElement>(&app.root, "Stage name").len(),
        6
    );
    assert_eq!(required(&app.root).len(), 6);
    let remove = all(&app.root, "button[aria-label='Remove stage']");
    remove[0].unchecked_ref::<HtmlElement>().click();
    tick().await;
    let names: Vec<String> = by_label::<HtmlInputElement>(&app.root, "Stage name")
        .iter()
        .map(HtmlInputElement::value)
        .collect();
    assert_eq!(names, ["B", "C", "D", "Stage 6", "E"]);
    let up = all(&app.root, "button[aria-label='Move stage up']");
    up[1].unchecked_ref::<HtmlElement>().click();
    tick().await;
    let names: Vec<String> = by_label::<HtmlInputElement>(&app.root, "Stage name")
        .iter()
        .map(HtmlInputElement::value)
        .collect();
    assert_eq!(names, ["C", "B", "D", "Stage 6", "E"]);
    // C (50 %) above B (40 %): B's rate is now wrong, and says so.
    assert!(text(&app.root).contains("can't be lower than the stage above"));
}

#[wasm_bindgen_test]
async fn preset_and_language() {
    clean_storage();
    let app = mount();
    tick().await;
    let preset: HtmlSelectElement = one(&app.root, "Preset");
    select(&preset, "two-step");
    tick().await;
    assert_eq!(output(&app.root, "Close ratio"), "1%");
    let language: HtmlSelectElement = one(&app.root, "Language");
    select(&language, "zh");
    tick().await;
    assert!(!by_label::<HtmlInputElement>(&app.root, "赢率（%）").is_empty());
    assert_eq!(
        required(&app.root),
        pairs(&[("陌生拜访", "3,000"), ("机会", "300"), ("订单", "30")])
    );
    let language: HtmlSelectElement = one(&app.root, "语言");
    select(&language, "en");
    tick().await;
    assert!(!by_label::<HtmlInputElement>(&app.root, "Win rate (%)").is_empty());
}

#[wasm_bindgen_test]
async fn unreadable_save_is_backed_up_and_reported() {
    local_storage().clear().unwrap();
    local_storage().set_item(storage::KEY, "{oops").unwrap();
    let app = mount();
    tick().await;
    let page = text(&app.root);
    assert!(page.contains("could not be read"), "{page}");
    let store = local_storage();
    let backups: Vec<String> = (0..store.length().unwrap())
        .filter_map(|i| store.key(i).unwrap())
        .filter(|k| k.starts_with(storage::BACKUP_PREFIX))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        store.get_item(&backups[0]).unwrap().as_deref(),
        Some("{oops")
    );
    assert_eq!(
        required(&app.root).len(),
        5,
        "the app starts fresh and works"
    );
}

#[wasm_bindgen_test]
async fn dwell_days_drive_the_sales_cycle() {
    clean_storage();
    let app = mount();
    tick().await;
    let dwell: Vec<HtmlInputElement> = by_label(&app.root, "Dwell days");
    assert_eq!(
        dwell.len(),
        4,
        "open stages only: the won stage has no dwell time"
    );
    assert_eq!(output(&app.root, "Sales cycle (days)"), "63 days");
    type_into(&dwell[0], "20");
    tick().await;
    assert_eq!(output(&app.root, "Sales cycle (days)"), "69 days");
    type_into(&dwell[0], "0");
    tick().await;
    assert_eq!(output(&app.root, "Sales cycle (days)"), "—");
    assert_eq!(
        dwell[0].get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(required(&app.root).len(), 5, "the planner stays live");
    let period: HtmlSelectElement = one(&app.root, "Period");
    select(&period, "Weeks");
    tick().await;
    type_into(&dwell[0], "14");
    let weeks: HtmlInputElement = one(&app.root, "Weeks in period");
    type_into(&weeks, "10");
    tick().await;
    assert_eq!(output(&app.root, "Wins per week"), "3");
    assert_eq!(output(&app.root, "New leads per week"), "15");
}

#[wasm_bindgen_test]
async fn a_pasted_amount_says_how_it_was_read() {
    clean_storage();
    let app = mount();
    tick().await;
    let revenue: HtmlInputElement = one(&app.root, "Revenue target");
    let note = |input: &HtmlInputElement| {
        let id = input.get_attribute("aria-describedby").unwrap();
        text(&app.root.query_selector(&format!("#{id}")).unwrap().unwrap())
    };
    type_into(&revenue, "$3,000,000.00");
    tick().await;
    assert_eq!(note(&revenue), "= 3,000,000");
    assert_eq!(output(&app.root, "Deals needed"), "30 deals");
    type_into(&revenue, "3000000");
    tick().await;
    assert_eq!(note(&revenue), "", "plain digits need no note");
    type_into(&revenue, "€3,000,000");
    tick().await;
    assert!(note(&revenue).contains("USD"), "{}", note(&revenue));
    assert_eq!(output(&app.root, "Deals needed"), "—");
}

#[wasm_bindgen_test]
async fn undo_and_redo_walk_the_history() {
    clean_storage();
    let app = mount();
    tick().await;
    let button = |name: &str| {
        all(&app.root, "button")
            .into_iter()
            .find(|b| text(b) == name)
            .unwrap()
            .unchecked_into::<HtmlElement>()
    };
    assert!(button("Undo").has_attribute("disabled"));
    let revenue: HtmlInputElement = one(&app.root, "Revenue target");
    for t in ["6", "60", "600", "6000000"] {
        type_into(&revenue, t);
    }
    tick().await;
    let remove = all(&app.root, "button[aria-label='Remove stage']");
    remove[0].unchecked_ref::<HtmlElement>().click();
    tick().await;
    assert_eq!(required(&app.root).len(), 4);
    button("Undo").click();
    tick().await;
    assert_eq!(required(&app.root).len(), 5, "the stage is back");
    button("Undo").click();
    tick().await;
    assert_eq!(
        revenue.value(),
        "3000000",
        "keystrokes in one field were one step"
    );
    assert!(button("Undo").has_attribute("disabled"));
    button("Redo").click();
    tick().await;
    assert_eq!(revenue.value(), "6000000");
    button("Reset to defaults").click();
    tick().await;
    assert_eq!(revenue.value(), "3000000");
    button("Undo").click();
    tick().await;
    assert_eq!(revenue.value(), "6000000", "a reset can be undone");
}

/// Clicks an element.
fn click(e: &Element) {
    e.unchecked_ref::<HtmlElement>().click();
}

/// The button whose text is exactly `label`.
#[track_caller]
fn button(root: &Element, label: &str) -> Element {
    all(root, "button")
        .into_iter()
        .find(|b| text(b) == label)
        .unwrap_or_else(|| panic!("no button {label:?}"))
}

#[wasm_bindgen_test]
async fn the_tab_bar_opens_the_pipeline_and_the_plan_keeps_its_inputs() {
    clean_storage();
    let app = mount();
    tick().await;
    let root: &Element = &app.root;
    let tabs = all(root, "[role=tablist] [role=tab]");
    assert_eq!(
        tabs.iter().map(text).collect::<Vec<_>>(),
        ["Plan", "Pipeline", "Compare", "What-if"]
    );
    type_into(&one(root, "Revenue target"), "6000000");
    tick().await;
    click(&tabs[1]);
    tick().await;
    assert_eq!(
        tabs[1].get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert!(root.query_selector("table.deals").unwrap().is_some());
    // The forecast reads the Plan's target: nothing won yet, all of it is the gap.
    assert_eq!(output(root, "Gap"), "$6,000,000 short");
    click(&tabs[0]);
    tick().await;
    assert_eq!(
        one::<HtmlInputElement>(root, "Revenue target").value(),
        "6000000"
    );
    assert_eq!(output(root, "Leads needed"), "300 leads");
}

#[wasm_bindgen_test]
async fn the_quick_forecast_gives_worked_example_5() {
    clean_storage();
    let app = mount();
    tick().await;
    let root: &Element = &app.root;
    click(&all(root, "[role=tab]")[1]);
    tick().await;
    // Stage C is 50 %; 50 deals at 30 % are worked example 5, here 30 of
    // 60 at 50 %: 15 expected wins and half the amount.
    let amounts = all(root, "input[id^=quick-][id$=-amount]");
    let c_deals: HtmlInputElement = all(root, "input[id^=quick-][id$=-deals]")[2]
        .clone()
        .unchecked_into();
    let c_amount: HtmlInputElement = amounts[2].clone().unchecked_into();
    type_into(&c_deals, "30");
    type_into(&c_amount, "600000");
    tick().await;
    let foot = text(
        &root
            .query_selector("table.by-stage tfoot tr")
            .unwrap()
            .unwrap(),
    );
    assert!(foot.contains("15"), "{foot}");
    assert_eq!(output(root, "Weighted forecast"), "$300,000");
    // Undo takes the amount back, and the forecast follows.
    click(&button(root, "Undo"));
    tick().await;
    tick().await;
    assert_eq!(c_amount.value(), "");
}

#[wasm_bindgen_test]
async fn a_deal_is_added_focused_and_deleted_with_undo() {
    clean_storage();
    let app = mount();
    tick().await;
    let root: &Element = &app.root;
    click(&all(root, "[role=tab]")[1]);
    tick().await;
    click(&button(root, "Add deal"));
    tick().await;
    let rows = all(root, "table.deals tbody tr");
    assert_eq!(rows.len(), 1);
    click(&button(root, "Delete deal"));
    tick().await;
    assert_eq!(all(root, "table.deals tbody tr").len(), 0);
    click(&button(root, "Undo"));
    tick().await;
    assert_eq!(all(root, "table.deals tbody tr").len(), 1);
}

/// The scenario select's option texts.
fn scenario_names(root: &Element) -> Vec<String> {
    all(root, "#scenario-select option")
        .iter()
        .map(text)
        .collect()
}

#[wasm_bindgen_test]
async fn scenarios_keep_their_own_inputs_and_a_delete_is_undone() {
    clean_storage();
    let app = mount();
    tick().await;
    let root: &Element = &app.root;
    assert_eq!(scenario_names(root), ["Scenario 1"]);
    click(&button(root, "New scenario"));
    tick().await;
    assert_eq!(scenario_names(root), ["Scenario 1", "Scenario 2"]);
    // Saved at once, without waiting for the debounce.
    let saved = local_storage().get_item(storage::KEY).unwrap().unwrap();
    assert!(saved.contains(r#""scenarios":[{"id":1"#), "{saved}");
    type_into(&one(root, "Revenue target"), "6000000");
    tick().await;
    assert_eq!(required(root)[0].1, "300");
    select(&one(root, "Scenario"), "1");
    tick().await;
    assert_eq!(required(root)[0].1, "150", "scenario 1 kept its target");
    click(&button(root, "Delete scenario"));
    tick().await;
    // A default name follows the scenario, not its place in the list.
    assert_eq!(scenario_names(root), ["Scenario 2"]);
    click(&button(root, "Undo"));
    tick().await;
    assert_eq!(scenario_names(root), ["Scenario 1", "Scenario 2"]);
    assert_eq!(required(root)[0].1, "150");
}
