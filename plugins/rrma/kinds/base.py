"""What every collection shares: the model base, entries and the file loader."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from ..core.catalogue import hint_for
from ..core.diagnostics import Diagnostic
from ..core.markup import Finding, deep_nesting, unsafe_markup
from ..core.source import read_source, split_front_matter
from ..core.types import SLUG_RE
from ..core.urls import RESERVED
from ..core.validation import diagnostics_from_error, field_name
from ..core.yamlpos import Loc, Positions, load_yaml
from ..project import Project

YEAR_RE = re.compile(r"^[0-9]{4}$")


class Model(BaseModel):
    """Content models refuse unknown fields: a typo must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


M = TypeVar("M", bound=BaseModel)


@dataclass
class Entry(Generic[M]):
    """One content file once loaded: its id (the file name), data and positions."""

    id: str
    path: str
    data: M
    positions: Positions
    body: str = ""
    body_line: int = 0
    complete: bool = True  # False: the file has errors; ``data`` holds only its valid references (see load_entry)

    def at(self, loc: Loc, code: str, message: str, hint: str = "", *, key: bool = False) -> Diagnostic:
        """A diagnostic pointing at the value (or the key) found at ``loc``."""
        span = self.positions.key(loc) if key else self.positions.value(loc)
        return Diagnostic(self.path, span.line, span.column, code, field_name(loc), message, hint or hint_for(code))

    def __getstate__(self) -> dict[str, Any]:
        """Sent to another process (the build's side work), an entry leaves its positions behind:
        they only serve to report problems, which are reported where the entry was loaded."""
        return {**self.__dict__, "positions": None}


@dataclass(frozen=True)
class Reference:
    """A field value that names an item of another collection or taxonomy."""

    loc: Loc
    target: str  # "networks" or a taxonomy name
    value: Any


@dataclass(frozen=True)
class Collection(Generic[M]):
    """How to find and read the files of one collection."""

    name: str
    label: str  # French, with its article, for messages: « un réseau »
    folder: Callable[[Project], str]
    suffixes: tuple[str, ...]
    model: type[M]
    front_matter: bool
    asset_dirs: tuple[str, ...] = ()
    rules: Callable[[Entry[Any], Project], Iterable[Diagnostic]] = lambda entry, project: ()
    nested: bool = False  # files in a folder per network (observatory/<réseau>/<année>.yml), not in the folder itself


def entry_id(collection: Collection[Any], file: Path) -> str:
    """A file's id: its name, or for a nested collection « <dossier>/<nom> » (``resacoop/2021``)."""
    return f"{file.parent.name}/{file.stem}" if collection.nested else file.stem


def slugify(text: str, limit: int = 80) -> str:
    """« Rencontre régionale en Auvergne-Rhône-Alpes » → ``rencontre-regionale-en-auvergne-rhone-alpes``;
    beyond ``limit`` characters the slug is cut after its last whole word (never ``…-rhone-alp``)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE"))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) <= limit:
        return slug
    head = slug[: limit + 1]
    if head[limit] == "-" or "-" not in head[:limit]:
        return head[:limit].strip("-")
    return head[:limit].rsplit("-", 1)[0]


def list_files(project: Project, collection: Collection[Any]) -> tuple[list[Path], list[Diagnostic]]:
    """Content files of a collection; anything unexpected in its folder is reported."""
    folder = project.dir(collection.folder(project))
    if not folder.is_dir():
        return [], []
    if collection.nested:
        return _nested_files(project, collection, folder)
    return _folder_files(project, collection, folder)


def _nested_files(project: Project, collection: Collection[Any], folder: Path) -> tuple[list[Path], list[Diagnostic]]:
    """``<folder>/<réseau>/<année>.yml``: a file put directly in the folder is misplaced."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.name.lower() in ("readme.md", "lisezmoi.md"):
            continue
        if path.is_dir():
            found, errors = _folder_files(project, collection, path, top=folder)
            files += found
            problems += errors
            continue
        problems.append(Diagnostic(project.rel(path), 1, 1, "RRMA025", "", f"fichier « {path.name} » directement dans {folder.name}/, attendu {folder.name}/<réseau>/<année>{collection.suffixes[0]}",
                                   f"déplacez-le dans le dossier du réseau qui publie ces chiffres (le nom de son fichier dans networks/), par exemple {folder.name}/resacoop/{path.stem if YEAR_RE.match(path.stem) else '2021'}{collection.suffixes[0]}"))
    return files, problems


