"""The CNN as a saved model (card + torch state dict); imported only on the CNN path."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ml.camera import taiga_camera
from ml.cnn import CnnConfig, GammaHadronNet, network_input, predict
from ml.models import ModelCard


@dataclass
class CnnModel:
    """Convolutional network on the square-mapped image."""

    card: ModelCard
    net: GammaHadronNet
    config: CnnConfig

    def gammaness(self, images: np.ndarray, params: dict[str, np.ndarray] | None = None) -> np.ndarray:
        camera = taiga_camera()
        return predict(self.net, network_input(images, camera), camera)

    def save_payload(self, directory: Path) -> None:
        torch.save(self.net.state_dict(), directory / "weights.pt")
        (directory / "cnn_config.json").write_text(json.dumps(self.config.as_dict()))


def load_payload(card: ModelCard, directory: Path) -> CnnModel:
    settings = json.loads((directory / "cnn_config.json").read_text())
    settings["channels"] = tuple(settings["channels"])
    config = CnnConfig(**settings)
    net = GammaHadronNet(config.channels, config.dense)
    net.load_state_dict(torch.load(directory / "weights.pt", map_location="cpu", weights_only=True))
    return CnnModel(card=card, net=net.eval(), config=config)
