"""The demo catalogue: the procedures a province and its communes handle most, curated by the
project from public facts (national codes, names, times, fees, papers and legal bases as the
national database of administrative procedures publishes them), with the demo province's internal
processes. ``procedures_load_demo()`` in ``loader.py`` loads it; ``manage.py load_demo`` calls it.
"""
