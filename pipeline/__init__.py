"""health-policy-nlp: Russian health-policy texts in, a queryable dataset out.

`pipeline.load(path)` gives the dataset's tables as pandas DataFrames. It is imported here at module level:
`pipeline.analyst.tables` imports only `pathlib` and `pipeline.paths` until it is called (pandas and pyarrow
load inside `load`), so every command still starts as fast (`python -X importtime -c "import pipeline"`).
"""

from pipeline.analyst.tables import load

__version__ = "0.1.0"
__all__ = ["load", "__version__"]
