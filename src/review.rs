//! Reading back a reviewed .docx or .odt (`ctg relecture`): its tracked
//! insertions and deletions, its comments, and the text of every passage
//! ctg anchored with a bookmark, each placed at the path of its YAML node
//! (`render::ancre`). A change outside every anchor is the model's wording.
//!
//! The file is untrusted: the zip and its XML parts are read within bounds
//! (entries, sizes, ratio), nothing is extracted to disk, and the XML parser
//! resolves no external entity.

use crate::render::ancre::path_of_bookmark;
use std::collections::HashMap;
use std::io::Read;

/// The largest reviewed file read, and the most its XML parts may hold once
/// inflated: a 60-page convention is some 300 kB of XML.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
pub const MAX_PART: u64 = 64 * 1024 * 1024;
/// More entries than a word-processing file has.
const MAX_ENTRIES: usize = 10_000;

/// What a tracked change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Insertion,
    Deletion,
    /// A deletion followed at once by an insertion.
    Replacement,
}

/// One tracked change or comment, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    pub author: Option<String>,
    pub date: Option<String>,
    /// The path of the innermost anchor it is in; None: the model's text.
    pub path: Option<String>,
    /// The bookmark it is in.
    pub bookmark: Option<String>,
    pub old: String,
    pub new: String,
    /// The paragraph it is in, for a change of the model's text.
    pub context: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub author: Option<String>,
    pub date: Option<String>,
    pub text: String,
    pub path: Option<String>,
    /// The text the comment is anchored on.
    pub on: String,
}

/// A passage ctg anchored, as the reviewed file holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passage {
    /// The text before any pending change (deletions in, insertions out).
    pub before: String,
    /// Every pending change accepted.
    pub after: String,
}

/// What a reviewed file holds.
#[derive(Debug, Default)]
pub struct Review {
    pub changes: Vec<Change>,
    pub comments: Vec<Comment>,
    /// By bookmark name.
    pub passages: HashMap<String, Passage>,
    /// The document's `ctg-source-sha256` and `ctg-source` properties.
    pub source_sha256: Option<String>,
    pub source_name: Option<String>,
}

/// Why a file cannot be read as a reviewed convention (in French).
pub type Why = String;

/// Reads a .docx or an .odt.
pub fn read(bytes: &[u8]) -> Result<Review, Why> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        "ce n'est ni un .docx ni un .odt lisible (archive zip attendue)".to_string()
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!("archive de {} entrées : refusée", zip.len()));
    }
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .collect();
    let part = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
                name: &str|
     -> Result<Option<String>, Why> {
        let Ok(entry) = zip.by_name(name) else {
            return Ok(None);
        };
        let mut text = String::new();
        let read = entry
            .take(MAX_PART + 1)
            .read_to_string(&mut text)
            .map_err(|_| format!("partie « {name} » illisible"))?;
        if read as u64 > MAX_PART {
            return Err(format!(
                "partie « {name} » de plus de {} Mo une fois décompressée : refusée (archive piégée ?)",
                MAX_PART / 1_000_000
            ));
        }
        Ok(Some(text))
    };
    let mut review = if names.iter().any(|n| n == "word/document.xml") {
        let document = part(&mut zip, "word/document.xml")?.unwrap_or_default();
        let comments = part(&mut zip, "word/comments.xml")?;
        let custom = part(&mut zip, "docProps/custom.xml")?;
        docx(&document, comments.as_deref(), custom.as_deref())?
    } else if names.iter().any(|n| n == "content.xml") {
        let content = part(&mut zip, "content.xml")?.unwrap_or_default();
        let meta = part(&mut zip, "meta.xml")?;
        odt(&content, meta.as_deref())?
    } else {
        return Err("ni word/document.xml ni content.xml : ce n'est ni un .docx ni un .odt".into());
    };
    // LibreOffice records a comment added while changes are tracked as an
    // insertion of nothing.
    review
        .changes
        .retain(|c| !(c.old.trim().is_empty() && c.new.trim().is_empty()));
    Ok(review)
}

