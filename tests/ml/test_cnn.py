"""CNN path smoke test on a tiny configuration (skips without torch)."""

import numpy as np
import pytest

torch = pytest.importorskip("torch",
                            reason="torch is not installed: the CNN is an optional extra (pip install '.[ml]')")

from ml import dataset as datasets  # noqa: E402
from ml.camera import taiga_camera  # noqa: E402
from ml.cnn import GammaHadronNet, network_input  # noqa: E402
from ml.pipeline import TrainConfig, classify, evaluate, load_models, train  # noqa: E402

TINY = TrainConfig(methods=("cuts", "cnn"), cnn={"channels": (4, 8), "dense": 8, "epochs": 1, "batch_size": 64},
                   progress=False)


def test_network_input_has_image_and_mask_channels(small_dataset):
    data = datasets.load(small_dataset)
    pixels = network_input(data.images[:20], taiga_camera())
    assert pixels.shape == (20, 2, 559)
    assert set(np.unique(pixels[:, 1])) <= {0.0, 1.0}
    assert np.all(pixels[:, 0] >= 0)
    logits = GammaHadronNet((4, 8), 8)(torch.zeros(3, 2, 32, 32))
    assert logits.shape == (3,)


def test_cnn_trains_saves_reloads_and_evaluates(small_dataset, tmp_path):
    models = train(small_dataset, tmp_path, config=TINY)
    card = models["cnn"].card
    assert list(card.hyperparameters["channels"]) == [4, 8]
    assert card.hyperparameters["train_seconds"] > 0 and card.version.startswith("cnn-")
    data = datasets.load(small_dataset)
    images = data.images[:64].astype(np.float32)
    gammaness, is_gamma = classify(images, models["cnn"])
    assert np.all((gammaness >= 0) & (gammaness <= 1))
    reloaded = load_models(tmp_path)
    assert np.allclose(classify(images, reloaded["cnn"])[0], gammaness, atol=1e-6)
    result = evaluate(small_dataset, reloaded)
    assert set(result) == {"cuts", "cnn"}
    assert 0 <= result["cnn"]["roc_auc"] <= 1
