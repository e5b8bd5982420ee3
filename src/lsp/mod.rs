//! `ctg lsp`: a language server over stdio for conventions, SDSF
//! referentials and models (README "In the editor"). Built on
//! rust-analyzer's `lsp-server` (a synchronous loop over a channel of
//! messages: no async runtime for a server that checks one file in a few
//! milliseconds) and `lsp-types`.
//!
//! Every message waiting is handled before any check runs, so a burst of
//! keystrokes is checked once, on its last text: the debounce costs no
//! delay when the user pauses.

pub mod analysis;
pub mod context;
pub mod position;

use crate::check::{Checker, FileReport};
use crate::diagnostic::Lang;
use analysis::{Kind, Outline};
use camino::{Utf8Path, Utf8PathBuf};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use position::{Encoding, Lines};
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

/// An open document.
struct Doc {
    uri: lsp::Uri,
    path: Utf8PathBuf,
    text: String,
    version: i32,
    /// The last check of this text, when it is up to date.
    report: Option<FileReport>,
    /// What the last text that parsed held: completion keeps it while the
    /// file is half-typed.
    outline: Outline,
    /// What the text is (its `document:` line), read with each change.
    kind: Kind,
}

pub struct Server {
    docs: HashMap<String, Doc>,
    dirty: BTreeSet<String>,
    /// Documents closed since the last check: their diagnostics go.
    closed: Vec<lsp::Uri>,
    checker: Checker,
    encoding: Encoding,
    lang: Lang,
}

/// Runs the server on stdin and stdout until the client says exit.
pub fn serve_stdio(lang: Lang) -> std::io::Result<()> {
    let (connection, threads) = Connection::stdio();
    serve(&connection, lang)?;
    drop(connection);
    threads.join()
}

fn protocol(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Runs the server on a connection: the handshake, then every message
/// until `shutdown` and `exit`.
pub fn serve(connection: &Connection, lang: Lang) -> std::io::Result<()> {
    let (id, params) = connection.initialize_start().map_err(protocol)?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
    let (encoding, encoding_kind) = if utf8 {
        (Encoding::Utf8, lsp::PositionEncodingKind::UTF8)
    } else {
        (Encoding::Utf16, lsp::PositionEncodingKind::UTF16)
    };
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let capabilities = lsp::ServerCapabilities {
        position_encoding: Some(encoding_kind),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "[".into(), ",".into(), "-".into()]),
            ..Default::default()
        }),
        definition_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Simple(true)),
        ..Default::default()
    };
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "ctg", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(protocol)?;
    // The files a check reads besides the open ones (referentials, models,
    // ctg.toml), watched when the client can: changed on disk (a `git
    // pull`), they are read again.
    if watches {
        let watchers: Vec<serde_json::Value> = ["**/*.yaml", "**/*.yml", "**/ctg.toml"]
            .iter()
            .map(|g| serde_json::json!({ "globPattern": g }))
            .collect();
        let params = serde_json::json!({ "registrations": [{
            "id": "ctg-fichiers",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": { "watchers": watchers },
        }]});
        let id = RequestId::from("ctg-watch".to_string());
        let req = Request::new(id, "client/registerCapability".into(), params);
        send(connection, Message::Request(req))?;
    }
    let mut server = Server {
        docs: HashMap::new(),
        dirty: BTreeSet::new(),
        closed: Vec::new(),
        checker: Checker::new(false, lang),
        encoding,
        lang,
    };
    // After `shutdown`, requests are refused until `exit` (a client may
    // ask twice: Neovim does when it quits while stopping the server).
    let mut shut = false;
    while let Ok(first) = connection.receiver.recv() {
        let mut next = Some(first);
        while let Some(message) = next.take() {
            match message {
                Message::Request(req) if req.method == "shutdown" => {
                    shut = true;
                    let response = Response::new_ok(req.id, serde_json::Value::Null);
                    send(connection, Message::Response(response))?;
                }
                Message::Request(req) if shut => {
                    let why = "ctg lsp : arrêt demandé (shutdown)".to_string();
                    let response = Response::new_err(req.id, ErrorCode::InvalidRequest as i32, why);
                    send(connection, Message::Response(response))?;
                }
                Message::Request(req) => {
                    let response = server.request(req);
                    send(connection, Message::Response(response))?;
                }
                Message::Notification(n) => {
                    if n.method == "exit" {
                        return Ok(());
                    }
                    server.notification(n);
                }
                Message::Response(_) => {}
            }
            next = connection.receiver.try_recv().ok();
        }
        let closed = std::mem::take(&mut server.closed)
            .into_iter()
            .map(|u| (u, None, Vec::new()));
        let checked = server
            .check_dirty()
            .into_iter()
            .map(|(u, v, d)| (u, Some(v), d));
        for (uri, version, diagnostics) in closed.chain(checked) {
            let params = lsp::PublishDiagnosticsParams::new(uri, diagnostics, version);
            let n = Notification::new("textDocument/publishDiagnostics".into(), params);
            send(connection, Message::Notification(n))?;
        }
    }
    Ok(())
}