def _folder_files(project: Project, collection: Collection[Any], folder: Path, top: Path | None = None) -> tuple[list[Path], list[Diagnostic]]:
    files, problems = [], []
    rank = {suffix: index for index, suffix in enumerate(collection.suffixes)}
    for path in sorted(folder.iterdir(), key=lambda p: (p.stem.lower(), rank.get(p.suffix, len(rank)), p.name)):
        if path.name.startswith(".") or path.name.lower() in ("readme.md", "lisezmoi.md"):
            continue
        if path.is_dir():
            if top is not None:
                problems.append(Diagnostic(project.rel(path), 1, 1, "RRMA025", "", f"dossier « {path.name} » inattendu dans {top.name}/{folder.name}/, attendu seulement des fichiers <année>{collection.suffixes[0]}",
                                           f"chaque fichier de {top.name}/{folder.name}/ décrit {collection.label} et s'y trouve directement : {top.name}/{folder.name}/2021{collection.suffixes[0]}"))
            elif path.name not in collection.asset_dirs:
                problems.append(
                    Diagnostic(project.rel(path), 1, 1, "RRMA025", "", f"dossier « {path.name} » inattendu dans {folder.name}/",
                               f"chaque fichier de {folder.name}/ décrit {collection.label} et s'y trouve directement" + (f" ; les fichiers joints vont dans {folder.name}/{collection.asset_dirs[0]}/" if collection.asset_dirs else ""))
                )
            continue
        if path.suffix.lower() not in collection.suffixes or path.suffix != path.suffix.lower():
            problems.append(
                Diagnostic(project.rel(path), 1, 1, "RRMA025", "", f"extension « {path.suffix or '(aucune)'} » inattendue, attendu {' ou '.join(collection.suffixes)}",
                           f"renommez le fichier en « {_free_name(folder, path.stem, collection.suffixes[0], path)} » s'il décrit {collection.label}, sinon déplacez-le hors de {folder.name}/")
            )
            continue
        files.append(path)
    return files, problems


def _free_name(folder: Path, stem: str, suffix: str, current: Path) -> str:
    """The file name to suggest for ``stem``: valid, and not another file's (« monter-un-projet-2.md »)."""
    base = stem if SLUG_RE.match(stem) and len(stem) <= 80 else (slugify(stem) or "nom-du-fichier")
    taken = {p.stem.lower() for p in folder.iterdir() if p != current} if folder.is_dir() else set()
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    return name + suffix


def check_slug(rel: str, file: Path) -> list[Diagnostic]:
    stem = file.stem
    if SLUG_RE.match(stem) and len(stem) <= 80:
        return []
    return [
        Diagnostic(rel, 1, 1, "RRMA008", "", f"« {stem} » n'est pas un nom de fichier valide, attendu des minuscules sans accents, des chiffres et des tirets (80 caractères au plus)",
                   f"renommez le fichier en « {_free_name(file.parent, stem, file.suffix, file)} » : ce nom devient l'adresse de la page")
    ]


def check_year(rel: str, file: Path) -> list[Diagnostic]:
    """A file of a nested collection is named by the year it describes: « 2021.yml »."""
    if YEAR_RE.match(file.stem):
        return []
    digits = re.findall(r"(?:19|20)[0-9]{2}", file.stem)
    example = f"{digits[0]}{file.suffix}" if digits else f"2021{file.suffix}"
    return [Diagnostic(rel, 1, 1, "RRMA008", "", f"« {file.stem} » n'est pas une année, attendu un nom de fichier de quatre chiffres : l'année que décrivent les chiffres",
                       f"renommez le fichier en « {example} »")]


