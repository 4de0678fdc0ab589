"""Click options shared by several commands, defined once so their help and choices agree."""

from __future__ import annotations

import click

from .extract.attribution import METHODS

attribution_option = click.option(
    "--attribution", "attribution", type=click.Choice(METHODS), default="model", show_default=True,
    help="Attribution extractor: 'model' (trained on PolNeAR, research and evaluation use; "
         "rules as fallback) or 'rules' (licence-clean).",
)
