"""Kiln metric logging for Python stages.

Appends one JSON line per point to the file named by $KILN_METRICS, which Kiln tails while the
stage runs. Standard library only; safe to copy next to your code.

    from kiln_metrics import log_metric
    log_metric("loss", 0.12, step=3)
"""
import json
import math
import os
import sys
import time

_FILE = os.environ.get("KILN_METRICS")
_steps = {}
_warned = False


def log_metric(metric, value, step=None):
    """Log `value` of `metric` at `step` (default: one more than the last step of that metric)."""
    global _warned
    if not isinstance(metric, str) or not metric:
        raise TypeError("metric name must be a non-empty string")
    if step is None:
        step = _steps.get(metric, -1) + 1
    _steps[metric] = step
    value = float(value)
    # JSON has no NaN/Infinity: Kiln reads them back from these strings
    v = value if math.isfinite(value) else ("NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity"))
    line = json.dumps({"metric": metric, "step": step, "value": v, "ts": time.time() * 1000}) + "\n"
    if not _FILE:
        if not _warned:
            sys.stderr.write("kiln_metrics: $KILN_METRICS is not set (not running under Kiln); metrics go to stdout\n")
            _warned = True
        sys.stdout.write(line)
        return
    with open(_FILE, "a", encoding="utf-8") as f:
        f.write(line)


def log_metrics(values, step=None):
    """Log several metrics at one step: log_metrics({"loss": 0.1, "acc": 0.9}, step=3)."""
    for k, v in values.items():
        log_metric(k, v, step)
