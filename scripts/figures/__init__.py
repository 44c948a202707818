"""The verification report's machinery, driven by scripts/make-figures.

  runner.py   runs `boreas run DECK key=value ... --output DIR` under mpirun,
              at most as many ranks at once as it is given;
  report.py   Markdown of numbers (tables, formats) and the index page;
  stamp.py    the files whose content the report depends on, hashed per
              case (the staleness test, tests/docs/check_verification_current.py,
              recomputes the same hashes);
  cases.py    the registry: every case of every app, in report order;
  heat.py, poisson.py, decay.py, ns.py, advection.py, shallow_water.py
              the cases: which decks they run with which overrides, what they
              measure, the figures, and the report section written from the
              measured numbers (the ns and shallow-water analyses are the
              functions of scripts/ns_figures.py and
              scripts/shallow_water_figures.py).
"""
