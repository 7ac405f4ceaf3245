#!/usr/bin/python3
"""The attention of one generated token on the image, drawn over it: the head-averaged image map of a layer (or the
mean over layers) as a heatmap, upsampled to the image's size.

    mesh up &
    /usr/bin/python3 clients/python/examples/attention_overlay.py models/shapes-vlm/samples/test-000001.png --token 3
"""
import argparse

import matplotlib

matplotlib.use("Agg")  # files only; no display needed
import matplotlib.image as mpimg
import matplotlib.pyplot as plt

from mesh_client import MeshClient


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("image", help="a PNG file")
    parser.add_argument("--token", type=int, default=1, help="index of the generated token")
    parser.add_argument("--layer", type=int, default=None, help="one layer; default: the mean over every layer")
    parser.add_argument("--prompt", default="describe the image")
    parser.add_argument("--address", default="127.0.0.1:5000", help="host:port of the gateway")
    parser.add_argument("--api-key", default=None)
    parser.add_argument("--out", default="attention-overlay.png")
    args = parser.parse_args()

    layers = None if args.layer is None else [args.layer]
    with MeshClient(args.address, api_key=args.api_key) as client:
        result = client.describe(args.image, args.prompt, trace="image_maps", layers=layers,
                                 max_tokens=args.token + 1).result()
    if args.token >= len(result.tokens):
        parser.error(f"the description has {len(result.tokens)} tokens; --token {args.token} is past its end")
    token = result.tokens[args.token]
    attention = token.image_maps.mean(axis=0)  # [grid_rows, grid_cols]

    image = mpimg.imread(args.image)
    height, width = image.shape[:2]
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.imshow(image, extent=(0, width, height, 0), interpolation="nearest")
    heat = ax.imshow(attention, extent=(0, width, height, 0), cmap="inferno", alpha=0.55, interpolation="bilinear")
    where = f"layer {args.layer}" if args.layer is not None else f"mean of layers {token.layers[0]}-{token.layers[-1]}"
    ax.set_title(f"token {args.token} {token.text.strip()!r} of {result.text!r}\n{where}", fontsize=9)
    ax.axis("off")
    fig.colorbar(heat, ax=ax, fraction=0.046, label="attention on the image token")
    fig.savefig(args.out, dpi=100, bbox_inches="tight")
    image_share = token.fractions[:, 0].mean()
    print(f"wrote {args.out}: token {args.token} {token.text!r}, attention on the image {image_share:.3f}")


if __name__ == "__main__":
    main()