/// A bookmark's name without the suffix LibreOffice gives a bookmark it
/// copies, as it does when a tracked replacement splits one: "ctg_A0_i_1
/// Copy 1" in an .odt, "ctg_A0_i_1_Copy_1" once saved as .docx.
fn own_name(name: &str) -> &str {
    [" Copy ", "_Copy_"]
        .iter()
        .find_map(|suffix| name.split_once(suffix))
        .map_or(name, |(own, _)| own)
}

fn parse<'x>(xml: &'x str, name: &str) -> Result<roxmltree::Document<'x>, Why> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(xml, options)
        .map_err(|e| format!("{name} : XML invalide ou refusé ({e})"))
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const META: &str = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";

fn is(node: &roxmltree::Node, ns: &str, name: &str) -> bool {
    node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name
}

/// The text of a node: its text descendants, in order.
fn text_of(node: &roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The text of a node's paragraph children, joined by `sep`.
fn paragraphs(
    node: &roxmltree::Node,
    paragraph: impl Fn(&roxmltree::Node) -> bool,
    sep: &str,
) -> String {
    node.children()
        .filter(|n| paragraph(n))
        .map(|p| text_of(&p))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The passages being read: the bookmarks open at this point of the text.
#[derive(Default)]
struct Open {
    /// (id, name) in the order opened.
    stack: Vec<(String, String)>,
}

impl Open {
    fn innermost(&self) -> Option<&str> {
        self.stack
            .iter()
            .rev()
            .map(|(_, n)| n.as_str())
            .find(|n| path_of_bookmark(n).is_some())
    }
}

fn docx(document: &str, comments: Option<&str>, custom: Option<&str>) -> Result<Review, Why> {
    let doc = parse(document, "word/document.xml")?;
    let mut review = Review::default();
    let mut open = Open::default();
    // Comment id → (path, text it spans so far).
    let mut commented: HashMap<String, (Option<String>, String)> = HashMap::new();
    let mut open_comments: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    let mut model_changes: Vec<usize> = Vec::new();
    // An insertion outside every bookmark that a bookmark may follow at once.
    let mut floating: Option<usize> = None;
    // A bookmark that just ended, no text since: an insertion typed at the
    // end of a passage lands right after its bookmark, and belongs to it.
    let mut just_closed: Option<String> = None;
    let attr = |n: &roxmltree::Node, name: &str| n.attribute((W, name)).map(str::to_string);
    for node in doc.descendants() {
        if is(&node, W, "p") {
            for i in model_changes.drain(..) {
                review.changes[i].context = paragraph.clone();
            }
            paragraph.clear();
            floating = None;
            just_closed = None;
        } else if is(&node, W, "bookmarkStart") {
            if let (Some(id), Some(name)) = (attr(&node, "id"), attr(&node, "name")) {
                let name = own_name(&name).to_string();
                review.passages.entry(name.clone()).or_default();
                if let (Some(i), true) = (floating, path_of_bookmark(&name).is_some()) {
                    floating = None;
                    attach(&mut review, i, &name);
                    model_changes.retain(|&m| m != i);
                }
                open.stack.push((id, name));
            }
        } else if is(&node, W, "bookmarkEnd") {
            if let Some(id) = attr(&node, "id") {
                if let Some((_, name)) = open.stack.iter().find(|(i, _)| *i == id) {
                    just_closed = Some(name.clone()).filter(|n| path_of_bookmark(n).is_some());
                }
                open.stack.retain(|(i, _)| *i != id);
            }
        } else if is(&node, W, "commentRangeStart") {
            if let Some(id) = attr(&node, "id") {
                commented.insert(
                    id.clone(),
                    (open.innermost().and_then(path_of_bookmark), String::new()),
                );
                open_comments.push(id);
            }
        } else if is(&node, W, "commentRangeEnd") {
            if let Some(id) = attr(&node, "id") {
                open_comments.retain(|i| *i != id);
            }
        } else if is(&node, W, "ins") || is(&node, W, "del") {
            let deletion = is(&node, W, "del");
            let text: String = node
                .descendants()
                .filter(|n| is(n, W, if deletion { "delText" } else { "t" }))
                .filter_map(|n| n.text())
                .collect();
            if text.is_empty() {
                continue;
            }
            // LibreOffice saves a replaced passage as its new text just
            // before the bookmark, then the old text with the bookmark's
            // start inside the deletion: the change belongs to that bookmark.
            let inner = node
                .descendants()
                .find(|n| is(n, W, "bookmarkStart"))
                .and_then(|n| n.attribute((W, "name")))
                .map(|n| own_name(n).to_string())
                .filter(|n| path_of_bookmark(n).is_some());
            // LibreOffice may put a bookmark's end inside the insertion
            // typed at its end, before the inserted text: that text is the
            // passage's too.
            if !deletion {
                for end in node.descendants().filter(|n| is(n, W, "bookmarkEnd")) {
                    let id = attr(&end, "id").unwrap_or_default();
                    if let Some((_, name)) = open.stack.iter().find(|(i, _)| *i == id) {
                        review
                            .passages
                            .entry(name.clone())
                            .or_default()
                            .after
                            .push_str(&text);
                    }
                }
            }
            let ended = if deletion { None } else { just_closed.take() };
            let bookmark = inner
                .clone()
                .or_else(|| open.innermost().map(str::to_string))
                .or_else(|| {
                    let b = ended?;
                    review
                        .passages
                        .entry(b.clone())
                        .or_default()
                        .after
                        .push_str(&text);
                    Some(b)
                });
            if let (Some(b), Some(i)) = (&bookmark, floating.take()) {
                attach(&mut review, i, b);
                model_changes.retain(|&m| m != i);
            }
            let change = Change {
                kind: if deletion {
                    Kind::Deletion
                } else {
                    Kind::Insertion
                },
                author: attr(&node, "author"),
                date: attr(&node, "date"),
                path: bookmark.as_deref().and_then(path_of_bookmark),
                bookmark,
                old: if deletion {
                    text.clone()
                } else {
                    String::new()
                },
                new: if deletion { String::new() } else { text },
                context: String::new(),
            };
            let before = review.changes.len();
            push_change(&mut review.changes, change);
            let index = review.changes.len() - 1;
            let merged = review.changes.len() == before;
            if !merged && review.changes[index].path.is_none() {
                model_changes.push(index);
                if !deletion {
                    floating = Some(index);
                }
            }
        } else if is(&node, W, "t") || is(&node, W, "delText") {
            let text = node.text().unwrap_or("");
            let inserted = node.ancestors().any(|a| is(&a, W, "ins"));
            let deleted = is(&node, W, "delText");
            if !inserted && !deleted && !text.is_empty() {
                floating = None;
                just_closed = None;
            }
            paragraph.push_str(text);
            for (_, name) in &open.stack {
                let p = review.passages.entry(name.clone()).or_default();
                if !inserted {
                    p.before.push_str(text);
                }
                if !deleted {
                    p.after.push_str(text);
                }
            }
            for id in &open_comments {
                if let Some((_, on)) = commented.get_mut(id) {
                    on.push_str(text);
                }
            }
        }
    }
    for i in model_changes.drain(..) {
        review.changes[i].context = paragraph.clone();
    }
    if let Some(comments) = comments {
        let doc = parse(comments, "word/comments.xml")?;
        for c in doc.descendants().filter(|n| is(n, W, "comment")) {
            let id = attr(&c, "id").unwrap_or_default();
            let text: Vec<String> = c
                .descendants()
                .filter(|n| is(n, W, "p"))
                .map(|p| {
                    p.descendants()
                        .filter(|n| is(n, W, "t"))
                        .filter_map(|n| n.text())
                        .collect()
                })
                .collect();
            let (path, on) = commented.remove(&id).unwrap_or_default();
            review.comments.push(Comment {
                author: attr(&c, "author"),
                date: attr(&c, "date"),
                text: text.join("\n"),
                path,
                on,
            });
        }
    }
    if let Some(custom) = custom {
        let doc = parse(custom, "docProps/custom.xml")?;
        for p in doc
            .descendants()
            .filter(|n| n.tag_name().name() == "property")
        {
            let value = text_of(&p);
            match p.attribute("name") {
                Some("ctg-source-sha256") => review.source_sha256 = Some(value),
                Some("ctg-source") => review.source_name = Some(value),
                _ => {}
            }
        }
    }
    Ok(review)
}

/// The insertion `i`, typed just before a bookmark, is that bookmark's:
/// its text is the passage's new text too.
fn attach(review: &mut Review, i: usize, bookmark: &str) {
    let pending = &mut review.changes[i];
    pending.bookmark = Some(bookmark.to_string());
    pending.path = path_of_bookmark(bookmark);
    let added = pending.new.clone();
    review
        .passages
        .entry(bookmark.to_string())
        .or_default()
        .after
        .push_str(&added);
}

/// A deletion and an insertion next to each other in the same passage
/// (in either order: LibreOffice writes the new text first) are one
/// replacement.
fn push_change(changes: &mut Vec<Change>, change: Change) {
    if let Some(last) = changes.last_mut() {
        let pair = matches!(
            (last.kind, change.kind),
            (Kind::Deletion, Kind::Insertion) | (Kind::Insertion, Kind::Deletion)
        );
        let same = last.bookmark == change.bookmark
            || last.bookmark.is_none()
            || change.bookmark.is_none();
        if pair && same {
            if last.bookmark.is_none() {
                last.bookmark = change.bookmark.clone();
                last.path = change.path.clone();
            }
            last.kind = Kind::Replacement;
            last.old.push_str(&change.old);
            last.new.push_str(&change.new);
            if last.date.is_none() {
                last.date = change.date;
            }
            return;
        }
    }
    changes.push(change);
}

fn odt(content: &str, meta: Option<&str>) -> Result<Review, Why> {
    let doc = parse(content, "content.xml")?;
    let mut review = Review::default();
    // The tracked changes, by id: their kind, author, date and (for a
    // deletion) the text removed.
    struct Region {
        kind: Kind,
        author: Option<String>,
        date: Option<String>,
        deleted: String,
        /// A bookmark the deleted text held ("ctg_A0_i_1 Copy 1" there).
        bookmark: Option<String>,
    }
    let mut regions: HashMap<String, Region> = HashMap::new();
    for region in doc.descendants().filter(|n| is(n, TEXT, "changed-region")) {
        let id = region
            .attributes()
            .find(|a| a.name() == "id")
            .map(|a| a.value().to_string())
            .unwrap_or_default();
        let Some(change) = region.children().find(|n| n.is_element()) else {
            continue;
        };
        let kind = match change.tag_name().name() {
            "insertion" => Kind::Insertion,
            "deletion" => Kind::Deletion,
            _ => continue,
        };
        let info = change.children().find(|n| is(n, OFFICE, "change-info"));
        let field = |name: &str| {
            info.and_then(|i| i.children().find(|n| is(n, DC, name)))
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        let deleted = paragraphs(&change, |n| is(n, TEXT, "p") || is(n, TEXT, "h"), " ");
        let bookmark = change
            .descendants()
            .find(|n| is(n, TEXT, "bookmark-start") || is(n, TEXT, "bookmark"))
            .and_then(|n| n.attribute((TEXT, "name")))
            .map(|n| own_name(n).to_string())
            .filter(|n| path_of_bookmark(n).is_some());
        regions.insert(
            id,
            Region {
                kind,
                author: field("creator"),
                date: field("date"),
                deleted,
                bookmark,
            },
        );
    }
    let mut open = Open::default();
    let mut inserting: Vec<String> = Vec::new();
    let mut comments_open: Vec<(Comment, String)> = Vec::new();
    let body = doc
        .descendants()
        .find(|n| is(n, OFFICE, "text"))
        .ok_or_else(|| "content.xml sans texte".to_string())?;
    let mut paragraph_of: Vec<usize> = Vec::new();
    let mut paragraph = String::new();
    for node in body.descendants() {
        if node
            .ancestors()
            .any(|a| is(&a, TEXT, "tracked-changes") || is(&a, OFFICE, "annotation"))
        {
            if is(&node, OFFICE, "annotation") {
                let field = |name: &str| {
                    node.children()
                        .find(|n| is(n, DC, name))
                        .and_then(|n| n.text())
                        .map(str::to_string)
                };
                let text = paragraphs(&node, |n| is(n, TEXT, "p"), "\n");
                let comment = Comment {
                    author: field("creator"),
                    date: field("date"),
                    text,
                    path: open.innermost().and_then(path_of_bookmark),
                    on: String::new(),
                };
                let name = node.attribute((OFFICE, "name")).unwrap_or("").to_string();
                comments_open.push((comment, name));
            }
            continue;
        }
        if is(&node, TEXT, "p") || is(&node, TEXT, "h") {
            for i in paragraph_of.drain(..) {
                review.changes[i].context = paragraph.clone();
            }
            paragraph.clear();
        } else if is(&node, OFFICE, "annotation-end") {
            let name = node.attribute((OFFICE, "name")).unwrap_or("");
            if let Some(i) = comments_open.iter().position(|(_, n)| n == name) {
                let (comment, _) = comments_open.remove(i);
                review.comments.push(comment);
            }
        } else if is(&node, TEXT, "bookmark-start") || is(&node, TEXT, "bookmark") {
            if let Some(name) = node.attribute((TEXT, "name")).map(own_name) {
                review.passages.entry(name.to_string()).or_default();
                if is(&node, TEXT, "bookmark-start") {
                    open.stack.push((name.to_string(), name.to_string()));
                }
            }
        } else if is(&node, TEXT, "bookmark-end") {
            if let Some(name) = node.attribute((TEXT, "name")).map(own_name) {
                open.stack.retain(|(_, n)| n != name);
            }
        } else if is(&node, TEXT, "change-start") || is(&node, TEXT, "change") {
            let id = node
                .attribute((TEXT, "change-id"))
                .unwrap_or("")
                .to_string();
            let Some(region) = regions.get(&id) else {
                continue;
            };
            if region.kind == Kind::Insertion && is(&node, TEXT, "change-start") {
                inserting.push(id.clone());
                let bookmark = open.innermost().map(str::to_string);
                push_change(
                    &mut review.changes,
                    Change {
                        kind: Kind::Insertion,
                        author: region.author.clone(),
                        date: region.date.clone(),
                        path: bookmark.as_deref().and_then(path_of_bookmark),
                        bookmark,
                        old: String::new(),
                        new: String::new(),
                        context: String::new(),
                    },
                );
            } else if region.kind == Kind::Deletion {
                let bookmark = region
                    .bookmark
                    .clone()
                    .or_else(|| open.innermost().map(str::to_string));
                for (_, name) in &open.stack {
                    review
                        .passages
                        .entry(name.clone())
                        .or_default()
                        .before
                        .push_str(&region.deleted);
                }
                push_change(
                    &mut review.changes,
                    Change {
                        kind: Kind::Deletion,
                        author: region.author.clone(),
                        date: region.date.clone(),
                        path: bookmark.as_deref().and_then(path_of_bookmark),
                        bookmark,
                        old: region.deleted.clone(),
                        new: String::new(),
                        context: String::new(),
                    },
                );
            }
            if review.changes.last().is_some_and(|c| c.path.is_none()) {
                paragraph_of.push(review.changes.len() - 1);
            }
        } else if is(&node, TEXT, "change-end") {
            let id = node.attribute((TEXT, "change-id")).unwrap_or("");
            inserting.retain(|i| i != id);
        } else if node.is_text() {
            let text = node.text().unwrap_or("");
            paragraph.push_str(text);
            let inserted = !inserting.is_empty();
            if inserted {
                if let Some(last) = review.changes.last_mut() {
                    last.new.push_str(text);
                }
            }
            for (_, name) in &open.stack {
                let p = review.passages.entry(name.clone()).or_default();
                if !inserted {
                    p.before.push_str(text);
                }
                p.after.push_str(text);
            }
            for (c, _) in comments_open.iter_mut() {
                c.on.push_str(text);
            }
        }
    }
    for i in paragraph_of.drain(..) {
        review.changes[i].context = paragraph.clone();
    }
    review
        .comments
        .extend(comments_open.into_iter().map(|(c, _)| c));
    if let Some(meta) = meta {
        let doc = parse(meta, "meta.xml")?;
        for u in doc.descendants().filter(|n| is(n, META, "user-defined")) {
            let value = u.text().unwrap_or("").to_string();
            match u.attribute((META, "name")) {
                Some("ctg-source-sha256") => review.source_sha256 = Some(value),
                Some("ctg-source") => review.source_name = Some(value),
                _ => {}
            }
        }
    }
    Ok(review)
}
