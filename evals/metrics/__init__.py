"""One module per metric; each metric is a pure function over answer dicts
(``Answer.to_json()``) and plain expected values, unit-tested in tests/evals/."""
