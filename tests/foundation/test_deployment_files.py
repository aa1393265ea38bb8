"""docker-compose.yml describes a whole installation that fits the code: every Vitrine service runs one image, the
worker and the scheduler run commands that exist, every variable it sets is documented, and the proxy spreads the
load over the app servers and overwrites the headers the app trusts."""

import re
from pathlib import Path

import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
VITRINE_SERVICES = {"migrate", "app1", "app2", "worker", "scheduler"}


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_part_of_an_installation_is_there_and_vitrine_runs_one_image():
    services = _compose()["services"]
    assert {"postgres", "redis", "seaweedfs", "buckets", "proxy", *VITRINE_SERVICES} <= set(services)
    assert {(services[name]["build"], services[name]["image"]) for name in VITRINE_SERVICES} == {
        (".", "vitrine:latest")
    }
    commands = {name: services[name].get("command") for name in VITRINE_SERVICES}
    assert commands["app1"] is None and commands["app2"] is None  # the image's own command: gunicorn
    assert commands["worker"][-1] == "db_worker" and commands["scheduler"][-1] == "run_scheduler"
    for name in ("migrate", "worker", "scheduler"):
        assert commands[name][:2] == ["python", "manage.py"] and commands[name][2] in get_commands(), name


def test_every_variable_the_installation_sets_is_documented():
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", (ROOT / "README.md").read_text()))
    environment = _compose()["services"]["app1"]["environment"]
    assert set(environment) - documented == set()


def test_the_proxy_spreads_requests_over_both_app_servers_and_overwrites_what_the_app_trusts():
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server app1:8000;" in nginx and "server app2:8000;" in nginx
    for header in ("X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme", "X-Request-ID $request_id"):
        assert f"proxy_set_header {header};" in nginx
    assert _compose()["services"]["app1"]["environment"]["VITRINE_TRUSTED_PROXIES"] == "1"
