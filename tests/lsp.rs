//! `ctg lsp` in process, over lsp-server's in-memory connection: the
//! diagnostics of `ctg validate` at their lines, hover, completion, go to
//! definition, the outline, code actions applied, a referential changed
//! under an open convention, and every prefix of a convention as it is
//! typed. The same server over stdio meets a hand-written JSON-RPC client
//! (`scripts/lsp-client.py`) and Neovim (`scripts/nvim-lsp.lua`) in
//! `tests/editors.rs`.

use ctg::diagnostic::Lang;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};
use std::time::Duration;

pub struct Client {
    conn: Connection,
    server: Option<std::thread::JoinHandle<std::io::Result<()>>>,
    next: i32,
    /// Notifications received while waiting for something else.
    pending: Vec<Notification>,
    /// The methods of the requests the server sent.
    pub asked: Vec<String>,
}

impl Client {
    /// A server started, initialized with UTF-8 positions or not.
    pub fn start(utf8: bool) -> Client {
        let (server, client) = Connection::memory();
        let handle = std::thread::spawn(move || ctg::lsp::serve(&server, Lang::Fr));
        let mut c = Client {
            conn: client,
            server: Some(handle),
            next: 0,
            pending: Vec::new(),
            asked: Vec::new(),
        };
        let encodings = if utf8 {
            json!(["utf-8", "utf-16"])
        } else {
            json!(["utf-16"])
        };
        let init = c.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {
                "general": { "positionEncodings": encodings },
                "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": utf8 } },
            } }),
        );
        let expected = if utf8 { "utf-8" } else { "utf-16" };
        assert_eq!(init["capabilities"]["positionEncoding"], expected, "{init}");
        c.notify("initialized", json!({}));
        c
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = RequestId::from(self.next);
        let req = Request::new(id.clone(), method.into(), params);
        self.conn.sender.send(Message::Request(req)).unwrap();
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("an answer")
            {
                Message::Response(r) if r.id == id => match r.response_result {
                    Ok(v) => return v,
                    Err(e) => panic!("{method}: {e:?}"),
                },
                Message::Notification(n) => self.pending.push(n),
                Message::Request(r) => self.asked.push(r.method),
                _ => {}
            }
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        let n = Notification::new(method.into(), params);
        self.conn.sender.send(Message::Notification(n)).unwrap();
    }

    /// The next diagnostics published for `uri` (at `version` when given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let wanted = |n: &Notification| {
            n.method == "textDocument/publishDiagnostics"
                && n.params["uri"] == uri
                && version.is_none_or(|v| n.params["version"] == v)
        };
        if let Some(i) = self.pending.iter().position(wanted) {
            let n = self.pending.remove(i);
            return n.params["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(Duration::from_secs(20))
                .expect("diagnostics")
            {
                Message::Notification(n) if wanted(&n) => {
                    return n.params["diagnostics"].as_array().unwrap().clone()
                }
                Message::Notification(n) => self.pending.push(n),
                Message::Request(r) => self.asked.push(r.method),
                _ => {}
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "yaml", "version": 1, "text": text } }),
        );
    }

    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let result = self.server.take().unwrap().join().unwrap();
        assert!(result.is_ok(), "{result:?}");
    }
}

pub fn uri_of(path: &str) -> String {
    let abs = std::fs::canonicalize(path).unwrap();
    format!("file://{}", abs.display())
}

/// The (line, character) of the first `needle` in `text`, plus `shift`
/// characters, in UTF-16 units.
pub fn pos(text: &str, needle: &str, shift: usize) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count();
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .encode_utf16()
        .count();
    json!({ "line": line, "character": col + shift })
}

fn codes_and_lines(diags: &[Value]) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
            )
        })
        .collect();
    out.sort();
    out
}

const CONVENTION: &str = "tests/fixtures/fix/a-corriger.corrige.yaml";

fn at(uri: &str, p: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": p })
}

