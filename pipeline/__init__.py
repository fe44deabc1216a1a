"""health-policy-nlp: Russian health-policy texts in, a queryable dataset out."""

__version__ = "0.1.0"
