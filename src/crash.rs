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

const PAGE_EN: &str = r#"<main class="crash"><div class="card" role="alert">
<h1 lang="en">Something went wrong; your saved work is kept.</h1>
<p lang="en">Reload the page to carry on. If your saved work is what stops the calculator from starting, it is set aside as a backup and the calculator starts from the defaults.</p>
<p lang="zh-CN">出了点问题;已保存的内容仍然保留。请重新加载页面继续。</p>
<form method="get"><button type="submit" id="crash-reload">Reload · 重新加载</button></form>
</div></main>"#;

const PAGE_ZH: &str = r#"<main class="crash"><div class="card" role="alert">
<h1 lang="zh-CN">出了点问题;已保存的内容仍然保留。</h1>
<p lang="zh-CN">请重新加载页面继续。如果是保存的内容导致计算器无法启动,它会被另存为备份,计算器将以默认设置启动。</p>
<p lang="en">Something went wrong; your saved work is kept. Reload the page to carry on.</p>
<form method="get"><button type="submit" id="crash-reload">重新加载 · Reload</button></form>
</div></main>"#;

/// Replaces the page with the crash message, in the page's language first,
/// and puts focus on its reload button.
pub fn show() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let zh = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_some_and(|l| l.starts_with("zh"));
    if let Some(body) = doc.body() {
        body.set_inner_html(if zh { PAGE_ZH } else { PAGE_EN });
    }
    if let Some(button) = doc
        .get_element_by_id("crash-reload")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}

/// Shows the crash page on any panic, after logging it to the console.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        show();
    }));
}