def load_entry(project: Project, collection: Collection[M], file: Path) -> tuple[Entry[M] | None, list[Diagnostic]]:
    """Read, parse and validate one file; never raises on bad content."""
    rel = project.rel(file)
    problems = check_year(rel, file) if collection.nested else check_slug(rel, file)
    source, errors = read_source(file, rel, project.max_content_bytes, root=project.root)
    if source is None:
        return None, problems + errors
    body, body_line, offset, yaml_text = "", 0, 0, source.text
    if collection.front_matter:
        fm, errors = split_front_matter(source)
        if fm is None:
            return None, problems + errors
        body, body_line, offset, yaml_text = fm.body, fm.body_line, fm.yaml_line_offset, fm.yaml_text
    loaded = load_yaml(yaml_text, rel, offset)
    problems += loaded.diagnostics
    data = loaded.data
    if data is None and not loaded.diagnostics:
        data = {}
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        span = loaded.positions.value(())
        problems.append(Diagnostic(rel, span.line, span.column, "RRMA026", "", "le contenu n'est pas une suite de champs `nom: valeur`", hint_for("RRMA026")))
        return None, problems
    data.pop("$schema", None)  # editors' schema pointer, not content
    try:
        model = collection.model.model_validate(data)
    except ValidationError as exc:
        problems += diagnostics_from_error(exc, model=collection.model, data=data, positions=loaded.positions, path=rel)
        # Its other fields are still checked: a bad date must not hide a misspelt network in the same run.
        partial = _valid_fields(collection.model, data, exc)
        return (Entry(entry_id(collection, file), rel, partial, loaded.positions, body, body_line, complete=False) if partial is not None else None), problems
    if problems:  # duplicate keys, YAML constructs, a syntax slip: never published, but its fields are still checked
        return Entry(entry_id(collection, file), rel, model, loaded.positions, body, body_line, complete=False), problems
    return Entry(entry_id(collection, file), rel, model, loaded.positions, body, body_line), []


def _valid_fields(model: type[M], data: dict[str, Any], error: ValidationError) -> M | None:
    """The fields of ``data`` that are valid on their own, as an unvalidated model: the link pass
    and the rules still check them (see :func:`rrma.kinds.site.load_site`). A field that failed is
    absent, not given its default: a rule reading it stops there instead of judging a value the
    editor never wrote."""
    failed = {e["loc"][0] for e in error.errors() if e["loc"]}
    values = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data or key in failed or name in failed:
            continue
        try:
            values[name] = _adapter(model, name).validate_python(data[key])
        except ValidationError:
            continue
    if not values:
        return None
    partial = model.model_construct(**values)
    for name, info in model.model_fields.items():
        if name in failed or (info.alias or name) in failed:
            partial.__dict__.pop(name, None)
    return partial


@functools.lru_cache(maxsize=None)
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)


@dataclass
class Loaded(Generic[M]):
    """A collection once read: valid entries, every problem, and every id on disk.

    ``ids`` includes files that failed to load, so a reference to them is not
    reported a second time as « unknown ».
    """

    entries: list[Entry[M]]
    problems: list[Diagnostic]
    ids: set[str]
    partial: list[Entry[M]] = field(default_factory=list)  # files with errors, whose references are still checked


EntryCache = dict[tuple[str, str, int, int], tuple[Any, list[Diagnostic]]]


def load_collection(project: Project, collection: Collection[M], cache: EntryCache | None = None,
                    share: tuple[int, int] | None = None) -> Loaded[M]:
    """Every file of a collection. With ``cache`` (the preview server keeps one between
    rebuilds), a file whose size and modification time did not change is not read again.
    With ``share=(i, n)``, only every n-th file from the i-th is read (the names of all
    are still checked): n processes check a large tree together."""
    files, problems = list_files(project, collection)
    entries: list[Entry[M]] = []
    partial: list[Entry[M]] = []
    seen: dict[str, str] = {}
    for number, file in enumerate(files):
        if share is not None and number % share[1] != share[0]:
            entry, errors = None, []
        elif cache is None:
            entry, errors = load_entry(project, collection, file)
        else:
            try:
                stat = file.stat()
            except OSError:  # a link that leads nowhere: read_source says so, nothing to keep
                entry, errors = load_entry(project, collection, file)
            else:
                key = (collection.name, str(file), stat.st_mtime_ns, stat.st_size)
                if key not in cache:
                    cache[key] = load_entry(project, collection, file)
                entry, errors = cache[key]
        problems += errors
        ident = entry_id(collection, file)
        if file.stem in RESERVED.get(collection.name, frozenset()):
            problems.append(
                Diagnostic(project.rel(file), 1, 1, "RRMA008", "", f"le nom « {file.stem} » est réservé à une page du portail, attendu un autre nom de fichier",
                           f"renommez le fichier, par exemple en « {collection.name[:-1]}-{file.stem}{file.suffix} »")
            )
            continue
        stem = ident.lower()
        if stem in seen:
            problems.append(
                Diagnostic(project.rel(file), 1, 1, "RRMA009", "", f"identifiant « {ident} » déjà utilisé par {seen[stem]}" if not collection.nested
                           else f"chiffres de l'année {file.stem} déjà donnés par {seen[stem]}, attendu un seul fichier par réseau et par année",
                           "deux fichiers ne peuvent pas porter le même nom (à l'extension ou aux majuscules près) : renommez l'un des deux" if not collection.nested
                           else "gardez un seul des deux fichiers (.yml ou .yaml) : réunissez-y les chiffres de cette année")
            )
            continue
        seen[stem] = project.rel(file)
        if entry is not None:
            (entries if entry.complete else partial).append(entry)
    return Loaded(entries, problems, {entry_id(collection, file) for file in files}, partial)


