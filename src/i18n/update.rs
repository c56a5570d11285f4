//! The update notice's words (src/components/update.rs), English and 简体中文.

use super::{pick, Lang};

/// Keys of the update notice's strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum U {
    /// A new release is installed and waits for the user.
    NewVersion,
    /// The button that switches to it.
    Reload,
}

/// The text of `key` in `lang`.
pub fn u(lang: Lang, key: U) -> &'static str {
    let (en, zh) = match key {
        U::NewVersion => ("A new version is ready — reload", "新版本已就绪 — 重新加载"),
        U::Reload => ("Reload", "重新加载"),
    };
    pick(lang, en, zh)
}
