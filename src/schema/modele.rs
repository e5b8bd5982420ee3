//! Schema of `document: modele`, version 1, and of the articles and annexes
//! a convention adds (the fields are described by `ctg schema modele`).

use super::{Decoder, Fields};
use crate::load::NodeId;
use crate::model::{Annexe, Article, Modele, Visa};
use crate::span::Span;

impl<'t> Decoder<'t, '_> {
    pub(super) fn modele(&mut self, mut f: Fields<'t>, span: Span) -> Option<Modele> {
        f.known = &[
            "document",
            "version",
            "intitule",
            "visas",
            "preambule",
            "formule",
            "articles",
            "annexes",
            "fait",
            "exemplaires",
        ];
        let intitule = self.req(&mut f, "intitule", |d, id, _| d.string(id));
        let visas = self.opt(&mut f, "visas", |d, id, _| d.list(id, |d, i| d.visa(i)));
        let preambule = self.opt(&mut f, "preambule", |d, id, _| d.strings(id));
        let formule = self.opt(&mut f, "formule", |d, id, _| d.string(id));
        let articles = self.req(&mut f, "articles", |d, id, k| {
            d.non_empty_list(id, k, |d, i| d.article(i, false))
        });
        let annexes = self.opt(&mut f, "annexes", |d, id, _| d.list(id, |d, i| d.annexe(i)));
        let fait = self.opt(&mut f, "fait", |d, id, _| d.string(id));
        let exemplaires = self.opt(&mut f, "exemplaires", |d, id, _| d.count(id, 1000));
        self.finish(f);
        Some(Modele {
            span,
            intitule: intitule?,
            visas: visas.map(|v| v.value).unwrap_or_default(),
            preambule: preambule.map(|p| p.value).unwrap_or_default(),
            formule,
            articles: articles?,
            annexes: annexes.map(|a| a.value).unwrap_or_default(),
            fait,
            exemplaires,
        })
    }

    fn visa(&mut self, id: NodeId) -> Option<Visa> {
        let mut f = self.fields(id, None, &["texte", "depuis", "jusqu_au"])?;
        let texte = self.req(&mut f, "texte", |d, id, _| d.string(id));
        let depuis = self.opt(&mut f, "depuis", |d, id, _| d.date(id));
        let jusqu_au = self.opt(&mut f, "jusqu_au", |d, id, _| d.date(id));
        self.finish(f);
        Some(Visa {
            texte: texte?,
            depuis,
            jusqu_au,
        })
    }

    /// An article of a model, or of a convention (which may say where it
    /// goes: `apres`).
    pub(super) fn article(&mut self, id: NodeId, in_convention: bool) -> Option<Article> {
        const MODEL: &[&str] = &["id", "titre", "texte", "liste", "contenu"];
        const CONVENTION: &[&str] = &["id", "titre", "texte", "liste", "contenu", "apres"];
        let known = if in_convention { CONVENTION } else { MODEL };
        let mut f = self.fields(id, None, known)?;
        let article_id = self.opt(&mut f, "id", |d, id, _| d.string(id));
        let titre = self.req(&mut f, "titre", |d, id, _| d.string(id));
        let texte = self.opt(&mut f, "texte", |d, id, _| d.strings(id));
        let liste = self.opt(&mut f, "liste", |d, id, _| d.strings(id));
        let contenu = self.opt(&mut f, "contenu", |d, id, _| d.closed(id));
        let apres = self.opt(&mut f, "apres", |d, id, _| d.string(id));
        self.finish(f);
        Some(Article {
            id: article_id,
            titre: titre?,
            texte: texte.map(|t| t.value).unwrap_or_default(),
            liste: liste.map(|l| l.value).unwrap_or_default(),
            contenu,
            apres,
        })
    }

    pub(super) fn annexe(&mut self, id: NodeId) -> Option<Annexe> {
        let mut f = self.fields(id, None, &["titre", "texte", "contenu", "fichier"])?;
        let titre = self.req(&mut f, "titre", |d, id, _| d.string(id));
        let texte = self.opt(&mut f, "texte", |d, id, _| d.strings(id));
        let contenu = self.opt(&mut f, "contenu", |d, id, _| d.closed(id));
        let fichier = self.opt(&mut f, "fichier", |d, id, _| d.string(id));
        self.finish(f);
        Some(Annexe {
            titre: titre?,
            texte: texte.map(|t| t.value).unwrap_or_default(),
            contenu,
            fichier,
        })
    }
}
