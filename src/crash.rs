//! What a user sees if the app panics: a plain page with a way back, never
//! a frozen or blank one.
//!
//! A panic in WebAssembly ends the module: nothing of the app can run
//! afterwards, not even a click handler. So the page is fixed HTML with a
//! reload button that works without the app (a plain form that asks the
//! browser for the page again), written in both languages. The saved work
//! is untouched; if it is what breaks the start, the next start sets it
//! aside (see `storage::begin_start`).

use wasm_bindgen::JsCast;

const EN_TITLE: &str = r#"<h1 lang="en">Something went wrong; your saved work is kept.</h1>"#;
const EN_TEXT: &str = r#"<p lang="en">Reload the page to carry on: your work comes back as it was last saved, a moment before this happened. If your saved work is what stops the calculator from starting, it is set aside as a backup and the calculator starts from the defaults.</p>"#;
const ZH_TITLE: &str = r#"<h1 lang="zh-CN">出了点问题；已保存的内容仍然保留。</h1>"#;
const ZH_TEXT: &str = r#"<p lang="zh-CN">请重新加载页面继续：内容会恢复到出问题前最后一次保存的状态。如果是保存的内容导致计算器无法启动，它会被另存为备份，计算器将以默认设置启动。</p>"#;

/// The other language's title, as a paragraph under the first.
fn as_paragraph(title: &str) -> String {
    title
        .replace("<h1", "<p class=\"crash-other\"")
        .replace("</h1>", "</p>")
}

/// The crash page, in the user's language first.
fn page(zh: bool) -> String {
    let (title, text, other_title, other_text, button) = if zh {
        (ZH_TITLE, ZH_TEXT, EN_TITLE, EN_TEXT, "重新加载 · Reload")
    } else {
        (EN_TITLE, EN_TEXT, ZH_TITLE, ZH_TEXT, "Reload · 重新加载")
    };
    // The form goes to the page's own address with a fresh query: the app
    // keeps the open screen in the address (`?#plan`), and a submit to the
    // same address less its fragment would not load the page again. The
    // hash lands it on the Plan, the screen that always starts.
    let fresh = js_sys::Date::now() as u64;
    format!(
        r##"<main class="crash"><div class="card" role="alert">{title}{text}{}{other_text}<form method="get" action="#plan"><input type="hidden" name="reload" value="{fresh}"><button type="submit" id="crash-reload">{button}</button></form></div></main>"##,
        as_paragraph(other_title)
    )
}

/// Whether the user reads Chinese: the language the app set on the page,
/// else the one in the saved settings (a start can fail before the app sets
/// it), else the browser's.
fn chinese(doc: &web_sys::Document) -> bool {
    if let Some(lang) = doc
        .document_element()
        .and_then(|e| e.get_attribute("data-app-lang"))
    {
        return lang.starts_with("zh");
    }
    let saved = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(crate::storage::KEY).ok().flatten())
        .unwrap_or_default();
    if saved.contains(r#""lang":"Zh""#) {
        return true;
    }
    if saved.contains(r#""lang":"En""#) {
        return false;
    }
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .is_some_and(|l| l.starts_with("zh"))
}

/// Replaces the page with the crash message, in the page's language first,
/// and puts focus on its reload button.
pub fn show() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Whatever the app had set on the page goes with it: the Present
    // overlay's class on `<html>` hides the body, and would hide this page.
    if let Some(root) = doc.document_element() {
        let _ = root.remove_attribute("class");
        let _ = root.remove_attribute("style");
    }
    if let Some(body) = doc.body() {
        let _ = body.remove_attribute("class");
        let _ = body.remove_attribute("style");
        body.set_inner_html(&page(chinese(&doc)));
    }
    if let Some(button) = doc
        .get_element_by_id("crash-reload")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}

/// Shows the crash page on any panic, after logging it to the console, and
/// stops all saving: what is saved is the work from before the panic, which
/// a timer or the `pagehide` flush must not overwrite with the state that
/// broke.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        crate::storage::freeze();
        web_sys::console::error_1(&info.to_string().into());
        show();
    }));
}
