#!/usr/bin/env python3
"""Writes a generated blog for benchmarking folio, alone or side by side with Hugo or Zola.

Content (--content):
  math   every page: prose, about 25 formulas inline and display, one fenced code block,
         one table, two tags. About half the formulas come from a pool shared by all pages
         (the notation a blog reuses), the rest are unique to the page, so a cold build
         renders roughly 12 * PAGES + POOL distinct formulas.
  plain  the same pages with prose in place of every formula.
  rust   no math: four highlighted Rust blocks, lists and links a page, two tags (the
         shape of the blogs Zola builds).
Shape (--shape):
  hugo   Hugo-shaped TOML front matter; config.toml for folio, and hugo.toml and layouts/
         for Hugo (math through transform.ToMath), so both build the same folder.
  zola   Zola's front matter ([taxonomies]), config.toml and templates/.
The output depends only on the arguments (fixed seed).

    scripts/gen-math-corpus.py --pages 1000 --out /tmp/site
    scripts/gen-math-corpus.py --pages 1000 --content rust --shape zola --out /tmp/zola
"""

import argparse
import random
from pathlib import Path

import bench_sites

FORMULAS_PER_PAGE = 25
SHARED_PER_PAGE = 12
SHARED_POOL = 300
DISPLAY_SHARE = 0.4
TAGS = ["statistics", "optimisation", "linear-algebra", "probability", "deep-learning",
        "information-theory", "kernels", "bayes"]

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




def page_formulas(rng, number, pool):
    shared = rng.sample(pool, SHARED_PER_PAGE)
    unique = []
    while len(unique) < FORMULAS_PER_PAGE - SHARED_PER_PAGE:
        tex = formula(rng, rng.choice(SALTABLE), salt=number * 16 + len(unique))
        if tex not in unique:
            unique.append(tex)
    formulas = shared + unique
    rng.shuffle(formulas)
    return formulas


def code_block(rng, number):
    """A short Python function, different on every page."""
    name = rng.choice(WORDS)
    return ["```python", f"def {name}_step_{number}(theta, grad, lr={rng.randint(1, 9) / 100}):",
            f'    """Moves the {name} one step against the gradient."""',
            "    for i, g in enumerate(grad):",
            f"        theta[i] -= lr * g  # {rng.choice(WORDS)}",
            "    return theta", "```", ""]


def table(rng):
    rows = ["| method | accuracy | steps |", "| --- | ---: | ---: |"]
    for _ in range(4):
        rows.append(f"| {rng.choice(WORDS)} {rng.choice(WORDS)} | "
                    f"{rng.uniform(0.5, 0.99):.3f} | {rng.randint(100, 9999)} |")
    return rows + [""]


def math_body(rng, number, pool, with_math):
    lines = [prose(rng, 4), ""]
    for k, tex in enumerate(page_formulas(rng, number, pool)):
        if k % 5 == 0:
            lines += [f"## Part {k // 5 + 1}", ""]
        display = rng.random() < DISPLAY_SHARE or "\\begin" in tex
        if not with_math:
            lines += [prose(rng, 3 if display else 2), ""]
        elif display:
            lines += [prose(rng, 2) + " We have", "", "$$", tex, "$$", "", prose(rng, 1), ""]
        else:
            lines += [f"{prose(rng, 1)} Write ${tex}$ for short. {prose(rng, 1)}", ""]
        if k == 12:
            lines += code_block(rng, number)
        if k == 18:
            lines += table(rng)
    return lines


def rust_block(rng, number, k):
    name = f"{rng.choice(WORDS)}_{number}_{k}"
    return ["```rust", f"pub fn {name}(items: &[f64]) -> Option<f64> {{",
            "    if items.is_empty() {", "        return None;", "    }",
            f"    let total: f64 = items.iter().map(|x| x * {rng.randint(2, 9)}.0).sum();",
            "    Some(total / items.len() as f64)", "}", "```", ""]


def rust_body(rng, number, pages):
    lines = [prose(rng, 3), "", "<!--more-->", ""]
    for k in range(4):
        lines += [f"## Step {k + 1}", "", prose(rng, 2), ""]
        lines += [f"- {prose(rng, 1)}" for _ in range(3)] + [""]
        other = rng.randint(1, pages)
        lines += [f"See [part {other}](/posts/post-{other:05d}/) on the {rng.choice(WORDS)}.", ""]
        lines += rust_block(rng, number, k)
    return lines


def front_matter(rng, number, shape):
    tags = str(rng.sample(TAGS, 2)).replace("'", '"')
    title = f"Notes on {rng.choice(WORDS)} and {rng.choice(WORDS)}, part {number}"
    date = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}T09:00:00Z"
    terms = ["[taxonomies]"] if shape == "zola" else []
    return ["+++", f'title = "{title}"', f"date = {date}", *terms, f"tags = {tags}",
            'categories = ["Notes"]', "+++", ""]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--content", choices=["math", "plain", "rust"], default="math")
    parser.add_argument("--shape", choices=["hugo", "zola"], default="hugo")
    parser.add_argument("--paginate-by", type=int, default=0,
                        help="posts per page of the posts' list (0: one page; Zola: 10)")
    args = parser.parse_args()

    rng = random.Random(20240501)
    pool = set()
    while len(pool) < SHARED_POOL:
        pool.add(formula(rng, rng.choice(TEMPLATES)))
    pool = sorted(pool)

    bench_sites.write(args.out, args.shape, args.paginate_by)
    posts = args.out / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for number in range(1, args.pages + 1):
        lines = front_matter(rng, number, args.shape)
        if args.content == "rust":
            lines += rust_body(rng, number, args.pages)
        else:
            lines += math_body(rng, number, pool, args.content == "math")
        (posts / f"post-{number:05d}.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
