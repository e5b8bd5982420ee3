//! The closed lists of the format, each value with its YAML key and its
//! labels for documents and messages.

use crate::diagnostic::Lang;

/// A closed list of YAML keys, decoded generically by the schema stage.
pub trait Closed: Sized + Copy + 'static {
    /// The whole list, in catalogue order.
    const ALL: &'static [Self];
    /// "A value of this list", for messages: (fr, en).
    const EXPECTED: (&'static str, &'static str);
    /// "Unknown value of this list", for messages: (fr, en).
    const UNKNOWN: (&'static str, &'static str);
    fn key(self) -> &'static str;
    fn label(self, lang: Lang) -> &'static str;
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
}

macro_rules! closed_enum {
    ($(#[$meta:meta])* $name:ident ($exp_fr:literal, $exp_en:literal, $unk_fr:literal, $unk_en:literal) {
        $($variant:ident = $key:literal, $fr:literal, $en:literal;)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),* }

        impl Closed for $name {
            const ALL: &'static [Self] = &[$($name::$variant),*];
            const EXPECTED: (&'static str, &'static str) = ($exp_fr, $exp_en);
            const UNKNOWN: (&'static str, &'static str) = ($unk_fr, $unk_en);
            fn key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }
            fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::Fr) => $fr, ($name::$variant, Lang::En) => $en,)*
                }
            }
        }

        /// One of the keys, each with its French label for editors.
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "oneOf": [$({ "const": $key, "description": $fr }),*]
                })
            }
        }
    };
}

closed_enum! {
    /// The legal nature of the territory that signs with the Caf.
    Nature ("une nature de territoire", "a territory nature", "nature de territoire inconnue", "unknown territory nature") {
        Cc = "cc", "Communauté de communes", "Communauté de communes";
        Ca = "ca", "Communauté d'agglomération", "Communauté d'agglomération";
        Cu = "cu", "Communauté urbaine", "Communauté urbaine";
        Metropole = "metropole", "Métropole", "Métropole";
        Ept = "ept", "Établissement public territorial", "Établissement public territorial";
        Commune = "commune", "Commune", "Commune";
        Communes = "communes", "Communes sans leur EPCI", "Communes without their EPCI";
        Syndicat = "syndicat", "Syndicat intercommunal", "Intercommunal syndicate";
    }
}

closed_enum! {
    /// The kind of body a signatory is.
    Organisme ("un type d'organisme", "a kind of body", "type d'organisme inconnu", "unknown kind of body") {
        Caf = "caf", "Caisse d'allocations familiales", "Family allowance fund (Caf)";
        Epci = "epci", "Intercommunalité", "Intercommunality (EPCI)";
        Cd = "cd", "Conseil départemental", "Departmental council";
        Msa = "msa", "Mutualité sociale agricole", "Agricultural social insurance (MSA)";
        Commune = "commune", "Commune", "Commune";
        Syndicat = "syndicat", "Syndicat intercommunal", "Intercommunal syndicate";
        Etat = "etat", "État", "State";
        Carsat = "carsat", "Carsat", "Carsat";
        Cpam = "cpam", "Caisse primaire d'assurance maladie", "Health insurance fund (CPAM)";
        Autre = "autre", "Autre partenaire", "Other partner";
    }
}

closed_enum! {
    /// The shared fields of intervention of a CTG.
    Champ ("un champ d'intervention", "a field of intervention", "champ d'intervention inconnu", "unknown field of intervention") {
        PetiteEnfance = "petite_enfance", "Petite enfance", "Early childhood";
        Enfance = "enfance", "Enfance", "Childhood";
        Jeunesse = "jeunesse", "Jeunesse", "Youth";
        Parentalite = "parentalite", "Parentalité", "Parenting support";
        AnimationVieSociale = "animation_vie_sociale", "Animation de la vie sociale", "Community life";
        AccesAuxDroits = "acces_aux_droits", "Accès aux droits", "Access to rights";
        InclusionNumerique = "inclusion_numerique", "Inclusion numérique", "Digital inclusion";
        LogementCadreDeVie = "logement_cadre_de_vie", "Logement et cadre de vie", "Housing and living environment";
        Handicap = "handicap", "Handicap", "Disability";
        AccompagnementSocial = "accompagnement_social", "Accompagnement social", "Social support";
        Insertion = "insertion", "Insertion", "Social and professional integration";
        Mobilite = "mobilite", "Mobilité", "Mobility";
        SeniorsAutonomie = "seniors_autonomie", "Seniors et autonomie", "Seniors and autonomy";
        Sante = "sante", "Santé", "Health";
    }
}

closed_enum! {
    /// Where a convention stands; `signee` turns on the signature-stage rules.
    StatutConvention ("un statut de convention", "a convention status", "statut de convention inconnu", "unknown convention status") {
        Projet = "projet", "Projet", "Draft";
        Signee = "signee", "Signée", "Signed";
    }
}

closed_enum! {
    /// Where an action of the plan stands.
    StatutAction ("un statut d'action", "an action status", "statut d'action inconnu", "unknown action status") {
        Prevue = "prevue", "Prévue", "Planned";
        EnCours = "en_cours", "En cours", "In progress";
        Realisee = "realisee", "Réalisée", "Done";
        Abandonnee = "abandonnee", "Abandonnée", "Dropped";
    }
}

closed_enum! {
    /// The kinds of files ctg reads (`document:`).
    DocumentKind ("un type de document", "a document kind", "type de document inconnu", "unknown document kind") {
        Convention = "convention", "Convention", "Convention";
        Sdsf = "sdsf", "Référentiel SDSF", "SDSF referential";
        Modele = "modele", "Modèle de convention", "Convention model";
    }
}

closed_enum! {
    /// What ctg prints of the convention's facts in an article or an annex
    /// of the model.
    Contenu ("un contenu imprimé par ctg", "a content ctg prints", "contenu inconnu", "unknown content") {
        Champs = "champs", "Les champs d'intervention partagés", "The shared fields";
        Territoire = "territoire", "Le territoire, ses communes et le diagnostic", "The territory, its communes and the diagnostic";
        Axes = "axes", "Les axes et les orientations du SDSF qu'ils déclinent", "The axes and the SDSF orientations they decline";
        Plan = "plan", "Le tableau du plan d'actions", "The action plan table";
        Pilotage = "pilotage", "Les instances de pilotage", "The steering bodies";
        Suivi = "suivi", "Les indicateurs de suivi", "The indicators";
        Fiches = "fiches", "Les fiches actions", "The action sheets";
    }
}

closed_enum! {
    /// Which side of the agreement a party signs on: "d'une part" (the
    /// Caf and the institutions) or "d'autre part" (the territory).
    Partie ("« une » ou « autre »", "`une` or `autre`", "partie inconnue", "unknown side") {
        Une = "une", "d'une part", "on the one hand";
        Autre = "autre", "d'autre part", "on the other hand";
    }
}

closed_enum! {
    /// How a representative is addressed, which settles the agreement.
    Civilite ("une civilité", "a civility", "civilité inconnue", "unknown civility") {
        Madame = "madame", "Mme", "Ms";
        Monsieur = "monsieur", "M.", "Mr";
    }
}
