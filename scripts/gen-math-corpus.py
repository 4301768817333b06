#!/usr/bin/env python3
"""Writes a math-heavy folio site for benchmarking: config.toml and content/posts/*.md.

Each page has a few sections of prose and about 25 formulas, inline and display. About
half the formulas come from a pool shared by all pages (the notation a blog reuses), the
other half are unique to the page, so a cold build renders roughly 12 * PAGES + POOL
distinct formulas. The output depends only on the arguments (fixed seed).

    scripts/gen-math-corpus.py --pages 1000 --out /tmp/site
"""

import argparse
import random
from pathlib import Path

FORMULAS_PER_PAGE = 25
SHARED_PER_PAGE = 12
SHARED_POOL = 300
DISPLAY_SHARE = 0.4

CONFIG = """\
base_url = "https://bench.example/"
title = "Math benchmark"
description = "A generated math-heavy site."
taxonomies = ["tags", "categories"]

[math]
errors = "error"

[math.macros]
"\\\\R" = "\\\\mathbb{R}"
"\\\\E" = "\\\\mathbb{E}"
"""

# Formula templates in the style of ML and statistics writing. Placeholders: {a} {b} {c}
# are Latin variables, {g} {h} Greek letters, {i} {j} index letters, {n} {m} integers.
TEMPLATES = [
    r"\mathcal{{L}}(\{g}) = -\frac{{1}}{{{n}}} \sum_{{{i}=1}}^{{{n}}} \log p_\{g}({b}_{i} \mid {a}_{i})",
    r"\E_{{{a} \sim p}}\left[ f({a}) \right] \approx \frac{{1}}{{{n}}} \sum_{{{i}=1}}^{{{n}}} f({a}_{i})",
    r"{a} \in \R^{{{n} \times {m}}}",
    r"\lVert {a} - {b} \rVert_2^2 = \sum_{{{i}=1}}^{{{n}}} ({a}_{i} - {b}_{i})^2",
    r"\operatorname{{softmax}}({c})_{i} = \frac{{e^{{{c}_{i} / \{h}}}}}{{\sum_{{{j}=1}}^{{{m}}} e^{{{c}_{j} / \{h}}}}}",
    r"\nabla_\{g} \mathcal{{L}} = \sum_{{{i}=1}}^{{{n}}} \left( \sigma(\{g}^\top {a}_{i}) - {b}_{i} \right) {a}_{i}",
    r"\{g}_{{t+1}} = \{g}_t - \{h} \, \nabla \mathcal{{L}}(\{g}_t), \qquad \{h} = 10^{{-{m}}}",
    r"p({a} \mid {b}) = \frac{{p({b} \mid {a}) \, p({a})}}{{\int p({b} \mid {a}') \, p({a}') \, d{a}'}}",
    r"\operatorname{{KL}}(P \,\Vert\, Q) = \sum_{{{a}}} P({a}) \log \frac{{P({a})}}{{Q({a})}} \ge 0",
    r"\begin{{aligned}} {a} &= W_{n} {b} + {c} \\ {b} &= \operatorname{{ReLU}}(W_{m} {a}) \end{{aligned}}",
    r"\begin{{pmatrix}} {a}_{{11}} & {a}_{{12}} \\ {a}_{{21}} & {a}_{{22}} \end{{pmatrix}} \begin{{pmatrix}} {b}_1 \\ {b}_2 \end{{pmatrix}} = \begin{{pmatrix}} {n} \\ {m} \end{{pmatrix}}",
    r"\operatorname*{{arg\,min}}_{{\{g}}} \sum_{{{i}=1}}^{{{n}}} \ell\left( f_\{g}({a}_{i}), {b}_{i} \right) + \frac{{\{h}}}{{2}} \lVert \{g} \rVert^2",
    r"\Pr\left[ \left| \bar{{{a}}}_{n} - \mu \right| \ge \epsilon \right] \le 2 \exp\left( -\frac{{{n} \epsilon^2}}{{{m}}} \right)",
    r"\operatorname{{Attention}}(Q, K, V) = \operatorname{{softmax}}\!\left( \frac{{Q K^\top}}{{\sqrt{{{n}}}}} \right) V",
    r"{a}_t = \{g} \, {a}_{{t-1}} + (1 - \{g}) \, {b}_t, \quad \{g} = 0.{n}",
    r"\underbrace{{\E[({a} - \hat{{{a}}})^2]}}_{{\text{{MSE}}}} = \operatorname{{Var}}(\hat{{{a}}}) + \operatorname{{Bias}}(\hat{{{a}}})^2",
    r"f({a}) = \begin{{cases}} {a}^2 & {a} \ge {n}, \\ {m} {a} & \text{{otherwise}} \end{{cases}}",
    r"\det\left( {c} - \{h} I \right) = 0",
    r"\sigma({a}) = \frac{{1}}{{1 + e^{{-{a}}}}}, \qquad \sigma'({a}) = \sigma({a})(1 - \sigma({a}))",
    r"\mathcal{{N}}({a} \mid \mu, \Sigma) = \frac{{1}}{{(2\pi)^{{{n}/2}} |\Sigma|^{{1/2}}}} \exp\left( -\tfrac{{1}}{{2}} ({a} - \mu)^\top \Sigma^{{-1}} ({a} - \mu) \right)",
    r"\{g}^\star = ({a}^\top {a} + \{h} I_{n})^{{-1}} {a}^\top {b}",
    r"H(p) = -\sum_{{{i}=1}}^{{{n}}} p_{i} \log_2 p_{i} \le \log_2 {n}",
    r"\int_0^{{{n}}} {a}^{m} \, d{a} = \frac{{{n}^{{{m}+1}}}}{{{m}+1}}",
    r"{c}_{{{i}{j}}} = \sum_{{k=1}}^{{{n}}} {a}_{{{i}k}} {b}_{{k{j}}}",
    r"\lim_{{{n} \to \infty}} \left( 1 + \frac{{{a}}}{{{n}}} \right)^{{{n}}} = e^{{{a}}}",
    r"\hat{{{b}}} = \{g}_0 + \sum_{{{j}=1}}^{{{m}}} \{g}_{j} {a}_{j}",
    r"\text{{F}}_1 = \frac{{2 \cdot \text{{precision}} \cdot \text{{recall}}}}{{\text{{precision}} + \text{{recall}}}} = 0.{n}",
    r"W' = W + \frac{{\{h}}}{{{m}}} B A, \quad B \in \R^{{{n} \times {m}}}",
]
# Templates that show {n}, so a page's salt makes them unique to it.
SALTABLE = [t for t in TEMPLATES if "{n}" in t]
LATIN = "xyzuvwhqrs"
GREEK = ["theta", "alpha", "beta", "gamma", "lambda", "eta", "tau", "phi", "psi", "omega"]
INDICES = "ijkl"

