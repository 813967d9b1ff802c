#!/usr/bin/env python3
"""Fits the weights of src/layout/shape.rs: a logistic model of a passage's shape.

Usage: shape_model.py LABELS.json
LABELS.json: a list of {"text": passage as search showed it, "kind": "readable" | "chart" | ...}
(readers' labels of search results; only "readable" and "chart" are used).
Prints the weights and the intercept in the order of `Measures::as_array`, and the
measures of a text given with --measures TEXT (to check the Rust port).

Requires numpy and scikit-learn. The labels are readers' judgements of third parties'
texts and are not in the repository.
"""
import json, math, re, sys, unicodedata

ENDS = set('。！？!?；;')
PAUSES = set('，,：:')
UNIT = set('年月日号亿万千百元倍个家款项次人例台件支瓶吨期天周季度点位名种类批条只张床所岁克升米秒分时组套片粒剂代辆版轮级线座股笔份层成折')


def is_han(c):
    return '\u4e00' <= c <= '\u9fff'


def stretches(cs):
    """Lengths of the stretches between pauses (layout::cells::stretches with stops)."""
    out, st, n = [], 0, len(cs)
    for i, c in enumerate(cs):
        in_fig = c in ',.' and i > 0 and cs[i - 1].isdigit() and i + 1 < n and cs[i + 1].isdigit()
        if (c in '。,，;；:：、!?！？' or c == '.') and not in_fig:
            out.append(st)
            st = 0
            continue
        st += 1
    out.append(st)
    return out


def measures(text):
    text = unicodedata.normalize('NFKC', text).lower()
    cs = [c for c in text if c != ' ']
    n = max(len(cs), 1)
    st = stretches(cs)
    bare = sum(1 for i in range(len(cs) - 1) if cs[i].isdigit() and is_han(cs[i + 1]) and cs[i + 1] not in UNIT)
    hanlat = sum(1 for i in range(1, len(cs))
                 if (is_han(cs[i - 1]) and cs[i].isascii() and cs[i].isalpha())
                 or (is_han(cs[i]) and cs[i - 1].isascii() and cs[i - 1].isalpha()))
    s = ''.join(cs)
    sentences = re.split('[。！？!?；;]', s)
    return [
        math.log(n),
        sum(c in ENDS for c in cs) * 100 / n,
        sum(c in PAUSES for c in cs) * 100 / n,
        sum(c == '、' for c in cs) * 100 / n,
        sum(x for x in st if x >= 25) / n,
        max(st) / 100,
        bare * 100 / n,
        hanlat * 100 / n,
        1.0 if re.search(r'[图表]\d', s) else 0.0,
        s.count('资料来源'),
        max(len(x) for x in sentences) / n,
        len(sentences[-1]) / n,
    ]


def main():
    if sys.argv[1] == '--measures':
        print(measures(sys.argv[2]))
        return
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    seen = {}
    for r in json.load(open(sys.argv[1])):
        if r['kind'] in ('readable', 'chart'):
            seen.setdefault(r['text'], r['kind'] == 'chart')
    x = np.array([measures(t) for t in seen])
    y = np.array(list(seen.values()), dtype=int)
    scale = StandardScaler().fit(x)
    model = LogisticRegression(C=1.0, max_iter=3000).fit(scale.transform(x), y)
    weights = model.coef_[0] / scale.scale_
    intercept = model.intercept_[0] - np.sum(model.coef_[0] * scale.mean_ / scale.scale_)
    print('weights', [round(w, 6) for w in weights])
    print('intercept', round(intercept, 6))


if __name__ == '__main__':
    main()
