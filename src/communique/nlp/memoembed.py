"""The model's token embeddings computed once per distinct token: same vectors, less work.

Each ``Tok2Vec`` of the small English model (the shared one the tagger and parser
listen to, and the NER's own) begins with a ``MultiHashEmbed``: four to six hashed
lookups of the token's own values (NORM, PREFIX, SUFFIX, SHAPE, and for the shared one
SPACY and IS_SPACE), concatenated and mixed by a Maxout layer with layer
normalisation. Nothing in it looks at a neighbour, so a token's embedding is a function
of those values alone, yet spaCy computes it afresh for every token of every text
(measured: 9-10% of ``nlp.pipe`` on the news texts, mostly the Maxout's matrix product).

:func:`memoise_embeddings` puts a :class:`MemoEmbed` in front of each such layer: at
prediction time it looks every token's values up in a table, runs the model's own
layers only on the rows of values it has not seen, and returns the table's rows. The
context layers after it (the CNN, the parser, the NER) get the same arrays as before.
That the rows are the same bits is not taken for granted: a matrix product on some rows
of a batch must give what it gives on the whole batch, which holds for the BLIS kernels
spaCy uses here, and :func:`_rows_independent` checks it on each machine before the
memo is put in (where it does not hold, the layer is left as it is). Training
(``is_train``) always runs the model's own layers.

An embed layer of another shape (static vectors in the md/lg models, character
embeddings) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from spacy.language import Language
from thinc.api import Model

#: Distinct tokens remembered per layer before its table starts afresh (bounds memory:
#: 96 floats a row, ~77 MB at most per layer).
MAX_ROWS = 200_000
#: How the layer names of a ``MultiHashEmbed`` without static vectors begin, in order.
EMBED_SHAPE = (
    "extract_features",
    "list2ragged",
    "with_array(ints-getitem>>hashembed",
    "with_array(maxout",
    "ragged2list",
)


def memoise_embeddings(nlp: Language) -> list[str]:
    """Put a :class:`MemoEmbed` before each hash-embedding layer of ``nlp``'s models whose
    shape allows it; returns the names of the components changed."""
    changed = []
    for name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if not isinstance(model, Model):
            continue
        for parent in list(model.walk()):
            if parent.name.startswith("memo("):
                continue  # memoised already
            for i, layer in enumerate(parent.layers):
                if _is_hash_embed(layer) and _rows_independent(layer):
                    parent.layers[i] = MemoEmbed.wrap(layer)
                    changed.append(name)
    return changed


def _is_hash_embed(layer: Model) -> bool:
    names = [sub.name for sub in layer.layers]
    return len(names) == len(EMBED_SHAPE) and all(
        n.startswith(want) for n, want in zip(names, EMBED_SHAPE, strict=True)
    )


class MemoEmbed:
    """The table of one embedding layer: feature rows (as bytes) -> row of ``vectors``."""

    def __init__(self, layer: Model) -> None:
        extract, _to_ragged, embed, mix, _to_list = layer.layers
        self.layer = layer
        self.extract = extract
        #: values -> vectors of rows not seen before: the concatenated lookups, the Maxout
        self.embed: Callable[[Any], Any] = embed.predict
        self.mix: Callable[[Any], Any] = mix.layers[0].predict
        self.width = layer.get_dim("nO")
        self.reset()

    @classmethod
    def wrap(cls, layer: Model) -> Model:
        """A thinc layer that predicts through the table and trains through ``layer``."""
        memo = cls(layer)

        def forward(model: Model, docs: list, is_train: bool) -> tuple[Any, Callable]:
            if is_train or not docs:
                return layer(docs, is_train)
            return memo(model.ops, docs), _no_backprop

        return Model(
            f"memo({layer.name})",
            forward,
            layers=[layer],
            attrs={"memo": memo},
            dims={name: layer.maybe_get_dim(name) for name in layer.dim_names},
        )

    def reset(self) -> None:
        self.ids: dict[bytes, int] = {}
        self.vectors = numpy.zeros((1024, self.width), dtype=numpy.float32)

    def __call__(self, ops: Any, docs: list) -> list:
        features = self.extract.predict(docs)
        lengths = [len(f) for f in features]
        table = numpy.ascontiguousarray(numpy.concatenate(features), dtype=numpy.uint64)
        keys = table.view(numpy.dtype((numpy.void, 8 * table.shape[1]))).ravel().tolist()
        if len(self.ids) > MAX_ROWS:
            self.reset()
        ids = self.ids
        new: dict[bytes, int] = {}
        for i, key in enumerate(keys):
            if key not in ids and key not in new:
                new[key] = i
        if new:
            self._learn(table[list(new.values())], list(new))
        index = numpy.fromiter((ids[k] for k in keys), dtype=numpy.intp, count=len(keys))
        return ops.unflatten(self.vectors[index], ops.asarray1i(lengths))

    def _learn(self, rows: Any, keys: list[bytes]) -> None:
        vectors = self.mix(self.embed(numpy.ascontiguousarray(rows)))
        start = len(self.ids)
        end = start + len(keys)
        if end > len(self.vectors):
            grown = numpy.zeros((max(end, 2 * len(self.vectors)), self.width), dtype=numpy.float32)
            grown[:start] = self.vectors[:start]
            self.vectors = grown
        self.vectors[start:end] = vectors
        self.ids.update(zip(keys, range(start, end), strict=True))


def _no_backprop(_d: Any) -> list:
    raise RuntimeError("a memoised embedding layer does not train (is_train runs the model's own)")


#: Rows of random feature values for the check, and the subsets compared.
CHECK_ROWS = 600
CHECK_SUBSETS = (1, 5, 37, 200, 450)


def _rows_independent(layer: Model) -> bool:
    """Whether the layer's vectors of some rows equal its vectors of those rows computed
    within a larger batch, bit for bit, on this machine (module docstring)."""
    _extract, _to_ragged, embed, mix, _to_list = layer.layers
    n_attrs = len(embed.layers[0].layers)
    rng = numpy.random.default_rng(9)
    values = rng.integers(0, 2**63, size=(CHECK_ROWS, n_attrs), dtype=numpy.uint64)
    try:
        full = mix.layers[0].predict(embed.predict(values))
        for size in CHECK_SUBSETS:
            rows = numpy.sort(rng.choice(CHECK_ROWS, size=size, replace=False))
            part = mix.layers[0].predict(embed.predict(numpy.ascontiguousarray(values[rows])))
            if not numpy.array_equal(part, full[rows]):
                return False
    except (ValueError, TypeError, IndexError, AttributeError):
        return False  # not the layer we know: leave it alone
    return True
