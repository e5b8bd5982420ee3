//! `ctg lsp` over stdio with real clients: a JSON-RPC client written from
//! the protocol for its edge cases (`scripts/lsp-client.py`), and Neovim's
//! built-in client (`scripts/nvim-lsp.lua`, Debian's neovim, installed by
//! `.ci/run`): diagnostics at their lines, hover, completion, a definition,
//! a code action applied and the file written.

use crate::common::tmp;
use std::process::Command;

const CTG: &str = env!("CARGO_BIN_EXE_ctg");

#[test]
fn the_protocol_edge_cases_of_a_hand_written_client() {
    let o = Command::new("python3")
        .args([
            "scripts/lsp-client.py",
            CTG,
            "conventions/vosges/ccpvm-2023.yaml",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for step in [
        "ok: incremental change: CTG002 at line 35",
        "ok: out-of-order versions",
        "ok: closed and reopened",
        "ok: 1 MB paste",
        "ok: shutdown and exit: code 0",
    ] {
        assert!(said.contains(step), "{step}\n{said}");
    }
}

#[test]
fn neovim_shows_the_findings_hovers_completes_and_applies_a_fix() {
    assert!(
        Command::new("nvim")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success()),
        "Neovim is missing: install Debian's neovim (.ci/run does); this test is not skipped"
    );
    let (_t, dir) = tmp();
    let file = crate::common::beside_referential(
        &dir,
        "tests/fixtures/fix/a-corriger.corrige.yaml",
        "c.yaml",
    );
    let out = dir.join("nvim.json");
    let o = Command::new("nvim")
        .args([
            "--headless",
            "--clean",
            "-c",
            "luafile scripts/nvim-lsp.lua",
        ])
        .env("CTG_BIN", CTG)
        .env("CTG_FILE", &file)
        .env("CTG_OUT", &out)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!log.contains("quit with exit code"), "{log}");
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect(&log)).unwrap();
    assert_eq!(r["errors"], serde_json::json!([]), "{r}");
    let diags: Vec<(String, u64)> = r["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        diags,
        [("CTG109".to_string(), 17), ("CTG205".to_string(), 87)],
        "{r}"
    );
    assert!(
        r["hover"]
            .as_str()
            .unwrap()
            .contains("**Dommartin-lès-Remiremont** (88148)"),
        "{r}"
    );
    assert!(
        r["completion"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "parentalite"),
        "{r}"
    );
    assert_eq!(r["definition"]["line"], 61, "{r}");
    assert_eq!(r["actions"][0], "ramener à 2027-12-31 (CTG205)", "{r}");
    // Written by Neovim: the fix, and nothing else.
    let written = std::fs::read_to_string(&file).unwrap();
    let expected = std::fs::read_to_string("tests/fixtures/fix/a-corriger.corrige.yaml")
        .unwrap()
        .replace("fin: 2028-06 }", "fin: 2027-12-31 }");
    assert_eq!(written, expected);
    assert_eq!(r["after"], serde_json::json!(["CTG109"]), "{r}");
}