#[test]
fn diagnostics_hover_completion_definition_outline_and_code_actions() {
    let text = std::fs::read_to_string(CONVENTION).unwrap();
    let uri = uri_of(CONVENTION);
    let mut c = Client::start(false);
    c.open(&uri, &text);
    let diags = c.diagnostics(&uri, Some(1));
    // The same findings as `ctg validate`, at the same lines.
    assert_eq!(
        codes_and_lines(&diags),
        [("CTG109".into(), 17), ("CTG205".into(), 87)]
    );
    let ctg205 = diags.iter().find(|d| d["code"] == "CTG205").unwrap();
    assert_eq!(ctg205["severity"], 1);
    assert_eq!(ctg205["source"], "ctg");
    assert!(
        ctg205["message"]
            .as_str()
            .unwrap()
            .contains("ctg fix --unsafe peut corriger"),
        "{ctg205}"
    );
    assert!(
        ctg205["relatedInformation"][0]["message"] == "borne de la période",
        "{ctg205}"
    );

    let hover = |c: &mut Client, needle: &str, shift: usize| -> String {
        let h = c.request("textDocument/hover", at(&uri, pos(&text, needle, shift)));
        h["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    // A commune code: its official facts.
    let h = hover(&mut c, "\"88148\"", 2);
    assert!(
        h.contains("Dommartin-lès-Remiremont")
            && h.contains("EPCI : CC de la Porte des Vosges Méridionales"),
        "{h}"
    );
    assert!(h.contains("population"), "{h}");
    // An SDSF orientation an axis cites: its title, and that it is a priority.
    let h = hover(&mut c, "[petite-enfance]", 3);
    assert!(
        h.contains("Développer l'accueil du jeune enfant") && h.contains("prioritaire"),
        "{h}"
    );
    // A key: its French description.
    let h = hover(&mut c, "  allocataires:", 4);
    assert!(
        h.contains("`allocataires`") && h.contains("allocataires"),
        "{h}"
    );
    // A rule's code, written in a comment: its explanation.
    let h = hover(&mut c, "(CTG107)", 3);
    assert!(
        h.contains("**CTG107** — nom de commune différent du nom officiel"),
        "{h}"
    );
    // On a finding: its code and title.
    let h = hover(&mut c, "fin: 2028-06 }", 6);
    assert!(h.contains("**CTG205**"), "{h}");

    let labels = |c: &mut Client, p: Value| -> Vec<String> {
        let r = c.request("textDocument/completion", at(&uri, p));
        r.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    // An enum value, with its French label.
    let r = c.request(
        "textDocument/completion",
        at(&uri, pos(&text, "champ: petite_enfance", 7)),
    );
    let parentalite = r
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "parentalite")
        .expect("parentalite");
    assert_eq!(parentalite["detail"], "Parentalité");
    // The axes an action may name.
    assert_eq!(labels(&mut c, pos(&text, "axe: A1", 5)), ["A1", "A2"]);
    // The orientations of the cited referential.
    let o = labels(&mut c, pos(&text, "[acces-aux-droits", 1));
    assert_eq!(
        o,
        [
            "petite-enfance",
            "acces-aux-droits",
            "jeunesse",
            "vie-sociale"
        ]
    );
    // In the communes: the official ones not listed yet, inserting the code.
    let r = c.request(
        "textDocument/completion",
        at(&uri, pos(&text, "    - { nom: Dommartin", 6)),
    );
    let items = r.as_array().unwrap();
    assert_eq!(items.len(), 1, "{r}");
    assert_eq!(items[0]["label"], "Saint-Nabord");
    assert_eq!(
        items[0]["textEdit"]["newText"],
        "{ nom: \"Saint-Nabord\", insee: \"88429\" }"
    );
    // Between the quotes of `insee: "…"`: the code alone, over what is typed.
    let r = c.request(
        "textDocument/completion",
        at(&uri, pos(&text, "insee: \"88148\"", 9)),
    );
    let item = r
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "Saint-Nabord")
        .expect("Saint-Nabord");
    assert_eq!(item["textEdit"]["newText"], "88429");
    assert_eq!(item["textEdit"]["range"]["start"], pos(&text, "88148\"", 0));
    assert_eq!(item["textEdit"]["range"]["end"], pos(&text, "88148\"", 5));
    // The keys still missing from a mapping.
    let keys = labels(&mut c, pos(&text, "  sigle: CCPVM", 2));
    assert!(
        keys.contains(&"cog".to_string()) && !keys.contains(&"siren".to_string()),
        "{keys:?}"
    );

    // Go to definition: action → axis, axis → orientation, sdsf → file.
    let d = c.request(
        "textDocument/definition",
        at(&uri, pos(&text, "axe: A2", 5)),
    );
    assert_eq!(d["uri"], uri.as_str());
    assert_eq!(d["range"]["start"], pos(&text, "A2\n    intitule", 0));
    let sdsf_uri = uri_of("tests/fixtures/rules/sdsf.yaml");
    let sdsf_text = std::fs::read_to_string("tests/fixtures/rules/sdsf.yaml").unwrap();
    let d = c.request(
        "textDocument/definition",
        at(&uri, pos(&text, "jeunesse]", 2)),
    );
    assert_eq!(d["uri"], sdsf_uri.as_str());
    assert_eq!(d["range"]["start"], pos(&sdsf_text, "jeunesse\n", 0));
    let d = c.request(
        "textDocument/definition",
        at(&uri, pos(&text, "../rules/sdsf.yaml", 3)),
    );
    assert_eq!(d["uri"], sdsf_uri.as_str());

    // The outline: the axes, their actions under them.
    let s = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names: Vec<(&str, Vec<&str>)> = s
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let children = a["children"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["name"].as_str().unwrap())
                .collect();
            (a["name"].as_str().unwrap(), children)
        })
        .collect();
    assert_eq!(names.len(), 2, "{s}");
    assert!(
        names[0].0.starts_with("A1 ") && names[0].1.len() == 2,
        "{names:?}"
    );
    assert!(
        names[1].1.iter().any(|n| n.starts_with("2.1 ")),
        "{names:?}"
    );

    // Code actions on the CTG205 line: the fix, and an allow comment.
    let range = &ctg205["range"];
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [ctg205] } }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "ramener à 2027-12-31 (CTG205)",
            "Ajouter « # ctg: allow(CTG205) » au-dessus"
        ]
    );
    // Applied, each settles the finding.
    for action in actions.as_array().unwrap() {
        let edits = &action["edit"]["changes"][uri.as_str()];
        let edited = apply_edits(&text, edits.as_array().unwrap());
        let report = ctg::check::Checker::new(false, Lang::Fr)
            .check_text(camino::Utf8Path::new(CONVENTION), &edited)
            .unwrap();
        assert!(
            !report.diagnostics.iter().any(|d| d.code == "CTG205"),
            "{:?}",
            report.diagnostics
        );
    }
    // All the safe fixes of a file at once (source.fixAll).
    let messy = "tests/fixtures/fix/a-corriger.yaml";
    let messy_uri = uri_of(messy);
    let messy_text = std::fs::read_to_string(messy).unwrap();
    c.open(&messy_uri, &messy_text);
    assert_eq!(c.diagnostics(&messy_uri, Some(1)).len(), 2);
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9999, "character": 0 } });
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": messy_uri }, "range": whole, "context": { "diagnostics": [] } }),
    );
    let all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "source.fixAll.ctg")
        .expect("a fix-all action");
    assert_eq!(all["title"], "ctg fix : les 2 corrections sûres du fichier");
    let fixed = apply_edits(
        &messy_text,
        all["edit"]["changes"][messy_uri.as_str()]
            .as_array()
            .unwrap(),
    );
    assert!(fixed.contains("  - parentalite\n") && fixed.contains("    champ: parentalite\n"));

    // Another YAML file of the repository: not ctg's, no findings.
    let workflow = uri_of(".github/workflows/ctg.yml");
    c.open(
        &workflow,
        &std::fs::read_to_string(".github/workflows/ctg.yml").unwrap(),
    );
    assert_eq!(c.diagnostics(&workflow, Some(1)), Vec::<Value>::new());
    c.shutdown();
}

