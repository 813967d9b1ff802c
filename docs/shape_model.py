#!/usr/bin/env python3
"""Fits the weights of src/layout/shape.rs: a logistic model of a passage's shape.

Usage: shape_model.py LABELS.json... [--cv] [--rust OUT.rs]
LABELS.json: a list of {"text": passage as search showed it, "kind": "readable" | "chart" | ...,
"judge": N} (readers' labels of search results, judges 24-53; passages sampled from the corpus
near the model's threshold and labelled by readers, judge >= 100; only "readable" and "chart"
are used). --cv cross-validates by groups of judges; --rust writes the weights.
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


# Classes of characters whose sequences the model reads (two and three in a
# row): what kind of character follows what, never which word.
CLASSES = 'HUDLECKNPOQTRSABXZ'
HAN_RUN_KEPT = 6
HAN_RUN_MARKS = (12, 25, 40)


def char_class(c):
    if is_han(c):
        return 'U' if c in UNIT else 'H'
    if '0' <= c <= '9':
        return 'D'
    if c.isascii() and c.isalpha():
        return 'L'
    if c in '。！？!?；;':
        return 'E'
    if c in '，,':
        return 'C'
    if c in '：:':
        return 'K'
    if c == '、':
        return 'N'
    if c in '%％':
        return 'P'
    if c in '（(':
        return 'O'
    if c in '）)':
        return 'Q'
    if c == '.':
        return 'T'
    if c in '-–—~～':
        return 'R'
    if c == '/':
        return 'S'
    if c in '《“"「':
        return 'A'
    if c in '》”」':
        return 'B'
    return 'X'


def class_sequence(text):
    """The passage as classes; a run of Han (not units) is kept to its first
    six and marked again at 12, 25 and 40, so that a long run without a
    pause shows as such and not as one trigram repeated."""
    text = unicodedata.normalize('NFKC', text).lower()
    out, run = [], 0
    for c in text:
        if c == ' ':
            continue
        k = char_class(c)
        if k == 'H':
            run += 1
            if run <= HAN_RUN_KEPT:
                out.append('H')
            elif run in HAN_RUN_MARKS:
                out.append('Z')
        else:
            run = 0
            out.append(k)
    return ''.join(out)


def ngram_counts(text):
    """Counts of class pairs and triples per 100 characters (spaces left out)."""
    seq = class_sequence(text)
    n = max(len(unicodedata.normalize('NFKC', text).replace(' ', '')), 1)
    counts = {}
    for k in (2, 3):
        for i in range(len(seq) - k + 1):
            g = seq[i:i + k]
            counts[g] = counts.get(g, 0) + 1
    return {g: v * 100 / n for g, v in counts.items()}


MIN_DF = 5
C = 0.1
# Folds of the cross-validation: groups of judges of search results. Labels
# of passages sampled from the corpus (judge >= 100) always stay in training.
GROUPS = [(24, 29), (29, 34), (34, 38), (38, 42), (42, 46), (46, 50), (50, 54)]


def load(paths):
    seen = {}
    for path in paths:
        for r in json.load(open(path)):
            if r['kind'] in ('readable', 'chart'):
                seen.setdefault(r['text'], (r['kind'] == 'chart', r.get('judge', 0)))
    return list(seen), [v[0] for v in seen.values()], [v[1] for v in seen.values()]


def fit(texts, y):
    """The model's raw weights: measures, n-grams, intercept."""
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    grams = [ngram_counts(t) for t in texts]
    df = {}
    for g in grams:
        for k in g:
            df[k] = df.get(k, 0) + 1
    vocab = sorted(k for k, v in df.items() if v >= MIN_DF)
    col = {k: i for i, k in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, g in enumerate(grams):
        for k, v in g.items():
            if k in col:
                rows.append(r); cols.append(col[k]); vals.append(v)
    g = csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))
    x = np.array([measures(t) for t in texts])
    scale = StandardScaler().fit(x)
    a = hstack([csr_matrix(scale.transform(x)), g]).tocsr()
    model = LogisticRegression(C=C, max_iter=5000).fit(a, np.array(y, dtype=int))
    coef = model.coef_[0]
    weights = coef[:12] / scale.scale_
    intercept = model.intercept_[0] - np.sum(coef[:12] * scale.mean_ / scale.scale_)
    ngrams = {k: coef[12 + i] for k, i in col.items() if abs(coef[12 + i]) > 1e-6}
    return weights, intercept, ngrams


