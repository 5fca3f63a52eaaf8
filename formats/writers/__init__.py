"""Writers of the raw formats from numpy columns (the inverse of formats.fast), for the demo simulation and tests.

Each writer takes the columns the matching fast reader yields, so
write -> read gives the same values back; optional fields have documented
defaults.
"""

from formats.writers.grande import write_grande
from formats.writers.hiscore import write_hiscore
from formats.writers.iact import write_iact
from formats.writers.kascade_grande import write_kascade_grande
from formats.writers.tunka_link import write_links

__all__ = ["write_grande", "write_hiscore", "write_iact", "write_kascade_grande", "write_links"]
