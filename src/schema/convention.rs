//! Schema of `document: convention`, version 1 (the fields are described by `ctg schema`).

use super::{Decoder, Fields};
use crate::diagnostic::Diagnostic;
use crate::ids::is_departement_code;
use crate::load::{NodeId, NodeKind};
use crate::model::*;
use crate::span::Span;
use crate::t;

impl<'t> Decoder<'t, '_> {
    pub(super) fn convention(&mut self, mut f: Fields<'t>, span: Span) -> Option<Convention> {
        f.known = &[
            "document",
            "version",
            "reference",
            "intitule",
            "statut",
            "territoire",
            "sdsf",
            "periode",
            "signature",
            "signataires",
            "champs",
            "diagnostic",
            "axes",
            "actions",
            "pilotage",
            "modele",
            "articles",
            "annexes",
            "partenaires_associes",
        ];
        let reference = self.opt(&mut f, "reference", |d, id, _| d.string(id));
        let intitule = self.opt(&mut f, "intitule", |d, id, _| d.string(id));
        let statut = self.opt(&mut f, "statut", |d, id, _| d.closed(id));
        let territoire = self.req(&mut f, "territoire", |d, id, k| d.territoire(id, k));
        let sdsf = self.req(&mut f, "sdsf", |d, id, _| d.string(id));
        let periode = self.req(&mut f, "periode", |d, id, k| d.periode(id, k));
        let signature = self.opt(&mut f, "signature", |d, id, k| d.signature(id, k));
        let signataires = self.req(&mut f, "signataires", |d, id, k| {
            d.non_empty_list(id, k, |d, i| d.signataire(i))
        });
        let champs = self.req(&mut f, "champs", |d, id, k| {
            d.non_empty_list(id, k, |d, i| d.closed(i))
        });
        let diagnostic = self.opt(&mut f, "diagnostic", |d, id, k| d.diagnostic_partage(id, k));
        let axes = self.req(&mut f, "axes", |d, id, k| {
            d.non_empty_list(id, k, |d, i| d.axe(i))
        });
        let actions = self.req(&mut f, "actions", |d, id, k| {
            d.non_empty_list(id, k, |d, i| d.action(i))
        });
        let pilotage = self.opt(&mut f, "pilotage", |d, id, k| d.pilotage(id, k));
        let modele = self.opt(&mut f, "modele", |d, id, _| d.string(id));
        let articles = self.opt(&mut f, "articles", |d, id, _| {
            d.list(id, |d, i| d.article(i, true))
        });
        let annexes = self.opt(&mut f, "annexes", |d, id, _| d.list(id, |d, i| d.annexe(i)));
        let partenaires_associes = self.opt(&mut f, "partenaires_associes", |d, id, _| {
            d.list(id, |d, i| d.partenaire_associe(i))
        });
        self.finish(f);
        Some(Convention {
            span,
            reference,
            intitule,
            statut,
            territoire: territoire?,
            sdsf: sdsf?,
            periode: periode?,
            signature,
            signataires: signataires?,
            champs: champs?,
            diagnostic,
            axes: axes?,
            actions: actions?,
            pilotage,
            modele,
            articles: articles.map(|a| a.value).unwrap_or_default(),
            annexes: annexes.map(|a| a.value).unwrap_or_default(),
            partenaires_associes: partenaires_associes.map(|p| p.value).unwrap_or_default(),
        })
    }

    fn partenaire_associe(&mut self, id: NodeId) -> Option<PartenaireAssocie> {
        let mut f = self.fields(id, None, &["nom", "role"])?;
        let nom = self.req(&mut f, "nom", |d, id, _| d.string(id));
        let role = self.opt(&mut f, "role", |d, id, _| d.string(id));
        self.finish(f);
        Some(PartenaireAssocie { nom: nom?, role })
    }

    fn territoire(&mut self, id: NodeId, key: Span) -> Option<Territoire> {
        let mut f = self.fields(
            id,
            Some(key),
            &[
                "nom",
                "sigle",
                "nature",
                "siren",
                "departement",
                "communes",
                "population",
                "population_annee",
                "allocataires",
                "personnes_couvertes",
                "cog",
            ],
        )?;
        let nom = self.req(&mut f, "nom", |d, id, _| d.string(id));
        let sigle = self.opt(&mut f, "sigle", |d, id, _| d.string(id));
        let nature = self.req(&mut f, "nature", |d, id, _| d.closed(id));
        let siren = self.opt(&mut f, "siren", |d, id, _| d.string(id));
        let departement = self.req(&mut f, "departement", |d, id, _| d.departement(id));
        let communes = self.req(&mut f, "communes", |d, id, k| {
            d.non_empty_list(id, k, |d, i| d.commune(i))
        });
        use crate::model::MAX_COUNT;
        let population = self.opt(&mut f, "population", |d, id, _| d.count(id, MAX_COUNT));
        let population_annee = self.opt(&mut f, "population_annee", |d, id, _| d.count(id, 2100));
        let allocataires = self.opt(&mut f, "allocataires", |d, id, _| d.count(id, MAX_COUNT));
        let cog = self.opt(&mut f, "cog", |d, id, _| d.count(id, 2100));
        let personnes_couvertes = self.opt(&mut f, "personnes_couvertes", |d, id, _| {
            d.count(id, MAX_COUNT)
        });
        self.finish(f);
        Some(Territoire {
            nom: nom?,
            sigle,
            nature: nature?,
            siren,
            departement: departement?,
            communes: communes?,
            population,
            population_annee,
            allocataires,
            personnes_couvertes,
            cog,
        })
    }

    pub(super) fn departement(&mut self, id: NodeId) -> Option<String> {
        let code = self.string(id)?;
        if is_departement_code(&code) {
            return Some(code);
        }
        let mut diag = Diagnostic::new(
            &crate::load::codes::CTG002,
            self.tree.span(id),
            t!(
                "code département invalide « {code} »",
                "invalid département code `{code}`"
            ),
        )
        .with_label(t!("pas un code département", "not a département code"));
        diag = if code.len() == 1 && code.bytes().all(|b| b.is_ascii_digit()) {
            diag.with_help(t!(
                "écrivez '0{code}' (deux chiffres, entre guillemets)",
                "write '0{code}' (two digits, quoted)"
            ))
        } else {
            diag.with_help(t!(
                "un code département s'écrit 01 à 95, 2A, 2B ou 971 à 976",
                "a département code is 01 to 95, 2A, 2B or 971 to 976"
            ))
        };
        self.push(diag);
        None
    }

    fn commune(&mut self, id: NodeId) -> Option<Commune> {
        let mut f = self.fields(id, None, &["nom", "insee"])?;
        let nom = self.req(&mut f, "nom", |d, id, _| d.string(id));
        let insee = self.opt(&mut f, "insee", |d, id, _| d.string(id));
        self.finish(f);
        Some(Commune { nom: nom?, insee })
    }

    pub(super) fn periode(&mut self, id: NodeId, key: Span) -> Option<Periode> {
        let mut f = self.fields(id, Some(key), &["debut", "fin"])?;
        // A bound known to the year or the month spans it: the period
        // starts on its first day and ends on its last.
        let debut = self.req(&mut f, "debut", |d, id, _| d.flex_date(id));
        let fin = self.req(&mut f, "fin", |d, id, _| d.flex_date(id));
        self.finish(f);
        let (debut, fin) = (debut?, fin?);
        Some(Periode {
            debut: S::new(debut.value.first, debut.span, debut.key),
            fin: S::new(fin.value.last, fin.span, fin.key),
            ecrit: (debut.value, fin.value),
        })
    }

    fn signature(&mut self, id: NodeId, key: Span) -> Option<Signature> {
        let mut f = self.fields(id, Some(key), &["date", "lieu"])?;
        let mut date_a_completer = false;
        let date = self.opt(&mut f, "date", |d, id, _| {
            if matches!(&d.tree.node(id).kind,
                NodeKind::Scalar(s) if crate::text::placeholder::placeholder(&s.value).is_some())
            {
                date_a_completer = true;
                return None;
            }
            d.month_or_day(id)
        });
        let lieu = self.opt(&mut f, "lieu", |d, id, _| d.string(id));
        self.finish(f);
        Some(Signature {
            date,
            date_a_completer,
            lieu,
        })
    }

    fn signataire(&mut self, id: NodeId) -> Option<Signataire> {
        let mut f = self.fields(
            id,
            None,
            &[
                "organisme",
                "nom",
                "insee",
                "alias",
                "autorisation",
                "representants",
                "partie",
            ],
        )?;
        let organisme = self.req(&mut f, "organisme", |d, id, _| d.closed(id));
        let nom = self.req(&mut f, "nom", |d, id, _| d.string(id));
        let insee = self.opt(&mut f, "insee", |d, id, _| d.string(id));
        let alias = self.opt(&mut f, "alias", |d, id, _| d.string(id));
        let autorisation = self.opt(&mut f, "autorisation", |d, id, _| d.string(id));
        let representants = self.opt(&mut f, "representants", |d, id, _| {
            d.list(id, |d, i| d.representant(i))
        });
        let partie = self.opt(&mut f, "partie", |d, id, _| d.closed(id));
        self.finish(f);
        Some(Signataire {
            organisme: organisme?,
            nom: nom?,
            insee,
            alias,
            autorisation,
            representants,
            partie,
        })
    }

    fn representant(&mut self, id: NodeId) -> Option<Representant> {
        let mut f = self.fields(id, None, &["nom", "qualite", "civilite"])?;
        let nom = self.opt(&mut f, "nom", |d, id, _| d.string(id));
        let qualite = self.opt(&mut f, "qualite", |d, id, _| d.string(id));
        let civilite = self.opt(&mut f, "civilite", |d, id, _| d.closed(id));
        self.finish(f);
        Some(Representant {
            nom,
            qualite,
            civilite,
        })
    }

    fn diagnostic_partage(&mut self, id: NodeId, key: Span) -> Option<DiagnosticPartage> {
        let mut f = self.fields(id, Some(key), &["date", "constats"])?;
        let date = self.opt(&mut f, "date", |d, id, _| d.date(id));
        let constats = self.opt(&mut f, "constats", |d, id, _| d.strings(id));
        self.finish(f);
        Some(DiagnosticPartage {
            date,
            constats: constats.map(|c| c.value).unwrap_or_default(),
        })
    }

    fn axe(&mut self, id: NodeId) -> Option<Axe> {
        let mut f = self.fields(id, None, &["id", "intitule", "sdsf", "champs", "objectifs"])?;
        let axe_id = self.req(&mut f, "id", |d, id, _| d.string(id));
        let intitule = self.req(&mut f, "intitule", |d, id, _| d.string(id));
        let sdsf = self.opt(&mut f, "sdsf", |d, id, _| d.strings(id));
        let champs = self.opt(&mut f, "champs", |d, id, _| d.list(id, |d, i| d.closed(i)));
        let objectifs = self.opt(&mut f, "objectifs", |d, id, _| d.strings(id));
        self.finish(f);
        Some(Axe {
            id: axe_id?,
            intitule: intitule?,
            sdsf,
            champs,
            objectifs: objectifs.map(|o| o.value).unwrap_or_default(),
        })
    }

    fn action(&mut self, id: NodeId) -> Option<Action> {
        let mut f = self.fields(
            id,
            None,
            &[
                "id",
                "axe",
                "intitule",
                "champ",
                "pilote",
                "partenaires",
                "public",
                "communes",
                "calendrier",
                "indicateurs",
                "budget",
                "statut",
                "description",
            ],
        )?;
        let action_id = self.req(&mut f, "id", |d, id, _| d.string(id));
        let axe = self.req(&mut f, "axe", |d, id, _| d.string(id));
        let intitule = self.req(&mut f, "intitule", |d, id, _| d.string(id));
        let champ = self.req(&mut f, "champ", |d, id, _| d.closed(id));
        let pilote = self.opt(&mut f, "pilote", |d, id, _| d.string(id));
        let partenaires = self.opt(&mut f, "partenaires", |d, id, _| d.strings(id));
        let public = self.opt(&mut f, "public", |d, id, _| d.string(id));
        let communes = self.opt(&mut f, "communes", |d, id, _| d.strings(id));
        let calendrier = self.opt(&mut f, "calendrier", |d, id, k| d.calendrier(id, k));
        let indicateurs = self.opt(&mut f, "indicateurs", |d, id, _| {
            d.list(id, |d, i| d.indicateur(i))
        });
        let budget = self.opt(&mut f, "budget", |d, id, k| d.budget(id, k));
        let statut = self.opt(&mut f, "statut", |d, id, _| d.closed(id));
        let description = self.opt(&mut f, "description", |d, id, _| d.string(id));
        self.finish(f);
        Some(Action {
            id: action_id?,
            axe: axe?,
            intitule: intitule?,
            champ: champ?,
            pilote,
            partenaires: partenaires.map(|p| p.value).unwrap_or_default(),
            public,
            communes,
            calendrier,
            indicateurs,
            budget,
            statut,
            description,
        })
    }

    fn calendrier(&mut self, id: NodeId, key: Span) -> Option<Calendrier> {
        let mut f = self.fields(id, Some(key), &["debut", "fin"])?;
        let debut = self.opt(&mut f, "debut", |d, id, _| d.flex_date(id));
        let fin = self.opt(&mut f, "fin", |d, id, _| d.flex_date(id));
        self.finish(f);
        Some(Calendrier { debut, fin })
    }

    fn indicateur(&mut self, id: NodeId) -> Option<Indicateur> {
        let mut f = self.fields(
            id,
            None,
            &["libelle", "unite", "valeur_initiale", "cible", "realise"],
        )?;
        let libelle = self.req(&mut f, "libelle", |d, id, _| d.string(id));
        let unite = self.opt(&mut f, "unite", |d, id, _| d.string(id));
        use crate::model::FIGURES;
        let valeur_initiale =
            self.opt(&mut f, "valeur_initiale", |d, id, _| d.bounded(id, FIGURES));
        let cible = self.opt(&mut f, "cible", |d, id, _| d.bounded(id, FIGURES));
        let realise = self.opt(&mut f, "realise", |d, id, _| d.realise(id));
        self.finish(f);
        Some(Indicateur {
            libelle: libelle?,
            unite,
            valeur_initiale,
            cible,
            realise,
        })
    }

    /// `realise:` a number, or a mapping of years to numbers.
    fn realise(&mut self, id: NodeId) -> Option<Realise> {
        use crate::model::FIGURES;
        let NodeKind::Map(pairs) = &self.tree.node(id).kind else {
            return self.bounded(id, FIGURES).map(Realise::Valeur);
        };
        let mut years: Vec<(i32, S<f64>)> = Vec::with_capacity(pairs.len());
        let mut ok = true;
        for &(k, v) in pairs {
            let key = match &self.tree.node(k).kind {
                NodeKind::Scalar(s) => s.value.trim().to_string(),
                _ => String::new(),
            };
            let year = key
                .parse::<i32>()
                .ok()
                .filter(|y| crate::model::date::YEARS.contains(y) && key.len() == 4);
            let value = self.bounded(v, FIGURES);
            match (year, value) {
                (Some(y), Some(n)) if !years.iter().any(|(seen, _)| *seen == y) => {
                    years.push((
                        y,
                        crate::span::Spanned::new(n, self.tree.span(v), self.tree.span(k)),
                    ));
                }
                (Some(y), Some(_)) => {
                    ok = false;
                    self.push(Diagnostic::new(
                        &crate::load::codes::CTG002,
                        self.tree.span(k),
                        t!(
                            "l'année {y} est donnée deux fois",
                            "year {y} is given twice"
                        ),
                    ));
                }
                (None, _) => {
                    ok = false;
                    self.push(
                        Diagnostic::new(
                            &crate::load::codes::CTG002,
                            self.tree.span(k),
                            t!(
                                "« {key} » n'est pas une année (AAAA)",
                                "`{key}` is not a year (YYYY)"
                            ),
                        )
                        .with_help(t!(
                            "par exemple `realise: {{2023: 12, 2024: 18}}`",
                            "for example `realise: {{2023: 12, 2024: 18}}`"
                        )),
                    );
                }
                _ => ok = false,
            }
        }
        years.sort_by_key(|(y, _)| *y);
        ok.then_some(Realise::ParAnnee(years))
    }

    fn budget(&mut self, id: NodeId, key: Span) -> Option<Budget> {
        let mut f = self.fields(id, Some(key), &["montant", "financeurs"])?;
        let montant = self.opt(&mut f, "montant", |d, id, _| {
            d.bounded(id, crate::model::AMOUNTS)
        });
        let financeurs = self.opt(&mut f, "financeurs", |d, id, _| d.strings(id));
        self.finish(f);
        Some(Budget {
            montant,
            financeurs: financeurs.map(|p| p.value).unwrap_or_default(),
        })
    }

    fn pilotage(&mut self, id: NodeId, key: Span) -> Option<Pilotage> {
        let mut f = self.fields(id, Some(key), &["comite_pilotage", "comite_technique"])?;
        let comite_pilotage = self.opt(&mut f, "comite_pilotage", |d, id, k| d.comite(id, k));
        let comite_technique = self.opt(&mut f, "comite_technique", |d, id, k| d.comite(id, k));
        self.finish(f);
        Some(Pilotage {
            comite_pilotage,
            comite_technique,
        })
    }

    fn comite(&mut self, id: NodeId, key: Span) -> Option<Comite> {
        let mut f = self.fields(id, Some(key), &["frequence", "membres"])?;
        let frequence = self.opt(&mut f, "frequence", |d, id, _| d.string(id));
        let membres = self.opt(&mut f, "membres", |d, id, _| d.strings(id));
        self.finish(f);
        Some(Comite {
            frequence,
            membres: membres.map(|m| m.value).unwrap_or_default(),
        })
    }
}
