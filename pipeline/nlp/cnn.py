"""slovnet's word embedding and CNN encoder computed channel-last: the same floats as the library's own
modules, without its transposes, `np.pad` and strided im2col gather (a third of a layer's time, issue 14)."""

from __future__ import annotations


def encode_batch(model, word_id, shape_id, pad_mask):
    """The encoder's output (batch × words × features) of a slovnet tagger or parser, as `model.encoder`
    returns it after `model.emb`.

    Only the layout differs from the library, never an operation's operands: every matrix product gets the
    same matrix (so BLAS sums in the same order), and ReLU and batch norm are the library's own modules.
    """
    x = _embedded(model.emb, word_id, shape_id)
    for layer in model.encoder.layers:
        x = layer.relu(_convolved(layer.conv, x))
        x = layer.norm(x.swapaxes(2, 1)).swapaxes(2, 1)  # BatchNorm1d wants batch × features × words
        x[pad_mask] = 0
    return x


def _embedded(emb, word_id, shape_id):
    """`WordShapeEmbedding`: navec's vector of each word, then its shape's; navec's product-quantised codes
    taken from one (subspace × centroid) × chunk table (`np.take` is 3× faster than two index arrays)."""
    import numpy as np

    qdim, centroids, chunk = emb.word.codes.array.shape
    table = emb.word.codes.array.reshape(qdim * centroids, chunk)
    batch, size = word_id.shape
    indexes = emb.word.indexes.array[word_id.reshape(-1)].astype(np.intp)
    indexes += np.arange(indexes.shape[1]) * centroids
    dtype = np.result_type(table, emb.shape.weight.array)  # as `np.concatenate` gives
    out = np.empty((batch, size, emb.word.dim + emb.shape.dim), dtype=dtype)
    out[:, :, : emb.word.dim] = np.take(table, indexes, axis=0).reshape(batch, size, emb.word.dim)
    out[:, :, emb.word.dim :] = emb.shape(shape_id)
    return out


def _convolved(conv, x):
    """`Conv1d` on channel-last input: the same windows matrix (features × kernel per row, zero padding),
    filled by one contiguous copy per kernel offset, then the same product with the same weights."""
    import numpy as np

    batch, size, features = x.shape
    filters, _, kernel = conv.weight.shape
    count = size + 2 * conv.padding - kernel + 1
    windows = np.zeros((batch, count, features, kernel), dtype=x.dtype)
    for k in range(kernel):
        shift = k - conv.padding  # window w reads word w + shift at this kernel offset
        lo, hi = max(0, -shift), min(count, size - shift)
        if lo < hi:
            windows[:, lo:hi, :, k] = x[:, lo + shift : hi + shift, :]
    weight = conv.weight.array.reshape(filters, features * kernel)
    out = np.matmul(windows.reshape(batch * count, features * kernel), weight.T)
    out += conv.bias.array  # the library's `+ bias`, in place
    return out.reshape(batch, count, filters)
