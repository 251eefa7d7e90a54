"""Pydantic errors → diagnostics at the right line and column, in French.

Keyed on each error's ``type`` (never its English text). ``missing`` points at
the parent mapping; an unknown field points at its key and suggests the
closest allowed name; a YAML 1.1 surprise (``no``, ``on``, ``12:30``, ``1e3``
where text is expected) says what YAML read and how to quote it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .catalogue import hint_for
from .diagnostics import Diagnostic
from .suggest import did_you_mean
from .wording import plural
from .yamlpos import Loc, Positions, Scalar

_KIND = {bool: "un booléen (vrai/faux)", int: "un nombre", float: "un nombre", list: "une liste", dict: "un groupe de champs", type(None): "une valeur vide"}


def describe(value: Any) -> str:
    for kind, name in _KIND.items():
        if type(value) is kind:
            return name
    return "du texte"


def _clean_loc(loc: tuple[Any, ...], data: Any) -> Loc:
    """Keep only the parts of ``loc`` that walk the data (drop union branches…)."""
    kept: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, dict) and isinstance(part, str):
            if part in current:
                kept.append(part)
                current = current[part]
            elif last:
                kept.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            kept.append(part)
            current = current[part]
    return tuple(kept)


def field_name(loc: Loc) -> str:
    return ".".join(p for p in loc if isinstance(p, str))


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class describing the mapping at ``loc`` (for suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = _fields_by_alias(current).get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _fields_by_alias(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info for name, info in model.model_fields.items()}


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _surprise(scalar: Scalar | None, value: Any) -> str | None:
    """Explain a YAML 1.1 reading of an unquoted scalar, or None."""
    if scalar is None or not scalar.plain:
        return None
    raw = scalar.raw
    if isinstance(value, bool):
        meaning = "vrai" if value else "faux"
        return f"« {raw} » sans guillemets est lu par YAML comme le booléen {meaning}, pas comme du texte"
    if isinstance(value, int) and ":" in raw:
        return f"« {raw} » sans guillemets est lu par YAML comme le nombre {value} (base 60), pas comme du texte"
    if isinstance(value, (int, float)):
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        return f"« {raw} » sans guillemets est lu par YAML comme le nombre {shown}, pas comme du texte"
    return None


# How a list left empty (or too short) starts its message: rrma.kinds.site adds the choices to it.
SHORT_LIST = "liste vide ou trop courte"


def _num(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _expected(info: Any) -> str:
    return (getattr(info, "description", None) or "").rstrip(".")


def diagnostics_from_error(
    error: ValidationError, *, model: type[BaseModel], data: Any, positions: Positions, path: str
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for item in error.errors(include_url=False):
        kind: str = item["type"]
        loc = _clean_loc(item["loc"], data)
        name = field_name(loc)
        value = item.get("input")
        ctx = item.get("ctx") or {}
        span = positions.value(loc)
        code, message, hint = "RRMA012", "", ""

        if kind.startswith("rrma."):
            code, message, hint = ctx["code"], ctx["message"], ctx.get("hint") or hint_for(ctx["code"])
        elif kind == "missing":
            span = positions.parent(loc)
            owner = _model_at(model, loc[:-1])
            info = _fields_by_alias(owner).get(loc[-1]) if owner else None
            expected = _expected(info)
            code = "RRMA010"
            message = "champ obligatoire absent" + (f", attendu : {expected}" if expected else "")
            hint = f"ajoutez une ligne `{loc[-1]}: …`"
        elif kind == "extra_forbidden":
            span = positions.key(loc)
            owner = _model_at(model, loc[:-1])
            allowed = sorted(_fields_by_alias(owner)) if owner else []
            code = "RRMA011"
            renamed = getattr(owner, "RENAMED", {}).get(loc[-1]) if owner else None
            if renamed is not None:  # a field that became a list under another name: the exact line to write
                items = value if isinstance(value, list) else [value]
                written = f"{renamed}: [{', '.join(str(v) for v in items)}]"
                message = f"le champ « {loc[-1]} » est devenu « {renamed} », une liste, attendu `{written}`"
                hint = f"remplacez la ligne par `{written}`"
            else:
                message = f"champ « {loc[-1]} » inconnu" + did_you_mean(str(loc[-1]), allowed)
                hint = "champs possibles ici : " + ", ".join(allowed) if allowed else hint_for(code)
        elif kind in ("string_type",):
            scalar = positions.scalars.get(loc)
            surprise = _surprise(scalar, value)
            if surprise and scalar is not None:
                code, message = "RRMA013", surprise + ", attendu du texte"
                written = f"{loc[-1]}: " if isinstance(loc[-1], str) else "- "  # a field, or a list item
                hint = f'mettez la valeur entre guillemets : `{written}"{scalar.raw}"`'
            else:
                message = f"reçu {describe(value)}, attendu du texte"
                hint = hint_for(code)
        elif kind in ("int_type", "int_parsing", "int_from_float"):
            message = f"« {value} » n'est pas un nombre entier, attendu un nombre entier"
        elif kind in ("bool_type", "bool_parsing"):
            message = f"« {value} » n'est pas un booléen, attendu `true` ou `false`"
            hint = "écrivez `true` (oui) ou `false` (non), sans guillemets"
        elif kind in ("float_type", "float_parsing"):
            message = f"« {value} » n'est pas un nombre, attendu un nombre décimal (avec un point : 45.76)"
        elif kind == "list_type":
            message = f"reçu {describe(value)}, attendu une liste"
            hint = "écrivez chaque élément sur sa ligne, précédé de `- `, ou entre crochets : [a, b]"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = f"reçu {describe(value)}, attendu un groupe de champs (`nom: valeur` indentés)"
            hint = hint_for("RRMA026")
        elif kind == "too_short":
            code = "RRMA022"
            message = f"{SHORT_LIST}, attendu au moins {plural(ctx.get('min_length', 1), 'élément', 'éléments')}"
            hint = "ajoutez un élément à la liste"
        elif kind == "too_long":
            code = "RRMA022"
            message = f"liste trop longue, attendu au plus {plural(ctx.get('max_length', 0), 'élément', 'éléments')}"
            hint = "retirez des éléments de la liste"
        elif kind == "string_too_long":
            code = "RRMA022"
            message = f"texte trop long ({len(value)} caractères), attendu au plus {ctx.get('max_length')} caractères"
            hint = "raccourcissez ce texte ; le détail a sa place dans le corps du fichier"
        elif kind == "string_too_short":
            code = "RRMA010"
            message = "la valeur est vide, attendu un texte"
            hint = "écrivez le texte ou supprimez le champ s'il est facultatif"
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            code = "RRMA022"
            low, high = _num(ctx.get("ge")), _num(ctx.get("le"))
            bounds = f"entre {low} et {high}" if low is not None and high is not None else f"{'≥ ' + str(low) if low is not None else '≤ ' + str(high)}"
            message = f"{value} est hors limites" + (f", attendu une valeur {bounds}" if bounds else "")
            hint = hint_for(code)
        elif kind in ("literal_error", "enum"):
            code = "RRMA023"
            expected = str(ctx.get("expected", ""))
            options = _choices(expected)
            message = f"« {value} » n'est pas une valeur autorisée, attendu l'une de : {', '.join(options)}" + did_you_mean(str(value), options)
            hint = hint_for(code)
        elif kind == "string_pattern_mismatch":
            message = f"« {value} » n'a pas la forme attendue"
        else:  # a type we have not translated yet: keep pydantic's words, still at the right place
            message = item["msg"]
        found.append(Diagnostic(path, span.line, span.column, code, name, message, hint or hint_for(code)))
    return found


# A choice as pydantic writes it in « expected »: its repr, in single quotes, or in double quotes when it has one (« "l'" »).
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def _choices(expected: str) -> list[str]:
    """The allowed values listed in pydantic's « 'le', 'la', 'les' or "l'" » (numbers: « 1, 2 or 3 »)."""
    quoted = [single or double for single, double in _QUOTED.findall(expected)]
    if quoted:
        return quoted
    return [o.strip() for o in expected.replace(" or ", ", ").split(",") if o.strip()]
