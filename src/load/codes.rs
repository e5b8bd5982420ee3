//! CTG001–CTG006: the file can be read as a convention or a referential.
//! Raised by loading (CTG001, CTG002 for tags), the schema (CTG002–CTG005)
//! and the check pipeline (CTG001 for size, CTG006); declared here, at the
//! lowest stage that raises them, and listed in the catalogue (`rules::all`).

crate::declare_rules! {
    /// Le fichier doit être du YAML valide, en UTF-8, avec un seul document
    /// et sans clé répétée dans un même bloc.
    ///
    /// ## Pourquoi
    /// Tant que le YAML ne se lit pas, ctg ne peut rien vérifier d'autre.
    /// Les erreurs les plus fréquentes viennent d'un copier-coller depuis un
    /// traitement de texte : tabulations, guillemets typographiques, encodage
    /// Windows (Latin-1), ou une clé écrite deux fois dont la seconde valeur
    /// effacerait la première sans bruit.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter : deux-points manquant, clé répétée
    /// territoire
    ///   nom: Communauté de communes de Bologne Vignory Froncles
    ///   nom: CCBVF
    /// # correct
    /// territoire:
    ///   nom: Communauté de communes de Bologne Vignory Froncles
    ///   sigle: CCBVF
    /// ```
    CTG001: Error + fixed, "syntaxe YAML invalide", "invalid YAML syntax";

    /// Chaque valeur doit avoir le type attendu : texte, nombre entier, date
    /// ISO réelle (`2023-02-30` n'existe pas) entre 1980 et 2100, nombre
    /// dans ses bornes, ou l'une des valeurs d'une liste fermée (champs,
    /// organismes, statuts), avec la plus proche proposée.
    ///
    /// ## Pourquoi
    /// Une date impossible ou un champ mal orthographié passerait inaperçu
    /// jusqu'à l'impression de la convention ; mieux vaut le voir à la ligne
    /// où il est écrit.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// champs: [petite-enfance, parentalité]
    /// periode: { debut: 2023-02-30, fin: 2027-12-31 }
    /// # correct
    /// champs: [petite_enfance, parentalite]
    /// periode: { debut: 2023-01-01, fin: 2027-12-31 }
    /// ```
    CTG002: Error + fixed, "type ou valeur invalide", "wrong type or invalid value";

    /// Les champs sans lesquels le document n'a pas de sens doivent être
    /// présents : le territoire, la période, le référentiel SDSF, les
    /// signataires, les champs, les axes et les actions ; dans une action son
    /// `id`, son `axe`, son `intitule` et son `champ`.
    ///
    /// ## Pourquoi
    /// Ce qu'un brouillon peut encore ignorer (pilote, indicateurs,
    /// représentants) relève de règles réglables ; le reste est la structure
    /// même d'une CTG.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// actions:
    ///   - id: "1.1"
    ///     axe: A1
    /// # correct
    /// actions:
    ///   - id: "1.1"
    ///     axe: A1
    ///     intitule: Créer un relais petite enfance itinérant
    ///     champ: petite_enfance
    /// ```
    CTG003: Error + fixed, "champ obligatoire absent", "required field missing";

    /// Toute clé doit faire partie du format ; une clé inconnue est signalée
    /// avec la clé connue la plus proche.
    ///
    /// ## Pourquoi
    /// Une clé mal écrite (`intitulé`, `période`) serait ignorée en silence
    /// et son contenu n'apparaîtrait jamais dans la convention imprimée.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// période: { debut: 2023-01-01, fin: 2027-12-31 }
    /// # correct
    /// periode: { debut: 2023-01-01, fin: 2027-12-31 }
    /// ```
    CTG004: Error + fixed, "champ inconnu", "unknown field";

    /// Le fichier doit annoncer ce qu'il est : `document: convention` ou
    /// `document: sdsf`, et `version: 1`.
    ///
    /// ## Pourquoi
    /// ctg ne vérifie que les formats qu'il connaît ; un fichier vide, une
    /// autre version du format ou un YAML sans rapport avec les CTG ne doit
    /// pas passer pour une convention valide.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// document: ctg
    /// # correct
    /// document: convention
    /// version: 1
    /// ```
    CTG005: Error + fixed, "type de document ou version non pris en charge", "unsupported document kind or version";

    /// Le référentiel SDSF cité par `sdsf:` doit exister, relatif au dossier
    /// de la convention, et être lui-même un référentiel valide.
    ///
    /// ## Pourquoi
    /// Une CTG décline le schéma départemental des services aux familles :
    /// sans son référentiel, ctg ne peut vérifier ni les orientations citées
    /// par les axes, ni la couverture des priorités du département.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (chemin relatif au dossier courant)
    /// sdsf: conventions/sdsf/88-vosges-2021.yaml
    /// # correct (relatif au dossier de la convention)
    /// sdsf: ../sdsf/88-vosges-2021.yaml
    /// ```
    CTG006: Error, "référentiel SDSF absent ou invalide", "SDSF referential missing or invalid";
}
