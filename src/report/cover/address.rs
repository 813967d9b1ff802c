//! Street addresses without a label, as a broker's contact page lists its
//! offices (`青山路88号某某大厦12层,100011`): fields of a contact block.

/// Characters a street address's name may have before its number: the
/// city, district and road (`某州市北湖区青山路`), at most.
const ADDRESS_LEAD: usize = 12;

/// Street addresses without a label, as a broker's contact page lists its
/// offices: a road's number, a building, its floor, maybe the postcode
/// (`青山路88号某某大厦12层,100000`, `…中心七楼`). Each is a field; the
/// name of the road before the number, Han characters only, is its start.
pub(super) fn street_addresses(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let is_number = |c: char| c.is_ascii_digit() || chinese_digit(c);
    for i in 1..chars.len() {
        if chars[i] != '号' || !chars[i - 1].is_ascii_digit() {
            continue;
        }
        let digits = chars[..i]
            .iter()
            .rev()
            .take(5)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits > 4 {
            continue;
        }
        // The building and its floor: `某某大厦12层`, `a座28层`, `七楼`.
        let Some(floor) = (i + 1..(i + 20).min(chars.len()))
            .find(|&k| matches!(chars[k], '楼' | '层') && is_number(chars[k - 1]) && k > i + 1)
        else {
            continue;
        };
        if !chars[i + 1..floor]
            .iter()
            .all(|&c| crate::text::chars::is_han(c) || c.is_ascii_alphanumeric())
        {
            continue;
        }
        let mut end = floor + 1;
        // The postcode: `,100034`.
        if matches!(chars.get(end), Some(',' | '，'))
            && chars[end + 1..]
                .iter()
                .take(7)
                .take_while(|c| c.is_ascii_digit())
                .count()
                == 6
        {
            end += 7;
        }
        let number = i - digits;
        let lead = chars[..number]
            .iter()
            .rev()
            .take(ADDRESS_LEAD)
            .take_while(|&&c| crate::text::chars::is_han(c))
            .count();
        out.push((number - lead, end));
    }
    out
}

fn chinese_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

#[cfg(test)]
mod tests {
    use crate::report::cover::tests::blocks;

    #[test]
    fn a_brokers_office_addresses_are_a_contact_block() {
        let text = "本公司保留一切权利。某某证券研究所:北京某州市北湖区青山路88号某某大厦12层,100011上海浦江区江边路1000号某某中心七楼,200120电话:010-12345678";
        let found = blocks(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains(":北京某州市北湖区青山路88号"),
            "{found:?}"
        );
        assert!(found[0].ends_with("电话:010-12345678"), "{found:?}");
        // A plant's address in prose, alone, is prose.
        assert!(blocks("公司新建的工厂位于青山路88号,一期3号楼已投产。").is_empty());
    }
}
