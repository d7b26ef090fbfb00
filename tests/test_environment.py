"""environment.yml gives conda users the same dependencies as pyproject.toml."""
import re
import tomllib

from helpers.paths import ROOT

SPEC = re.compile(r"^\s*-\s+([A-Za-z0-9_.\-]+)\s*([<>=!~].*)?$")


def pyproject_dependencies() -> dict[str, str]:
    """Runtime dependencies, the test tools and the dev tools: a conda user can run the
    tests and rebuild the gazetteer and the models too."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    specs = project["dependencies"] + extras["test"] + extras["dev"]
    return dict(_split(spec) for spec in specs)


def conda_dependencies() -> dict[str, str]:
    found = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        if line.strip().startswith("- pip:"):
            break
        match = SPEC.match(line)
        if match and match.group(1) not in {"python", "pip"}:
            found[match.group(1).lower()] = (match.group(2) or "").strip()
    return found


def _split(spec: str) -> tuple[str, str]:
    name, version = re.match(r"([A-Za-z0-9_.\-]+)\s*(.*)", spec).groups()
    return name.lower(), version.strip()


def test_environment_yml_lists_every_runtime_test_and_dev_dependency_with_its_bounds():
    assert conda_dependencies() == pyproject_dependencies()


def test_environment_yml_installs_the_project_itself():
    text = (ROOT / "environment.yml").read_text()
    assert "- -e ." in text
    assert re.search(r"python>=3\.11", text)
