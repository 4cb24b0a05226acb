//! The TypeScript bindings of every command, generated from the Rust types
//! (`ui/src/lib/api/bindings.ts`). `cargo xtask codegen` rewrites them; a test fails when stale.

use specta_typescript::Typescript;
use tauri_specta::{collect_commands, Builder};

use crate::commands::{
    backups, cards, classify, competition, contacts, copies, handover, import, ledger, links,
    notes, reports, sales, visits,
};

/// Relative to this crate's folder.
pub const BINDINGS_PATH: &str = "../ui/src/lib/api/bindings.ts";

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().commands(collect_commands![
        ledger::app_info,
        ledger::startup_painted,
        ledger::settings_save,
        ledger::ledger_open,
        ledger::ledger_create,
        ledger::ledger_create_from_export,
        ledger::ledger_open_demo,
        ledger::ledger_folder,
        ledger::ledger_unlock,
        ledger::ledger_protect,
        ledger::ledger_recovery_key,
        ledger::ledger_change_passphrase,
        ledger::ledger_lock,
        handover::ledger_identity,
        backups::backups_list,
        backups::backup_status,
        backups::backup_now,
        backups::backups_check,
        backups::ledger_counts,
        backups::backup_restore,
        copies::copies_log,
        links::link_prepare,
        links::link_open,
        cards::cards_list,
        cards::cards_facets,
        cards::search,
        import::import_preview,
        import::import_preview_sheets,
        import::import_apply,
        import::import_cancel,
        import::imports_list,
        import::import_undo,
        import::duplicates_list,
        import::cards_merge,
        import::merge_undo,
        import::cards_bulk,
        import::bulk_undo,
        import::cards_ids,
        cards::card_get,
        cards::card_create,
        cards::card_update,
        cards::card_trash,
        cards::card_restore,
        cards::trash_empty,
        cards::card_history,
        cards::card_checks,
        cards::card_check,
        cards::card_links,
        cards::card_link_set,
        cards::custom_fields,
        cards::custom_field_add,
        cards::custom_field_update,
        cards::custom_field_move,
        cards::custom_field_delete,
        cards::card_custom_values,
        cards::card_custom_values_set,
        cards::key_person_add,
        cards::key_person_update,
        cards::key_person_delete,
        contacts::contacts_list,
        contacts::contact_add,
        contacts::contact_add_many,
        contacts::contact_update,
        contacts::contact_delete,
        contacts::contact_set_done,
        contacts::follow_ups_list,
        contacts::follow_ups_overdue,
        contacts::follow_up_reschedule,
        contacts::follow_up_complete,
        contacts::reminders_list,
        contacts::reminder_set_done,
        notes::notes_for_card,
        notes::notes_list,
        notes::note_add,
        notes::note_update,
        notes::note_judge,
        notes::note_delete,
        visits::visit_plan,
        visits::visit_candidates,
        visits::visit_add,
        visits::visit_move,
        visits::visit_remove,
        visits::visit_set_appointment,
        visits::visit_order_by_area,
        visits::daily_report,
        visits::daily_review_set,
        visits::daily_review_clear,
        visits::visit_log,
        visits::visit_brief,
        competition::competitors_list,
        competition::competitor_get,
        competition::competitor_users,
        competition::competitor_create,
        competition::competitor_update,
        competition::competitor_delete,
        competition::products_list,
        competition::product_create,
        competition::product_update,
        competition::product_usage,
        competition::product_delete,
        competition::sheets_list,
        competition::sheet_get,
        competition::sheet_create,
        competition::sheet_update,
        competition::sheet_delete,
        competition::sheet_assess,
        competition::assessment_delete,
        competition::assessment_rescale,
        competition::assessment_changes,
        cards::person_name,
        competition::card_competition,
        competition::card_product_add,
        competition::card_product_update,
        competition::card_product_delete,
        competition::card_share_set,
        competition::renewals_list,
        competition::cases_list,
        competition::case_create,
        competition::case_update,
        competition::case_delete,
        sales::card_sales,
        sales::transaction_add,
        sales::transaction_update,
        sales::transaction_delete,
        sales::payments_list,
        sales::payment_add,
        sales::payment_delete,
        sales::collection_plan_set,
        sales::receivables_get,
        sales::plan_overview,
        sales::plan_preview,
        sales::plan_line_save,
        sales::plan_line_delete,
        sales::fiscal_start_set,
        sales::plan_import,
        classify::class_config_get,
        classify::class_config_default,
        classify::class_config_set,
        classify::reclassify,
        classify::card_class_get,
        classify::dashboard_get,
        reports::report_export,
        reports::full_export,
        reports::report_open,
        reports::report_path_in,
        reports::currency_get,
        reports::currency_set,
        handover::handover_export,
        handover::handed_over_list,
        handover::card_handed_over,
        handover::card_borrowed,
        handover::handover_withdraw,
        handover::handover_receipt_write,
        handover::handover_receipt_accept,
        handover::handover_receipts,
        handover::handover_remove,
        handover::handover_report,
        handover::take_over_preview,
        handover::take_over,
        handover::take_over_undo,
        handover::take_overs,
        handover::take_over_report,
    ])
}

/// Writes the bindings to `path`, with every error code the core declares as the union
/// `ErrorCode`, so the window branches on codes the compiler knows.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    let language = Typescript::default().header(format!("// @ts-nocheck\n{}", error_codes()));
    builder()
        .export(language, path)
        .map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    std::fs::write(path, branded(&text)).map_err(|e| e.to_string())
}

/// Each id type made a branded string (`string & { readonly __brand: "CardId" }`): a contact's
/// id passed where a card's is expected fails to compile in the window too.
fn branded(bindings: &str) -> String {
    let mut text = bindings.to_owned();
    for id in daicho_core::ids::ID_TYPES {
        let plain = format!("export type {id} = string;");
        assert!(text.contains(&plain), "{id} is in the bindings");
        text = text.replace(
            &plain,
            &format!("export type {id} = string & {{ readonly __brand: \"{id}\" }};"),
        );
    }
    text
}

/// `export type ErrorCode = "backup.damaged" | …;`
fn error_codes() -> String {
    let codes: Vec<String> = daicho_core::error::all_codes()
        .iter()
        .map(|c| format!("\n  | \"{c}\""))
        .collect();
    format!(
        "\n/** Every code an `ErrorReport` can carry (daicho_core::error::all_codes). */\nexport type ErrorCode ={};\n",
        codes.concat()
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn committed_bindings_are_fresh() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS_PATH);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            super::export_bindings(&committed).unwrap();
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export_bindings(&fresh).unwrap();
        let (fresh, committed) = (
            std::fs::read_to_string(fresh).unwrap(),
            std::fs::read_to_string(&committed).unwrap_or_default(),
        );
        assert!(
            fresh == committed,
            "ui/src/lib/api/bindings.ts is stale: run `cargo xtask codegen`"
        );
    }
}
