//! CTG007–CTG008: the inline `# ctg: allow(CODE) raison` comments are
//! honest. Checked by [`crate::check::suppress`], where the comments are read.

crate::declare_rules! {
    /// Un commentaire `# ctg: allow(CODE) raison` doit nommer des codes qui
    /// existent et dire pourquoi le constat ne s'applique pas. Sans raison,
    /// il ne fait taire aucun constat.
    ///
    /// ## Pourquoi
    /// Faire taire une erreur change le résultat de la vérification (un
    /// dépôt passe au vert en CI). Celui qui relit la convention, ou le
    /// service juridique de la Caf, doit voir pourquoi elle ne vaut pas
    /// ici ; un code mal tapé (`CTG4O3`) ne ferait taire rien et laisserait
    /// croire le contraire. Les codes CTG001 à CTG005 disent que le fichier
    /// ne se lit pas : ils ne se font jamais taire.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// # ctg: allow(CTG403)
    /// # correct
    /// # ctg: allow(CTG403) axe propre au territoire, hors SDSF, voté en copil du 12 mars
    /// ```
    CTG007: Warning, "commentaire allow sans raison ou sur un code inconnu", "allow comment without a reason or on an unknown code";

    /// Un commentaire `allow` qui ne fait taire aucun constat est à retirer.
    ///
    /// ## Pourquoi
    /// Le constat qu'il visait a été corrigé, ou le commentaire n'est pas au
    /// bon endroit (il vaut pour le nœud qui suit, ligne suivante). Laissé
    /// là, il ferait taire sans bruit un constat futur sur ce nœud.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter : l'axe cite désormais le SDSF
    /// # ctg: allow(CTG403) axe hors SDSF
    /// - id: A1
    ///   sdsf: [petite-enfance]
    /// ```
    CTG008: Info, "commentaire allow sans effet", "allow comment that silences nothing";
}