WORDS = (
    "model data loss training gradient estimate sample distribution feature layer weight "
    "parameter update batch error bound variance bias signal kernel matrix vector space "
    "prior posterior likelihood objective constraint solution method result experiment "
    "baseline accuracy learning rate step norm projection embedding token sequence"
).split()
SENTENCES = [
    "The {w} and the {w} interact in a way that is easy to miss on first reading.",
    "In practice the {w} dominates, so we keep an eye on the {w} throughout.",
    "This is why a careful {w} matters more than a clever {w}.",
    "We return to the {w} below, once the {w} is in place.",
    "Nothing here depends on the particular {w}; any reasonable {w} behaves the same.",
    "A small {w} changes the {w} only slightly, which the next section makes precise.",
    "The same argument applies to every {w} we have seen so far.",
]


def formula(rng, template, salt=None):
    """Fills a template; `salt` (a page number) makes the integers unique to a page."""
    n = rng.randint(2, 64) if salt is None else 100 + salt
    return template.format(
        a=rng.choice(LATIN),
        b=rng.choice(LATIN),
        c=rng.choice("ABCMWZ"),
        g=rng.choice(GREEK),
        h=rng.choice(GREEK),
        i=rng.choice(INDICES),
        j=rng.choice(INDICES),
        n=n,
        m=rng.randint(2, 9) if salt is None else rng.randint(10, 99),
    )


def prose(rng, sentences):
    return " ".join(rng.choice(SENTENCES).replace("{w}", "{}").format(
        rng.choice(WORDS), rng.choice(WORDS)) for _ in range(sentences))


def page(rng, number, pool):
    shared = rng.sample(pool, SHARED_PER_PAGE)
    unique = []
    while len(unique) < FORMULAS_PER_PAGE - SHARED_PER_PAGE:
        tex = formula(rng, rng.choice(SALTABLE), salt=number * 16 + len(unique))
        if tex not in unique:
            unique.append(tex)
    formulas = shared + unique
    rng.shuffle(formulas)
    tags = rng.sample(["statistics", "optimisation", "linear-algebra", "probability",
                       "deep-learning", "information-theory", "kernels", "bayes"], 2)
    lines = [
        "+++",
        f'title = "Notes on {rng.choice(WORDS)} and {rng.choice(WORDS)}, part {number}"',
        f"date = 2024-{1 + number % 12:02d}-{1 + number % 28:02d}T09:00:00Z",
        f"tags = {tags!r}".replace("'", '"'),
        'categories = ["Notes"]',
        "+++",
        "",
        prose(rng, 4),
        "",
    ]
    for k, tex in enumerate(formulas):
        if k % 5 == 0:
            lines += [f"## Part {k // 5 + 1}", ""]
        if rng.random() < DISPLAY_SHARE or "\\begin" in tex:
            lines += [prose(rng, 2) + " We have", "", "$$", tex, "$$", "", prose(rng, 1), ""]
        else:
            lines += [f"{prose(rng, 1)} Write ${tex}$ for short. {prose(rng, 1)}", ""]
        if k == 12 and number % 4 == 0:
            lines += ["```python", "def step(theta, grad, lr=0.1):",
                      "    return theta - lr * grad", "```", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    rng = random.Random(20240501)
    pool = set()
    while len(pool) < SHARED_POOL:
        pool.add(formula(rng, rng.choice(TEMPLATES)))
    pool = sorted(pool)

    posts = args.out / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    (args.out / "config.toml").write_text(CONFIG)
    (posts / "_index.md").write_text('+++\ntitle = "Posts"\n+++\n')
    for number in range(1, args.pages + 1):
        (posts / f"post-{number:05d}.md").write_text(page(rng, number, pool))


if __name__ == "__main__":
    main()