def markup_problems(entry: Entry[Any], project: Project, text: str, *, loc: Loc | None = None) -> list[Diagnostic]:
    """Unsafe HTML in contributed Markdown, at its line and column in the file.

    ``loc`` names a YAML field holding the Markdown (a network's description);
    without it, ``text`` is the body after the front matter.
    """
    findings = unsafe_markup(text, iframe_hosts=project.iframe_hosts)
    problems = [entry_diagnostic(entry, project, f, loc, "RRMA028", f.message, f.hint or "écrivez du Markdown simple ; le contenu retiré n'apparaîtra pas sur le site")
                for f in findings]
    if (deep := deep_nesting(text)) is not None:
        problems.append(entry_diagnostic(entry, project, deep, loc, "RRMA031", deep.message, deep.hint))
    return problems


def entry_diagnostic(entry: Entry[Any], project: Project, finding: Finding, loc: Loc | None, code: str, message: str, hint: str) -> Diagnostic:
    """A finding in contributed Markdown (the body, or the YAML field ``loc``), at its line and column in the file."""
    if loc is None:
        first_line, first_column, name = entry.body_line, 1, "texte"
    else:
        span = entry.positions.value(loc)
        scalar = entry.positions.scalars.get(loc)
        block = scalar is not None and scalar.style in ("|", ">")
        first_line, first_column, name = span.line + (1 if block else 0), 1 if block else span.column, field_name(loc)
    indent = 0
    if loc is not None and first_column == 1:  # block scalar: content is indented in the file
        indent = _block_indent(entry, project, first_line + finding.line)
    column = (finding.column + indent + 1) if finding.line or first_column == 1 else finding.column + first_column
    return Diagnostic(entry.path, first_line + finding.line, column, code, name, message, hint)


def _block_indent(entry: Entry[Any], project: Project, line: int) -> int:
    try:
        text = (project.root / entry.path).read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")[line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return 0
    return len(text) - len(text.lstrip(" "))


def ref(target: str) -> dict[str, str]:
    """Field metadata naming what a field refers to (a taxonomy or ``networks``).

    The one declaration both the link pass and the JSON Schemas read.
    """
    return {"x-ref": target}


def ref_target(info: Any) -> str | None:
    extra = info.json_schema_extra
    return extra.get("x-ref") if isinstance(extra, dict) else None


def references(data: BaseModel) -> Iterator[Reference]:
    """Every reference in ``data``, found through the fields' ``ref`` metadata."""
    for name, info in type(data).model_fields.items():
        target = ref_target(info)
        value = getattr(data, name, None)  # None too where a file with errors left the field out
        key = info.alias or name
        if target is None or value is None or (isinstance(value, list) and any(isinstance(v, BaseModel) for v in value)):
            continue  # nested models (an organiser, an event's places) are walked below
        if isinstance(value, dict):  # a breakdown keyed by codes (the observatory's): its keys are checked where it is defined
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield Reference((key, index), target, item)
        else:
            yield Reference((key,), target, value)
    for name, info in type(data).model_fields.items():  # nested models: an organiser's `network`…
        value = getattr(data, name, None)
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, BaseModel):
                loc = (info.alias or name, index) if isinstance(value, list) else (info.alias or name,)
                yield from (Reference((*loc, *r.loc), r.target, r.value) for r in references(item))
