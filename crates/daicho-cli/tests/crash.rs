#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(feature = "bench")]
//! The crash harness's short form: 105 real writes killed with SIGKILL at random moments, each
//! followed by the checks a rep relies on (`daicho bench crash`; the full form runs 1,000).

mod common;

#[test]
fn a_hundred_kills_lose_nothing_and_block_nothing() {
    let out = common::daicho(
        &["bench", "crash", "--kills", "105", "--seed", "11", "--json"],
        "C",
    );
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", common::stderr(&out)));
    assert_eq!(report["failures"], serde_json::json!([]), "{report:#}");
    assert!(out.status.success());
    assert_eq!(report["kills"], 105);
    // Most kills land mid-write, not after the child finished.
    assert!(
        report["killed_mid_write"].as_u64().unwrap() >= 60,
        "{report:#}"
    );
    assert!(report["saves_reported"].as_u64().unwrap() > 0, "{report:#}");
}