fn send(connection: &Connection, message: Message) -> std::io::Result<()> {
    connection.sender.send(message).map_err(protocol)
}

/// A file URI's path (`file:///a%20b/c.yaml` → `/a b/c.yaml`).
pub fn uri_path(uri: &str) -> Option<Utf8PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            if let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let path = String::from_utf8(out).ok()?;
    // `file:///C:/x` on Windows.
    let path = match path.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() => path[1..].to_string(),
        _ => path,
    };
    Some(Utf8PathBuf::from(path))
}

/// The file URI of a path.
pub fn path_uri(path: &Utf8Path) -> Option<lsp::Uri> {
    let mut out = String::from("file://");
    if !path.as_str().starts_with('/') {
        out.push('/');
    }
    for b in path.as_str().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    lsp::Uri::from_str(&out).ok()
}

impl Server {
    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let method = req.method.clone();
        // A bug in a feature answers an error and leaves the server up.
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(req)));
        match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => internal(id, &method),
        }
    }

    fn answer(&mut self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params = req.params;
        let parse = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let lang = self.lang;
        let method = req.method.as_str();
        if let "textDocument/hover" | "textDocument/completion" | "textDocument/definition" = method
        {
            // The three carry a document and a position (and more, unread).
            let p: lsp::TextDocumentPositionParams =
                serde_json::from_value(params).map_err(parse)?;
            let key = p.text_document.uri.as_str();
            self.refresh(key);
            let reader = self.reader();
            let Some(doc) = self.docs.get(key) else {
                return Ok(serde_json::Value::Null);
            };
            let lines = Lines::new(&doc.text, self.encoding);
            let offset = lines.offset(p.position);
            let (text, path) = (&doc.text, &doc.path);
            let value = match method {
                "textDocument/hover" => {
                    let hover = analysis::hover(
                        text,
                        path,
                        doc.kind,
                        doc.report.as_ref(),
                        offset,
                        &reader,
                        lang,
                    );
                    serde_json::to_value(hover.map(|value| lsp::Hover {
                        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                            kind: lsp::MarkupKind::Markdown,
                            value,
                        }),
                        range: None,
                    }))
                }
                "textDocument/completion" => {
                    let items = analysis::completion(
                        text,
                        path,
                        doc.kind,
                        &doc.outline,
                        offset,
                        &reader,
                        &lines,
                    );
                    serde_json::to_value(lsp::CompletionResponse::Array(items))
                }
                _ => {
                    let found = analysis::definition(text, path, offset, &reader);
                    let location = found.and_then(|(file, span)| {
                        let target = self.text_of(&file)?;
                        // `fix/../rules/sdsf.yaml` as the editor names it.
                        let file = std::fs::canonicalize(&file)
                            .ok()
                            .and_then(|p| Utf8PathBuf::from_path_buf(p).ok())
                            .unwrap_or(file);
                        let lines = Lines::new(&target, self.encoding);
                        let span = span.unwrap_or(crate::span::Span::new(0, 0));
                        Some(lsp::Location::new(
                            path_uri(&file)?,
                            lines.range(span.start, span.end),
                        ))
                    });
                    serde_json::to_value(location.map(lsp::GotoDefinitionResponse::Scalar))
                }
            };
            return value.map_err(|e| (ErrorCode::InternalError, e.to_string()));
        }
        let value = match method {
            "textDocument/documentSymbol" => {
                let p: lsp::DocumentSymbolParams = serde_json::from_value(params).map_err(parse)?;
                let Some(doc) = self.docs.get(p.text_document.uri.as_str()) else {
                    return Ok(serde_json::Value::Null);
                };
                let lines = Lines::new(&doc.text, self.encoding);
                serde_json::to_value(lsp::DocumentSymbolResponse::Nested(analysis::symbols(
                    &doc.text, &lines,
                )))
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = serde_json::from_value(params).map_err(parse)?;
                let uri = p.text_document.uri;
                self.refresh(uri.as_str());
                let Some(doc) = self.docs.get(uri.as_str()) else {
                    return Ok(serde_json::Value::Null);
                };
                let Some(report) = &doc.report else {
                    return Ok(serde_json::json!([]));
                };
                let lines = Lines::new(&doc.text, self.encoding);
                serde_json::to_value(analysis::code_actions(
                    report, &doc.text, &lines, &uri, p.range, lang,
                ))
            }
            _ => {
                return Err((
                    ErrorCode::MethodNotFound,
                    format!("méthode inconnue : {}", req.method),
                ))
            }
        };
        value.map_err(|e| (ErrorCode::InternalError, e.to_string()))
    }

    fn notification(&mut self, n: Notification) {
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notified(n)));
    }

    fn notified(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let d = p.text_document;
                let Some(path) = uri_path(d.uri.as_str()) else {
                    return;
                };
                let key = d.uri.as_str().to_string();
                let mut doc = Doc {
                    uri: d.uri,
                    path,
                    text: d.text,
                    version: d.version,
                    report: None,
                    outline: Outline::default(),
                    kind: Kind::Other,
                };
                text_changed(&mut doc);
                self.docs.insert(key.clone(), doc);
                self.touched(&key);
            }
            "textDocument/didChange" => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                let encoding = self.encoding;
                let Some(doc) = self.docs.get_mut(&key) else {
                    return;
                };
                // A change older than the text held is out of order: dropped.
                if p.text_document.version <= doc.version {
                    return;
                }
                for change in p.content_changes {
                    match change.range {
                        Some(range) => {
                            let lines = Lines::new(&doc.text, encoding);
                            let (a, b) = (lines.offset(range.start), lines.offset(range.end));
                            let (a, b) = (a.min(b), a.max(b));
                            doc.text.replace_range(a..b, &change.text);
                        }
                        None => doc.text = change.text,
                    }
                }
                doc.version = p.text_document.version;
                doc.report = None;
                text_changed(doc);
                self.touched(&key);
            }
            "textDocument/didSave" => {
                let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                if let Some(doc) = self.docs.get_mut(&key) {
                    doc.report = None;
                }
                self.touched(&key);
            }
            "workspace/didChangeWatchedFiles" => {
                // Every file read from disk is read again: the open
                // documents are checked anew.
                self.checker = Checker::new(false, self.lang);
                self.recheck(self.docs.keys().cloned().collect());
            }
            "textDocument/didClose" => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                if let Some(doc) = self.docs.remove(&key) {
                    self.dirty.remove(&key);
                    self.closed.push(doc.uri.clone());
                    // Its referential is read from the disk again.
                    if matches!(doc.kind, Kind::Sdsf | Kind::Modele) {
                        self.checker = Checker::new(false, self.lang);
                        self.recheck_conventions();
                    }
                }
            }
            _ => {}
        }
    }

    /// A document changed: it is to be checked again, and when it is a
    /// referential or a model, so are the open conventions.
    fn touched(&mut self, key: &str) {
        self.dirty.insert(key.to_string());
        let cited = self
            .docs
            .get(key)
            .is_some_and(|d| matches!(d.kind, Kind::Sdsf | Kind::Modele));
        if cited {
            self.recheck_conventions();
        }
    }

    /// Every open convention to be checked again.
    fn recheck_conventions(&mut self) {
        let conventions = self
            .docs
            .iter()
            .filter(|(_, d)| d.kind == Kind::Convention)
            .map(|(k, _)| k.clone())
            .collect();
        self.recheck(conventions);
    }

    /// These documents to be checked again, their last check out of date.
    fn recheck(&mut self, keys: Vec<String>) {
        for k in &keys {
            if let Some(d) = self.docs.get_mut(k) {
                d.report = None;
            }
        }
        self.dirty.extend(keys);
    }

    /// Checks every document changed since the last check: the diagnostics
    /// to publish.
    fn check_dirty(&mut self) -> Vec<(lsp::Uri, i32, Vec<lsp::Diagnostic>)> {
        let keys: Vec<String> = std::mem::take(&mut self.dirty).into_iter().collect();
        let mut out = Vec::new();
        for key in keys {
            self.refresh(&key);
            let Some(doc) = self.docs.get(&key) else {
                continue;
            };
            let lines = Lines::new(&doc.text, self.encoding);
            let diagnostics = doc
                .report
                .as_ref()
                .map(|r| analysis::diagnostics(r, &lines, &doc.uri, self.lang))
                .unwrap_or_default();
            out.push((doc.uri.clone(), doc.version, diagnostics));
        }
        out
    }

    /// Checks the document when its last check is out of date.
    fn refresh(&mut self, key: &str) {
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        if doc.report.is_some() {
            return;
        }
        // The open referentials stand for their files.
        if doc.kind == Kind::Convention {
            if let Some(value) = analysis::top_value(&doc.text, "sdsf") {
                let cited = analysis::cited(&doc.path, value);
                if let Some(open) = self
                    .docs
                    .values()
                    .find(|d| d.path != doc.path && same_file(&d.path, &cited))
                {
                    self.checker.put_sdsf(&cited, &open.text);
                }
            }
        }
        let report = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.checker.check_text(&doc.path, &doc.text)
        }));
        let mut report = match report {
            Ok(Ok(r)) => r,
            // A broken ctg.toml: its finding at the file's start.
            Ok(Err(crate::check::Failure::Config(e))) => {
                config_report(&doc.path, &doc.text, &e, self.lang)
            }
            _ => crate::check::check_bytes(doc.path.clone(), doc.text.clone().into_bytes(), None),
        };
        // Any YAML the editor opens reaches the server (a workflow, a
        // compose file): only ctg's documents get findings.
        if doc.kind == Kind::Other {
            report.diagnostics.clear();
        }
        if let Some(doc) = self.docs.get_mut(key) {
            doc.report = Some(report);
        }
    }

    /// Reads a file the document cites: from the editor when it is open,
    /// else from the disk (bounded like any file ctg reads).
    fn text_of(&self, path: &Utf8Path) -> Option<String> {
        if let Some(d) = self.docs.values().find(|d| same_file(&d.path, path)) {
            return Some(d.text.clone());
        }
        crate::load::read_text(path, crate::load::MAX_FILE_SIZE).ok()
    }

    fn reader(&self) -> impl Fn(&Utf8Path) -> Option<String> + '_ {
        move |p| self.text_of(p)
    }
}

