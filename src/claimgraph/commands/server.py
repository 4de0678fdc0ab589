"""``claimgraph serve``: the web app and REST API (needs the ``[server]`` extra)."""

from __future__ import annotations

import click

from ..clioptions import attribution_option
from ..options import AnalyzeOptions, ReadOptions


@click.command(name="serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Without --team only 127.0.0.1 or ::1 is accepted.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--db", default="claimgraph.db", show_default=True, help="SQLite file (as for analyze --db).")
@click.option("--team", is_flag=True, help="Team mode: API tokens and roles required (claimgraph users add).")
@click.option("--max-body", "max_body", type=click.IntRange(1024), default=2 * 1024 * 1024,
              show_default=True, help="Largest request body in bytes (uploads, JSON).")
@click.option("--max-fetch", "max_fetch", type=click.IntRange(1024), default=ReadOptions().max_bytes,
              show_default=True, help="Largest page URL ingestion downloads, in bytes.")
@click.option("--rate-per-minute", type=click.FloatRange(0), default=60.0, show_default=True,
              help="Team mode: requests per minute per token after the burst (0: no limit).")
@click.option("--rate-burst", type=click.IntRange(0), default=20, show_default=True,
              help="Team mode: requests a token may make at once.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Threads running analyses.")
@click.option("--time-budget", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds one article may take to analyse; longer ones are stopped with 422 (0: no limit).")
@click.option("--fetch-timeout", type=float, default=ReadOptions().timeout, show_default=True,
              help="Seconds to wait for a URL.")
@click.option("--allow-private-urls", is_flag=True,
              help="Let URL ingestion reach private/loopback addresses (intranet CMS). Metadata "
                   "and unspecified addresses stay refused.")
@click.option("--trust-host", "trusted_hosts", multiple=True, metavar="HOST:PORT",
              help="A private or loopback host:port URL ingestion may reach (repeatable); "
                   "everything else stays refused.")
@click.option("--secure-cookies", is_flag=True, help="Mark the login cookie Secure (behind HTTPS).")
@click.option("--no-preload", is_flag=True, help="Load the language model on first use, not at start.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True)
@attribution_option
def serve(host: str, port: int, db: str, team: bool, max_body: int, max_fetch: int,
          rate_per_minute: float,
          rate_burst: int, workers: int, fetch_timeout: float, allow_private_urls: bool,
          trusted_hosts: tuple[str, ...], secure_cookies: bool, no_preload: bool, log_level: str,
          time_budget: float, attribution: str) -> None:
    """Start the web app and REST API (pages at /, API spec at /openapi.json)."""
    from ..errors import ModelError
    from ..server.config import ServerConfig

    config = ServerConfig(
        db=db, host=host, port=port, team=team, max_body_bytes=max_body, max_fetch_bytes=max_fetch,
        rate_per_minute=rate_per_minute, rate_burst=rate_burst, analysis_workers=workers,
        allow_private_urls=allow_private_urls, trusted_hosts=tuple(trusted_hosts),
        preload=not no_preload,
        secure_cookies=secure_cookies, fetch_timeout=fetch_timeout, analysis_budget=time_budget,
        analyze_options=AnalyzeOptions(attribution=attribution),
    )
    config.check_bind()
    try:
        import uvicorn

        from ..server.app import create_app
    except ImportError as exc:
        raise ModelError(f"the server needs the [server] extra ({exc.name} is missing): "
                         "pip install 'claimgraph[server]'") from None
    if team:
        from ..store import open_store
        from ..store.accounts_ops import list_users

        with open_store(db) as store:
            if not list_users(store):
                click.echo("no users yet: create one with  claimgraph users add NAME --role admin "
                           f"--db {db}", err=True)
    click.echo(f"claimgraph serving {db} on http://{_authority(host)}:{port}/ "
               f"({'team' if team else 'single-user'} mode)", err=True)
    uvicorn.run(create_app(config), host=host.strip("[]"), port=port, log_level=log_level,
                server_header=False, proxy_headers=False, access_log=log_level == "debug")


def _authority(host: str) -> str:
    host = host.strip("[]")
    return f"[{host}]" if ":" in host else host


COMMANDS = [serve]
