"""The error catalogue: every diagnostic code with its French title and hint.

Keyed by code, never by message text (the lesson of RenderCV's matching on
pydantic wording). ``docs`` pages and the CLI's ``--explain`` read it too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    hint: str


_ENTRIES = [
    Entry("RRMA001", "encodage invalide", "enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer avec l'encodage » → UTF-8)"),
    Entry("RRMA002", "fichier vide", "remplissez le fichier à partir du modèle (`rrma new`) ou supprimez-le"),
    Entry("RRMA003", "métadonnées absentes", "commencez le fichier par une ligne `---`, les métadonnées, puis une autre ligne `---`"),
    Entry("RRMA004", "métadonnées non fermées", "ajoutez une ligne `---` seule après la dernière métadonnée, avant le texte"),
    Entry("RRMA005", "syntaxe YAML invalide", "vérifiez l'indentation, les deux-points après chaque nom de champ et les guillemets"),
    Entry("RRMA006", "tabulation dans l'indentation", "YAML n'accepte que des espaces pour indenter : remplacez la tabulation par des espaces"),
    Entry("RRMA007", "champ en double", "gardez une seule fois ce champ (YAML ne garderait que la dernière valeur)"),
    Entry("RRMA008", "nom de fichier invalide", "le nom du fichier devient l'adresse de la page : minuscules, chiffres et tirets seulement"),
    Entry("RRMA009", "identifiant en double", "deux éléments ne peuvent pas avoir le même identifiant : renommez l'un des deux"),
    Entry("RRMA010", "champ obligatoire absent", "ajoutez ce champ"),
    Entry("RRMA011", "champ inconnu", "corrigez le nom du champ ou supprimez-le (voir la liste des champs dans CONTRIBUTING.md)"),
    Entry("RRMA012", "type de valeur incorrect", "vérifiez la forme attendue pour ce champ"),
    Entry("RRMA013", "valeur YAML ambiguë", "mettez la valeur entre guillemets pour qu'elle soit lue comme du texte"),
    Entry("RRMA014", "date invalide", "écrivez la date sous la forme AAAA-MM-JJ (et l'heure HH:MM), par exemple 2026-11-14 ou 2026-11-14 09:30"),
    Entry("RRMA015", "fin avant le début", "vérifiez les champs `start` et `end`"),
    Entry("RRMA016", "référence inconnue", "utilisez un identifiant existant ; pour en ajouter un, complétez le fichier de taxonomie ou le dossier concerné"),
    Entry("RRMA017", "adresse web invalide", "écrivez l'adresse complète, commençant par https:// (ou http:// pour un site qui n'a pas d'adresse https)"),
    Entry("RRMA018", "adresse e-mail invalide", "écrivez une adresse de la forme nom@domaine.fr"),
    Entry("RRMA019", "fichier introuvable", "ajoutez le fichier dans le dépôt ou corrigez son chemin"),
    Entry("RRMA020", "fichier trop volumineux", "réduisez le fichier (export PDF « taille réduite », image compressée) ou publiez-le ailleurs et donnez son adresse avec `url`"),
    Entry("RRMA021", "chemin non autorisé", "donnez un chemin relatif à l'intérieur du dossier prévu, sans `..`"),
    Entry("RRMA022", "valeur hors limites", "respectez la taille ou les bornes indiquées"),
    Entry("RRMA023", "valeur non autorisée", "choisissez l'une des valeurs proposées"),
    Entry("RRMA024", "informations incohérentes", "complétez ou corrigez les champs liés"),
    Entry("RRMA025", "fichier inattendu", "les fichiers de ce dossier doivent avoir l'extension indiquée"),
    Entry("RRMA026", "structure YAML inattendue", "le fichier doit contenir une suite de champs `nom: valeur`"),
    Entry("RRMA028", "HTML non autorisé", "écrivez du Markdown simple : le contenu retiré n'apparaîtra pas sur le site"),
    Entry("RRMA029", "lien vers une page ou un fichier introuvable", "pour un site extérieur, écrivez l'adresse complète (https://…) ; pour une page du portail, le nom de son fichier (`autre-ressource.md`)"),
    Entry("RRMA027", "construction YAML non prise en charge", "écrivez la valeur en entier, sans ancre, fusion ni étiquette YAML"),
    Entry("RRMA030", "fichier illisible", "remplacez le lien symbolique par le fichier lui-même (ou corrigez sa cible), ou rendez le fichier lisible ; sinon supprimez-le"),
    Entry("RRMA031", "imbrication trop profonde", "écrivez la valeur sur quelques niveaux, comme dans le modèle (`rrma new`) : une liste de textes, ou une liste de champs `- file: …`"),
    Entry("RRMA032", "alias YAML démesurés", "écrivez chaque valeur en entier, sans ancre `&` ni alias `*` : un fichier de contenu n'en a pas besoin"),
    Entry("RRMA033", "appel déjà clôturé", "c'est possible, pour garder trace de ce qui a été financé ; sinon, vérifiez la date de clôture"),
    Entry("RRMA034", "structure nommée autrement ailleurs", "écrivez le nom de la structure comme les autres fiches du portail"),
]

# Codes that are notices, not errors: reported, but they neither fail `rrma check` nor stop a build.
NOTICES = frozenset({"RRMA033"})

CATALOGUE: dict[str, Entry] = {entry.code: entry for entry in _ENTRIES}


def hint_for(code: str) -> str:
    return CATALOGUE[code].hint


def is_notice(code: str) -> bool:
    return code in NOTICES