/// Whether two paths name one file: the same path, or the same file once
/// links and `..` are resolved.
fn same_file(a: &Utf8Path, b: &Utf8Path) -> bool {
    a == b
        || matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

fn internal(id: RequestId, method: &str) -> Response {
    Response::new_err(
        id,
        ErrorCode::InternalError as i32,
        format!("ctg lsp : erreur interne sur {method}"),
    )
}

/// A `ctg.toml` that cannot be read, as a finding of the document.
fn config_report(
    path: &Utf8Path,
    text: &str,
    e: &crate::check::config::ConfigError,
    lang: Lang,
) -> FileReport {
    let mut report = crate::check::check_bytes(path.to_path_buf(), text.as_bytes().to_vec(), None);
    let line = e.line(lang);
    report.diagnostics.insert(
        0,
        crate::diagnostic::Diagnostic::new(
            &crate::rules::CTG006,
            crate::span::Span::new(0, 0),
            crate::diagnostic::Text::new(&line, &line),
        ),
    );
    report
}

/// What a new text says of itself: its kind, and its outline when it parses.
fn text_changed(doc: &mut Doc) {
    doc.kind = analysis::kind(&doc.text);
    if let Ok(tree) = crate::load::parse(&doc.text) {
        doc.outline = analysis::outline(&tree);
    }
}
