"""Check that the NumPy and Keras engines mean the same thing by the same settings."""
import numpy as np
import pytest

from core.engines.keras_model import KerasNetwork
from core.engines.network import MultiClassNetwork


@pytest.mark.parametrize("l1, l2", [(0.0, 0.0), (0.05, 0.0), (0.0, 0.2), (0.05, 0.2)])
def test_one_step_with_penalties_moves_both_engines_alike(l1, l2):
    """Check that one SGD step on one batch, from the same weights with the same l1/l2, gives both engines
    the same new weights (Keras's own L1L2 on the mean loss would be 2·m times stronger in l2)."""
    rng = np.random.default_rng(3)
    m, d, k, units = 16, 6, 3, 5
    x = rng.uniform(0, 1, (m, d)).astype(np.float32)
    y = np.eye(k, dtype=np.float32)[np.arange(m) % k]
    settings = dict(units=units, learning_rate=0.5, l1=l1, l2=l2, batch_size=m, init="glorot", seed=0)
    net = MultiClassNetwork(**settings).fit(x, y, epochs=0)
    start = [p.copy() for p in (net.w1_, net.b1_, net.w2_, net.b2_)]
    net.partial_fit(x, y)  # one epoch = one batch of all m examples
    model = KerasNetwork(**settings).build(d, k)
    model.set_weights(start)
    model.train_on_batch(x, y)
    for got, want, before in zip(model.get_weights(), (net.w1_, net.b1_, net.w2_, net.b2_), start):
        assert not np.allclose(want, before)  # the step moved the weights …
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)  # … and both engines alike
