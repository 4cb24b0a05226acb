//! Tauri commands: each takes the state, calls one daicho-core function and returns its
//! result or an [`ErrorReport`] (`{code, params, fields}`) that the UI shows in the user's language.
//! Every command that touches the app's state is declared, once, as a row of a `commands!`
//! table; the macro makes the command, its TypeScript binding and its blocking thread. Only
//! the few that need no state (a name composed, a link checked) are plain functions.
//!
//! [`ErrorReport`]: daicho_core::ErrorReport

/// `fn name(arg: Type, …) -> Output => how |x| expression;` becomes
/// `pub async fn name(state, arg: Type, …) -> Result<Output, ErrorReport>` running `expression`
/// off the async runtime, where `how` is
/// - nothing: on the open ledger `x` ([`AppState::run`]);
/// - `apart`: a long job on a connection of its own to the open ledger ([`AppState::run_apart`]);
/// - `state`: on the app's state `x` itself (opening a ledger, settings: [`AppState::apart`]).
///
/// [`AppState::run`]: crate::state::AppState::run
/// [`AppState::run_apart`]: crate::state::AppState::run_apart
/// [`AppState::apart`]: crate::state::AppState::apart
macro_rules! commands {
    ($(
        $(#[doc = $doc:expr])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty => $($how:ident)? |$x:ident| $body:expr;
    )*) => {$(
        $(#[doc = $doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $name(
            state: tauri::State<'_, $crate::state::AppState>,
            $($arg: $ty),*
        ) -> Result<$out, daicho_core::ErrorReport> {
            commands!(@on state [$($how)?] $x $body)
        }
    )*};
    (@on $s:ident [] $x:ident $body:expr) => { $s.run(move |$x| $body).await };
    (@on $s:ident [apart] $x:ident $body:expr) => { $s.run_apart(move |$x| $body).await };
    (@on $s:ident [state] $x:ident $body:expr) => { $s.apart(move |$x| $body).await };
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