/// The text with LSP edits made (UTF-16 positions, applied from the end).
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    edits.sort();
    let mut out = text.to_string();
    for (a, b, t) in edits.into_iter().rev() {
        out.replace_range(a..b, t);
    }
    out
}

#[test]
fn a_referential_changed_in_the_editor_rechecks_the_conventions_citing_it() {
    let (_t, dir) = crate::common::tmp();
    crate::common::beside_referential(&dir, CONVENTION, "c.yaml");
    // Like the command line: ctg.toml turns CTG109 off, an allow comment
    // silences the CTG205.
    std::fs::write(dir.join("ctg.toml"), "[rules]\nCTG109 = \"off\"\n").unwrap();
    let text = std::fs::read_to_string(CONVENTION).unwrap().replace(
        "    calendrier: { debut: 2024, fin: 2028-06 }",
        "    # ctg: allow(CTG205) prolongée par avenant\n    calendrier: { debut: 2024, fin: 2028-06 }",
    );
    std::fs::write(dir.join("fix/c.yaml"), &text).unwrap();
    let conv = uri_of(dir.join("fix/c.yaml").as_str());
    let sdsf = uri_of(dir.join("rules/sdsf.yaml").as_str());
    let sdsf_text = std::fs::read_to_string(dir.join("rules/sdsf.yaml")).unwrap();
    let mut c = Client::start(true);
    c.open(&conv, &text);
    assert_eq!(c.diagnostics(&conv, Some(1)), Vec::<Value>::new());
    c.open(&sdsf, &sdsf_text);
    assert!(c.diagnostics(&sdsf, Some(1)).is_empty());
    // Opening it checks the convention again, against the same text.
    assert!(!c
        .diagnostics(&conv, Some(1))
        .iter()
        .any(|d| d["code"] == "CTG402"));
    // The orientation `jeunesse` renamed in the buffer, not saved.
    let renamed = sdsf_text.replace("id: jeunesse", "id: jeunes");
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": sdsf, "version": 2 }, "contentChanges": [{ "text": renamed }] }),
    );
    let diags = c.diagnostics(&conv, Some(1));
    let cited = diags
        .iter()
        .find(|d| d["code"] == "CTG402")
        .expect("CTG402 on the axis citing jeunesse");
    assert!(
        cited["message"].as_str().unwrap().contains("jeunesse"),
        "{cited}"
    );
    // Closed without saving: the file on disk holds again.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": sdsf } }),
    );
    assert!(!c
        .diagnostics(&conv, Some(1))
        .iter()
        .any(|d| d["code"] == "CTG402"));
    // Changed on disk (a `git pull`), with the client watching the files
    // as the server asked: read again.
    assert!(
        c.asked.contains(&"client/registerCapability".to_string()),
        "{:?}",
        c.asked
    );
    std::fs::write(dir.join("rules/sdsf.yaml"), &renamed).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": sdsf, "type": 2 }] }),
    );
    assert!(c
        .diagnostics(&conv, Some(1))
        .iter()
        .any(|d| d["code"] == "CTG402"));
    c.shutdown();
}

#[test]
fn every_prefix_of_a_convention_typed_gives_diagnostics_not_an_error() {
    let text = std::fs::read_to_string("conventions/vosges/ccpvm-2023.yaml").unwrap();
    let uri = uri_of("conventions/vosges/ccpvm-2023.yaml");
    let mut c = Client::start(false);
    c.open(&uri, "");
    c.diagnostics(&uri, Some(1));
    let mut version = 1;
    let cuts: Vec<usize> = (0..text.len())
        .step_by(97)
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for &cut in &cuts {
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": &text[..cut] }] }),
        );
        // Every request answers on the half-typed text.
        let p = json!({ "line": text[..cut].matches('\n').count(), "character": 0 });
        c.request("textDocument/hover", at(&uri, p.clone()));
        c.request("textDocument/completion", at(&uri, p.clone()));
        c.request("textDocument/definition", at(&uri, p));
        c.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
    }
    // Each change was checked, or coalesced with the next: the last text's
    // diagnostics come with its version.
    let last = c.diagnostics(&uri, Some(version));
    assert!(
        last.iter()
            .all(|d| d["code"].as_str().unwrap().starts_with("CTG")),
        "{last:?}"
    );
    c.shutdown();
}
