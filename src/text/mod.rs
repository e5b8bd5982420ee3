//! Text helpers every stage uses, knowing nothing of conventions: folding
//! and "did you mean" ([`suggest`]), what may reach a terminal
//! ([`terminal`]), placeholder marks ([`placeholder`]), and escaping for
//! each markup ([`escape`]), French grammar around names ([`francais`]).

pub mod escape;
pub mod figures;
pub mod francais;
pub mod placeholder;
pub mod suggest;
pub mod terminal;
