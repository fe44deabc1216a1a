"""The project's folders in one place; CLI defaults come from here."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
RESOURCES = PACKAGE_DIR / "data"
SCHEMA_SQL = PACKAGE_DIR / "store" / "schema.sql"
VIEWS_SQL = PACKAGE_DIR / "store" / "views.sql"
FILL_SQL = PACKAGE_DIR / "store" / "fill.sql"
QUERIES = PACKAGE_DIR / "analyst" / "queries"

CORPUS = ROOT / "corpus"
RAW = CORPUS / "raw"
ORG_REGISTRY = CORPUS / "organizations.csv"
THEMES_DIR = CORPUS / "themes"
CODEBOOK = THEMES_DIR / "codebook.toml"
LABELLED = THEMES_DIR / "labelled.csv"

MODELS = ROOT / "models"
THEME_MODEL = MODELS / "themes.joblib"
THEME_CARD = MODELS / "themes.card.json"

DATA = ROOT / "data"
INTERIM = DATA / "interim"
