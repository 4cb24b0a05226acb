//! Tauri commands: each takes the state, calls one daicho-core function and returns its
//! result or an [`ErrorReport`] (`{code, params, fields}`) that the UI shows in the user's language.
//! Most are one call on the open ledger and are declared, once each, in a `ledger_commands!`
//! table; the macro makes the command, its TypeScript binding and its blocking thread
//! (`AppState::run`). The others (long jobs on their own connection, opening a ledger, links)
//! are written out beside them.
//!
//! [`ErrorReport`]: daicho_core::ErrorReport

/// `fn name(arg: Type, …) -> Output => |l| expression;` becomes
/// `pub async fn name(state, arg: Type, …) -> Result<Output, ErrorReport>` running `expression`
/// on the open ledger `l` off the async runtime.
macro_rules! ledger_commands {
    ($(
        $(#[doc = $doc:expr])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty => |$l:ident| $body:expr;
    )*) => {$(
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $name(
            state: tauri::State<'_, $crate::state::AppState>,
            $($arg: $ty),*
        ) -> Result<$out, daicho_core::ErrorReport> {
            state.run(move |$l| $body).await
        }
    )*};
}

pub mod backups;
pub mod cards;
pub mod classify;
pub mod competition;
pub mod contacts;
pub mod copies;
pub mod handover;
pub mod import;
pub mod ledger;
pub mod links;
pub mod notes;
pub mod reports;
pub mod sales;
pub mod visits;