def log_odds(model, text):
    weights, intercept, ngrams = model
    m = measures(text)
    return intercept + sum(w * v for w, v in zip(weights, m)) + sum(
        ngrams.get(k, 0.0) * v for k, v in ngram_counts(text).items())


def cross_validate(texts, y, judges):
    """Out-of-fold log-odds, one group of judges held out at a time, and the
    log-odds from which 0.8% and 1.5% of readable passages are taken."""
    import numpy as np
    y, judges = np.array(y), np.array(judges)
    out = np.zeros(len(texts))
    for lo, hi in GROUPS:
        held = (judges >= lo) & (judges < hi)
        if not held.any():
            continue
        model = fit([t for t, h in zip(texts, held) if not h], y[~held])
        for i in np.where(held)[0]:
            out[i] = log_odds(model, texts[i])
    scored = judges < 100
    readable = np.sort(out[scored & (y == 0)])[::-1]
    tables = scored & (y == 1)
    for fp in (0.004, 0.006, 0.008, 0.01, 0.015, 0.02):
        th = readable[int(fp * len(readable))]
        print(f'readable taken {fp:.3f}: log-odds {th:.3f}, tables found {((out > th) & tables).sum()} of {tables.sum()}')


def write_rust(model, path):
    weights, intercept, ngrams = model
    with open(path, 'w') as f:
        f.write('//! Weights of the shape model, written by `docs/shape_model.py` (then `cargo fmt`): do not edit.\n\n')
        f.write('/// Weights of the measures, in the order of `Measures::as_array`.\n')
        f.write('pub(super) const WEIGHTS: [f64; 12] = [\n')
        for w in weights:
            f.write(f'    {w:.6f},\n')
        f.write('];\n\n/// The model\'s intercept.\n')
        f.write(f'pub(super) const INTERCEPT: f64 = {intercept:.6f};\n\n')
        f.write('/// Weights of class pairs and triples (per 100 characters), by their classes.\n')
        f.write(f'pub(super) static NGRAMS: [(&str, f64); {len(ngrams)}] = [\n')
        for k in sorted(ngrams):
            f.write(f'    ("{k}", {ngrams[k]:.6f}),\n')
        f.write('];\n')


def read_rust(path):
    src = open(path).read()
    weights = [float(x) for x in re.search(r'WEIGHTS: \[f64; 12\] = \[([^\]]*)\]', src).group(1).replace(',', ' ').split()]
    intercept = float(re.search(r'INTERCEPT: f64 = ([-0-9.]+)', src).group(1))
    ngrams = {k: float(v) for k, v in re.findall(r'\("([A-Z]+)", ([-0-9.]+)\)', src)}
    return weights, intercept, ngrams


def main():
    if sys.argv[1] == '--measures':
        # --measures TEXT [WEIGHTS.rs]: what the model reads of TEXT, and
        # its log-odds by the weights written to WEIGHTS.rs (to check the port).
        print(measures(sys.argv[2]))
        print(class_sequence(sys.argv[2]))
        if len(sys.argv) > 3:
            print(log_odds(read_rust(sys.argv[3]), sys.argv[2]))
        return
    texts, y, judges = load([a for a in sys.argv[1:] if a.endswith('.json')])
    if '--cv' in sys.argv:
        cross_validate(texts, y, judges)
    model = fit(texts, y)
    out = sys.argv[sys.argv.index('--rust') + 1] if '--rust' in sys.argv else None
    if out:
        write_rust(model, out)
    print(f'{sum(y)} tables, {len(y) - sum(y)} readable; {len(model[2])} n-gram weights')


if __name__ == '__main__':
    main()
