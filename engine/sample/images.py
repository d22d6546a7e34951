"""The sample's images: drawn once with Pillow, committed under `resources/sample/images/`.

The sample emails must look right offline (issue 10.8), so every image they
use ships with the app and is stored in the sample workspace's assets table
(`engine.store.assets`); the emails reference them as `asset:NAME`
(`engine.assets`). They are flat drawings, palette PNGs, so the whole set
stays far under 1 MB (about 60 KB).

`python -m engine.sample.images` redraws them (needs a TrueType font; DejaVu
Sans is looked up in the usual places, Pillow's own font otherwise). The
drawing is deterministic, so a redraw only changes files whose code changed.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterator

BRAND = (91, 63, 217)
INK = (31, 35, 48)
MIST = (243, 241, 251)
ACCENT = (255, 122, 89)
NIGHT = (21, 19, 31)
WHITE = (255, 255, 255)


def images_folder() -> Path:
    return Path(str(resources.files("resources").joinpath("sample", "images")))


def sample_image_files() -> Iterator[tuple[str, Path]]:
    """(asset name, file) for every bundled image; the name is the path below `images/`, with `/`."""
    root = images_folder()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif", ".svg"):
            yield path.relative_to(root).as_posix(), path


# ---- drawing (developer tool) ------------------------------------------------------------
def _font(size: int, bold: bool = True):
    from PIL import ImageFont

    names = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf") if bold else ("DejaVuSans.ttf",)
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/Library/Fonts", "C:/Windows/Fonts"):
        for name in names:
            if Path(folder, name).exists():
                return ImageFont.truetype(str(Path(folder, name)), size)
    return ImageFont.load_default(size)


def _save(image, path: Path, colors: int = 48) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if image.mode == "RGBA":
        image.save(path, optimize=True)
    else:
        image.quantize(colors, dither=0).save(path, optimize=True)


def _logo(color, path: Path) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (220, 56), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse((2, 6, 46, 50), fill=color)
    d.ellipse((14, 18, 34, 38), fill=ACCENT)
    d.text((58, 28), "Lumen", font=_font(34), fill=color, anchor="lm")
    _save(im, path)


def _chart(d, box, color, bars) -> None:
    x0, y0, x1, y1 = box
    step = (x1 - x0) / len(bars)
    for i, h in enumerate(bars):
        left = x0 + i * step + step * 0.18
        d.rounded_rectangle((left, y1 - (y1 - y0) * h, left + step * 0.64, y1), radius=4, fill=color)


def _hero(size, path: Path) -> None:
    from PIL import Image, ImageDraw

    w, h = size
    im = Image.new("RGB", size, (43, 33, 80))
    d = ImageDraw.Draw(im)
    for i in range(8):  # dusk sky bands
        y = int(h * i / 8)
        shade = (43 + i * 12, 33 + i * 6, 80 + i * 10)
        d.rectangle((0, y, w, y + h // 8 + 1), fill=shade)
    d.ellipse((int(w * 0.72), int(h * 0.12), int(w * 0.86), int(h * 0.12) + int(w * 0.14)), fill=ACCENT)
    lw, lh = int(w * 0.56), int(h * 0.58)
    lx, ly = (w - lw) // 2, int(h * 0.22)
    d.rounded_rectangle((lx, ly, lx + lw, ly + lh), radius=12, fill=(25, 22, 38))
    d.rounded_rectangle((lx + 10, ly + 10, lx + lw - 10, ly + lh - 10), radius=6, fill=MIST)
    _chart(d, (lx + 30, ly + 40, lx + lw // 2, ly + lh - 30), BRAND, (0.35, 0.55, 0.45, 0.8, 0.95))
    for k in range(4):
        y = ly + 50 + k * (lh - 90) // 4
        d.rounded_rectangle((lx + lw // 2 + 20, y, lx + lw - 40 - (k % 2) * 40, y + 12), radius=6,
                            fill=(200, 194, 230))
    d.polygon([(lx - 40, ly + lh), (lx + lw + 40, ly + lh), (lx + lw + 10, ly + lh + 22), (lx - 10, ly + lh + 22)],
              fill=(90, 86, 110))
    _save(im, path)


def _team(path: Path) -> None:
    from PIL import Image, ImageDraw

    w, h = 480, 360
    im = Image.new("RGB", (w, h), (233, 229, 247))
    d = ImageDraw.Draw(im)
    d.rectangle((40, 40, 440, 220), fill=WHITE, outline=(190, 184, 220), width=4)
    d.line((70, 190, 150, 120, 230, 150, 330, 80, 410, 100), fill=BRAND, width=6)
    for i, (x, shirt) in enumerate(((90, ACCENT), (200, BRAND), (310, (60, 150, 120)), (410, INK))):
        d.ellipse((x - 26, 200, x + 26, 252), fill=(236, 190, 150) if i % 2 else (150, 105, 80))
        d.rounded_rectangle((x - 44, 250, x + 44, 360), radius=30, fill=shirt)
    _save(im, path)


def _template(name: str, color, path: Path) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (360, 240), WHITE)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, 359, 239), outline=(226, 222, 240), width=2)
    d.rectangle((0, 0, 360, 40), fill=color)
    d.text((16, 20), name, font=_font(18), fill=WHITE, anchor="lm")
    if name == "Pipeline":
        for i, frac in enumerate((1.0, 0.75, 0.5, 0.3)):
            d.rounded_rectangle((24, 60 + i * 42, 24 + 312 * frac, 90 + i * 42), radius=6, fill=color)
    elif name == "Churn":
        for r in range(5):
            for c in range(8):
                level = max(0, 220 - (r * 25 + c * 12))
                d.rectangle((24 + c * 40, 60 + r * 34, 58 + c * 40, 88 + r * 34), fill=(255, level, level - 40 if level > 40 else 0))
    else:
        d.line((24, 200, 110, 160, 190, 170, 260, 110, 336, 80), fill=color, width=5)
        d.line((260, 110, 336, 60), fill=(180, 180, 200), width=3)
        d.line((24, 120, 336, 120), fill=ACCENT, width=2)
    _save(im, path)


def _social(letter: str, color, path: Path) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("RGBA", (56, 56), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle((0, 0, 55, 55), radius=12, fill=color)
    d.text((28, 29), letter, font=_font(28), fill=WHITE, anchor="mm")
    _save(im, path)


PRODUCT_COLORS = ((232, 196, 90), (210, 200, 180), (140, 100, 70), (220, 220, 230), (180, 140, 200), (200, 160, 60),
                  (170, 120, 80), (60, 60, 70))


def _product(index: int, path: Path) -> None:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (240, 240), MIST)
    d = ImageDraw.Draw(im)
    color = PRODUCT_COLORS[index % len(PRODUCT_COLORS)]
    d.ellipse((40, 170, 200, 210), fill=(220, 216, 236))
    shape = index % 4
    if shape == 0:
        d.polygon([(120, 40), (70, 120), (170, 120)], fill=color)
        d.rectangle((112, 120, 128, 190), fill=INK)
    elif shape == 1:
        d.rounded_rectangle((60, 50, 180, 190), radius=10, fill=color)
    elif shape == 2:
        d.rectangle((40, 90, 200, 110), fill=color)
        d.rectangle((60, 110, 76, 190), fill=color)
        d.rectangle((164, 110, 180, 190), fill=color)
    else:
        d.rounded_rectangle((70, 80, 170, 190), radius=18, fill=color)
        d.arc((150, 100, 200, 160), 270, 90, fill=color, width=10)
    _save(im, path)


def draw_all(folder: Path | None = None) -> list[Path]:
    from engine.sample.generator import PRODUCTS

    root = folder or images_folder()
    _logo(BRAND, root / "logo-light.png")
    _logo(WHITE, root / "logo-dark.png")
    _hero((1200, 560), root / "newsletter" / "hero.png")
    _hero((640, 480), root / "newsletter" / "hero-mobile.png")
    _team(root / "newsletter" / "fernwood.png")
    _template("Pipeline", BRAND, root / "templates" / "pipeline.png")
    _template("Churn", (200, 60, 60), root / "templates" / "churn.png")
    _template("Forecast", (40, 130, 110), root / "templates" / "forecast.png")
    _social("in", (10, 102, 194), root / "social" / "linkedin.png")
    _social("X", (20, 20, 20), root / "social" / "x.png")
    _social("ig", (214, 41, 118), root / "social" / "instagram.png")
    for i in range(len(PRODUCTS)):
        _product(i, root / "products" / f"{i}.png")
    return [p for _n, p in sample_image_files()]


if __name__ == "__main__":
    files = draw_all()
    total = sum(p.stat().st_size for p in files)
    print(f"{len(files)} images, {total / 1024:.1f} KB")
