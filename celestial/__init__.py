"""Astronomy helpers shared by every layer: observatory sites, HEALPix, time scales, sky frames.

The lowest layer of the project (see docs/contracts.md): it imports only
well-kept libraries (astropy, astropy-healpix, mocpy), never a package of ours.
"""
