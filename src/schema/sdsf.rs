//! Schema of `document: sdsf`, version 1 (the fields are described by `ctg schema sdsf`).

use super::{Decoder, Fields};
use crate::load::NodeId;
use crate::model::{Orientation, PeriodeSdsf, Sdsf};
use crate::span::Span;

impl<'t> Decoder<'t, '_> {
    pub(super) fn sdsf(&mut self, mut f: Fields<'t>, span: Span) -> Option<Sdsf> {
        f.known = &[
            "document",
            "version",
            "departement",
            "intitule",
            "periode",
            "signataires",
            "orientations",
        ];
        let departement = self.req(&mut f, "departement", |d, id, _| d.departement(id));
        let intitule = self.req(&mut f, "intitule", |d, id, _| d.string(id));
        let periode = self.opt(&mut f, "periode", |d, id, k| d.periode_sdsf(id, k));
        let signataires = self.opt(&mut f, "signataires", |d, id, _| d.strings(id));
        let orientations = self.req(&mut f, "orientations", |d, id, k| {
            d.non_empty_list(id, k, |d, i| d.orientation(i))
        });
        self.finish(f);
        let orientations = orientations?;
        let mut index = std::collections::HashMap::new();
        for (i, o) in orientations.iter().enumerate() {
            index.entry(o.id.value.clone()).or_insert(i);
        }
        Some(Sdsf {
            span,
            departement: departement?,
            intitule: intitule?,
            periode,
            signataires: signataires.map(|s| s.value).unwrap_or_default(),
            orientations,
            index,
        })
    }

    fn periode_sdsf(&mut self, id: NodeId, key: Span) -> Option<PeriodeSdsf> {
        let mut f = self.fields(id, Some(key), &["debut", "fin"])?;
        let debut = self.opt(&mut f, "debut", |d, id, _| d.flex_date(id));
        let fin = self.opt(&mut f, "fin", |d, id, _| d.flex_date(id));
        self.finish(f);
        Some(PeriodeSdsf { debut, fin })
    }

    fn orientation(&mut self, id: NodeId) -> Option<Orientation> {
        let mut f = self.fields(id, None, &["id", "intitule", "champs", "prioritaire"])?;
        let oid = self.req(&mut f, "id", |d, id, _| d.string(id));
        let intitule = self.req(&mut f, "intitule", |d, id, _| d.string(id));
        let champs = self.opt(&mut f, "champs", |d, id, _| d.list(id, |d, i| d.closed(i)));
        let prioritaire = self.opt(&mut f, "prioritaire", |d, id, _| d.boolean(id));
        self.finish(f);
        Some(Orientation {
            id: oid?,
            intitule: intitule?,
            champs: champs.map(|c| c.value).unwrap_or_default(),
            prioritaire: prioritaire.is_some_and(|p| p.value),
        })
    }
}
