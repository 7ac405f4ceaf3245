#!/usr/bin/python3
"""The knockout sweep of docs/paper.md section 3 from Python: judge F1 against the unmodified description when the
image is blocked from the query (KO img->txt), the generated tokens (KO img->gen) or both, from layer l on.

Reproduces the shape of docs/results/knockout-from.png (which `mesh experiment knockout` draws over 80 scenes):

    mesh up &
    /usr/bin/python3 clients/python/examples/knockout_sweep.py --out knockout-from.png models/shapes-vlm/samples/*.png
"""
import argparse

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.pyplot as plt
import numpy as np

from mesh_client import Knockout, Layers, MeshClient

STRATEGIES = {"img->gen": Knockout.image_to_generated, "img->txt": Knockout.image_to_query,
              "img->txt+gen": Knockout.image_to_query_and_generated}


def sweep(client: MeshClient, images, max_tokens: int) -> dict:
    """{strategy: float [scenes, L]}: F1 of the description knocked out from layer l (l = -1 .. L-2) per scene."""
    layers = client.model_info().num_layers
    f1 = {name: np.zeros((len(images), layers)) for name in STRATEGIES}
    for i, image in enumerate(images):
        baseline = client.describe(image, max_tokens=max_tokens).text
        for name, strategy in STRATEGIES.items():
            for l in range(-1, layers - 1):
                text = client.describe(image, max_tokens=max_tokens, knockout=strategy(Layers.from_layer(l))).text
                f1[name][i, l + 1] = client.judge(baseline, text).f1
        print(f"{image}: {baseline}")
    return f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("images", nargs="+", help="image files (e.g. models/shapes-vlm/samples/*.png)")
    parser.add_argument("--address", default="127.0.0.1:5000", help="host:port of the gateway")
    parser.add_argument("--api-key", default=None)
    parser.add_argument("--max-tokens", type=int, default=48)
    parser.add_argument("--out", default="knockout-from.png")
    args = parser.parse_args()

    with MeshClient(args.address, api_key=args.api_key) as client:
        f1 = sweep(client, args.images, args.max_tokens)
    fig, ax = plt.subplots(figsize=(9, 5))
    for name, scores in f1.items():
        x = np.arange(-1, scores.shape[1] - 1)
        ax.plot(x, scores.mean(axis=0), marker="o", label=f"KO {name}")
        print(name, " ".join(f"{v:.2f}" for v in scores.mean(axis=0)))
    ax.set(title="knockout from layer l (l = -1: all layers)", xlabel="l",
           ylabel="judge F1 vs the unmodified description", ylim=(0, 1.05))
    ax.legend()
    fig.savefig(args.out, dpi=100)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
