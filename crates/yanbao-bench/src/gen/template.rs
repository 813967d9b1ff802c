//! Sentence templates: literal text with `{slot}`s that a report fills in.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Conn,
    Conn2,
    Co,
    Co2,
    Co3,
    Tk,
    Q,
    Amt,
    Chg,
    Chg2,
    T,
    T2,
    Adv,
    Pct,
    Pp,
    Pchg,
    Ind,
    Kpi,
    Vup,
    Vdown,
    Gco,
    Mdl,
    Mdl2,
    Biz,
    Yr,
    Yr0,
    Event,
    Num,
    Num2,
    Date,
    Judg,
    Judg2,
    Place,
    Usd,
    Usdp,
    Mult,
    Px,
    Src,
    Rank,
    IndRate,
    Univ,
    Month,
    Broker,
    CoFull,
    Person,
}

impl Slot {
    fn from_name(s: &str) -> Option<Slot> {
        use Slot::*;
        Some(match s {
            "conn" => Conn,
            "conn2" => Conn2,
            "co" => Co,
            "co2" => Co2,
            "co3" => Co3,
            "tk" => Tk,
            "q" => Q,
            "amt" => Amt,
            "chg" => Chg,
            "chg2" => Chg2,
            "t" => T,
            "t2" => T2,
            "adv" => Adv,
            "pct" => Pct,
            "pp" => Pp,
            "pchg" => Pchg,
            "ind" => Ind,
            "kpi" => Kpi,
            "vup" => Vup,
            "vdown" => Vdown,
            "gco" => Gco,
            "mdl" => Mdl,
            "mdl2" => Mdl2,
            "biz" => Biz,
            "yr" => Yr,
            "yr0" => Yr0,
            "event" => Event,
            "num" => Num,
            "num2" => Num2,
            "date" => Date,
            "judg" => Judg,
            "judg2" => Judg2,
            "place" => Place,
            "usd" => Usd,
            "usdp" => Usdp,
            "mult" => Mult,
            "px" => Px,
            "src" => Src,
            "rank" => Rank,
            "indrate" => IndRate,
            "univ" => Univ,
            "month" => Month,
            "broker" => Broker,
            "cofull" => CoFull,
            "person" => Person,
            _ => return None,
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Lit(&'static str),
    Slot(Slot),
}

/// Splits a template into literals and slots; an unknown `{name}` stays literal text.
pub fn parse_template(s: &'static str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        let Some(close_rel) = rest[open..].find('}') else {
            break;
        };
        let close = open + close_rel;
        if open > 0 {
            out.push(Piece::Lit(&rest[..open]));
        }
        match Slot::from_name(&rest[open + 1..close]) {
            Some(slot) => out.push(Piece::Slot(slot)),
            None => out.push(Piece::Lit(&rest[open..=close])),
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Lit(rest));
    }
    out
}

pub type Template = Vec<Piece>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gen::vocab;

    #[test]
    fn templates_have_only_known_slots() {
        let lists: [&[&str]; 5] = [
            vocab::SENTENCES,
            vocab::HEADLINES_CO,
            vocab::HEADLINES_IND,
            vocab::SECTION_HEADS,
            vocab::DISCLAIMER,
        ];
        for list in lists {
            for t in list {
                for p in parse_template(t) {
                    if let Piece::Lit(s) = p {
                        assert!(
                            !(s.starts_with('{') && s.ends_with('}')),
                            "unknown slot {s} in {t}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn parse_template_splits_slots() {
        assert_eq!(
            parse_template("a{co}b{nope}{pct}"),
            vec![
                Piece::Lit("a"),
                Piece::Slot(Slot::Co),
                Piece::Lit("b"),
                Piece::Lit("{nope}"),
                Piece::Slot(Slot::Pct)
            ]
        );
        assert_eq!(parse_template("x{open"), vec![Piece::Lit("x{open")]);
    }
}
