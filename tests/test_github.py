"""GitHub configuration: workflows valid and safe, CODEOWNERS generated, pre-commit hook."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO, copy_content, run_rrma

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_workflows_match_the_published_schema() -> None:
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(REPO / ".github" / "workflows")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # "on" stays a key


def test_actions_are_pinned_and_permissions_least() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert "pull_request_target" not in text
        for uses in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses} n'est pas épinglé par SHA"
        workflow = _load(path)
        assert "permissions" in workflow, path.name
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                if "actions/checkout@" in step.get("uses", ""):
                    assert step["with"]["persist-credentials"] == "false"


def test_pull_requests_are_checked_and_main_published_daily() -> None:
    check = _load(REPO / ".github" / "workflows" / "verification.yml")
    assert list(check["on"]) == ["pull_request"]
    steps = [s.get("run", "") for s in check["jobs"]["contenu"]["steps"]]
    # the French build wrapper of `make build`, not MkDocs's English ending
    assert "rrma check --format github --nouveaux-depuis \"origin/$BASE\"" in steps and "python scripts/build.py --site-dir apercu/site" in steps
    assert [s.get("run") for s in check["jobs"]["tests"]["steps"]][-1] == "make test"
    publish = _load(REPO / ".github" / "workflows" / "publication.yml")
    assert publish["on"]["push"]["branches"] == ["main"] and publish["on"]["schedule"][0]["cron"]
    assert publish["permissions"] == {}
    assert publish["jobs"]["publier"]["needs"] == "construire"  # a failed build is never published
    assert publish["jobs"]["publier"]["permissions"] == {"contents": "write"}
    assert publish["jobs"]["construire"]["permissions"] == {"contents": "read"}
    assert "python scripts/build.py --site-dir site" in [s.get("run") for s in publish["jobs"]["construire"]["steps"]]
    # the main site replaces the root of gh-pages and keeps the previews (scripts/previews.py --principal)
    assert "--principal" in publish["jobs"]["publier"]["steps"][-1]["run"]
    for path in WORKFLOWS:
        assert "mkdocs build" not in path.read_text(encoding="utf-8"), path.name


def test_pull_request_previews_never_give_the_pull_requests_code_a_write_token() -> None:
    """The build of a pull request (maybe a fork's) runs its code with nothing to write with; the workflow that
    publishes and comments never checks the pull request out nor puts its values in a script."""
    check = _load(REPO / ".github" / "workflows" / "verification.yml")
    assert check["on"]["pull_request"]["types"] == ["opened", "synchronize", "reopened", "closed"]
    assert check["permissions"] == {"contents": "read"}
    text = (REPO / ".github" / "workflows" / "verification.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "github.token" not in text
    for job in ("contenu", "fermeture"):
        upload = check["jobs"][job]["steps"][-1]
        assert upload["uses"].startswith("actions/upload-artifact@") and upload["with"]["name"] == "apercu-du-site"
    assert check["jobs"]["contenu"]["env"]["RRMA_SITE_URL"].endswith("apercus/pr-${{ github.event.pull_request.number }}/")

    path = REPO / ".github" / "workflows" / "apercu.yml"
    preview = _load(path)
    assert preview["on"] == {"workflow_run": {"workflows": ["Vérification"], "types": ["completed"]}}
    assert preview["permissions"] == {}
    [job] = preview["jobs"].values()
    assert job["permissions"] == {"actions": "read", "contents": "write", "pull-requests": "write"}
    assert "conclusion == 'success'" in job["if"]
    [checkout] = [s for s in job["steps"] if "actions/checkout@" in s.get("uses", "")]
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"  # the default branch, never the PR
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")  # values reach scripts through the environment only
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "scripts/previews.py verifier" in runs and "contenu-seulement" in runs
    assert "rrma" not in runs and "pip install" not in runs and "npm" not in runs  # nothing of the PR is installed or run
    header = path.read_text(encoding="utf-8").split("\nname:")[0]
    assert "Sécurité" in header and "jamais" in header


def test_newest_allowed_versions_are_tested_weekly(tmp_path: Path) -> None:
    """The weekly job runs `make test-latest`: the suite with MkDocs, Material and ProperDocs at the newest
    release pyproject.toml allows, every other package at its pin in constraints.txt."""
    latest = _load(REPO / ".github" / "workflows" / "dernieres-versions.yml")
    assert latest["name"] == "Dernières versions" and list(latest["on"]) == ["schedule", "workflow_dispatch"]
    minute, hour, day, month, weekday = latest["on"]["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert latest["permissions"] == {}
    [job] = latest["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert job["container"]["image"] == _load(REPO / ".github" / "workflows" / "verification.yml")["jobs"]["tests"]["container"]["image"]
    assert [s.get("run") for s in job["steps"]][-1] == "make test-latest"

    # the constraints the target installs with: constraints.txt without the three pins, nothing else changed
    dry = subprocess.run(["make", "-n", "test-latest", f"VENV_LATEST={tmp_path}"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    [select] = [line for line in dry.stdout.splitlines() if line.startswith("grep ") and "constraints.txt" in line]
    assert subprocess.run(["sh", "-c", select], cwd=REPO, timeout=60).returncode == 0
    pinned = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    kept = (tmp_path / "constraints.txt").read_text(encoding="utf-8").splitlines()
    names = {"mkdocs", "mkdocs-material", "properdocs"}
    assert {line.split("==")[0].lower() for line in pinned} - {line.split("==")[0].lower() for line in kept} == names
    assert kept == [line for line in pinned if line.split("==")[0].lower() not in names]
    [install] = [line for line in dry.stdout.splitlines() if " -m pip install " in line]
    assert "--upgrade" in install and f"-c {tmp_path}/constraints.txt" in install and set(install.split()[-3:]) == names
    # each of them has a range in pyproject.toml, which the upgrade stays within
    dependencies = " ".join(re.findall(r'"([^"]+)"', (REPO / "pyproject.toml").read_text(encoding="utf-8")))
    for name in names:
        assert re.search(rf"(?<![\w-]){re.escape(name)}>=[\d.]+,<[\d.]+", dependencies), name


def test_contents_to_review_are_listed_weekly_in_one_issue_per_network() -> None:
    path = REPO / ".github" / "workflows" / "contenus-a-verifier.yml"
    workflow = _load(path)
    assert list(workflow["on"]) == ["schedule", "workflow_dispatch"]  # never a pull request's code
    minute, hour, day, month, weekday = workflow["on"]["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    [checkout] = [s for s in job["steps"] if "actions/checkout@" in s.get("uses", "")]
    assert checkout["with"]["fetch-depth"] == "0"  # the last commit of each file stands in for a missing `reviewed`
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "rrma review --format json --depuis 12" in runs
    assert "gh issue create --title" in runs and "gh issue edit" in runs and "gh issue close" in runs
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    from rrma.cli.review import NetworkReview

    assert NetworkReview("resacoop", "RESACOOP").title == "Contenus à vérifier : RESACOOP"


def test_codeowners_is_generated_from_the_networks(tmp_path: Path) -> None:
    assert run_rrma("codeowners", "--check", REPO).returncode == 0
    root = copy_content(tmp_path)
    (root / ".github").mkdir()
    network = root / "networks" / "horizons-solidaires.yml"
    network.write_text(network.read_text(encoding="utf-8") + "editors:\n  - '@relectrice-hs'\n", encoding="utf-8")
    assert run_rrma("codeowners", "--check", root).returncode == 1
    assert run_rrma("codeowners", root).returncode == 0
    lines = (root / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert "/networks/horizons-solidaires.yml @relectrice-hs" in lines
    assert "/resources/monter-un-projet.md @relectrice-hs" in lines
    assert "/events/festival-alimenterre-2025-normandie.md @relectrice-hs" in lines
    assert not any("resacoop" in line for line in lines)


def test_pre_commit_hook_runs_the_check() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == "rrma check" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "resources/monter-un-projet.md") and not re.match(hook["files"], "plugins/rrma/cli/check.py")


def test_contributing_guide_explains_every_check_and_shows_its_screenshots() -> None:
    from rrma.core.catalogue import CATALOGUE

    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for code, entry in CATALOGUE.items():
        assert f"| `{code}` | {entry.title} | {entry.hint} |" in guide
    for image in re.findall(r"!\[[^\]]+\]\(([^)]+)\)", guide):
        assert (REPO / image).is_file(), image
